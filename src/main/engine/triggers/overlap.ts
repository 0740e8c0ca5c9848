// What a firing does while the task still has an unfinished run, per the task's overlap policy.
import type { OverlapPolicy, RunStatus } from '../../../shared/domain';

export type OverlapDecision =
  { action: 'start' } | { action: 'queue' } | { action: 'skip'; reason: string };

/**
 * skip (default): start only when the task has no unfinished run.
 * queue: start now if idle; otherwise hold ONE firing until the task's runs end; more are skipped.
 * parallel: always start.
 */
export function decideOverlap(
  policy: OverlapPolicy,
  unfinished: readonly { status: RunStatus }[],
  hasHeldFiring: boolean,
): OverlapDecision {
  if (policy === 'parallel') return { action: 'start' };
  if (unfinished.length === 0 && !hasHeldFiring) return { action: 'start' };
  const busy = `${unfinished.length} run${unfinished.length === 1 ? '' : 's'} of this task still unfinished`;
  if (policy === 'skip') return { action: 'skip', reason: `${busy} (overlap policy: skip)` };
  if (hasHeldFiring) {
    return { action: 'skip', reason: 'a firing is already queued (overlap policy: queue one)' };
  }
  if (unfinished.some((run) => run.status === 'queued')) {
    return {
      action: 'skip',
      reason: 'a run of this task is already queued (overlap policy: queue one)',
    };
  }
  return { action: 'queue' };
}
