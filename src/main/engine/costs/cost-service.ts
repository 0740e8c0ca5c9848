// costs.summary: spend in a period by day (split by model), by task and by model.
import type { MethodParams } from '../../../shared/contract';
import type { CostSummary } from '../../../shared/domain';
import { badInput } from '../../../shared/errors';
import { LIMITS } from '../../../shared/schemas';
import { startOfDay } from './budget';
import type { Store } from '../store';

const DAY_MS = 24 * 60 * 60 * 1000;

export function costSummary(
  store: Store,
  params: MethodParams<'costs.summary'>,
  now: number,
): CostSummary {
  const to = params.to ?? now + 1;
  const from = params.from ?? startOfDay(now - 29 * DAY_MS);
  // byDay lists every day in the range, so the range is what bounds the work.
  if (to < from) throw badInput('to', 'the range ends before it starts');
  if (to - from > LIMITS.costDays * DAY_MS) {
    throw badInput(
      params.from === undefined ? 'to' : 'from',
      `the range spans more than ${LIMITS.costDays} days; ask for at most a year at a time`,
    );
  }
  const rows = store.costs.rows(from, to);

  const days = new Map<string, { totalUsd: number; byModel: Record<string, number> }>();
  for (let day = startOfDay(from); day < to; day = startOfDay(day + DAY_MS + 3_600_000)) {
    days.set(dayKey(day), { totalUsd: 0, byModel: {} });
  }
  const tasks = new Map<
    string,
    { taskId: string; taskTitle: string; totalUsd: number; runs: Set<string> }
  >();
  const models = new Map<string, CostSummary['byModel'][number]>();
  let totalUsd = 0;

  for (const row of rows) {
    totalUsd += row.costUsd;
    const day = days.get(dayKey(row.at)) ?? { totalUsd: 0, byModel: {} };
    day.totalUsd += row.costUsd;
    day.byModel[row.model] = (day.byModel[row.model] ?? 0) + row.costUsd;
    days.set(dayKey(row.at), day);

    const task = tasks.get(row.taskId) ?? {
      taskId: row.taskId,
      taskTitle: row.taskTitle,
      totalUsd: 0,
      runs: new Set<string>(),
    };
    task.totalUsd += row.costUsd;
    task.runs.add(row.runId);
    tasks.set(row.taskId, task);

    const model = models.get(row.model) ?? {
      model: row.model,
      totalUsd: 0,
      inputTokens: 0,
      outputTokens: 0,
      cacheReadInputTokens: 0,
      cacheCreationInputTokens: 0,
    };
    model.totalUsd += row.costUsd;
    model.inputTokens += row.inputTokens;
    model.outputTokens += row.outputTokens;
    model.cacheReadInputTokens += row.cacheReadInputTokens;
    model.cacheCreationInputTokens += row.cacheCreationInputTokens;
    models.set(row.model, model);
  }

  return {
    from,
    to,
    totalUsd,
    byDay: [...days.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([day, value]) => ({ day, ...value })),
    byTask: [...tasks.values()]
      .map(({ runs, ...task }) => ({ ...task, runs: runs.size }))
      .sort((a, b) => b.totalUsd - a.totalUsd),
    byModel: [...models.values()].sort((a, b) => b.totalUsd - a.totalUsd),
  };
}

/** Local calendar day, YYYY-MM-DD. */
export function dayKey(at: number): string {
  const date = new Date(at);
  const month = String(date.getMonth() + 1).padStart(2, '0');
  const day = String(date.getDate()).padStart(2, '0');
  return `${date.getFullYear()}-${month}-${day}`;
}
