// A trigger's own daily budget ("this webhook may spend $2 a day"): once the runs it started
// today have spent that, its next runs wait until tomorrow (or a person starts one anyway).
import type { RunRecord, Store } from '../store';
import { startOfDay, usd } from './budget';

export function triggerBudgetHold(store: Store, run: RunRecord, now: number): string | null {
  const triggerId = run.trigger.triggerId;
  if (triggerId === undefined) return null;
  const budget = store.triggers.get(triggerId)?.dailyBudgetUsd ?? null;
  if (budget === null) return null;
  const spent = store.costs.totalForTrigger(triggerId, startOfDay(now), now + 1);
  if (spent < budget) return null;
  return `This trigger's daily budget of ${usd(budget)} is reached (${usd(spent)} today). Its runs wait until tomorrow or a higher budget.`;
}
