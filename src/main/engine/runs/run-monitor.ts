// Watches the runs that hold a session: flags one that shows no sign of life for
// settings.runs.stallMinutes while not waiting for a person (and stops it if the settings say
// so); frees the slot of a run that waited for a person longer than settings.runs.
// waitingSlotMinutes (its session ends, the run waits on and resumes when they decide); denies
// requests past their task's approval timeout.
import type { Settings } from '../../../shared/domain';
import type { ApprovalBroker } from '../approvals/approval-broker';
import type { EventBus } from '../event-bus';
import type { RunRecorder } from './run-recorder';
import type { RunService } from './run-service';
import type { Store } from '../store';

export interface RunMonitorDeps {
  store: Store;
  bus: EventBus;
  recorder: RunRecorder;
  runs: Pick<RunService, 'hasSession' | 'stop'>;
  approvals: Pick<ApprovalBroker, 'hasLiveWaiter' | 'expireOverdue'>;
  settings: () => Settings;
  clock: () => number;
  intervalMs?: number;
}

export class RunMonitor {
  /** When each run last showed a sign of life (an event in its transcript). */
  private readonly lastSign = new Map<string, number>();
  private unsubscribe: (() => void) | undefined;
  private timer: NodeJS.Timeout | undefined;
  /** Set while the monitor writes its own events, which are no sign of the run's life. */
  private writing = false;

  constructor(private readonly deps: RunMonitorDeps) {}

  start(): void {
    this.unsubscribe = this.deps.bus.subscribe((event) => {
      if (event.type !== 'run.event' || this.writing) return;
      this.lastSign.set(event.payload.runId, this.deps.clock());
      const run = this.deps.store.runs.get(event.payload.runId);
      if (run?.stalledAt !== null && run?.stalledAt !== undefined) {
        this.deps.recorder.update(run.id, { stalledAt: null });
      }
    });
    this.timer = setInterval(() => this.check(), this.deps.intervalMs ?? 15_000);
    this.timer.unref();
  }

  stop(): void {
    this.unsubscribe?.();
    clearInterval(this.timer);
  }

  check(): void {
    const { store, runs, approvals, clock } = this.deps;
    const { stallMinutes, stallAction, waitingSlotMinutes } = this.deps.settings().runs;
    const now = clock();
    approvals.expireOverdue();
    for (const run of store.runs.withStatus(['running', 'waiting'])) {
      if (!runs.hasSession(run.id)) continue;
      const since = this.lastSign.get(run.id) ?? run.startedAt ?? now;
      const quietMs = now - since;
      if (run.status === 'waiting' && approvals.hasLiveWaiter(run.id)) {
        if (waitingSlotMinutes > 0 && quietMs >= waitingSlotMinutes * 60_000) {
          runs.stop(run.id, 'park');
        }
        continue;
      }
      if (run.status !== 'running' || stallMinutes <= 0 || quietMs < stallMinutes * 60_000)
        continue;
      if (run.stalledAt === null) {
        this.writing = true;
        try {
          const minutes = Math.round(quietMs / 60_000);
          this.deps.recorder.event(run.id, {
            type: 'error',
            message: `No sign of life for ${minutes} min (Settings → Runs).`,
          });
          this.deps.recorder.update(run.id, { stalledAt: since });
        } finally {
          this.writing = false;
        }
      }
      if (stallAction === 'stop') runs.stop(run.id, 'stall');
    }
    for (const runId of this.lastSign.keys())
      if (!runs.hasSession(runId)) this.lastSign.delete(runId);
  }
}
