// A failed run's retry counting down is called off by the person: resuming the run by hand
// starts it now instead (the pending retry is dropped), and cancelling the run drops it.
import { describe, expect, it } from 'vitest';
import { EventBus } from '../../../../src/main/engine/event-bus';
import { RunRecorder } from '../../../../src/main/engine/runs/run-recorder';
import { RunService } from '../../../../src/main/engine/runs/run-service';
import type { SessionRunner } from '../../../../src/main/engine/runs/session-runner';
import { openStore } from '../../../support/store-fixtures';
import { newRun, taskRecord } from '../../../support/records';

function setup() {
  const store = openStore();
  store.tasks.insert(taskRecord({ id: 'task_1' }));
  store.runs.insert(newRun({ id: 'run_1', taskId: 'task_1', sessionStarted: true }));
  store.runs.update('run_1', { status: 'failed', endedAt: 1, retryAt: 60_000 });
  const recorder = new RunRecorder(store, new EventBus(), () => 1_000);
  // No queue is attached, so no session is ever started: the runner is never called.
  const runs = new RunService({
    store,
    recorder,
    runner: {} as unknown as SessionRunner,
    approvals: { cancelRun: () => undefined },
    clock: () => 1_000,
  });
  return { store, runs };
}

describe('a retry counting down, and the person', () => {
  it('resuming the failed run by hand drops the pending retry', () => {
    const { store, runs } = setup();
    const resumed = runs.resume('run_1');
    expect(resumed.parentRunId).toBe('run_1');
    expect(store.runs.get('run_1')?.retryAt).toBeNull();
  });

  it('cancelling the failed run calls the retry off and says so; a second cancel is a conflict', () => {
    const { store, runs } = setup();
    const after = runs.cancel('run_1');
    expect([after.status, after.retryAt]).toEqual(['failed', null]);
    store.runs.eventLog.flush();
    expect(store.runs.events('run_1').at(-1)).toMatchObject({
      type: 'status',
      status: 'failed',
      message: 'The retry was called off; the run stays failed.',
    });
    expect(() => runs.cancel('run_1')).toThrow('This run is already failed');
  });
});
