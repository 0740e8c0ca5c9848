// Budgets: whether today's or this month's spend has reached the limit set in settings.
import type { Settings } from '../../../shared/domain';
import type { Store } from '../store';

export function startOfDay(at: number): number {
  const date = new Date(at);
  date.setHours(0, 0, 0, 0);
  return date.getTime();
}

export function startOfMonth(at: number): number {
  const date = new Date(at);
  date.setHours(0, 0, 0, 0);
  date.setDate(1);
  return date.getTime();
}

/** A sentence saying which budget holds runs back, or null when none does. */
export function budgetHold(store: Store, settings: Settings, now: number): string | null {
  const { dailyUsd, monthlyUsd } = settings.budgets;
  if (dailyUsd !== null) {
    const spent = store.costs.total(startOfDay(now), now + 1);
    if (spent >= dailyUsd) {
      return `Daily budget of ${usd(dailyUsd)} reached (${usd(spent)} spent today). Runs wait until tomorrow or a higher budget.`;
    }
  }
  if (monthlyUsd !== null) {
    const spent = store.costs.total(startOfMonth(now), now + 1);
    if (spent >= monthlyUsd) {
      return `Monthly budget of ${usd(monthlyUsd)} reached (${usd(spent)} spent this month). Runs wait until next month or a higher budget.`;
    }
  }
  return null;
}

export function usd(amount: number): string {
  return `$${amount.toFixed(2)}`;
}
