// Each task's policy for runs that did not finish: interrupted runs resume by themselves after a
// restart (by default only scheduled ones), and a run that failed on a transient API error (429,
// 529, 5xx, a dropped connection) is tried again after an exponential backoff with jitter. A 401,
// a 403 or a failure of the task itself is never retried. A retry counting down outlives a stop
// (retry-schedule).
import type { Run, Task, TriggerKind } from '../../../shared/domain';
import { RetrySchedule, retryAttempt } from './retry-schedule';
import type { RunRecorder } from './run-recorder';
import type { RunService } from './run-service';
import type { SessionEnding } from './session-runner';
import type { RunRecord, Store } from '../store';

const SCHEDULED_KINDS: readonly TriggerKind[] = ['cron', 'watch', 'webhook'];
const TRANSIENT_ERRORS = new Set(['rate_limit', 'overloaded', 'server_error']);
/** Claude Code's words for a request that never got an HTTP answer. */
const NETWORK_ERROR =
  /connection error|timed out|ECONNRESET|ECONNREFUSED|socket hang up|fetch failed/i;

export function isTransientFailure(ending: SessionEnding, error: string | null): boolean {
  if (ending.status !== 'failed') return false;
  const status = ending.apiErrorStatus;
  if (status === 401 || status === 403) return false;
  if (status !== null) return status === 408 || status === 429 || status === 529 || status >= 500;
  if (ending.apiError !== null) return TRANSIENT_ERRORS.has(ending.apiError);
  return error !== null && NETWORK_ERROR.test(error);
}

/** 1×, 2×, 4× … the base, each between half and one and a half of that (jitter), capped. */
export function retryDelayMs(attempt: number, baseMs: number, random = Math.random): number {
  const exponential = Math.min(baseMs * 2 ** Math.max(0, attempt - 1), 15 * 60_000);
  return Math.round(exponential * (0.5 + random()));
}

export interface RunPolicyDeps {
  store: Store;
  runs: RunService;
  recorder: RunRecorder;
  clock?: () => number;
  /** The first retry's delay; later ones double it. */
  retryBaseMs?: number;
  random?: () => number;
}

export class RunPolicyService {
  private readonly retries: RetrySchedule;
  private readonly clock: () => number;
  private stopped = false;

  constructor(private readonly deps: RunPolicyDeps) {
    this.clock = deps.clock ?? Date.now;
    this.retries = new RetrySchedule({
      store: deps.store,
      runs: deps.runs,
      recorder: deps.recorder,
      clock: this.clock,
    });
  }

  /** Called when a session ends: schedules a retry when the task's policy asks for one. */
  afterSessionEnded(runId: string, ending: SessionEnding): void {
    if (this.stopped) return;
    const { store, recorder } = this.deps;
    const run = store.runs.get(runId);
    const task = run ? store.tasks.get(run.taskId) : undefined;
    if (!run || !task || !isTransientFailure(ending, run.error)) return;
    const attempt = retryAttempt(run) + 1;
    if (attempt > task.runPolicy.transientRetries) return;
    const delay = retryDelayMs(attempt, this.deps.retryBaseMs ?? 10_000, this.deps.random);
    const message = `Transient API error: retrying in ${Math.ceil(delay / 1000)} s (retry ${attempt} of ${task.runPolicy.transientRetries}).`;
    recorder.event(runId, { type: 'error', message });
    this.retries.schedule(runId, this.clock() + delay);
  }

  /** After a start: re-arms the retries a stop or a crash left counting down. */
  restoreRetries(): string[] {
    return this.retries.restore();
  }

  /** After a restart: resumes the interrupted runs whose task says so. */
  resumeAfterRestart(runIds: string[]): Run[] {
    const { store } = this.deps;
    const resumed: Run[] = [];
    for (const runId of runIds) {
      const run = store.runs.get(runId);
      const task = run ? store.tasks.get(run.taskId) : undefined;
      if (!run || !task || !autoResumes(task, originKind(store, run))) continue;
      try {
        resumed.push(this.deps.runs.resume(runId, 'auto'));
      } catch {
        // Another run of the session is going, or the task is gone: a person can resume it.
      }
    }
    return resumed;
  }

  stop(): void {
    this.stopped = true;
    this.retries.stop();
  }
}

export function autoResumes(task: Task, origin: TriggerKind): boolean {
  return task.runPolicy.autoResume ?? SCHEDULED_KINDS.includes(origin);
}

/** What first started this line of runs: a resume or retry carries on its parent's kind. */
export function originKind(store: Store, run: RunRecord): TriggerKind {
  let current: RunRecord | undefined = run;
  for (let hops = 0; current && hops < 50; hops++) {
    if (current.trigger.kind !== 'resume' || current.parentRunId === null)
      return current.trigger.kind;
    current = store.runs.get(current.parentRunId);
  }
  return run.trigger.kind;
}
