import { describe, expect, it } from 'vitest';
import {
  formatClock,
  formatMoment,
  formatRelative,
  formatSpan,
} from '../../../src/shared/time-format';

const UTC = { timeZone: 'UTC' };
const at = Date.UTC(2026, 11, 7, 17, 7);

describe('time format', () => {
  it('writes the clock the way the locale does, one way per locale', () => {
    expect(formatClock(at, { ...UTC, locale: 'en-GB' })).toBe('17:07');
    expect(formatClock(at, { ...UTC, locale: 'en-US' })).toMatch(/^5:07\sPM$/);
  });

  it('says the distance and the moment within a day', () => {
    const now = at - 12 * 60_000;
    expect(formatRelative(at, now, { ...UTC, locale: 'en-GB' })).toBe('in 12 min · 17:07');
    expect(formatRelative(now, at, { ...UTC, locale: 'en-GB' })).toBe('12 min ago · 16:55');
    expect(formatRelative(at, at - 20_000, { ...UTC, locale: 'en-GB' })).toBe('now · 17:07');
    expect(formatRelative(at, at - 125 * 60_000, { ...UTC, locale: 'en-GB' })).toBe(
      'in 2 h 5 min · 17:07',
    );
  });

  it('names the weekday within the week and the date beyond it, without a distance', () => {
    const twoDaysBefore = at - 2 * 86_400_000;
    expect(formatMoment(at, twoDaysBefore, { ...UTC, locale: 'en-GB' })).toBe('Mon 17:07');
    expect(formatRelative(at, twoDaysBefore, { ...UTC, locale: 'en-GB' })).toBe('Mon 17:07');
    expect(formatMoment(at, at + 30 * 86_400_000, { ...UTC, locale: 'en-GB' })).toBe(
      '7 Dec, 17:07',
    );
    expect(formatMoment(at, at + 400 * 86_400_000, { ...UTC, locale: 'en-GB' })).toBe(
      '7 Dec 2026, 17:07',
    );
  });

  it('rounds spans the way a person says them', () => {
    expect(formatSpan(20_000)).toBe('less than a minute');
    expect(formatSpan(60 * 60_000)).toBe('1 h');
    expect(formatSpan(-3 * 86_400_000)).toBe('3 d');
  });
});
