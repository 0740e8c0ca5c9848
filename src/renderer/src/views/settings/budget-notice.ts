// Saving a budget that today's (or this month's) spend has already passed takes effect at once:
// runs wait. The save says so, with the figures, instead of a bare "Saved."
import type { Settings } from '../../../../shared/domain';
import type { ApiClient } from '../../../../shared/client';
import { formatUsd } from '../../components/format';

export function budgetNotice(
  budgets: Settings['budgets'],
  spent: { todayUsd: number; monthUsd: number },
): string | null {
  const past: string[] = [];
  if (budgets.dailyUsd !== null && spent.todayUsd >= budgets.dailyUsd) {
    past.push(
      `today's spend (${formatUsd(spent.todayUsd)}) is already past the daily budget of ${formatUsd(budgets.dailyUsd)}`,
    );
  }
  if (budgets.monthlyUsd !== null && spent.monthUsd >= budgets.monthlyUsd) {
    past.push(
      `this month's spend (${formatUsd(spent.monthUsd)}) is already past the monthly budget of ${formatUsd(budgets.monthlyUsd)}`,
    );
  }
  if (past.length === 0) return null;
  const text = past.join(', and ');
  return `Saved, but ${text}: new runs wait until it resets or the budget is raised (Run anyway starts one regardless).`;
}

/** What today and this month have cost so far, by the person's calendar. */
export async function spentSoFar(
  api: ApiClient,
  now = new Date(),
): Promise<{ todayUsd: number; monthUsd: number }> {
  const startOfToday = new Date(now.getFullYear(), now.getMonth(), now.getDate()).getTime();
  const startOfMonth = new Date(now.getFullYear(), now.getMonth(), 1).getTime();
  const [today, month] = await Promise.all([
    api.call('costs.summary', { from: startOfToday }),
    api.call('costs.summary', { from: startOfMonth }),
  ]);
  return {
    todayUsd: today.totalUsd + today.goingUsd,
    monthUsd: month.totalUsd + month.goingUsd,
  };
}
