// The background indexer looks for new events on its interval, works through a backlog a batch at
// a time with short pauses, goes back to its interval once caught up, and stops when told to.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SearchIndexer } from '../../../../src/main/engine/search/search-indexer';

function fakeStore() {
  let waiting = 0;
  const steps: number[] = [];
  return {
    steps,
    write: (count: number) => (waiting += count),
    indexNew(batch: number) {
      const taken = Math.min(batch, waiting);
      waiting -= taken;
      steps.push(taken);
      return taken;
    },
  };
}

describe('SearchIndexer', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('indexes new events on its interval and a backlog in batches without waiting the interval', async () => {
    const store = fakeStore();
    const indexer = new SearchIndexer({ store, batch: 10, everyMs: 1_000, pauseMs: 5 });
    indexer.start();
    store.write(3);
    await vi.advanceTimersByTimeAsync(999);
    expect(store.steps).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(store.steps).toEqual([3]);

    store.write(25);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(store.steps).toEqual([3, 10]);
    await vi.advanceTimersByTimeAsync(10);
    expect(store.steps).toEqual([3, 10, 10, 5]);
    // Caught up: the next look is a whole interval later.
    await vi.advanceTimersByTimeAsync(500);
    expect(store.steps).toHaveLength(4);
    indexer.stop();
  });

  it('takes no step after stop, and a failed step tries again on the next look', async () => {
    const store = fakeStore();
    let fail = true;
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const indexer = new SearchIndexer({
      store: {
        indexNew: (batch) => {
          if (fail) throw new Error('disk I/O error');
          return store.indexNew(batch);
        },
      },
      everyMs: 100,
    });
    indexer.start();
    store.write(2);
    await vi.advanceTimersByTimeAsync(100);
    expect(warn).toHaveBeenCalledOnce();
    fail = false;
    await vi.advanceTimersByTimeAsync(100);
    expect(store.steps).toEqual([2]);
    indexer.stop();
    store.write(2);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(store.steps).toEqual([2]);
    warn.mockRestore();
  });
});
