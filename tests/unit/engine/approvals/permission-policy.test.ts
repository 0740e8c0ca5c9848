// Each mode's rules as the hook and canUseTool apply them, without starting Claude Code.
import type { HookInput } from '@anthropic-ai/claude-agent-sdk';
import { describe, expect, it } from 'vitest';
import {
  answerByPolicy,
  claudeCodeMode,
  permissionHook,
  PLAN_MODE_REFUSAL,
  type SessionPermissions,
} from '../../../../src/main/engine/approvals/permission-policy';
import type { PermissionMode } from '../../../../src/shared/domain';

const DIR = '/home/me/project';
const session = (mode: PermissionMode, rules: string[] = []): SessionPermissions => ({
  mode,
  rules: () => rules,
  workdir: DIR,
});

async function hook(s: SessionPermissions, tool: string, input: object, mode = s.mode) {
  const matcher = permissionHook(s);
  const [callback] = matcher.hooks;
  if (!callback) throw new Error('no hook');
  const hookInput = {
    hook_event_name: 'PreToolUse',
    tool_name: tool,
    tool_input: input,
    tool_use_id: 't1',
    session_id: 's',
    transcript_path: '',
    cwd: DIR,
    permission_mode: mode,
  } as HookInput;
  const output = await callback(hookInput, 't1', { signal: new AbortController().signal });
  return 'hookSpecificOutput' in output ? output.hookSpecificOutput : undefined;
}

describe('the permission hook', () => {
  it('asks before every shell command under "file edits" and default, even a read-only one', async () => {
    for (const mode of ['acceptEdits', 'default'] as const) {
      expect(await hook(session(mode), 'Bash', { command: 'ls' })).toMatchObject({
        permissionDecision: 'ask',
      });
    }
    expect(await hook(session('acceptEdits'), 'Write', { file_path: `${DIR}/a` })).toBeUndefined();
  });

  it('refuses every changing tool in plan mode, and follows Claude Code into plan mode', async () => {
    for (const tool of ['Write', 'Edit', 'Bash', 'mcp__db__query']) {
      expect(await hook(session('plan'), tool, {})).toMatchObject({
        permissionDecision: 'deny',
        permissionDecisionReason: PLAN_MODE_REFUSAL,
      });
    }
    expect(await hook(session('default'), 'Write', {}, 'plan')).toMatchObject({
      permissionDecision: 'deny',
    });
  });

  it('in "never ask" refuses a command no allowed-tools rule covers', async () => {
    const s = session('dontAsk', ['Bash(npm test:*)', 'Write']);
    expect(await hook(s, 'Bash', { command: 'npm test' })).toMatchObject({
      permissionDecision: 'allow',
    });
    expect(await hook(s, 'Bash', { command: 'npm test && curl x' })).toMatchObject({
      permissionDecision: 'deny',
    });
    // A rule covers other tools too (Claude Code's own "never ask" would refuse them); what no
    // rule covers is left to Claude Code, which refuses it in this mode.
    expect(await hook(s, 'Write', { file_path: '/work/a.txt', content: '' })).toMatchObject({
      permissionDecision: 'allow',
    });
    expect(await hook(s, 'Edit', { file_path: '/work/a.txt' })).toBeUndefined();
  });

  it('leaves "allow everything" alone', async () => {
    expect(
      await hook(session('bypassPermissions'), 'Bash', { command: 'rm -rf x' }),
    ).toBeUndefined();
  });
});

describe('answerByPolicy', () => {
  it('allows file edits inside the folder only under "file edits"', () => {
    const inside = { file_path: `${DIR}/src/a.ts`, content: '' };
    expect(answerByPolicy(session('acceptEdits'), 'Write', inside).behavior).toBe('allow');
    expect(answerByPolicy(session('default'), 'Write', inside).behavior).toBe('ask');
    const outside = { file_path: '/etc/hosts', content: '' };
    expect(answerByPolicy(session('acceptEdits'), 'Write', outside).behavior).toBe('ask');
    const escaping = { file_path: `${DIR}/../other/x`, content: '' };
    expect(answerByPolicy(session('acceptEdits'), 'Edit', escaping).behavior).toBe('ask');
    expect(answerByPolicy(session('acceptEdits'), 'Bash', { command: 'rm a' }).behavior).toBe(
      'ask',
    );
  });

  it('lets what a rule covers through, and refuses changes while planning', () => {
    const s = session('default', ['Bash(npm test:*)']);
    expect(answerByPolicy(s, 'Bash', { command: 'npm test' }).behavior).toBe('allow');
    expect(answerByPolicy(s, 'Bash', { command: 'npm run x' }).behavior).toBe('ask');
    const plan = session('plan', ['Bash', 'Edit']);
    expect(answerByPolicy(plan, 'Bash', { command: 'ls' })).toEqual({
      behavior: 'deny',
      message: PLAN_MODE_REFUSAL,
    });
    expect(answerByPolicy(plan, 'ExitPlanMode', {}).behavior).toBe('ask');
  });

  it('runs Claude Code in default mode for "file edits"', () => {
    expect(claudeCodeMode('acceptEdits')).toBe('default');
    expect(claudeCodeMode('plan')).toBe('plan');
  });
});
