// Cancelling a run that waits for a person with no session behind it (its request outlived a
// restart, or it waits for the folder's settings to be trusted) ends it: the run is cancelled and
// its requests with it, instead of nothing happening.
import { afterEach, describe, expect, it } from 'vitest';
import { ApprovalBroker } from '../../../../src/main/engine/approvals/approval-broker';
import { EventBus } from '../../../../src/main/engine/event-bus';
import { RunRecorder } from '../../../../src/main/engine/runs/run-recorder';
import { RunService } from '../../../../src/main/engine/runs/run-service';
import type { SessionRunner } from '../../../../src/main/engine/runs/session-runner';
import { Store } from '../../../../src/main/engine/store';
import { tempDir } from '../../../support/claude-env';
import { newRun, taskRecord } from '../../../support/records';

const opened: Store[] = [];
afterEach(() => opened.splice(0).forEach((s) => s.close()));

function setup() {
  const store = Store.open(tempDir('cancel-waiting'));
  opened.push(store);
  store.tasks.insert(taskRecord({ id: 'task_1', cwd: '/work/cloned' }));
  store.runs.insert(newRun({ id: 'run_1', taskId: 'task_1' }));
  store.runs.update('run_1', { status: 'waiting', startedAt: 500 });
  const bus = new EventBus();
  const recorder = new RunRecorder(store, bus, () => 1_000);
  const approvals = new ApprovalBroker({
    store,
    bus,
    clock: () => 1_000,
    onPendingChange: () => undefined,
    recordEvent: (runId, draft) => recorder.event(runId, draft),
  });
  // No session is ever started here: the runner is never called.
  const runs = new RunService({
    store,
    recorder,
    runner: {} as unknown as SessionRunner,
    approvals,
    clock: () => 1_000,
  });
  return { store, runs, approvals };
}

describe('cancelling a run that waits without a session', () => {
  it('cancels the run and the request it waits on', () => {
    const { store, runs, approvals } = setup();
    approvals.askFolderTrust('run_1', {
      folder: '/work/cloned',
      workdir: '/work/cloned',
      settingsHash: 'h1',
      items: [],
      files: [],
    });
    expect(store.approvals.list({ status: 'pending', runId: 'run_1' })).toHaveLength(1);

    const after = runs.cancel('run_1');
    expect(after.status).toBe('cancelled');
    expect(after.endedAt).toBe(1_000);
    expect(store.approvals.list({ status: 'pending', runId: 'run_1' })).toEqual([]);
    expect(store.approvals.list({ runId: 'run_1' })[0]?.status).toBe('cancelled');
    // Nothing was remembered for the folder: the next run asks again.
    expect(store.folderTrust.get('/work/cloned')).toBeUndefined();
    expect(() => runs.cancel('run_1')).toThrow('This run is already cancelled');
  });
});
