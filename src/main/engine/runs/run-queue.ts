// Starts queued runs in order, no more at once than the concurrency setting allows, and holds
// them back (saying why) while a budget is used up.
import type { Settings } from '../../../shared/domain';
import { budgetHold } from '../costs/budget';
import type { RunRecorder } from './run-recorder';
import type { Store } from '../store';

interface RunQueueDeps {
  store: Store;
  recorder: RunRecorder;
  settings: () => Settings;
  clock: () => number;
  activeCount: () => number;
  start: (runId: string) => void;
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
    while (this.waiting.length > 0) {
      const current = settings();
      const hold = budgetHold(store, current, clock());
      const limit = current.concurrency;
      if (hold === null && this.deps.activeCount() < limit) {
        const runId = this.waiting.shift();
        if (runId !== undefined) this.deps.start(runId);
        continue;
      }
      const reason = hold ?? `Waiting for a free slot (${limit} at a time; change it in Settings).`;
      // One read for all queued runs; only those whose reason changed are written and announced.
      const shown = new Map(
        store.runs.withStatus(['queued']).map((run) => [run.id, run.heldReason]),
      );
      for (const runId of this.waiting) {
        if (shown.get(runId) !== reason) recorder.update(runId, { heldReason: reason });
      }
      break;
    }
    this.schedule();
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
