// Parked runs: a run a plan window refused waits (status `waiting`, `parkedUntil`) on a timer to
// the window's reset, then goes back in the queue and continues its own Claude Code session. No
// request reaches the API while it waits.
import type { RunRecorder } from '../runs/run-recorder';
import type { Store } from '../store';

export const CONTINUE_PROMPT =
  'The plan usage limit has reset. Continue the task from where you left off.';

/** A reset time already in the past (a clock skew) still waits this long, never zero. */
const MIN_WAIT_MS = 1_000;
/** The API's reset is whole seconds; waking a little after it avoids one refused request. */
const AFTER_RESET_MS = 1_500;

interface RunParkingDeps {
  store: Store;
  recorder: RunRecorder;
  clock: () => number;
  /** Puts a run back in the queue. */
  requeue: (runId: string) => void;
}

export class RunParking {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** Runs released from parking: their next start continues the session with this prompt. */
  private readonly continuations = new Map<string, string>();

  constructor(private readonly deps: RunParkingDeps) {}

  park(runId: string, until: number, reason: string): void {
    const { recorder } = this.deps;
    recorder.event(runId, { type: 'status', status: 'waiting', message: reason });
    recorder.update(runId, {
      status: 'waiting',
      parkedUntil: until,
      heldReason: reason,
      error: null,
      pid: null,
    });
    this.arm(runId, until);
  }

  /** Re-arms the timers of runs parked before a restart. */
  restore(): string[] {
    const parked = this.deps.store.runs
      .withStatus(['waiting'])
      .filter((run) => run.parkedUntil !== null);
    for (const run of parked) if (run.parkedUntil !== null) this.arm(run.id, run.parkedUntil);
    return parked.map((run) => run.id);
  }

  isParked(runId: string): boolean {
    return this.timers.has(runId);
  }

  /** Ends the wait now (the reset came, or the person chose "run anyway"). */
  release(runId: string): boolean {
    clearTimeout(this.timers.get(runId));
    this.timers.delete(runId);
    const run = this.deps.store.runs.get(runId);
    if (run?.status !== 'waiting' || run.parkedUntil === null) return false;
    const { recorder } = this.deps;
    this.continuations.set(runId, CONTINUE_PROMPT);
    recorder.event(runId, { type: 'prompt', text: CONTINUE_PROMPT, files: [] });
    recorder.event(runId, { type: 'status', status: 'queued' });
    recorder.update(runId, { status: 'queued', parkedUntil: null, heldReason: null });
    this.deps.requeue(runId);
    return true;
  }

  /** A parked run the person cancelled stops waiting. */
  forget(runId: string): void {
    clearTimeout(this.timers.get(runId));
    this.timers.delete(runId);
    this.continuations.delete(runId);
  }

  /** The prompt a released run continues with, once; undefined for any other run. */
  takeContinuation(runId: string): string | undefined {
    const prompt = this.continuations.get(runId);
    this.continuations.delete(runId);
    return prompt;
  }

  stop(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  private arm(runId: string, until: number): void {
    clearTimeout(this.timers.get(runId));
    const wait = Math.max(MIN_WAIT_MS, until - this.deps.clock() + AFTER_RESET_MS);
    const timer = setTimeout(() => this.release(runId), wait);
    timer.unref();
    this.timers.set(runId, timer);
  }
}
