// At start: reap Claude Code processes a crashed engine left running (in parallel, checking each
// is still the recorded process), and settle the runs it was driving: a run with a request still
// pending keeps waiting for the person (no session needed); the rest become `interrupted`, their
// session ids kept, so runs.resume (or the task's auto-resume policy) can continue them.
import type { RunRecorder } from '../runs/run-recorder';
import { reapProcesses, type ReapResult } from './process-reaper';
import type { Store } from '../store';

export interface Recovered {
  interrupted: string[];
  reaped: ReapResult[];
  queued: string[];
  /** Runs that wait for a person's decision without a session. */
  waiting: string[];
  /** Waiting runs whose decision arrived but was never heard: they can continue now. */
  decided: string[];
}

export async function recoverAfterCrash(
  store: Store,
  recorder: RunRecorder,
  clock: () => number,
): Promise<Recovered> {
  const withPid = store.runs.withPid();
  const reaped = await reapProcesses(
    withPid.flatMap((run) =>
      run.pid === null ? [] : [{ pid: run.pid, startedAt: run.pidStartedAt }],
    ),
  );
  for (const run of withPid) store.runs.update(run.id, { pid: null, pidStartedAt: null });
  const interrupted: string[] = [];
  const waiting: string[] = [];
  const decided: string[] = [];
  for (const run of store.runs.withStatus(['running', 'waiting'])) {
    // Parked for a plan window: no process was running; limits/ re-arms its wait.
    if (run.parkedUntil !== null) continue;
    const pending = store.approvals.list({ status: 'pending', runId: run.id }).length;
    const unheard = store.approvals.unapplied(run.id).length;
    if (pending > 0 || unheard > 0) {
      if (run.status !== 'waiting') {
        const message = 'Switchboard restarted; this run waits for your decision.';
        recorder.event(run.id, { type: 'status', status: 'waiting', message });
        recorder.update(run.id, { status: 'waiting' });
      }
      (pending > 0 ? waiting : decided).push(run.id);
      continue;
    }
    const message = 'Switchboard stopped while this run was going. Resume continues the session.';
    recorder.event(run.id, { type: 'status', status: 'interrupted', message });
    recorder.update(run.id, { status: 'interrupted', error: message, endedAt: clock() });
    interrupted.push(run.id);
  }
  const queued = store.runs.withStatus(['queued']).map((run) => run.id);
  return { interrupted, reaped, queued, waiting, decided };
}
