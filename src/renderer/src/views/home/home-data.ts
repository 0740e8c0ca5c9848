// What Home shows, loaded together: runs going now, recent runs, today's and this month's spend,
// and whether any task exists yet (for the first-time empty state).
import type { ApiClient } from '../../../../shared/client';
import { FINISHED_STATUSES, type Run } from '../../../../shared/domain';

export interface HomeData {
  active: Run[];
  recent: Run[];
  todayUsd: number;
  monthUsd: number;
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
    todayUsd: today.totalUsd,
    monthUsd: month.totalUsd,
    taskCount: tasks.length,
  };
}

/** A pushed run replaces its copy so status and cost move without a reload. */
export function applyRunUpdate(data: HomeData, run: Run): HomeData {
  const replace = (list: Run[]) => list.map((r) => (r.id === run.id ? run : r));
  return { ...data, active: replace(data.active), recent: replace(data.recent) };
}
