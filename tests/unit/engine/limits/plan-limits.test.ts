import { describe, expect, it } from 'vitest';
import { PlanLimitsState } from '../../../../src/main/engine/limits/plan-limits';
import { tempDir } from '../../../support/claude-env';

const HOUR = 3_600_000;

function state(start = 1_800_000_000_000) {
  let now = start;
  const dataDir = tempDir('limits');
  return {
    dataDir,
    limits: new PlanLimitsState(dataDir, () => now),
    advance: (ms: number) => (now += ms),
    now: () => now,
  };
}

describe('plan limits state', () => {
  it('reads both windows from a warning event', () => {
    const { limits, now } = state();
    const reset = Math.round((now() + 2 * HOUR) / 1000);
    limits.observe({
      status: 'allowed_warning',
      rateLimitType: 'five_hour',
      utilization: 0.95,
      resetsAt: reset,
      unifiedWindows: {
        five_hour: { utilization: 0.95, resetsAt: reset, status: 'allowed_warning' },
        seven_day: { utilization: 0.3, resetsAt: reset + 86_400, status: 'allowed' },
      },
    });
    const snapshot = limits.snapshot();
    expect(snapshot.available).toBe(true);
    expect(snapshot.fiveHour).toEqual({
      utilization: 0.95,
      resetsAt: reset * 1000,
      status: 'allowed_warning',
    });
    expect(snapshot.sevenDay?.utilization).toBe(0.3);
    expect(snapshot.exhausted).toBeNull();
    expect(limits.fiveHourPercent()).toBeCloseTo(95);
  });

  it('is exhausted until the reset of a rejection, then reads as an empty window', () => {
    const { limits, now, advance } = state();
    const reset = Math.round((now() + HOUR) / 1000);
    limits.observe({ status: 'rejected', rateLimitType: 'five_hour', resetsAt: reset });
    expect(limits.exhaustedUntil()).toBe(reset * 1000);
    expect(limits.snapshot().fiveHour?.utilization).toBe(1);
    advance(HOUR + 1);
    expect(limits.exhaustedUntil()).toBeNull();
    expect(limits.snapshot().exhausted).toBeNull();
    expect(limits.snapshot().fiveHour).toEqual({
      utilization: 0,
      resetsAt: null,
      status: 'allowed',
    });
  });

  it('keeps the meter across a restart', () => {
    const { limits, dataDir, now } = state();
    const reset = Math.round((now() + HOUR) / 1000);
    limits.observe({ status: 'rejected', rateLimitType: 'five_hour', resetsAt: reset });
    const reopened = new PlanLimitsState(dataDir, now);
    expect(reopened.exhaustedUntil()).toBe(reset * 1000);
  });

  it('announces a hold once per kind, not once per held run', () => {
    const { limits } = state();
    expect(limits.setHold({ kind: 'plan', reason: 'used up' })).toBe(true);
    expect(limits.setHold({ kind: 'plan', reason: 'used up, still' })).toBe(false);
    expect(limits.snapshot().hold?.reason).toBe('used up, still');
    expect(limits.setHold({ kind: 'budget', reason: 'budget' })).toBe(true);
    expect(limits.setHold(null)).toBe(true);
    expect(limits.setHold(null)).toBe(false);
  });

  it('shows nothing for an API-key login that never reported windows', () => {
    expect(state().limits.snapshot()).toMatchObject({ available: false, fiveHour: null });
  });
});
