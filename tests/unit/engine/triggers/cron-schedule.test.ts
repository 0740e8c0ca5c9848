// Cron validation messages, fire times in a time zone, and the catch-up plan after downtime.
import { describe, expect, it } from 'vitest';
import {
  checkCron,
  checkTimezone,
  MISSED_COUNT_CAP,
  nextFireTimes,
  planCatchUp,
} from '../../../../src/main/engine/triggers/cron-schedule';
import { rejection } from '../../../support/rejection';

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

  it('refuses impossible dates, also beside a day-of-week', () => {
    expect(rejection(() => checkCron('0 0 30 2 *', 'UTC')).message).toMatch(/impossible/);
    expect(rejection(() => checkCron('0 0 30 2 1', 'UTC')).message).toMatch(/impossible/);
  });

  it('accepts expressions that restrict both day fields', () => {
    expect(checkCron('0 9 1 * 1', 'UTC')).toBe('0 9 1 * 1');
    expect(checkCron('0 0 13 * FRI', 'Europe/Berlin')).toBe('0 0 13 * FRI');
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

describe('nextFireTimes with both day fields restricted (Vixie cron)', () => {
  // Tuesday 2025-04-01; Mondays in April 2025 are the 7th, 14th, 21st and 28th.
  const from = Date.UTC(2025, 2, 31, 12);
  /** 09:00 UTC on a day of 2025 (month from 0, as Date.UTC counts). */
  const nineOn = (month: number, day: number) => Date.UTC(2025, month, day, 9);

  it('fires on a day when either field matches', () => {
    expect(nextFireTimes('0 9 1 * 1', 'UTC', from, 6)).toEqual([
      nineOn(3, 1),
      nineOn(3, 7),
      nineOn(3, 14),
      nineOn(3, 21),
      nineOn(3, 28),
      nineOn(4, 1),
    ]);
  });

  it('lists a day both fields match once', () => {
    // 2025-09-01 is a Monday.
    expect(nextFireTimes('0 9 1 * 1', 'UTC', Date.UTC(2025, 7, 31), 2)).toEqual([
      nineOn(8, 1),
      nineOn(8, 8),
    ]);
  });

  it('needs both when a day field starts with *, as crontab(5) says', () => {
    // Odd days that are Mondays: April 7th and 21st, then May 5th and 19th.
    expect(nextFireTimes('0 9 */2 * MON', 'UTC', from, 4)).toEqual([
      nineOn(3, 7),
      nineOn(3, 21),
      nineOn(4, 5),
      nineOn(4, 19),
    ]);
  });

  it('reads both fields in the trigger time zone', () => {
    // 00:30 in Tokyo on the 1st of May is still April 30th in UTC.
    expect(nextFireTimes('30 0 1 * 1', 'Asia/Tokyo', Date.UTC(2025, 3, 29), 2)).toEqual([
      Date.UTC(2025, 3, 30, 15, 30),
      Date.UTC(2025, 4, 4, 15, 30),
    ]);
  });
});

describe('nextFireTimes across daylight saving', () => {
  it('skips a wall-clock time the spring change jumps over', () => {
    // Europe/Berlin jumps from 02:00 to 03:00 on 2025-03-30.
    expect(nextFireTimes('30 2 * * *', 'Europe/Berlin', Date.UTC(2025, 2, 29, 12), 2)).toEqual([
      Date.UTC(2025, 2, 31, 0, 30),
      Date.UTC(2025, 3, 1, 0, 30),
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

  it('finds missed slots of either day field', () => {
    // Missed from Sunday 2025-06-29 to Thursday 2025-07-03: Monday the 30th and Tuesday the 1st.
    const plan = planCatchUp({
      cron: '0 9 1 * 1',
      timezone: 'UTC',
      cursorAt: Date.UTC(2025, 5, 29),
      now: Date.UTC(2025, 6, 3),
      windowMs: 7 * 24 * HOUR,
    });
    expect(plan).toEqual({ slotAt: Date.UTC(2025, 6, 1, 9), missedSlots: 2 });
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
