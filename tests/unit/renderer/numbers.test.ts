// How the panel's numbers read: chart axis money, tool-call durations, and the one elapsed time
// that the run header, the closing line and the run lists all show.
import { describe, expect, it } from 'vitest';
import { formatShortDuration, formatUsdTick } from '../../../src/renderer/src/components/format';
import { runElapsed } from '../../../src/renderer/src/components/run-time';

describe('formatUsdTick', () => {
  it('reads whole cents on the axis, never three decimals', () => {
    expect([0, 0.3, 0.6, 0.9, 1.2, 12].map(formatUsdTick)).toEqual([
      '$0',
      '$0.30',
      '$0.60',
      '$0.90',
      '$1.20',
      '$12.00',
    ]);
  });

  it('shows fractions of a cent only when the whole scale is that small', () => {
    expect([0.002, 0.004, 0.006].map(formatUsdTick)).toEqual(['$0.002', '$0.004', '$0.006']);
  });
});

describe('formatShortDuration', () => {
  it('gives tenths of a second under ten seconds, minutes after', () => {
    expect([40, 449, 1_260, 9_940, 75_000].map(formatShortDuration)).toEqual([
      '0.0 s',
      '0.4 s',
      '1.3 s',
      '9.9 s',
      '1m 15s',
    ]);
  });
});

describe('runElapsed', () => {
  it('is start to end once ended, start to now while running, nothing before it starts', () => {
    expect(runElapsed({ startedAt: 1_000, endedAt: 61_000 }, 999_999)).toBe(60_000);
    expect(runElapsed({ startedAt: 1_000, endedAt: null }, 31_000)).toBe(30_000);
    expect(runElapsed({ startedAt: null, endedAt: null }, 31_000)).toBeNull();
  });
});
