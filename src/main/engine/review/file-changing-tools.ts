// Which tool calls may change files, as a Claude Code hook matcher: the review's start hook (and
// the warm spare's hook that hands calls on to it) runs only for those, so a Read, Grep or Glob
// needs no round trip to the engine. A tool counts as read-only only when it is known to be one;
// Bash, the file tools, MCP tools (mcp__*) and tools this list does not know may change files.

/** Tools whose input names the file they change. */
export const FILE_TOOLS = ['Write', 'Edit', 'MultiEdit', 'NotebookEdit'] as const;

/** Claude Code's tools that change no files. */
export const READ_ONLY_TOOLS = [
  'Read',
  'Glob',
  'Grep',
  'LS',
  'NotebookRead',
  'WebFetch',
  'WebSearch',
  'TodoWrite',
  'AskUserQuestion',
  'ExitPlanMode',
  'EnterPlanMode',
  'ToolSearch',
] as const;

/**
 * Every tool name but the read-only ones. Claude Code reads a matcher with characters other than
 * letters, digits, `_`, `|` and `,` as a JavaScript regex; anchoring the names inside the
 * lookahead keeps `Write` selected while `TodoWrite` is not.
 */
export const FILE_CHANGING_MATCHER = `^(?!(?:${READ_ONLY_TOOLS.join('|')})$)`;

const NAME_LIST = /^[a-zA-Z0-9_|, -]+$/;

/**
 * Whether a hook matcher selects a tool, read as Claude Code reads it: none, empty or `*` selects
 * every tool; names joined by `|` or `,` select exactly those; anything else is a regex.
 */
export function matcherSelects(matcher: string | undefined, toolName: string): boolean {
  if (matcher === undefined || matcher === '' || matcher === '*') return true;
  if (NAME_LIST.test(matcher)) {
    return matcher
      .split(/[|,]/)
      .map((name) => name.trim())
      .includes(toolName);
  }
  try {
    return new RegExp(matcher).test(toolName);
  } catch {
    return false;
  }
}
