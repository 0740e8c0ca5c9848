// What Home shows, loaded together: runs going now, recent runs, today's and this month's spend,
// and whether any task exists yet (for the first-time empty state). The spend counts the live
// cost of the runs going now, as the budgets do; it moves with their pushes.
import type { ApiClient } from '../../../../shared/client';
import { FINISHED_STATUSES, type Run } from '../../../../shared/domain';

export interface HomeData {
  active: Run[];
  recent: Run[];
  /** What costs.summary holds since the start of today / of the month: recorded spend only. */
  recordedTodayUsd: number;
  recordedMonthUsd: number;
  startOfToday: number;
  startOfMonth: number;
  /** Each active run's spend recorded by model when loaded: what costs.summary already holds. */
  recordedAtLoad: ReadonlyMap<string, number>;
  taskCount: number;
}

export async function loadHome(api: ApiClient, now = new Date()): Promise<HomeData> {
  const startOfToday = new Date(now.getFullYear(), now.getMonth(), now.getDate()).getTime();
  const startOfMonth = new Date(now.getFullYear(), now.getMonth(), 1).getTime();
  const [running, waiting, queued, recent, today, month, tasks] = await Promise.all([
    api.call('runs.list', { status: 'running', limit: 100 }),
    api.call('runs.list', { status: 'waiting', limit: 100 }),
    api.call('runs.list', { status: 'queued', limit: 1000 }),
    api.call('runs.query', { statuses: [...FINISHED_STATUSES], limit: 10 }),
    api.call('costs.summary', { from: startOfToday }),
    api.call('costs.summary', { from: startOfMonth }),
    api.call('tasks.list', {}),
  ]);
  const active = [...waiting, ...running, ...queued].sort((a, b) => a.createdAt - b.createdAt);
  const activeIds = new Set(active.map((run) => run.id));
  return {
    active,
    recent: recent.runs.filter((run) => !activeIds.has(run.id)),
    recordedTodayUsd: today.totalUsd,
    recordedMonthUsd: month.totalUsd,
    startOfToday,
    startOfMonth,
    recordedAtLoad: new Map(active.map((run) => [run.id, recordedUsd(run)])),
    taskCount: tasks.length,
  };
}

/** A pushed run replaces its copy so status and cost move without a reload. */
export function applyRunUpdate(data: HomeData, run: Run): HomeData {
  const replace = (list: Run[]) => list.map((r) => (r.id === run.id ? run : r));
  return { ...data, active: replace(data.active), recent: replace(data.recent) };
}

const recordedUsd = (run: Run) => run.modelUsage.reduce((sum, usage) => sum + usage.costUsd, 0);

/**
 * Today's and this month's spend, the live cost of the runs going now included: what each run
 * that was active when Home loaded has spent since beyond what costs.summary then held. It moves
 * with the runs' pushes, and stays right after a run ends until Home reloads.
 */
export function spendNow(data: HomeData): { todayUsd: number; monthUsd: number } {
  const liveSince = (from: number) =>
    data.active
      .filter((run) => (run.startedAt ?? run.createdAt) >= from)
      .reduce(
        (sum, run) => sum + Math.max(0, run.costUsd - (data.recordedAtLoad.get(run.id) ?? 0)),
        0,
      );
  return {
    todayUsd: data.recordedTodayUsd + liveSince(data.startOfToday),
    monthUsd: data.recordedMonthUsd + liveSince(data.startOfMonth),
  };
}
