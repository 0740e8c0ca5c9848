// How triggers read in the panel: kind names, schedules in words, fire times, firings.
import type {
  Trigger,
  TriggerFiring,
  TriggerFiringOutcome,
  TriggerStatus,
  TriggerType,
  WatchEvent,
} from '../../../../shared/domain';
import type { Tone } from '../../components/pill';
import { formatClock as clockTime } from '../../../../shared/time-format';

export const KIND_LABELS: Record<TriggerType, string> = {
  cron: 'Schedule',
  watch: 'Folder watch',
  webhook: 'Webhook',
};

export const STATUS_LABELS: Record<TriggerStatus, string> = {
  active: 'Active',
  paused: 'Paused',
  error: 'Error',
};

export const STATUS_TONES: Record<TriggerStatus, Tone> = {
  active: 'success',
  paused: 'neutral',
  error: 'danger',
};

export const OUTCOME_LABELS: Record<TriggerFiringOutcome, string> = {
  started: 'Started a run',
  skipped: 'Skipped',
  queued: 'Queued',
};

export const OUTCOME_TONES: Record<TriggerFiringOutcome, Tone> = {
  started: 'success',
  queued: 'accent',
  skipped: 'warning',
};

export const WATCH_EVENT_LABELS: Record<WatchEvent, string> = {
  add: 'File added',
  change: 'File changed',
  unlink: 'File deleted',
};

export const localTimezone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone;

/** Whether the expression has a seconds field (6 fields), so times should show seconds. */
export function hasSeconds(cron: string): boolean {
  return cron.trim().split(/\s+/).length === 6;
}

const NICKNAMES: Record<string, string> = {
  '@yearly': 'Every year on 1 January at midnight',
  '@annually': 'Every year on 1 January at midnight',
  '@monthly': 'On the first of every month at midnight',
  '@weekly': 'Every Sunday at midnight',
  '@daily': 'Every day at midnight',
  '@midnight': 'Every day at midnight',
  '@hourly': 'Every hour, on the hour',
};

const every = (n: number, unit: string) => (n === 1 ? `Every ${unit}` : `Every ${n} ${unit}s`);

/** A sentence for the common shapes of a cron expression; null when the expression says it best. */
export function describeCron(cron: string): string | null {
  const trimmed = cron.trim().toLowerCase();
  const nickname = NICKNAMES[trimmed];
  if (nickname) return nickname;
  const fields = trimmed.split(/\s+/);
  const seconds = fields.length === 6 ? fields.shift() : '0';
  if (fields.length !== 5 || seconds === undefined) return null;
  const [minute, hour, dayOfMonth, month, dayOfWeek] = fields;
  const anyDay = dayOfMonth === '*' && month === '*';
  const step = (field: string | undefined) => /^\*\/(\d+)$/.exec(field ?? '')?.[1];
  const rest = [minute, hour, dayOfMonth, month, dayOfWeek];
  if (rest.every((field) => field === '*')) {
    if (seconds === '*') return 'Every second';
    const secondStep = step(seconds);
    if (secondStep) return every(Number(secondStep), 'second');
    if (seconds === '0') return 'Every minute';
    return null;
  }
  if (seconds !== '0') return null;
  const minuteStep = step(minute);
  if (minuteStep && [hour, dayOfMonth, month, dayOfWeek].every((field) => field === '*'))
    return every(Number(minuteStep), 'minute');
  if (!/^\d+$/.test(minute ?? '') || !anyDay) return null;
  if (hour === '*' && dayOfWeek === '*') return `Every hour at minute ${Number(minute)}`;
  if (!/^\d+$/.test(hour ?? '')) return null;
  const at = `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
  if (dayOfWeek === '*') return `Every day at ${at}`;
  if (dayOfWeek === '1-5' || dayOfWeek === 'mon-fri') return `Weekdays at ${at}`;
  if (dayOfWeek === '0,6' || dayOfWeek === '6,0' || dayOfWeek === 'sat,sun')
    return `Weekends at ${at}`;
  return null;
}

const DAY_MS = 86_400_000;

function startOfDay(at: number): number {
  const date = new Date(at);
  date.setHours(0, 0, 0, 0);
  return date.getTime();
}

/** Whether two moments fall on the same day in the viewer's time. */
export function sameDay(a: number, b: number): boolean {
  return startOfDay(a) === startOfDay(b);
}

export function formatClock(at: number, withSeconds: boolean): string {
  return clockTime(at, { seconds: withSeconds });
}

/** A fire time in the viewer's own time: "Today 09:00", "Tomorrow 09:00", "Mon 14 Jul, 09:00". */
export function formatFireTime(at: number, now: number, withSeconds: boolean): string {
  const time = formatClock(at, withSeconds);
  const days = Math.round((startOfDay(at) - startOfDay(now)) / DAY_MS);
  if (days === 0) return `Today ${time}`;
  if (days === 1) return `Tomorrow ${time}`;
  const date = new Date(at).toLocaleDateString(undefined, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    ...(days > 300 ? { year: 'numeric' } : {}),
  });
  return `${date}, ${time}`;
}

/** The exact moment, for title attributes. */
export function formatExact(at: number): string {
  return new Date(at).toLocaleString(undefined, {
    dateStyle: 'full',
    timeStyle: 'medium',
  });
}

/** A past moment with seconds, for firings: "14 Jul 2025, 09:00:02". */
export function formatMoment(at: number): string {
  return new Date(at).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
}

/** How long until `at`: "in 12 s", "in 5 min", "in 3 h", "in 2 d". */
export function formatIn(at: number, now: number): string {
  const seconds = Math.round((at - now) / 1_000);
  if (seconds < 1) return 'now';
  if (seconds < 60) return `in ${seconds} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `in ${minutes} min`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `in ${hours} h`;
  return `in ${Math.round(hours / 24)} d`;
}

/** Next fire times still ahead (the engine computed them when it last sent the trigger). */
export function upcoming(times: readonly number[], now: number): number[] {
  return times.filter((at) => at > now - 500);
}

export function webhookUrl(hookPath: string): string {
  return `${window.location.origin}${hookPath}`;
}

export function curlExample(url: string, secret: string): string {
  return [
    `curl -X POST ${url}`,
    `  -H 'X-Switchboard-Secret: ${secret}'`,
    `  -H 'Content-Type: application/json'`,
    `  -d '{"hello":"world"}'`,
  ].join(' \\\n');
}

/** The fields a person typed, for one line under a watch trigger. */
export function describeWatch(trigger: Extract<Trigger, { kind: 'watch' }>): {
  glob: string;
  ignore: string;
  events: string;
} {
  return {
    glob: trigger.glob ?? 'every file',
    ignore: trigger.ignore.length > 0 ? trigger.ignore.join(', ') : 'nothing extra',
    events: trigger.events.map((event) => WATCH_EVENT_LABELS[event].toLowerCase()).join(', '),
  };
}

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.length > 0 ? value : undefined;
const count = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isFinite(value) ? value : undefined;

/** One line on what fired (and why it was skipped), from a firing's detail. */
export function describeFiring(kind: TriggerType, firing: TriggerFiring): string {
  const { detail } = firing;
  const parts: string[] = [];
  if (kind === 'cron') {
    const slotAt = count(detail.slotAt);
    if (detail.catchUp === true) {
      // A catch-up fires later than its slot: say which slot, and how many were missed.
      const missed = count(detail.missedSlots);
      parts.push(
        slotAt === undefined ? 'catch-up' : `catch-up for ${new Date(slotAt).toLocaleString()}`,
      );
      if (missed !== undefined) parts.push(`${missed} slot${plural(missed)} missed`);
    } else {
      parts.push('on schedule');
    }
  } else if (kind === 'watch') {
    const paths = Array.isArray(detail.paths)
      ? detail.paths.filter((p) => typeof p === 'string')
      : [];
    const total = count(detail.total) ?? paths.length;
    const shown = paths.slice(0, 3).join(', ');
    parts.push(total > 3 ? `${shown} and ${total - 3} more` : shown || 'files changed');
  } else {
    const bytes = count(detail.bytes);
    const type = text(detail.contentType);
    parts.push(
      bytes === undefined || bytes === 0
        ? 'empty body'
        : `${bytes} byte${plural(bytes)}${type ? ` of ${type.split(';')[0] ?? type}` : ''}`,
    );
  }
  const skipReason = text(detail.skipReason);
  if (skipReason) parts.push(`not started: ${skipReason}`);
  return parts.join(' · ');
}

export const plural = (n: number) => (n === 1 ? '' : 's');
