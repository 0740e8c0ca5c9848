// The store against a real SQLite file: migrations, event seqs, soft-deleted tasks.
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../../support/claude-env';
import { closeStore, openStore, seed } from '../../../support/store-fixtures';

describe('store', () => {
  it('keeps event seqs consecutive per run, also after reopening the file', () => {
    const dir = tempDir('store');
    const store = openStore(dir);
    const runId = seed(store, Date.now(), 0);
    store.runs.appendEvent({ runId, ts: 1, type: 'text', blockId: 'b', text: 'one' });
    store.runs.appendEvent({ runId, ts: 2, type: 'text', blockId: 'b', text: 'two' });
    closeStore(store);
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
