// How long a run took or has been going: one helper for every place that shows it (the run
// header, the line that ends the transcript, lists of runs), so their figures always agree.
import type { Run } from '../../../shared/domain';

/** Start to end, or to `now` while it runs; null before it started. */
export function runElapsed(run: Pick<Run, 'startedAt' | 'endedAt'>, now: number): number | null {
  if (run.startedAt === null) return null;
  return (run.endedAt ?? now) - run.startedAt;
}
