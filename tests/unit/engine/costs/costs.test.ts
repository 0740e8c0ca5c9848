// Cost summaries and budgets over a real SQLite store.
import { describe, expect, it } from 'vitest';
import { budgetHold } from '../../../../src/main/engine/costs/budget';
import { costSummary, dayKey } from '../../../../src/main/engine/costs/cost-service';
import { DEFAULT_SETTINGS } from '../../../../src/main/engine/settings/settings';
import { openStore, seed } from '../../../support/store-fixtures';

describe('costs', () => {
  it('sums by day, task and model over the period', () => {
    const store = openStore();
    const now = new Date(2026, 10, 21, 12).getTime();
    const yesterday = new Date(2026, 10, 20, 12).getTime();
    seed(store, now, 1.25, 'claude-sonnet-4-5', 'task_a');
    seed(store, now, 0.5, 'claude-haiku-4-5', 'task_b');
    seed(store, yesterday, 2, 'claude-sonnet-4-5', 'task_a');
    seed(store, new Date(2026, 8, 1).getTime(), 100, 'claude-sonnet-4-5', 'task_a');

    const summary = costSummary(store, {}, now);
    expect(summary.totalUsd).toBeCloseTo(3.75);
    expect(summary.byDay).toHaveLength(30);
    expect(summary.byDay.at(-1)).toEqual({
      day: dayKey(now),
      totalUsd: 1.75,
      byModel: { 'claude-sonnet-4-5': 1.25, 'claude-haiku-4-5': 0.5 },
    });
    expect(summary.byDay.at(-2)?.totalUsd).toBe(2);
    expect(summary.byTask).toEqual([
      { taskId: 'task_a', taskTitle: 'Task task_a', totalUsd: 3.25, runs: 2 },
      { taskId: 'task_b', taskTitle: 'Task task_b', totalUsd: 0.5, runs: 1 },
    ]);
    expect(summary.byModel.map((m) => m.model)).toEqual(['claude-sonnet-4-5', 'claude-haiku-4-5']);
  });

  it('holds runs when the daily or monthly budget is reached', () => {
    const store = openStore();
    const now = new Date(2026, 10, 21, 12).getTime();
    seed(store, now, 3);
    seed(store, new Date(2026, 10, 2).getTime(), 10);
    const settings = (dailyUsd: number | null, monthlyUsd: number | null) => ({
      ...DEFAULT_SETTINGS,
      budgets: { dailyUsd, monthlyUsd },
    });
    expect(budgetHold(store, settings(null, null), now)).toBeNull();
    expect(budgetHold(store, settings(5, null), now)).toBeNull();
    expect(budgetHold(store, settings(3, null), now)).toMatch(/Daily budget of \$3\.00 reached/);
    expect(budgetHold(store, settings(null, 13), now)).toMatch(/Monthly budget of \$13\.00/);
    expect(budgetHold(store, settings(null, 14), now)).toBeNull();
  });
});
