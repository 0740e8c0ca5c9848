// Real SQLite stores for unit tests, closed after each test, and runs seeded with a cost.
import { afterEach } from 'vitest';
import { Store } from '../../src/main/engine/store';
import { tempDir } from './claude-env';
import { newRun, taskRecord } from './records';

const opened: Store[] = [];
afterEach(() => opened.splice(0).forEach((s) => s.close()));

/** Closes a store before the test ends (to reopen its file), so clean-up does not close it twice. */
export function closeStore(store: Store): void {
  store.close();
  opened.splice(opened.indexOf(store), 1);
}

export function openStore(dir = tempDir('store')): Store {
  const store = Store.open(dir);
  opened.push(store);
  return store;
}

/** A succeeded run of `taskId` at `at` that cost `cost` with `model`. */
export function seed(
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
