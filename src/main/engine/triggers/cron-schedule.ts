// Cron expressions: validation that says what is wrong, the next fire times, and the one missed
// slot to catch up on. Times are computed with cron-parser in the trigger's own time zone.
import { CronExpressionParser } from 'cron-parser';
import { validateDetailed } from 'node-cron';
import { badInput } from '../../../shared/errors';

/** The same nicknames node-cron knows, expanded before either library sees the expression. */
const NICKNAMES: Record<string, string> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

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

/** The expression both libraries are given: nickname expanded, whitespace collapsed. */
export function expandCron(expression: string): string {
  const trimmed = expression.trim().replace(/\s+/g, ' ');
  return NICKNAMES[trimmed.toLowerCase()] ?? trimmed;
}

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
  try {
    CronExpressionParser.parse('* * * * *', { tz: canonical }).next();
  } catch {
    throw badInput(
      'timezone',
      `the time zone "${name}" cannot be used for schedules; pick a region name`,
    );
  }
  return canonical;
}

/** Validates an expression and returns it normalized; throws bad_input on the field `cron`. */
export function checkCron(expression: string, timezone: string): string {
  const normalized = expression.trim().replace(/\s+/g, ' ');
  const expanded = expandCron(normalized);
  const fields = expanded.split(' ');
  if (fields.length !== 5 && fields.length !== 6) {
    throw badInput(
      'cron',
      `"${normalized}" has ${fields.length} field${fields.length === 1 ? '' : 's'}; use 5 (minute hour day-of-month month day-of-week) or 6 with seconds first`,
    );
  }
  const validation = validateDetailed(expanded);
  const first = validation.errors[0];
  if (!validation.valid && first) {
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
  const [dayOfMonth, , dayOfWeek] = fields.slice(-3);
  if (isRestricted(dayOfMonth) && isRestricted(dayOfWeek)) {
    throw badInput(
      'cron',
      `"${normalized}" restricts both day-of-month and day-of-week; restrict only one (schedulers disagree whether both must match or either)`,
    );
  }
  try {
    CronExpressionParser.parse(expanded, { tz: timezone }).next();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw badInput('cron', `"${normalized}" cannot be scheduled: ${reason}`);
  }
  return normalized;
}

function isRestricted(field: string | undefined): boolean {
  return field !== undefined && field !== '*' && field !== '?';
}

/** The next `count` fire times strictly after `from`. */
export function nextFireTimes(
  cron: string,
  timezone: string,
  from: number,
  count: number,
): number[] {
  try {
    const interval = CronExpressionParser.parse(expandCron(cron), {
      tz: timezone,
      currentDate: new Date(from),
    });
    return interval.take(count).map((date) => date.getTime());
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
  const expression = expandCron(cron);
  let latest: number;
  try {
    // prev() is strictly before currentDate; a slot exactly at `now` has fallen due too.
    latest = CronExpressionParser.parse(expression, {
      tz: timezone,
      currentDate: new Date(now + 1),
    })
      .prev()
      .getTime();
  } catch {
    return null;
  }
  if (latest <= cursorAt || latest < now - windowMs) return null;
  const from = Math.max(cursorAt, now - windowMs - 1);
  const forward = CronExpressionParser.parse(expression, {
    tz: timezone,
    currentDate: new Date(from),
  });
  let missedSlots = 0;
  while (missedSlots < MISSED_COUNT_CAP) {
    if (forward.next().getTime() > now) break;
    missedSlots += 1;
  }
  return { slotAt: latest, missedSlots };
}
