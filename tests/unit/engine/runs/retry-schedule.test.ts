// Retries counting down are kept in the run's row: a stop keeps them, the next start arms them
// again (at once when their time has passed), and a retry called off meanwhile never starts.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EventBus } from '../../../../src/main/engine/event-bus';
import { RetrySchedule } from '../../../../src/main/engine/runs/retry-schedule';
import { RunRecorder } from '../../../../src/main/engine/runs/run-recorder';
import type { Store } from '../../../../src/main/engine/store';
import { closeStore, openStore } from '../../../support/store-fixtures';
import { newRun, run, taskRecord } from '../../../support/records';
import { tempDir } from '../../../support/claude-env';

beforeEach(() => {
  vi.useFakeTimers({ now: 1_000_000 });
});
afterEach(() => {
  vi.useRealTimers();
});

function failedRun(store: Store, detail?: Record<string, unknown>): string {
  if (!store.tasks.get('task_1')) store.tasks.insert(taskRecord({ id: 'task_1' }));
  const id = `run_${Math.random().toString(36).slice(2)}`;
  store.runs.insert(
    newRun({ id, taskId: 'task_1', trigger: { kind: 'manual', ...(detail ? { detail } : {}) } }),
  );
  store.runs.update(id, { status: 'failed', endedAt: Date.now() });
  return id;
}

function schedule(store: Store, retry: (runId: string, detail: object) => void = () => {}) {
  const recorder = new RunRecorder(store, new EventBus(), Date.now);
  const calls: [string, object][] = [];
  const retries = new RetrySchedule({
    store,
    recorder,
    clock: Date.now,
    runs: {
      retry: (runId, detail) => {
        calls.push([runId, detail]);
        retry(runId, detail);
        // Only the call is under test here; the new run itself is the run service's.
        return run({ id: 'run_retry', parentRunId: runId });
      },
    },
  });
  return { retries, calls, recorder };
}

describe('retry schedule', () => {
  it('keeps a retry through a stop and starts it at its time after the next start', () => {
    const dir = tempDir('retry');
    const store = openStore(dir);
    const runId = failedRun(store);
    const first = schedule(store);
    first.retries.schedule(runId, Date.now() + 60_000);
    expect(store.runs.get(runId)?.retryAt).toBe(Date.now() + 60_000);
    vi.advanceTimersByTime(20_000);
    first.retries.stop();
    closeStore(store);

    // Restarted 10 s later: the retry is still 30 s away.
    vi.advanceTimersByTime(10_000);
    const reopened = openStore(dir);
    const second = schedule(reopened);
    expect(second.retries.restore()).toEqual([runId]);
    vi.advanceTimersByTime(29_000);
    expect(second.calls).toEqual([]);
    vi.advanceTimersByTime(1_000);
    expect(second.calls).toEqual([[runId, { retry: 1, retryOf: runId }]]);
    expect(reopened.runs.get(runId)?.retryAt).toBeNull();
    expect(first.calls).toEqual([]);
  });

  it('starts a retry whose time passed while stopped at once, counting on from its attempt', () => {
    const store = openStore();
    const runId = failedRun(store, { retry: 1, retryOf: 'run_0' });
    store.runs.update(runId, { retryAt: Date.now() - 5_000 });
    const { retries, calls } = schedule(store);
    retries.restore();
    vi.advanceTimersByTime(0);
    expect(calls).toEqual([[runId, { retry: 2, retryOf: runId }]]);
  });

  it('does not start a retry that was called off (a person resumed or cancelled the run)', () => {
    const store = openStore();
    const runId = failedRun(store);
    const { retries, calls, recorder } = schedule(store);
    retries.schedule(runId, Date.now() + 1_000);
    recorder.update(runId, { retryAt: null });
    vi.advanceTimersByTime(2_000);
    expect(calls).toEqual([]);
  });

  it('says so in the transcript when the retry cannot start', () => {
    const store = openStore();
    const runId = failedRun(store);
    const { retries } = schedule(store, () => {
      throw new Error('Its task was deleted.');
    });
    retries.schedule(runId, Date.now() + 1_000);
    vi.advanceTimersByTime(1_000);
    store.runs.eventLog.flush();
    const errors = store.runs
      .events(runId)
      .flatMap((event) => (event.type === 'error' ? [event.message] : []));
    expect(errors).toEqual(['The retry did not start: Its task was deleted.']);
    expect(store.runs.get(runId)?.retryAt).toBeNull();
  });
});
