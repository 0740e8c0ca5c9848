// Starts queued runs in order, no more at once than the concurrency setting allows, and holds
// them back (saying why) while a budget is used up or a plan window holds them (limits/).
import type { RunHold, Settings } from '../../../shared/domain';
import { budgetHold } from '../costs/budget';
import type { RunRecorder } from './run-recorder';
import type { RunRecord, Store } from '../store';

/** Why a run may not start yet, besides a full set of slots. */
export type HeldBy = Omit<RunHold, 'since'>;

interface RunQueueDeps {
  store: Store;
  recorder: RunRecorder;
  settings: () => Settings;
  clock: () => number;
  activeCount: () => number;
  start: (runId: string) => void;
  /** Plan windows, overrides: decides for each run, given the budget's reason (or null). */
  holdOf?: (run: RunRecord, budget: string | null) => HeldBy | null;
  /** What holds runs back after a pump (the first hold found), or null. */
  onHold?: (hold: HeldBy | null) => void;
}

/** Budgets are per day and month, so held runs are looked at again on this interval. */
const RECHECK_MS = 60_000;

export class RunQueue {
  private readonly waiting: string[] = [];
  private timer: NodeJS.Timeout | undefined;
  private halted = false;

  constructor(private readonly deps: RunQueueDeps) {}

  enqueue(runId: string): void {
    if (!this.waiting.includes(runId)) this.waiting.push(runId);
    this.pump();
  }

  remove(runId: string): boolean {
    const index = this.waiting.indexOf(runId);
    if (index >= 0) this.waiting.splice(index, 1);
    return index >= 0;
  }

  get size(): number {
    return this.waiting.length;
  }

  /** Starts what may start now; marks the rest with the reason they wait. */
  pump(): void {
    // The engine is stopping: queued runs stay queued for the next start.
    if (this.halted) return;
    const { store, recorder, settings, clock } = this.deps;
    const current = settings();
    const budget = budgetHold(store, current, clock());
    const limit = current.concurrency;
    // One read for all queued runs; only those whose reason changed are written and announced.
    const queued = new Map(store.runs.withStatus(['queued']).map((run) => [run.id, run]));
    let announced: HeldBy | null = null;
    for (const runId of [...this.waiting]) {
      const run = queued.get(runId);
      const hold = this.holdOf(run, budget);
      if (hold === null && this.deps.activeCount() < limit) {
        this.remove(runId);
        this.deps.start(runId);
        continue;
      }
      announced ??= hold;
      const reason =
        hold?.reason ?? `Waiting for a free slot (${limit} at a time; change it in Settings).`;
      if (run !== undefined && run.heldReason !== reason) {
        recorder.update(runId, { heldReason: reason });
      }
    }
    this.deps.onHold?.(announced);
    this.schedule();
  }

  private holdOf(run: RunRecord | undefined, budget: string | null): HeldBy | null {
    if (this.deps.holdOf && run) return this.deps.holdOf(run, budget);
    return budget === null ? null : { kind: 'budget', reason: budget };
  }

  stop(): void {
    this.halted = true;
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.waiting.length === 0) return;
    this.timer = setTimeout(() => this.pump(), RECHECK_MS);
    this.timer.unref();
  }
}
