// The node-cron scheduler on the real clock: each slot reported once, also for split patterns.
import { describe, expect, it } from 'vitest';
import { nodeCronScheduler } from '../../../../src/main/engine/triggers/cron-scheduler';

describe('nodeCronScheduler', () => {
  it('reports each slot once when both day fields are restricted (two node-cron tasks)', async () => {
    const slots: number[] = [];
    // Every second of every day, written so that both day fields are restricted.
    const schedule = nodeCronScheduler(
      { cron: '* * * 1-31 * 0-6', timezone: 'UTC' },
      { onSlot: (slotAt) => slots.push(slotAt), onMissed: (slotAt) => slots.push(slotAt) },
    );
    await new Promise((resolve) => setTimeout(resolve, 3500));
    schedule.stop();
    expect(slots.length).toBeGreaterThanOrEqual(2);
    expect(new Set(slots).size).toBe(slots.length);
    for (const slot of slots) expect(slot % 1000).toBe(0);
    const stoppedAt = slots.length;
    await new Promise((resolve) => setTimeout(resolve, 1200));
    expect(slots).toHaveLength(stoppedAt);
  });
});
