// Retries still counting down, kept in the run's row (retryAt) so that a clean stop or a crash
// does not lose them: at the next start each is armed again, and one whose time has passed
// starts at once. The row, not the timer, says whether the retry is still wanted: a person who
// resumed or cancelled the failed run meanwhile cleared it.
import type { RunRecorder } from './run-recorder';
import type { RunService } from './run-service';
import type { RunRecord, Store } from '../store';

export interface RetryScheduleDeps {
  store: Store;
  runs: Pick<RunService, 'retry'>;
  recorder: RunRecorder;
  clock: () => number;
}

export class RetrySchedule {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private stopped = false;

  constructor(private readonly deps: RetryScheduleDeps) {}

  /** Records that `runId` is tried again at `at`, and arms the timer. */
  schedule(runId: string, at: number): void {
    if (this.stopped) return;
    this.deps.recorder.update(runId, { retryAt: at });
    this.arm(runId, at);
  }

  /** After a start: arms the retries a stop or crash left counting down. Returns their runs. */
  restore(): string[] {
    const pending = this.deps.store.runs.withRetryPending();
    for (const run of pending) if (run.retryAt !== null) this.arm(run.id, run.retryAt);
    return pending.map((run) => run.id);
  }

  /** Timers stop; the rows keep their retryAt for the next start. */
  stop(): void {
    this.stopped = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  private arm(runId: string, at: number): void {
    clearTimeout(this.timers.get(runId));
    const timer = setTimeout(() => this.fire(runId), Math.max(0, at - this.deps.clock()));
    timer.unref();
    this.timers.set(runId, timer);
  }

  private fire(runId: string): void {
    this.timers.delete(runId);
    if (this.stopped) return;
    const { store, recorder } = this.deps;
    const run = store.runs.get(runId);
    if (!run || run.retryAt === null) return;
    recorder.update(runId, { retryAt: null });
    try {
      this.deps.runs.retry(runId, { retry: retryAttempt(run) + 1, retryOf: run.id });
    } catch (error) {
      // Another run of the session is going, or the task was deleted: a person can resume it.
      const reason = error instanceof Error ? error.message : String(error);
      recorder.event(runId, { type: 'error', message: `The retry did not start: ${reason}` });
    }
  }
}

/** Which retry a run is: 0 for a first try, n for the n-th retry. */
export function retryAttempt(run: RunRecord): number {
  const retry = run.trigger.detail?.retry;
  return typeof retry === 'number' ? retry : 0;
}
