// The options a run's Claude Code session starts with.
import { describe, expect, it } from 'vitest';
import type { Task } from '../../../../src/shared/domain';
import { composePrompt } from '../../../../src/main/engine/runs/run-service';
import { buildSessionOptions } from '../../../../src/main/engine/runs/session-options';
import { DEFAULT_SETTINGS } from '../../../../src/main/engine/settings/settings';
import { task as fixtureTask, runRecord } from '../../../support/records';

const task: Task = fixtureTask({
  cwd: '/work',
  permissionMode: 'acceptEdits',
  allowedTools: ['Read'],
  disallowedTools: ['WebFetch'],
  maxTurns: 7,
  maxBudgetUsd: 2,
  appendSystemPrompt: 'Be brief.',
});

describe('buildSessionOptions', () => {
  it('maps every task option and keeps secrets in the env only', () => {
    const options = buildSessionOptions({
      task,
      run: runRecord(),
      settings: {
        ...DEFAULT_SETTINGS,
        defaultModel: 'claude-sonnet-4-5',
        claudeExecutablePath: '/opt/claude',
      },
      baseEnv: { PATH: '/bin' },
      secretEnv: { GITHUB_TOKEN: 'ghp_secret' },
    });
    expect(options).toMatchObject({
      cwd: '/work',
      includePartialMessages: true,
      // "Allow file edits" runs Claude Code in its default mode: Switchboard allows the edits.
      permissionMode: 'default',
      model: 'claude-sonnet-4-5',
      allowedTools: ['Read'],
      disallowedTools: ['WebFetch'],
      maxTurns: 7,
      maxBudgetUsd: 2,
      pathToClaudeCodeExecutable: '/opt/claude',
      systemPrompt: { type: 'preset', preset: 'claude_code', append: 'Be brief.' },
      sessionId: '00000000-0000-4000-8000-000000000000',
      env: { PATH: '/bin', GITHUB_TOKEN: 'ghp_secret' },
    });
    expect(options.resume).toBeUndefined();
  });

  it('resumes a session that already started', () => {
    const options = buildSessionOptions({
      task,
      run: runRecord({ sessionStarted: true }),
      settings: DEFAULT_SETTINGS,
      baseEnv: {},
      secretEnv: {},
    });
    expect(options.resume).toBe('00000000-0000-4000-8000-000000000000');
    expect(options.sessionId).toBeUndefined();
  });
});

describe('composePrompt', () => {
  it('appends the extra prompt and lists dropped files by path', () => {
    expect(composePrompt('Fix it', 'quickly', ['/a/b.txt'])).toBe(
      'Fix it\n\nquickly\n\nFiles for this run (local paths; read them from disk):\n- /a/b.txt',
    );
    expect(composePrompt('Fix it', '  ', [])).toBe('Fix it');
  });
});
