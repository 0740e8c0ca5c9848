// RunBaselines on a fresh store (with task_a) and a fresh data folder, as the engine builds it.
import { join } from 'node:path';
import { RunBaselines } from '../../src/main/engine/review/run-baseline';
import { tempDir } from './claude-env';
import { taskRecord } from './records';
import { openStore } from './store-fixtures';

export function baselinesOnFreshStore(shadowLimits?: { files: number; bytes: number }) {
  const store = openStore();
  store.tasks.insert(taskRecord({ id: 'task_a' }));
  const data = tempDir('data');
  const baselines = new RunBaselines({
    store,
    clock: () => 1_000,
    worktreeRoot: join(data, 'worktrees'),
    stateRoot: join(data, 'reviews'),
    shadowRoot: join(data, 'shadow-repos'),
    ...(shadowLimits ? { shadowLimits } : {}),
  });
  return { store, baselines, data };
}
