// The review's session hooks: every tool call waits until the run's start is recorded, file tools
// then note their path (saved before their first change outside git), other tools note nothing.
import type { HookInput } from '@anthropic-ai/claude-agent-sdk';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  FILE_CHANGING_MATCHER,
  matcherSelects,
} from '../../../../src/main/engine/review/file-changing-tools';
import {
  readManifest,
  TouchedFiles,
  touchedFilesHooks,
} from '../../../../src/main/engine/review/touched-files';
import { tempDir } from '../../../support/claude-env';

function preToolUse(toolName: string, toolInput: Record<string, unknown>, cwd: string) {
  return {
    hook_event_name: 'PreToolUse',
    tool_name: toolName,
    tool_input: toolInput,
    cwd,
    session_id: 's',
    transcript_path: '',
  } as unknown as HookInput;
}

function callHook(hooks: ReturnType<typeof touchedFilesHooks>, input: HookInput): Promise<unknown> {
  const hook = hooks.PreToolUse?.[0]?.hooks[0];
  if (!hook) throw new Error('no PreToolUse hook');
  return hook(input, 'tu1', { signal: new AbortController().signal });
}

describe('touchedFilesHooks', () => {
  it('holds every tool call until the start is recorded, then notes what file tools touch', async () => {
    const folder = tempDir('plain');
    const state = tempDir('state');
    writeFileSync(join(folder, 'a.txt'), 'before\n');
    let recorded: (touched: TouchedFiles) => void = () => undefined;
    const starting = new Promise<TouchedFiles | null>((resolve) => (recorded = resolve));
    const hooks = touchedFilesHooks(starting, folder);
    expect(hooks.PreToolUse?.[0]?.matcher).toBe(FILE_CHANGING_MATCHER); // Bash included

    let bashDone = false;
    let writeDone = false;
    const bash = callHook(hooks, preToolUse('Bash', { command: 'rm a.txt' }, folder)).then(
      () => (bashDone = true),
    );
    const write = callHook(hooks, preToolUse('Write', { file_path: 'a.txt' }, folder)).then(
      () => (writeDone = true),
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect([bashDone, writeDone]).toEqual([false, false]);

    recorded(new TouchedFiles(state, true));
    await Promise.all([bash, write]);
    const manifest = readManifest(state);
    expect(manifest.files.map((f) => f.path)).toEqual([join(folder, 'a.txt')]);
    expect(readFileSync(join(state, 'originals', '0'), 'utf8')).toBe('before\n');
  });

  it('lets tools go on when the start could not be recorded', async () => {
    const folder = tempDir('plain');
    const hooks = touchedFilesHooks(Promise.resolve(null), folder);
    await expect(
      callHook(hooks, preToolUse('Write', { file_path: 'x.txt' }, folder)),
    ).resolves.toEqual({});
  });
});

describe('matcherSelects', () => {
  it('reads a matcher as Claude Code does: all, a list of exact names, or a regex', () => {
    expect(matcherSelects(undefined, 'Read')).toBe(true);
    expect(matcherSelects('*', 'Read')).toBe(true);
    expect(matcherSelects('Bash|Write', 'Write')).toBe(true);
    expect(matcherSelects('Bash|Write', 'TodoWrite')).toBe(false);
    expect(matcherSelects('Bash, Edit', 'Edit')).toBe(true);
    expect(matcherSelects('mcp__sb__.*', 'mcp__sb__touch')).toBe(true);
    expect(matcherSelects('(unclosed', 'Bash')).toBe(false);
  });

  it('selects the tools that may change files and none of the read-only ones', () => {
    const selected = (name: string) => matcherSelects(FILE_CHANGING_MATCHER, name);
    for (const name of ['Bash', 'Write', 'Edit', 'MultiEdit', 'NotebookEdit', 'mcp__x__y']) {
      expect(selected(name), name).toBe(true);
    }
    // Tools this list does not know may change files too (Monitor runs a command).
    expect(selected('Monitor')).toBe(true);
    for (const name of ['Read', 'Grep', 'Glob', 'LS', 'TodoWrite', 'WebFetch', 'ToolSearch']) {
      expect(selected(name), name).toBe(false);
    }
    // Anchored: a name that only starts or ends like a read-only one is not read-only.
    expect(selected('ReadWrite')).toBe(true);
    expect(selected('MyRead')).toBe(true);
  });
});
