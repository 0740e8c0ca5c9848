// Writes a run's changes and transcript events to the store and announces them on the bus.
import type { ModelUsage, RunEvent } from '../../shared/domain';
import type { EventBus } from './event-bus';
import { toPublicRun, type RunPatch, type RunRecord, type Store } from './store';
import type { EventDraft } from './transcript-normalizer';

export class RunRecorder {
  constructor(
    private readonly store: Store,
    private readonly bus: EventBus,
    private readonly clock: () => number,
  ) {}

  event(runId: string, draft: EventDraft): RunEvent {
    const event = this.store.runs.appendEvent({ ...draft, runId, ts: this.clock() });
    this.bus.emit('run.event', event);
    return event;
  }

  update(runId: string, patch: RunPatch): RunRecord | undefined {
    this.store.runs.update(runId, patch);
    return this.announce(runId);
  }

  modelUsage(runId: string, usage: ModelUsage[]): void {
    this.store.runs.setModelUsage(runId, usage);
    this.announce(runId);
  }

  announce(runId: string): RunRecord | undefined {
    const run = this.store.runs.get(runId);
    if (run) this.bus.emit('run.updated', toPublicRun(run));
    return run;
  }
}
