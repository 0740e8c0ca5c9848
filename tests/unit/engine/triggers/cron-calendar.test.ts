// The node-cron calendar: the patterns an expression becomes, and walks in both directions.
import { describe, expect, it } from 'vitest';
import { cronPatterns, readCalendar } from '../../../../src/main/engine/triggers/cron-calendar';

function take(slots: Iterator<number>, count: number): number[] {
  const taken: number[] = [];
  for (let next = slots.next(); !next.done && taken.length < count; next = slots.next()) {
    taken.push(next.value);
  }
  return taken;
}

describe('cronPatterns', () => {
  it('gives node-cron one six-field pattern when at most one day field is restricted', () => {
    expect(cronPatterns('0 9 * * 1-5')).toEqual(['0 0 9 * * 1-5']);
    expect(cronPatterns('*/5 0 9 ? * *')).toEqual(['*/5 0 9 ? * *']);
    expect(cronPatterns('@monthly')).toEqual(['0 0 0 1 * *']);
  });

  it('splits an expression restricting both day fields into one pattern per field', () => {
    expect(cronPatterns('0 9 1 * 1')).toEqual(['0 0 9 1 * *', '0 0 9 * * 1']);
    expect(cronPatterns('0 0 L 2 5L')).toEqual(['0 0 0 L 2 *', '0 0 0 * 2 5L']);
  });

  it('keeps both fields together when one starts with *', () => {
    expect(cronPatterns('0 9 */2 * 1')).toEqual(['0 0 9 */2 * 1']);
  });
});

describe('CronCalendar', () => {
  it('walks backwards, a slot exactly at the start included', () => {
    const at = Date.UTC(2025, 3, 7, 9);
    const slots = readCalendar('0 9 1 * 1', 'UTC', (calendar) => take(calendar.backward(at), 3));
    expect(slots).toEqual([at, Date.UTC(2025, 3, 1, 9), Date.UTC(2025, 2, 31, 9)]);
  });

  it('lists a wall-clock time the autumn change repeats once', () => {
    // America/New_York reads 01:30 twice on 2025-11-02 (EDT, then EST).
    const slots = readCalendar('30 1 * * *', 'America/New_York', (calendar) =>
      take(calendar.forward(Date.UTC(2025, 10, 1, 12)), 2),
    );
    expect(slots).toHaveLength(2);
    expect(slots[1]).toBe(Date.UTC(2025, 10, 3, 6, 30));
    expect([Date.UTC(2025, 10, 2, 5, 30), Date.UTC(2025, 10, 2, 6, 30)]).toContain(slots[0]);
  });

  it('walks forwards and backwards to the same slots', () => {
    const from = Date.UTC(2025, 0, 1);
    const forward = readCalendar('15 */6 1,15 * SUN', 'Europe/Berlin', (calendar) =>
      take(calendar.forward(from), 20),
    );
    const last = forward.at(-1) ?? 0;
    const backward = readCalendar('15 */6 1,15 * SUN', 'Europe/Berlin', (calendar) =>
      take(calendar.backward(last), 20),
    );
    expect(backward.reverse()).toEqual(forward);
  });
});
