// The store against a real SQLite file: migrations, event seqs, soft-deleted tasks.
import { afterEach, describe, expect, it } from 'vitest';
import { Store } from '../../../../src/main/engine/store';
import { tempDir } from '../../../support/claude-env';
import { newRun, taskRecord } from '../../../support/records';

const opened: Store[] = [];
afterEach(() => opened.splice(0).forEach((s) => s.close()));

function openStore(dir = tempDir('store')): Store {
  const store = Store.open(dir);
  opened.push(store);
  return store;
}

function seed(
  store: Store,
  at: number,
  cost: number,
  model = 'claude-sonnet-4-5',
  taskId = 'task_a',
) {
  if (!store.tasks.get(taskId)) {
    store.tasks.insert(
      taskRecord({ id: taskId, title: `Task ${taskId}`, createdAt: at, updatedAt: at }),
    );
  }
  const id = `run_${Math.random().toString(36).slice(2)}`;
  store.runs.insert(
    newRun({ id, taskId, sessionId: 's', sessionStarted: true, model, createdAt: at }),
  );
  store.runs.update(id, { status: 'succeeded', costUsd: cost, startedAt: at, endedAt: at });
  store.runs.setModelUsage(id, [
    {
      model,
      inputTokens: 10,
      outputTokens: 5,
      cacheReadInputTokens: 0,
      cacheCreationInputTokens: 0,
      costUsd: cost,
    },
  ]);
  return id;
}
describe('store', () => {
  it('keeps event seqs consecutive per run, also after reopening the file', () => {
    const dir = tempDir('store');
    const store = openStore(dir);
    const runId = seed(store, Date.now(), 0);
    store.runs.appendEvent({ runId, ts: 1, type: 'text', blockId: 'b', text: 'one' });
    store.runs.appendEvent({ runId, ts: 2, type: 'text', blockId: 'b', text: 'two' });
    store.close();
    opened.pop();
    const again = openStore(dir);
    again.runs.appendEvent({ runId, ts: 3, type: 'error', message: 'three' });
    const events = again.runs.events(runId);
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(again.runs.events(runId, 2)).toEqual([
      { runId, seq: 3, ts: 3, type: 'error', message: 'three' },
    ]);
  });

  it('hides deleted tasks but keeps their runs and titles for history', () => {
    const store = openStore();
    const runId = seed(store, Date.now(), 0.5);
    expect(store.tasks.markDeleted('task_a', Date.now())).toBe(true);
    expect(store.tasks.get('task_a')).toBeUndefined();
    expect(store.tasks.list()).toEqual([]);
    expect(store.runs.get(runId)?.taskTitle).toBe('Task task_a');
  });
});
