// Ready-made records for tests that write to the store directly.
import { DEFAULT_RUN_POLICY, type Run, type Task } from '../../src/shared/domain';
import type { NewRun, RunRecord } from '../../src/main/engine/store/run-store';
import type { TaskRecord } from '../../src/main/engine/store';

export function taskRecord(patch: Partial<TaskRecord> = {}): TaskRecord {
  return {
    id: 'task_1',
    title: 'A task',
    prompt: 'Do the thing',
    cwd: '/',
    model: null,
    permissionMode: 'default',
    allowedTools: [],
    disallowedTools: [],
    maxTurns: null,
    maxBudgetUsd: null,
    appendSystemPrompt: null,
    secretEnv: [],
    isolation: 'none',
    overlapPolicy: 'skip',
    alwaysAllowedTools: [],
    reviewEachRun: null,
    keychainAccess: false,
    sandbox: false,
    mcpServerIds: [],
    skills: [],
    runPolicy: { ...DEFAULT_RUN_POLICY },
    placeId: null,
    createdAt: 0,
    updatedAt: 0,
    ...patch,
  };
}

export function task(patch: Partial<Task> = {}): Task {
  return { ...taskRecord(), lastRun: null, ...patch };
}

export function newRun(patch: Partial<NewRun> & Pick<NewRun, 'id' | 'taskId'>): NewRun {
  return {
    prompt: 'Do the thing',
    files: [],
    sessionId: '00000000-0000-4000-8000-000000000000',
    sessionStarted: false,
    parentRunId: null,
    trigger: { kind: 'manual' },
    model: null,
    createdAt: 0,
    ...patch,
  };
}

/** A run as the API shows it. */
export function run(patch: Partial<Run> = {}): Run {
  return {
    id: 'run_1',
    taskId: 'task_1',
    taskTitle: 'A task',
    status: 'queued',
    prompt: 'Do the thing',
    sessionId: null,
    parentRunId: null,
    workdir: null,
    trigger: { kind: 'manual' },
    model: null,
    costUsd: 0,
    usage: {
      inputTokens: 0,
      outputTokens: 0,
      cacheReadInputTokens: 0,
      cacheCreationInputTokens: 0,
    },
    modelUsage: [],
    numTurns: 0,
    result: null,
    error: null,
    heldReason: null,
    parkedUntil: null,
    planWindow: null,
    stalledAt: null,
    retryAt: null,
    place: null,
    retryLimit: 2,
    createdAt: 0,
    startedAt: null,
    endedAt: null,
    ...patch,
  };
}

/** A run as the store keeps it: the API's run plus its session and process details. */
export function runRecord(patch: Partial<RunRecord> = {}): RunRecord {
  return {
    ...run(),
    files: [],
    sessionId: '00000000-0000-4000-8000-000000000000',
    sessionStarted: false,
    pid: null,
    pidStartedAt: null,
    startedAnyway: false,
    ...patch,
  };
}
