// The node-cron scheduler (the real library, on a faked clock): each slot reported once, also for
// split patterns, and none after it stops.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { nodeCronScheduler } from '../../../../src/main/engine/triggers/cron-scheduler';

describe('nodeCronScheduler', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('reports each slot once when both day fields are restricted (two node-cron tasks)', async () => {
    vi.useFakeTimers({ now: Date.UTC(2026, 5, 15, 12, 0, 0, 250) });
    const slots: number[] = [];
    // Every second of every day, written so that both day fields are restricted.
    const schedule = nodeCronScheduler(
      { cron: '* * * 1-31 * 0-6', timezone: 'UTC' },
      { onSlot: (slotAt) => slots.push(slotAt), onMissed: (slotAt) => slots.push(slotAt) },
    );
    await vi.advanceTimersByTimeAsync(3500);
    schedule.stop();
    expect(slots.length).toBeGreaterThanOrEqual(2);
    expect(new Set(slots).size).toBe(slots.length);
    for (const slot of slots) expect(slot % 1000).toBe(0);
    const stoppedAt = slots.length;
    await vi.advanceTimersByTimeAsync(1200);
    expect(slots).toHaveLength(stoppedAt);
  });
});
