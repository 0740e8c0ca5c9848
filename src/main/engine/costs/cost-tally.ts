// Adds spend up for costs.summary: whole days from the rollups and the runs of partial days at
// either end of the period, by day (split by model), by task and by model.
import type { CostSummary } from '../../../shared/domain';
import type { CostDays } from '../store/cost-days';
import type { CostRow } from '../store/cost-store';

type ModelTotals = CostSummary['byModel'][number];

interface TaskTotals {
  taskId: string;
  taskTitle: string;
  totalUsd: number;
  /** Runs counted by the rollups, which hold no run ids. */
  rolledUpRuns: number;
  /** Runs seen one by one (a run has a row per model). */
  runIds: Set<string>;
}

export class CostTally {
  private totalUsd = 0;
  private readonly days = new Map<string, { totalUsd: number; byModel: Record<string, number> }>();
  private readonly tasks = new Map<string, TaskTotals>();
  private readonly models = new Map<string, ModelTotals>();

  /** Every day of the period is listed, spent on or not. */
  constructor(dayKeys: string[]) {
    for (const day of dayKeys) this.days.set(day, { totalUsd: 0, byModel: {} });
  }

  /** Whole days in [fromDay, toDay) from the rollups. */
  addDays(rollups: CostDays, fromDay: string, toDay: string): void {
    for (const { day, model, costUsd } of rollups.byDayAndModel(fromDay, toDay)) {
      this.totalUsd += costUsd;
      this.addToDay(day, model, costUsd);
    }
    for (const spend of rollups.byTask(fromDay, toDay)) {
      const task = this.task(spend.taskId, spend.taskTitle);
      task.totalUsd += spend.costUsd;
      task.rolledUpRuns += spend.runs;
    }
    for (const { model, costUsd, ...tokens } of rollups.byModel(fromDay, toDay)) {
      this.addToModel(model, costUsd, tokens);
    }
  }

  /** Runs' per-model rows, each on the day `dayOf` its time. */
  addRows(rows: CostRow[], dayOf: (at: number) => string): void {
    for (const row of rows) {
      this.totalUsd += row.costUsd;
      this.addToDay(dayOf(row.at), row.model, row.costUsd);
      const task = this.task(row.taskId, row.taskTitle);
      task.totalUsd += row.costUsd;
      task.runIds.add(row.runId);
      this.addToModel(row.model, row.costUsd, row);
    }
  }

  summary(from: number, to: number, goingUsd: number): CostSummary {
    return {
      from,
      to,
      totalUsd: this.totalUsd,
      byDay: [...this.days.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([day, value]) => ({ day, ...value })),
      byTask: [...this.tasks.values()]
        .map(({ taskId, taskTitle, totalUsd, rolledUpRuns, runIds }) => ({
          taskId,
          taskTitle,
          totalUsd,
          runs: rolledUpRuns + runIds.size,
        }))
        .sort((a, b) => b.totalUsd - a.totalUsd),
      byModel: [...this.models.values()].sort((a, b) => b.totalUsd - a.totalUsd),
      goingUsd,
    };
  }

  private addToDay(key: string, model: string, costUsd: number): void {
    const day = this.days.get(key) ?? { totalUsd: 0, byModel: {} };
    day.totalUsd += costUsd;
    day.byModel[model] = (day.byModel[model] ?? 0) + costUsd;
    this.days.set(key, day);
  }

  private task(taskId: string, taskTitle: string): TaskTotals {
    let task = this.tasks.get(taskId);
    if (!task) {
      task = { taskId, taskTitle, totalUsd: 0, rolledUpRuns: 0, runIds: new Set() };
      this.tasks.set(taskId, task);
    }
    return task;
  }

  private addToModel(
    name: string,
    costUsd: number,
    tokens: Omit<ModelTotals, 'model' | 'totalUsd'>,
  ): void {
    const model = this.models.get(name) ?? {
      model: name,
      totalUsd: 0,
      inputTokens: 0,
      outputTokens: 0,
      cacheReadInputTokens: 0,
      cacheCreationInputTokens: 0,
    };
    model.totalUsd += costUsd;
    model.inputTokens += tokens.inputTokens;
    model.outputTokens += tokens.outputTokens;
    model.cacheReadInputTokens += tokens.cacheReadInputTokens;
    model.cacheCreationInputTokens += tokens.cacheCreationInputTokens;
    this.models.set(name, model);
  }
}
