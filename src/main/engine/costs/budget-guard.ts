// Budgets in flight: runs' live cost counts toward today's and this month's spend, so when the
// runs going now push it past the daily or monthly budget they are stopped (`interrupted`, with
// the reason) instead of finishing first. "Continue anyway" (runs.startNow) resumes one once.
import type { PushEvent } from '../../../shared/contract';
import type { Run, Settings } from '../../../shared/domain';
import type { Store } from '../store';
import { budgetHold } from './budget';

interface BudgetGuardDeps {
  store: Store;
  settings: () => Settings;
  clock: () => number;
  /** Stops a running run as interrupted with this message. */
  interrupt: (runId: string, message: string) => void;
  /** Runs the person started anyway are left alone. */
  exempt: (runId: string) => boolean;
  /** The budget stopped runs in flight: said once, as a budget hold (the phone hears of it). */
  reached: (reason: string) => void;
}

export class BudgetGuard {
  private readonly stopping = new Set<string>();

  constructor(private readonly deps: BudgetGuardDeps) {}

  /** Give it every push event; it acts on cost changes of running runs. */
  onEvent(event: PushEvent): void {
    if (event.type !== 'run.updated') return;
    const run = event.payload;
    if (!isGoing(run) || run.costUsd <= 0 || this.deps.exempt(run.id)) return;
    const { store, settings, clock } = this.deps;
    const reason = budgetHold(store, settings(), clock());
    if (reason === null) return;
    let stopped = 0;
    for (const other of store.runs.withStatus(['running', 'waiting'])) {
      if (other.parkedUntil !== null || this.deps.exempt(other.id)) continue;
      if (this.stopping.has(other.id)) continue;
      this.stopping.add(other.id);
      stopped += 1;
      this.deps.interrupt(
        other.id,
        `Stopped in flight: ${reason.replace(/ Runs wait.*$/, '')} Continue anyway resumes it once.`,
      );
    }
    if (stopped > 0) this.deps.reached(reason);
  }
}

function isGoing(run: Run): boolean {
  return (run.status === 'running' || run.status === 'waiting') && run.parkedUntil === null;
}
