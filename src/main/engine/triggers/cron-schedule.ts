// Cron expressions: validation that says what is wrong, the next fire times, and the one missed
// slot to catch up on. Slots come from the node-cron calendar, in the trigger's own time zone.
import { validateDetailed } from 'node-cron';
import { badInput } from '../../../shared/errors';
import { cronPatterns, expandCron, readCalendar } from './cron-calendar';

const FIELDS: Record<string, { name: string; allowed: string }> = {
  second: { name: 'second', allowed: '0-59' },
  minute: { name: 'minute', allowed: '0-59' },
  hour: { name: 'hour', allowed: '0-23' },
  dayOfMonth: { name: 'day-of-month', allowed: '1-31 or L' },
  month: { name: 'month', allowed: '1-12 or JAN-DEC' },
  dayOfWeek: { name: 'day-of-week', allowed: '0-7 (0 and 7 are Sunday) or SUN-SAT' },
};

/** Catch-up counts missed slots up to this many; beyond it the count says "at least". */
export const MISSED_COUNT_CAP = 1000;

/** The system's own zone, used when a trigger names none. */
export function localTimezone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** Accepts an IANA zone name and returns its canonical spelling; throws bad_input otherwise. */
export function checkTimezone(timezone: string | undefined): string {
  const name = timezone?.trim() || localTimezone();
  let canonical: string;
  try {
    canonical = new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    throw badInput(
      'timezone',
      `"${name}" is not a time zone; use an IANA name such as Europe/Berlin or America/New_York`,
    );
  }
  return canonical;
}

/** Validates an expression and returns it normalized; throws bad_input on the field `cron`. */
export function checkCron(expression: string, timezone: string): string {
  const normalized = expression.trim().replace(/\s+/g, ' ');
  const fields = expandCron(normalized).split(' ');
  if (fields.length !== 5 && fields.length !== 6) {
    throw badInput(
      'cron',
      `"${normalized}" has ${fields.length} field${fields.length === 1 ? '' : 's'}; use 5 (minute hour day-of-month month day-of-week) or 6 with seconds first`,
    );
  }
  // Each pattern on its own: "30 2" for day-of-month and month is impossible even when a
  // day-of-week would give the expression other days.
  for (const pattern of cronPatterns(normalized)) checkPattern(pattern, normalized);
  const first = readCalendar(normalized, timezone, (calendar) =>
    calendar.forward(Date.now()).next(),
  );
  if (first.done) throw badInput('cron', `"${normalized}" never falls due`);
  return normalized;
}

function checkPattern(pattern: string, normalized: string): void {
  const validation = validateDetailed(pattern);
  const first = validation.errors[0];
  if (validation.valid || !first) return;
  const field = FIELDS[first.field];
  if (field === undefined) throw badInput('cron', `"${normalized}": ${first.message}`);
  const value = first.value ?? '';
  const impossible = /impossible/.test(first.message);
  throw badInput(
    'cron',
    impossible
      ? `"${normalized}": ${first.message}`
      : `the ${field.name} field "${value}" is not valid (allowed: ${field.allowed}, with * , - and /)`,
  );
}

/** The next `count` fire times strictly after `from`. */
export function nextFireTimes(
  cron: string,
  timezone: string,
  from: number,
  count: number,
): number[] {
  try {
    return readCalendar(cron, timezone, (calendar) => take(calendar.forward(from), count));
  } catch {
    return [];
  }
}

export interface CatchUpPlan {
  /** The latest slot that fell due and was not handled. */
  slotAt: number;
  /** How many slots were missed in all (at most MISSED_COUNT_CAP). */
  missedSlots: number;
}

/**
 * The one firing owed after downtime: the latest slot in (cursorAt, now] if it fell due within
 * the catch-up window; null when nothing was missed or the miss is too old to matter.
 */
export function planCatchUp(input: {
  cron: string;
  timezone: string;
  cursorAt: number;
  now: number;
  windowMs: number;
}): CatchUpPlan | null {
  const { cron, timezone, cursorAt, now, windowMs } = input;
  if (windowMs <= 0 || now <= cursorAt) return null;
  try {
    return readCalendar(cron, timezone, (calendar) => {
      const latest = calendar.backward(now).next();
      if (latest.done || latest.value <= cursorAt || latest.value < now - windowMs) return null;
      const from = Math.max(cursorAt, now - windowMs - 1);
      let missedSlots = 0;
      for (const slot of calendar.forward(from)) {
        if (slot > now || missedSlots >= MISSED_COUNT_CAP) break;
        missedSlots += 1;
      }
      return { slotAt: latest.value, missedSlots };
    });
  } catch {
    return null;
  }
}

function take(slots: Iterator<number>, count: number): number[] {
  const taken: number[] = [];
  while (taken.length < count) {
    const next = slots.next();
    if (next.done) break;
    taken.push(next.value);
  }
  return taken;
}
