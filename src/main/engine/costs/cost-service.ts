// costs.summary: spend in a period by day (split by model), by task and by model. Whole local
// days come from the daily rollups; only the partial days at either end are read run by run.
// Beside them, what the runs going now have spent so far (not recorded by model yet).
import type { MethodParams } from '../../../shared/contract';
import type { CostSummary } from '../../../shared/domain';
import { badInput } from '../../../shared/errors';
import { LIMITS } from '../../../shared/schemas';
import { startOfDay } from './budget';
import { CostTally } from './cost-tally';
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
  const days: string[] = [];
  for (let day = startOfDay(from); day < to; day = nextDay(day)) days.push(dayKey(day));
  const tally = new CostTally(days);

  // Whole days: from the first midnight at or after `from` to the last midnight at or before `to`.
  const wholeFrom = startOfDay(from) === from ? from : nextDay(from);
  const wholeTo = startOfDay(to);
  if (wholeFrom < wholeTo) {
    tally.addDays(store.costs.days, dayKey(wholeFrom), dayKey(wholeTo));
    if (from < wholeFrom) tally.addRows(store.costs.rows(from, wholeFrom), dayKey);
    if (wholeTo < to) tally.addRows(store.costs.rows(wholeTo, to), dayKey);
  } else {
    tally.addRows(store.costs.rows(from, to), dayKey);
  }
  return tally.summary(from, to, store.costs.going(from, to));
}

/** The start of the local day after the one `at` falls in (days last 23 to 25 hours). */
function nextDay(at: number): number {
  return startOfDay(startOfDay(at) + DAY_MS + 3_600_000);
}

/** Local calendar day, YYYY-MM-DD. */
export function dayKey(at: number): string {
  const date = new Date(at);
  const month = String(date.getMonth() + 1).padStart(2, '0');
  const day = String(date.getDate()).padStart(2, '0');
  return `${date.getFullYear()}-${month}-${day}`;
}
