// Saving a budget already passed says so, with the figures.
import { describe, expect, it } from 'vitest';
import { budgetNotice } from '../../../src/renderer/src/views/settings/budget-notice';

describe('budget notice', () => {
  it('says when today is already past a new daily budget', () => {
    expect(
      budgetNotice({ dailyUsd: 1, monthlyUsd: null }, { todayUsd: 1.71, monthUsd: 1.71 }),
    ).toBe(
      "Saved, but today's spend ($1.71) is already past the daily budget of $1.00: new runs wait until it resets or the budget is raised (Run anyway starts one regardless).",
    );
  });

  it('names both when both are past, and nothing when neither is', () => {
    const both = budgetNotice({ dailyUsd: 1, monthlyUsd: 2 }, { todayUsd: 1.5, monthUsd: 3 });
    expect(both).toContain('daily budget of $1.00, and this month');
    expect(budgetNotice({ dailyUsd: 5, monthlyUsd: null }, { todayUsd: 1.71, monthUsd: 9 })).toBe(
      null,
    );
  });
});
