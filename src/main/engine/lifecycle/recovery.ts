// At start: reap Claude Code processes a crashed engine left running, and mark the runs it was
// driving `interrupted` (their session ids kept, so runs.resume can continue them).
import type { RunRecorder } from '../runs/run-recorder';
import { reapProcess, type ReapResult } from './process-reaper';
import type { Store } from '../store';

export async function recoverAfterCrash(
  store: Store,
  recorder: RunRecorder,
  clock: () => number,
): Promise<{ interrupted: string[]; reaped: ReapResult[]; queued: string[] }> {
  const reaped: ReapResult[] = [];
  for (const run of store.runs.withPid()) {
    if (run.pid !== null) reaped.push(await reapProcess(run.pid));
    store.runs.update(run.id, { pid: null });
  }
  const interrupted: string[] = [];
  for (const run of store.runs.withStatus(['running', 'waiting'])) {
    // Parked for a plan window: no process was running; limits/ re-arms its wait.
    if (run.parkedUntil !== null) continue;
    store.approvals.cancelPendingForRun(run.id, clock());
    const message = 'Switchboard stopped while this run was going. Resume continues the session.';
    recorder.event(run.id, { type: 'status', status: 'interrupted', message });
    recorder.update(run.id, { status: 'interrupted', error: message, endedAt: clock() });
    interrupted.push(run.id);
  }
  const queued = store.runs.withStatus(['queued']).map((run) => run.id);
  return { interrupted, reaped, queued };
}
