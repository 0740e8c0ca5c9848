// The Runs view's filters as the address's query string, so Back and reload keep them, and as the
// runs.query input they stand for.
import type { MethodInput } from '../../../../shared/contract';
import type { RunStatus, TriggerKind } from '../../../../shared/domain';

export const PAGE_SIZE = 50;

/** Status choices as a person thinks of them (Running covers "needs you" too). */
export const STATUS_CHOICES: { value: string; label: string; statuses: RunStatus[] }[] = [
  { value: 'active', label: 'Running or needs you', statuses: ['running', 'waiting'] },
  { value: 'waiting', label: 'Needs you', statuses: ['waiting'] },
  { value: 'queued', label: 'Queued', statuses: ['queued'] },
  { value: 'succeeded', label: 'Succeeded', statuses: ['succeeded'] },
  { value: 'failed', label: 'Failed', statuses: ['failed'] },
  { value: 'cancelled', label: 'Stopped', statuses: ['cancelled'] },
  { value: 'interrupted', label: 'Interrupted', statuses: ['interrupted'] },
];

export const TRIGGER_CHOICES: { value: string; label: string; kinds: TriggerKind[] }[] = [
  { value: 'hand', label: 'By hand', kinds: ['manual', 'tray', 'drop'] },
  { value: 'followup', label: 'Follow-up or resume', kinds: ['followup', 'resume'] },
  { value: 'cron', label: 'Schedule', kinds: ['cron'] },
  { value: 'watch', label: 'Folder change', kinds: ['watch'] },
  { value: 'webhook', label: 'Webhook', kinds: ['webhook'] },
];

export interface RunsFilter {
  status: string;
  task: string;
  trigger: string;
  /** A place's id, `here` (this machine), or '' for anywhere. */
  place: string;
  /** yyyy-mm-dd, the person's own day. */
  from: string;
  to: string;
  q: string;
  page: number;
}

const KEYS = ['status', 'task', 'trigger', 'place', 'from', 'to', 'q'] as const;

export function parseFilter(search: string): RunsFilter {
  const params = new URLSearchParams(search);
  const page = Number(params.get('page') ?? '1');
  return {
    status: params.get('status') ?? '',
    task: params.get('task') ?? '',
    trigger: params.get('trigger') ?? '',
    place: params.get('place') ?? '',
    from: params.get('from') ?? '',
    to: params.get('to') ?? '',
    q: params.get('q') ?? '',
    page: Number.isInteger(page) && page > 0 ? page : 1,
  };
}

export function filterPath(filter: RunsFilter): string {
  const params = new URLSearchParams();
  for (const key of KEYS) if (filter[key]) params.set(key, filter[key]);
  if (filter.page > 1) params.set('page', String(filter.page));
  const query = params.toString();
  return query ? `/runs?${query}` : '/runs';
}

export function toQuery(filter: RunsFilter): MethodInput<'runs.query'> {
  const statuses = STATUS_CHOICES.find((c) => c.value === filter.status)?.statuses;
  const triggerKinds = TRIGGER_CHOICES.find((c) => c.value === filter.trigger)?.kinds;
  const from = dayStart(filter.from);
  const toDay = dayStart(filter.to);
  return {
    ...(statuses ? { statuses } : {}),
    ...(triggerKinds ? { triggerKinds } : {}),
    ...(filter.task ? { taskId: filter.task } : {}),
    ...(filter.place ? { place: filter.place } : {}),
    ...(from !== undefined ? { from } : {}),
    // "To" includes that whole day.
    ...(toDay !== undefined ? { to: toDay + 24 * 60 * 60 * 1_000 } : {}),
    ...(filter.q.trim() ? { search: filter.q.trim() } : {}),
    offset: (filter.page - 1) * PAGE_SIZE,
    limit: PAGE_SIZE,
  };
}

export function isFiltered(filter: RunsFilter): boolean {
  return KEYS.some((key) => filter[key] !== '');
}

function dayStart(day: string): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return undefined;
  return new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3])).getTime();
}
