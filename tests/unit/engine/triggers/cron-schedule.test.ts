// Cron validation messages, fire times in a time zone, and the catch-up plan after downtime.
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../../src/shared/errors';
import {
  checkCron,
  checkTimezone,
  MISSED_COUNT_CAP,
  nextFireTimes,
  planCatchUp,
} from '../../../../src/main/engine/triggers/cron-schedule';

function rejection(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('expected a bad_input error');
}

const HOUR = 3_600_000;

describe('checkCron', () => {
  it('accepts 5 and 6 fields and the nicknames, normalizing whitespace', () => {
    expect(checkCron('*/2 * * * * *', 'UTC')).toBe('*/2 * * * * *');
    expect(checkCron('  0   9 * * 1-5 ', 'UTC')).toBe('0 9 * * 1-5');
    expect(checkCron('@daily', 'UTC')).toBe('@daily');
    expect(checkCron('0 0 L * *', 'UTC')).toBe('0 0 L * *');
  });

  it('says which field is wrong and what it allows', () => {
    const error = rejection(() => checkCron('61 * * * *', 'UTC'));
    expect(error.code).toBe('bad_input');
    expect(error.field).toBe('cron');
    expect(error.message).toContain('minute field "61"');
    expect(error.message).toContain('0-59');

    const hour = rejection(() => checkCron('0 25 * * *', 'UTC'));
    expect(hour.message).toContain('hour field "25"');
    expect(hour.message).toContain('0-23');

    const second = rejection(() => checkCron('75 0 * * * *', 'UTC'));
    expect(second.message).toContain('second field "75"');
  });

  it('explains a wrong number of fields', () => {
    const error = rejection(() => checkCron('* * * *', 'UTC'));
    expect(error.field).toBe('cron');
    expect(error.message).toContain('has 4 fields');
    expect(error.message).toContain('use 5');
    expect(rejection(() => checkCron('every morning', 'UTC')).message).toContain('has 2 fields');
    expect(rejection(() => checkCron('* * * * * * *', 'UTC')).message).toContain('has 7 fields');
  });

  it('refuses impossible dates and ambiguous day restrictions', () => {
    expect(rejection(() => checkCron('0 0 30 2 *', 'UTC')).message).toMatch(/impossible/);
    const both = rejection(() => checkCron('0 0 13 * 5', 'UTC'));
    expect(both.message).toContain('both day-of-month and day-of-week');
  });
});

describe('checkTimezone', () => {
  it('returns the canonical IANA name and defaults to the local zone', () => {
    expect(checkTimezone('europe/berlin')).toBe('Europe/Berlin');
    expect(checkTimezone(undefined)).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone);
  });

  it('rejects names that are not zones, on the timezone field', () => {
    const error = rejection(() => checkTimezone('Mars/Olympus'));
    expect(error.field).toBe('timezone');
    expect(error.message).toContain('Mars/Olympus');
    expect(error.message).toContain('IANA');
  });
});

describe('nextFireTimes', () => {
  it('reads the expression in the trigger time zone, daylight saving included', () => {
    const winter = nextFireTimes('0 9 * * *', 'America/New_York', Date.UTC(2025, 0, 15), 2);
    expect(winter).toEqual([Date.UTC(2025, 0, 15, 14), Date.UTC(2025, 0, 16, 14)]);
    const summer = nextFireTimes('0 9 * * *', 'America/New_York', Date.UTC(2025, 6, 15), 1);
    expect(summer).toEqual([Date.UTC(2025, 6, 15, 13)]);
  });

  it('counts seconds when the expression has six fields', () => {
    const from = Date.UTC(2025, 0, 1, 0, 0, 0, 500);
    expect(nextFireTimes('*/2 * * * * *', 'UTC', from, 3)).toEqual([
      Date.UTC(2025, 0, 1, 0, 0, 2),
      Date.UTC(2025, 0, 1, 0, 0, 4),
      Date.UTC(2025, 0, 1, 0, 0, 6),
    ]);
  });
});

describe('planCatchUp', () => {
  const hourly = { cron: '0 * * * *', timezone: 'UTC' };
  const base = Date.UTC(2025, 0, 1);

  it('owes one firing for the latest missed slot, counting the others', () => {
    const plan = planCatchUp({
      ...hourly,
      cursorAt: base + 0.5 * HOUR,
      now: base + 3.25 * HOUR,
      windowMs: 6 * HOUR,
    });
    expect(plan).toEqual({ slotAt: base + 3 * HOUR, missedSlots: 3 });
  });

  it('counts only the slots inside the window', () => {
    const plan = planCatchUp({
      ...hourly,
      cursorAt: base - 20 * HOUR,
      now: base + 3.25 * HOUR,
      windowMs: 2 * HOUR,
    });
    expect(plan).toEqual({ slotAt: base + 3 * HOUR, missedSlots: 2 });
  });

  it('owes nothing when the slot was handled, is too old, or catch-up is off', () => {
    expect(
      planCatchUp({
        ...hourly,
        cursorAt: base + 3 * HOUR,
        now: base + 3.5 * HOUR,
        windowMs: 6 * HOUR,
      }),
    ).toBeNull();
    const daily = { cron: '0 0 * * *', timezone: 'UTC' };
    expect(
      planCatchUp({
        ...daily,
        cursorAt: base - 48 * HOUR,
        now: base + 10 * HOUR,
        windowMs: 6 * HOUR,
      }),
    ).toBeNull();
    expect(
      planCatchUp({ ...hourly, cursorAt: base, now: base + 5 * HOUR, windowMs: 0 }),
    ).toBeNull();
  });

  it('counts a slot that falls exactly on now', () => {
    const plan = planCatchUp({
      ...hourly,
      cursorAt: base + 1.5 * HOUR,
      now: base + 2 * HOUR,
      windowMs: 6 * HOUR,
    });
    expect(plan).toEqual({ slotAt: base + 2 * HOUR, missedSlots: 1 });
  });

  it('stops counting at the cap for very frequent schedules', () => {
    const plan = planCatchUp({
      cron: '* * * * * *',
      timezone: 'UTC',
      cursorAt: base,
      now: base + HOUR,
      windowMs: 6 * HOUR,
    });
    expect(plan).toEqual({ slotAt: base + HOUR, missedSlots: MISSED_COUNT_CAP });
  });
});
