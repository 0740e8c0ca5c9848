// A cron schedule walked forwards or backwards from any instant, in the trigger's time zone, with
// node-cron deciding which days match. node-cron requires BOTH day fields to match, whereas Vixie
// cron fires on a day when EITHER restricted field does, so such an expression becomes two patterns.
import { createTask, parse, type ScheduledTask } from 'node-cron';

const DAY_MS = 86_400_000;
/** A walk gives up after this many days without a slot (node-cron's own walk also stops at 100 years). */
const MAX_DAYS = 366 * 100;

/** The same nicknames node-cron knows, expanded before the fields are read. */
const NICKNAMES: Record<string, string> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

/** The expression with its nickname expanded and whitespace collapsed. */
export function expandCron(expression: string): string {
  const trimmed = expression.trim().replace(/\s+/g, ' ');
  return NICKNAMES[trimmed.toLowerCase()] ?? trimmed;
}

/**
 * The node-cron patterns (six fields, seconds first) whose union is the schedule. crontab(5):
 * "If both fields are restricted (i.e., don't start with *), the command will be run when either
 * field matches the current time" — so one pattern per day field, the other left as `*`.
 */
export function cronPatterns(expression: string): string[] {
  const fields = expandCron(expression).split(' ');
  const [second, minute, hour, dayOfMonth, month, dayOfWeek] =
    fields.length === 5 ? ['0', ...fields] : fields;
  const time = `${second} ${minute} ${hour}`;
  if (isRestricted(dayOfMonth) && isRestricted(dayOfWeek)) {
    return [`${time} ${dayOfMonth} ${month} *`, `${time} * ${month} ${dayOfWeek}`];
  }
  return [`${time} ${dayOfMonth} ${month} ${dayOfWeek}`];
}

function isRestricted(field: string | undefined): boolean {
  return field !== undefined && !field.startsWith('*') && field !== '?';
}

interface CivilDay {
  year: number;
  month: number;
  day: number;
}

/**
 * Slots of one expression in one zone. Holds node-cron tasks that are never started (they only
 * answer `match`); `close` removes them from node-cron's registry.
 */
export class CronCalendar {
  private readonly dayTasks: ScheduledTask[];
  /** Seconds after local midnight at which a matching day has slots, ascending. */
  private readonly timesOfDay: number[];

  constructor(
    expression: string,
    private readonly timezone: string,
  ) {
    const patterns = cronPatterns(expression);
    const fields = parse(patterns[0] ?? '');
    this.timesOfDay = fields.hour
      .flatMap((h) => fields.minute.flatMap((m) => fields.second.map((s) => h * 3600 + m * 60 + s)))
      .sort((a, b) => a - b);
    // Every time of day, the pattern's days: matching one instant of a day answers for the day.
    this.dayTasks = patterns.map((pattern) =>
      createTask(`* * * ${pattern.split(' ').slice(3).join(' ')}`, () => undefined, { timezone }),
    );
  }

  close(): void {
    for (const task of this.dayTasks) void task.destroy();
  }

  /** Slots strictly after `after`, ascending. */
  *forward(after: number): Generator<number> {
    const start = this.wallClock(after);
    for (let i = 0; i < MAX_DAYS; i++) {
      const day = addDays(start, i);
      if (!this.dayMatches(day)) continue;
      for (const time of this.timesOfDay) {
        if (i === 0 && time < start.secondOfDay) continue;
        const at = this.slotAt(day, time);
        if (at !== null && at > after) yield at;
      }
    }
  }

  /** Slots at or before `atOrBefore`, descending. */
  *backward(atOrBefore: number): Generator<number> {
    const start = this.wallClock(atOrBefore);
    for (let i = 0; i < MAX_DAYS; i++) {
      const day = addDays(start, -i);
      if (!this.dayMatches(day)) continue;
      for (let t = this.timesOfDay.length - 1; t >= 0; t--) {
        const time = this.timesOfDay[t] ?? 0;
        if (i === 0 && time > start.secondOfDay) continue;
        const at = this.slotAt(day, time);
        if (at !== null && at <= atOrBefore) yield at;
      }
    }
  }

  private dayMatches(day: CivilDay): boolean {
    // Local noon exists on every day, daylight saving or not.
    const noon = this.toEpoch(day, 12 * 3600);
    return this.dayTasks.some((task) => task.match(new Date(noon)));
  }

  /** The instant the wall clock reads `time` on `day`; null when that reading never happens (DST). */
  private slotAt(day: CivilDay, time: number): number | null {
    const at = this.toEpoch(day, time);
    const wall = this.wallClock(at);
    const same =
      wall.year === day.year &&
      wall.month === day.month &&
      wall.day === day.day &&
      wall.secondOfDay === time;
    return same ? at : null;
  }

  private toEpoch(day: CivilDay, time: number): number {
    const asUtc = Date.UTC(day.year, day.month - 1, day.day) + time * 1000;
    const first = asUtc - this.offsetAt(asUtc);
    const second = asUtc - this.offsetAt(first);
    return first === second ? first : second;
  }

  /** How far the zone's wall clock is ahead of UTC at `at`. */
  private offsetAt(at: number): number {
    const wall = this.wallClock(at);
    const wallAsUtc = Date.UTC(wall.year, wall.month - 1, wall.day) + wall.secondOfDay * 1000;
    return wallAsUtc - Math.floor(at / 1000) * 1000;
  }

  private wallClock(at: number): CivilDay & { secondOfDay: number } {
    const parts: Record<string, number> = {};
    for (const part of formatter(this.timezone).formatToParts(new Date(at))) {
      if (part.type !== 'literal') parts[part.type] = Number(part.value);
    }
    const { year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0 } = parts;
    return { year, month, day, secondOfDay: (hour % 24) * 3600 + minute * 60 + second };
  }
}

/** Opens a calendar for the length of `read` and closes it after. */
export function readCalendar<T>(
  expression: string,
  timezone: string,
  read: (calendar: CronCalendar) => T,
): T {
  const calendar = new CronCalendar(expression, timezone);
  try {
    return read(calendar);
  } finally {
    calendar.close();
  }
}

function addDays(day: CivilDay, days: number): CivilDay {
  const date = new Date(Date.UTC(day.year, day.month - 1, day.day) + days * DAY_MS);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timezone: string): Intl.DateTimeFormat {
  let cached = formatters.get(timezone);
  if (!cached) {
    cached = new Intl.DateTimeFormat('en-US', {
      timeZone: timezone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timezone, cached);
  }
  return cached;
}
