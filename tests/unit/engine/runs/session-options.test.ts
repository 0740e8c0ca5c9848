// The options a run's Claude Code session starts with.
import { describe, expect, it } from 'vitest';
import type { Task } from '../../../../src/shared/domain';
import { composePrompt } from '../../../../src/main/engine/runs/run-service';
import { buildSessionOptions } from '../../../../src/main/engine/runs/session-options';
import { DEFAULT_SETTINGS } from '../../../../src/main/engine/settings/settings';
import type { RunRecord } from '../../../../src/main/engine/store';
import { task as fixtureTask } from '../../../support/records';

const task: Task = fixtureTask({
  cwd: '/work',
  permissionMode: 'acceptEdits',
  allowedTools: ['Read'],
  disallowedTools: ['WebFetch'],
  maxTurns: 7,
  maxBudgetUsd: 2,
  appendSystemPrompt: 'Be brief.',
});

const run = (patch: Partial<RunRecord>): RunRecord => ({
  id: 'run_1',
  taskId: 'task_1',
  taskTitle: 't',
  status: 'queued',
  prompt: 'p',
  files: [],
  sessionId: '00000000-0000-4000-8000-000000000000',
  sessionStarted: false,
  parentRunId: null,
  workdir: null,
  trigger: { kind: 'manual' },
  model: null,
  costUsd: 0,
  usage: { inputTokens: 0, outputTokens: 0, cacheReadInputTokens: 0, cacheCreationInputTokens: 0 },
  modelUsage: [],
  numTurns: 0,
  result: null,
  error: null,
  heldReason: null,
  parkedUntil: null,
  planWindow: null,
  stalledAt: null,
  retryAt: null,
  pid: null,
  pidStartedAt: null,
  createdAt: 0,
  startedAt: null,
  endedAt: null,
  ...patch,
});

describe('buildSessionOptions', () => {
  it('maps every task option and keeps secrets in the env only', () => {
    const options = buildSessionOptions({
      task,
      run: run({}),
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
      permissionMode: 'acceptEdits',
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
      run: run({ sessionStarted: true }),
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
