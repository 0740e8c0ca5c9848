// One firing of a trigger: applies the task's overlap policy, starts (or holds, or skips) a run
// that records what fired it, and writes the firing down. Held firings start when the task's
// runs have all ended.
import type { Run, TriggerFiringOutcome, TriggerType } from '../../../shared/domain';
import type { RunService } from '../runs/run-service';
import type { PendingFiring, Store, TriggerRecord } from '../store';
import { decideOverlap, type OverlapDecision } from './overlap';

export interface FireRequest {
  kind: TriggerType;
  /** What fired: recorded on the run (trigger.detail) and on the firing. */
  detail: Record<string, unknown>;
  /** Appended to the task's prompt for this run. */
  extraPrompt: string | null;
}

export interface FireResult {
  outcome: TriggerFiringOutcome;
  runId: string | null;
  /** The firing as recorded (a held firing's run is written onto it when it starts). */
  firingId: number;
  /** Why a firing was skipped. */
  reason?: string;
}

export interface TriggerFirerDeps {
  store: Store;
  runs: Pick<RunService, 'create' | 'unfinishedRunsOf'>;
  clock: () => number;
  /** Publishes the trigger's new counters. */
  announce: (triggerId: string) => void;
}

export class TriggerFirer {
  constructor(private readonly deps: TriggerFirerDeps) {}

  fire(trigger: TriggerRecord, request: FireRequest): FireResult {
    const { store, runs, clock } = this.deps;
    const at = clock();
    const task = store.tasks.get(trigger.taskId);
    const held = this.heldFiringsOf(trigger.taskId).length > 0;
    const decision: OverlapDecision = task
      ? decideOverlap(task.overlapPolicy, runs.unfinishedRunsOf(task.id), held)
      : { action: 'skip', reason: 'its task was deleted' };
    const firing = { triggerId: trigger.id, at, detail: request.detail };
    let result: FireResult;
    switch (decision.action) {
      case 'start': {
        const run = this.startRun(trigger, request);
        const firingId = store.triggers.recordFiring({
          ...firing,
          outcome: 'started',
          runId: run.id,
        });
        result = { outcome: 'started', runId: run.id, firingId };
        break;
      }
      case 'queue': {
        const pending = {
          kind: request.kind,
          detail: request.detail,
          extraPrompt: request.extraPrompt,
          at,
        };
        const firingId = store.triggers.recordFiring(
          { ...firing, outcome: 'queued', runId: null },
          pending,
        );
        result = { outcome: 'queued', runId: null, firingId };
        break;
      }
      case 'skip': {
        const detail = { ...request.detail, skipReason: decision.reason };
        const firingId = store.triggers.recordFiring({
          ...firing,
          detail,
          outcome: 'skipped',
          runId: null,
        });
        result = { outcome: 'skipped', runId: null, firingId, reason: decision.reason };
        break;
      }
    }
    this.deps.announce(trigger.id);
    return result;
  }

  /** Starts the held firing of every task that has no unfinished run left. */
  releaseHeld(mayStart: (trigger: TriggerRecord) => boolean): void {
    const { store, runs, clock } = this.deps;
    for (const trigger of store.triggers.list()) {
      const pending = trigger.pending;
      if (pending === null || !mayStart(trigger)) continue;
      if (!store.tasks.get(trigger.taskId)) {
        store.triggers.clearPending(trigger.id);
        continue;
      }
      if (runs.unfinishedRunsOf(trigger.taskId).length > 0) continue;
      const run = this.startRun(trigger, {
        kind: pending.kind,
        detail: { ...pending.detail, queuedAt: new Date(pending.at).toISOString() },
        extraPrompt: pending.extraPrompt,
      });
      store.triggers.releasePending(trigger.id, pending.firingId, run.id, clock());
      this.deps.announce(trigger.id);
    }
  }

  private heldFiringsOf(taskId: string): PendingFiring[] {
    return this.deps.store.triggers
      .list(taskId)
      .flatMap((trigger) => (trigger.pending ? [trigger.pending] : []));
  }

  private startRun(trigger: TriggerRecord, request: FireRequest): Run {
    const task = this.deps.store.tasks.get(trigger.taskId);
    if (!task) throw new Error(`Task ${trigger.taskId} is gone`);
    return this.deps.runs.create({
      task,
      extraPrompt: request.extraPrompt ?? undefined,
      trigger: { kind: request.kind, detail: request.detail, triggerId: trigger.id },
    });
  }
}
