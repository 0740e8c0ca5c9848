// How a moment reads, once for every place that shows one (run header and lists, parked and
// retrying runs, the plan meter, triggers, the inbox): the clock time in the person's locale
// ("17:07" or "5:07 PM", never both on one screen), a weekday or date when it is not today, and
// "in 12 min" / "12 min ago" in front where the distance helps. Plain Intl: no DOM, no Node.
const clockFormats = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: string | undefined, options: Intl.DateTimeFormatOptions) {
  const key = `${locale ?? ''}|${JSON.stringify(options)}`;
  let format = clockFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, options);
    clockFormats.set(key, format);
  }
  return format;
}

export interface TimeFormatOptions {
  /** A BCP 47 locale; the person's own when left out. */
  locale?: string;
  /** A time zone; the machine's own when left out (tests fix it). */
  timeZone?: string;
  /** Seconds too, where moments seconds apart must be told apart (queues, firings). */
  seconds?: boolean;
}

function dayKey(at: number, options: TimeFormatOptions): string {
  return formatter(options.locale, {
    timeZone: options.timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(at);
}

/** "17:07" (or "5:07 PM"): hours and minutes the way the locale writes them. */
export function formatClock(at: number, options: TimeFormatOptions = {}): string {
  return formatter(options.locale, {
    timeZone: options.timeZone,
    hour: 'numeric',
    minute: '2-digit',
    ...(options.seconds ? { second: '2-digit' } : {}),
  }).format(at);
}

/** The clock time, with the weekday when within a week of `now`, else with the date. */
export function formatMoment(at: number, now: number, options: TimeFormatOptions = {}): string {
  const clock = formatClock(at, options);
  if (dayKey(at, options) === dayKey(now, options)) return clock;
  const days = Math.abs(at - now) / 86_400_000;
  if (days < 6) {
    const weekday = formatter(options.locale, {
      timeZone: options.timeZone,
      weekday: 'short',
    }).format(at);
    return `${weekday} ${clock}`;
  }
  const date = formatter(options.locale, {
    timeZone: options.timeZone,
    day: 'numeric',
    month: 'short',
    ...(Math.abs(at - now) > 300 * 86_400_000 ? { year: 'numeric' } : {}),
  }).format(at);
  return `${date}, ${clock}`;
}

/** "12 min", "2 h 5 min", "3 d": a distance in words, rounded the way a person says it. */
export function formatSpan(ms: number): string {
  const minutes = Math.round(Math.abs(ms) / 60_000);
  if (minutes < 1) return 'less than a minute';
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 === 0 ? `${hours} h` : `${hours} h ${minutes % 60} min`;
  return `${Math.round(hours / 24)} d`;
}

/**
 * "in 12 min · 17:07", "12 min ago · 17:07", "Tue 09:00": the distance where it helps (within a
 * day), then the moment. Under a minute away reads "now".
 */
export function formatRelative(at: number, now: number, options: TimeFormatOptions = {}): string {
  const moment = formatMoment(at, now, options);
  const distance = at - now;
  if (Math.abs(distance) >= 86_400_000) return moment;
  if (Math.abs(distance) < 60_000) return `now · ${moment}`;
  const span = formatSpan(distance);
  return distance > 0 ? `in ${span} · ${moment}` : `${span} ago · ${moment}`;
}
