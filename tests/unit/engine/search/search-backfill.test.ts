// The background job indexes older events a batch at a time with a pause between, stops when none
// are left, and stops at once when told to.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SearchBackfill } from '../../../../src/main/engine/search/search-backfill';

function fakeStore(waiting: number) {
  let left = waiting;
  return {
    steps: 0,
    backfillPending: () => left > 0,
    backfillStep(batch: number) {
      this.steps++;
      const taken = Math.min(batch, left);
      left -= taken;
      return taken;
    },
  };
}

describe('SearchBackfill', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('works through the older events in batches and says when it is done', async () => {
    const store = fakeStore(25);
    const onDone = vi.fn();
    new SearchBackfill({ store, batch: 10, pauseMs: 5, onDone }).start();
    await vi.advanceTimersByTimeAsync(5);
    expect(store.steps).toBe(1);
    await vi.advanceTimersByTimeAsync(100);
    // 10 + 10 + 5, then one step that finds nothing left.
    expect(store.steps).toBe(4);
    expect(onDone).toHaveBeenCalledOnce();
    expect(store.backfillPending()).toBe(false);
  });

  it('does nothing when nothing waits, and no further step after stop', async () => {
    const idle = fakeStore(0);
    new SearchBackfill({ store: idle, pauseMs: 5 }).start();
    await vi.advanceTimersByTimeAsync(100);
    expect(idle.steps).toBe(0);

    const busy = fakeStore(1_000);
    const job = new SearchBackfill({ store: busy, batch: 10, pauseMs: 5 });
    job.start();
    await vi.advanceTimersByTimeAsync(12);
    job.stop();
    const steps = busy.steps;
    await vi.advanceTimersByTimeAsync(100);
    expect(busy.steps).toBe(steps);
  });
});
