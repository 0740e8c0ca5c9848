// Allow rules in Claude Code's own syntax (`Bash`, `Bash(npm test:*)`, `Edit(src/**)`), as
// Switchboard reads them: whether a task's rules cover a tool request, the narrow rule "Always
// allow" remembers for a request (and the wider ones a person may choose on purpose), and the
// words that show a rule. Pure: the engine decides with it, the panel shows with it.
import { splitCommand } from './shell-command';

export const BASH_TOOL = 'Bash';
/** Tools whose input names the file they change; an `Edit(…)` rule covers them all. */
export const FILE_EDIT_TOOLS = ['Write', 'Edit', 'MultiEdit', 'NotebookEdit'];
/** Requests no rule ever answers: questions and plans always reach the person. */
const NEVER_BY_RULE = new Set(['AskUserQuestion', 'ExitPlanMode']);

/**
 * Commands that run other code given to them (a shell, an interpreter, a wrapper): a prefix rule
 * for them would allow anything, so "Always allow" remembers the exact command instead.
 */
const RUNS_ANY_CODE = new Set(
  [
    'sh bash zsh fish dash ksh python python3 node deno bun ruby perl php lua env sudo su',
    'doas xargs eval exec command builtin nohup timeout time nice watch npx bunx pnpx find',
    'awk gawk sed ssh source .',
  ]
    .join(' ')
    .split(' '),
);
/** Commands whose second word picks what they do (`git status`, `npm test`). */
const HAS_SUBCOMMANDS = new Set(
  [
    'git npm pnpm yarn cargo go docker podman kubectl pip pip3 gh brew apt apt-get dotnet mvn',
    'gradle poetry uv make composer bundle terraform helm systemctl rustup swift flutter mix',
  ]
    .join(' ')
    .split(' '),
);
/** Package managers whose `run <script>` names the script that runs. */
const RUNS_SCRIPTS = new Set(['npm', 'pnpm', 'yarn']);

export interface ParsedRule {
  tool: string;
  /** What is inside the parentheses; null for a bare tool name (any call of that tool). */
  spec: string | null;
}

export function parseRule(rule: string): ParsedRule | null {
  const match = /^([A-Za-z0-9_*.-]+)(?:\(([\s\S]*)\))?$/.exec(rule.trim());
  if (!match?.[1]) return null;
  const spec = match[2];
  return { tool: match[1], spec: spec === undefined || spec === '*' ? null : spec };
}

/** Whether any of `rules` covers the request. `workdir` anchors relative path rules. */
export function rulesCover(
  rules: readonly string[],
  toolName: string,
  input: Record<string, unknown>,
  workdir: string,
): boolean {
  if (NEVER_BY_RULE.has(toolName)) return false;
  const parsed = rules.map(parseRule).filter((rule): rule is ParsedRule => rule !== null);
  if (toolName === BASH_TOOL) return bashCovered(parsed, stringOf(input.command));
  return parsed.some((rule) => ruleCoversTool(rule, toolName, input, workdir));
}

function ruleCoversTool(
  rule: ParsedRule,
  toolName: string,
  input: Record<string, unknown>,
  workdir: string,
): boolean {
  const isFileEdit = FILE_EDIT_TOOLS.includes(toolName);
  const sameTool =
    rule.tool === toolName ||
    (rule.tool === 'Edit' && isFileEdit) ||
    mcpServerCovers(rule.tool, toolName);
  if (!sameTool) return false;
  if (rule.spec === null) return true;
  if (isFileEdit) {
    const path = filePathOf(input);
    return path !== null && pathMatches(rule.spec, resolvePath(workdir, path), workdir);
  }
  if (toolName === 'WebFetch' && rule.spec.startsWith('domain:')) {
    return hostOf(stringOf(input.url)) === rule.spec.slice('domain:'.length).toLowerCase();
  }
  // A rule whose inside Switchboard cannot read covers nothing: it asks instead.
  return false;
}

/** `mcp__server` and `mcp__server__*` cover every tool of that MCP server. */
function mcpServerCovers(ruleTool: string, toolName: string): boolean {
  if (!ruleTool.startsWith('mcp__')) return false;
  const server = ruleTool.endsWith('__*') ? ruleTool.slice(0, -3) : ruleTool;
  return server.split('__').length === 2 && toolName.startsWith(`${server}__`);
}

function bashCovered(rules: ParsedRule[], command: string): boolean {
  const bash = rules.filter((rule) => rule.tool === BASH_TOOL);
  if (bash.some((rule) => rule.spec === null)) return true;
  const whole = command.trim();
  if (whole === '') return false;
  if (bash.some((rule) => rule.spec !== null && rule.spec.trim() === whole)) return true;
  const parts = splitCommand(whole);
  if (parts === null || parts.length === 0) return false;
  // Every simple command must be covered on its own: `npm test && rm -rf ~` is not `npm test`.
  return parts.every((part) =>
    bash.some((rule) => rule.spec !== null && specCoversPart(rule.spec, part)),
  );
}

function specCoversPart(spec: string, part: { text: string; writesFile: boolean }): boolean {
  const wanted = spec.trim();
  if (wanted === part.text) return true;
  // A wider rule never lets a command write into a file it does not name.
  if (part.writesFile) return false;
  if (wanted.endsWith(':*')) {
    const prefix = wanted.slice(0, -2).trim();
    return part.text === prefix || new RegExp(`^${escapeRegExp(prefix)}\\s`).test(part.text);
  }
  if (wanted.includes('*')) {
    const pattern = wanted.split('*').map(escapeRegExp).join('.*');
    return new RegExp(`^${pattern}$`, 's').test(part.text);
  }
  return false;
}

/** One way "Always allow" can remember a request, narrowest first. */
export interface AlwaysChoice {
  scope: AlwaysScope;
  /** The rules added to the task (a compound command needs one per part). */
  rules: string[];
  /** What it allows, in words. */
  label: string;
  /** Said plainly before a wide choice is made; null for the request's own size. */
  warning: string | null;
}

export const ALWAYS_SCOPES = ['request', 'exact', 'folder', 'tool'] as const;
export type AlwaysScope = (typeof ALWAYS_SCOPES)[number];

/** The ways to always allow a request, narrowest (the default) first; [] for questions and plans. */
export function alwaysAllowChoices(
  toolName: string,
  input: Record<string, unknown>,
  workdir: string,
): AlwaysChoice[] {
  if (NEVER_BY_RULE.has(toolName)) return [];
  if (toolName === BASH_TOOL) return bashChoices(stringOf(input.command).trim());
  if (FILE_EDIT_TOOLS.includes(toolName)) {
    const path = filePathOf(input);
    if (path !== null) return fileChoices(resolvePath(workdir, path), workdir);
  }
  const any: AlwaysChoice = {
    scope: 'tool',
    rules: [toolName],
    label: `Any ${toolName} call`,
    warning: null,
  };
  if (toolName === 'WebFetch') {
    const host = hostOf(stringOf(input.url));
    if (host !== null) {
      return [
        {
          scope: 'request',
          rules: [`WebFetch(domain:${host})`],
          label: `Fetching pages from ${host}`,
          warning: null,
        },
        { ...any, label: 'Fetching any web page', warning: 'The agent can fetch any address.' },
      ];
    }
  }
  return [any];
}

function bashChoices(command: string): AlwaysChoice[] {
  const any: AlwaysChoice = {
    scope: 'tool',
    rules: [BASH_TOOL],
    label: 'Any Bash command',
    warning: 'The agent can run anything, with your permissions, without asking.',
  };
  if (command === '') return [any];
  const exact: AlwaysChoice = {
    scope: 'exact',
    rules: [`Bash(${command})`],
    label: 'Exactly this command',
    warning: null,
  };
  const parts = splitCommand(command);
  if (parts === null || parts.length === 0) return [exact, any];
  const rules = unique(parts.map((part) => narrowBashRule(part)));
  if (rules.length === 1 && rules[0] === exact.rules[0]) return [exact, any];
  const request: AlwaysChoice = {
    scope: 'request',
    rules,
    label: rules.map(describeRule).join('; '),
    warning: null,
  };
  return [request, exact, any];
}

/** The narrowest useful rule for one simple command: its prefix, or the exact text. */
export function narrowBashRule(part: { text: string; writesFile: boolean }): string {
  const words = part.text.split(/\s+/);
  const first = words[0] ?? '';
  const plain = /^[A-Za-z0-9_][A-Za-z0-9_.+-]*$/;
  // An assignment, a path or an interpreter first: only this exact command.
  if (part.writesFile || !plain.test(first) || RUNS_ANY_CODE.has(first)) {
    return `Bash(${part.text})`;
  }
  const prefix = [first];
  const second = words[1];
  if (HAS_SUBCOMMANDS.has(first)) {
    // `git -c …` and the like change what the command does: only this exact command.
    if (second === undefined || !/^[a-z][a-z0-9:_-]*$/.test(second)) return `Bash(${part.text})`;
    prefix.push(second);
    const third = words[2];
    if (RUNS_SCRIPTS.has(first) && second === 'run' && third !== undefined && plain.test(third)) {
      prefix.push(third);
    }
  }
  return `Bash(${prefix.join(' ')}:*)`;
}

function fileChoices(path: string, workdir: string): AlwaysChoice[] {
  const inside = relativeInside(workdir, path);
  const any: AlwaysChoice = {
    scope: 'tool',
    rules: ['Edit'],
    label: 'Any file, anywhere',
    warning: 'The agent can change any file your account can change, without asking.',
  };
  if (inside === null) {
    const folder = dirnameOf(path);
    return [
      {
        scope: 'request',
        rules: [`Edit(/${path})`],
        label: `Changes to ${path}`,
        warning: null,
      },
      {
        scope: 'folder',
        rules: [`Edit(/${folder === '/' ? '' : folder}/**)`],
        label: `Changes to any file under ${folder}`,
        warning: 'This folder is outside the task’s folder.',
      },
      any,
    ];
  }
  const folder = dirnameOf(inside);
  const folderRule = folder === '.' ? 'Edit(**)' : `Edit(${folder}/**)`;
  return [
    { scope: 'request', rules: [`Edit(${inside})`], label: `Changes to ${inside}`, warning: null },
    {
      scope: 'folder',
      rules: [folderRule],
      label:
        folder === '.'
          ? 'Changes to any file in the task’s folder'
          : `Changes to any file under ${folder}/`,
      warning: null,
    },
    any,
  ];
}

/** A rule in words, for the task page and the toast. */
export function describeRule(rule: string): string {
  const parsed = parseRule(rule);
  if (!parsed) return rule;
  const { tool, spec } = parsed;
  if (tool === BASH_TOOL) {
    if (spec === null) return 'Any Bash command (the agent can run anything)';
    if (spec.endsWith(':*')) return `Bash commands starting with “${spec.slice(0, -2).trim()}”`;
    if (spec.includes('*')) return `Bash commands like “${spec}”`;
    return `The Bash command “${spec}”`;
  }
  if (tool === 'Edit') {
    if (spec === null) return 'Changes to any file, anywhere';
    if (spec === '**') return 'Changes to any file in the task’s folder';
    if (spec.startsWith('//')) return `Changes to ${spec.slice(1)}`;
    return `Changes to ${spec} in the task’s folder`;
  }
  if (spec === null) return `Any ${tool} call`;
  if (tool === 'WebFetch' && spec.startsWith('domain:')) {
    return `Fetching pages from ${spec.slice('domain:'.length)}`;
  }
  return `${tool} calls matching ${spec}`;
}

/**
 * Whether a path rule matches an absolute path. `//x` is absolute; anything else (`x`, `./x`,
 * `/x`) is relative to the run's working folder, as project rules are in Claude Code.
 */
function pathMatches(spec: string, path: string, workdir: string): boolean {
  if (spec.startsWith('~')) return false;
  const pattern = spec.startsWith('//')
    ? normalize(spec.slice(1))
    : resolvePath(workdir, spec.replace(/^\/+/, ''));
  return globToRegExp(pattern).test(path);
}

function globToRegExp(glob: string): RegExp {
  let source = '';
  for (let i = 0; i < glob.length; i++) {
    const char = glob.charAt(i);
    if (char === '*' && glob.charAt(i + 1) === '*') {
      // `dir/**` also matches `dir` itself and everything below it.
      if (glob.charAt(i + 2) === '/') {
        source += '(?:.*/)?';
        i += 2;
      } else {
        source += '.*';
        i += 1;
      }
    } else if (char === '*') source += '[^/]*';
    else if (char === '?') source += '[^/]';
    else source += escapeRegExp(char);
  }
  return new RegExp(`^${source}$`, 's');
}

function filePathOf(input: Record<string, unknown>): string | null {
  const path = input.file_path ?? input.notebook_path;
  return typeof path === 'string' && path.trim() !== '' ? path : null;
}

/** `path` made absolute against `base` and normalized (no `.`, `..` or doubled `/`). */
export function resolvePath(base: string, path: string): string {
  return normalize(path.startsWith('/') ? path : `${base}/${path}`);
}

function normalize(path: string): string {
  const out: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') out.pop();
    else out.push(segment);
  }
  return `/${out.join('/')}`;
}

/** `path` relative to `folder` when it lies inside it, else null. */
export function relativeInside(folder: string, path: string): string | null {
  const base = normalize(folder);
  const full = normalize(path);
  if (full === base) return null;
  const prefix = base === '/' ? '/' : `${base}/`;
  return full.startsWith(prefix) ? full.slice(prefix.length) : null;
}

function dirnameOf(path: string): string {
  const at = path.lastIndexOf('/');
  if (at === -1) return '.';
  return at === 0 ? '/' : path.slice(0, at);
}

function hostOf(url: string): string | null {
  const match = /^[a-z][a-z0-9+.-]*:\/\/([^/?#:@]+(?:@[^/?#:]+)?)/i.exec(url.trim());
  const host = match?.[1]?.split('@').pop();
  return host ? host.toLowerCase() : null;
}

function stringOf(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
