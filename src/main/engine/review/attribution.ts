// Whose change each path is: the run's start, its tool-call snapshots and its end cut the run into
// intervals; a path changed in an interval when a call of the run was running is the run's, one
// changed when none was is someone else's, and a path changed in both kinds is both's.
import type { Attribution } from '../../../shared/domain';
import type { CallTimeline } from './call-snapshots';

export interface Interval {
  from: string;
  to: string;
  /** Some call of the run was running all through it. */
  byRun: boolean;
}

export interface Attributed {
  whose: Map<string, Attribution>;
  /** For each path the run changed, the intervals it changed it in, oldest first. */
  runParts: Map<string, Interval[]>;
}

/** The intervals from `start` to `end` through the timeline's snapshots. */
export function intervals(start: string, timeline: CallTimeline, end: string): Interval[] {
  const result: Interval[] = [];
  let from = start;
  let open = 0;
  for (const step of timeline.steps) {
    result.push({ from, to: step.commit, byRun: open > 0 });
    from = step.commit;
    open = step.open;
  }
  result.push({ from, to: end, byRun: open > 0 });
  return result;
}

/** `changed(from, to)`: the paths that differ between two snapshots. */
export async function attribute(
  spans: Interval[],
  changed: (from: string, to: string) => Promise<string[]>,
): Promise<Attributed> {
  const lists = await Promise.all(spans.map((span) => changed(span.from, span.to)));
  const byRun = new Set<string>();
  const byOther = new Set<string>();
  const runParts = new Map<string, Interval[]>();
  spans.forEach((span, index) => {
    for (const path of lists[index] ?? []) {
      if (!span.byRun) {
        byOther.add(path);
        continue;
      }
      byRun.add(path);
      runParts.set(path, [...(runParts.get(path) ?? []), span]);
    }
  });
  const whose = new Map<string, Attribution>();
  for (const path of new Set([...byRun, ...byOther])) {
    whose.set(path, byRun.has(path) ? (byOther.has(path) ? 'both' : 'run') : 'other');
  }
  return { whose, runParts };
}

/** A renamed file's attribution from both of its paths. */
export function combine(a: Attribution | undefined, b: Attribution | undefined): Attribution {
  if (a === undefined) return b ?? 'other';
  if (b === undefined || a === b) return a;
  return 'both';
}
