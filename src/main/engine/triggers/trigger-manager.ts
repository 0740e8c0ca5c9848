// Keeps every stored trigger armed while the engine runs: cron schedules (node-cron) with
// catch-up after downtime, folder watches with loop prevention, and webhook admission. Reacts
// to the pause switch in Settings, to deleted tasks and to runs that end.
import { FINISHED_STATUSES, type Settings, type Trigger } from '../../../shared/domain';
import type { PushEvent } from '../../../shared/contract';
import type { EventBus } from '../event-bus';
import type { RunService } from '../runs/run-service';
import type { Store, TriggerRecord } from '../store';
import { nextFireTimes, planCatchUp } from './cron-schedule';
import { nodeCronScheduler, type CronScheduler } from './cron-scheduler';
import type { FolderChange } from './folder-snapshot';
import { FolderWatch, type WatcherFactory } from './folder-watch';
import { TriggerFirer, type FireResult } from './trigger-firing';
import { WebhookDesk, type WebhookReceiver } from './webhook-desk';
import { untrustedBlock } from '../untrusted/untrusted-text';

export interface TriggerTimings {
  /** Watched folders are compared with their last snapshot this often. */
  rescanMs: number;
  /** A missing watched folder is looked for again this often. */
  missingRecheckMs: number;
  /** After a watch's own run ends, changes count as that run's for the settle time plus this. */
  loopGraceMs: number;
  /** A steady stream of changes still starts a run this often. */
  maxBatchMs: number;
  webhookLimit: number;
  webhookWindowMs: number;
}

export const DEFAULT_TIMINGS: TriggerTimings = {
  // A safety net behind the file watcher (which misses little on a local disk): each rescan
  // stats every file, so 30 s cost five 5,000-file watches ~3 % CPU while idle.
  rescanMs: 120_000,
  missingRecheckMs: 3_000,
  loopGraceMs: 1_500,
  maxBatchMs: 60_000,
  webhookLimit: 10,
  webhookWindowMs: 60_000,
};

export interface TriggerManagerDeps {
  store: Store;
  /** The data folder's webhook key (webhook-key.ts). */
  webhookKey: Buffer;
  runs: Pick<RunService, 'create' | 'unfinishedRunsOf'>;
  bus: EventBus;
  clock: () => number;
  settings: () => Settings;
  timings?: Partial<TriggerTimings>;
  scheduleCron?: CronScheduler;
  watcher?: WatcherFactory;
}

type Armed = { kind: 'cron'; stop: () => void } | { kind: 'watch'; watch: FolderWatch };

const MAX_LISTED_PATHS = 200;
const HOUR_MS = 3_600_000;

/** How long a file's size must hold still before its write counts as finished. */
export function stabilityFor(settleMs: number): number {
  return Math.min(1_000, Math.max(100, Math.round(settleMs / 2)));
}

export class TriggerManager {
  readonly webhooks: WebhookReceiver;
  private readonly timings: TriggerTimings;
  private readonly firer: TriggerFirer;
  private readonly armed = new Map<string, Armed>();
  private readonly errors = new Map<string, string>();
  /** Watch trigger → until when changes still count as its own run's. */
  private readonly quietUntil = new Map<string, number>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly catchUpDue = new Set<string>();
  private unsubscribe: (() => void) | undefined;
  private paused: boolean;
  private settleMs: number;
  private running = false;

  constructor(private readonly deps: TriggerManagerDeps) {
    this.timings = { ...DEFAULT_TIMINGS, ...deps.timings };
    this.firer = new TriggerFirer({
      store: deps.store,
      runs: deps.runs,
      clock: deps.clock,
      announce: (id) => this.announce(id),
    });
    this.paused = deps.settings().triggers.paused;
    this.settleMs = deps.settings().triggers.watchSettleMs;
    this.webhooks = new WebhookDesk({
      store: deps.store,
      clock: deps.clock,
      webhookKey: deps.webhookKey,
      limit: this.timings.webhookLimit,
      windowMs: this.timings.webhookWindowMs,
      isLive: (trigger) => this.isLive(trigger),
      fire: (trigger, request) => this.firer.fire(trigger, request),
    });
  }

  /** Arms every stored trigger; cron schedules first catch up on what fell due while stopped. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.unsubscribe = this.deps.bus.subscribe((event) => this.onPushEvent(event));
    const now = this.deps.clock();
    for (const trigger of this.deps.store.triggers.list()) {
      if (trigger.spec.kind !== 'cron') continue;
      if (this.isLive(trigger)) this.catchUp(trigger, 'startup');
      else this.deps.store.triggers.advanceCursor(trigger.id, now);
    }
    for (const trigger of this.deps.store.triggers.list()) this.arm(trigger);
    this.firer.releaseHeld((trigger) => this.isLive(trigger));
  }

  async stop(): Promise<void> {
    this.running = false;
    this.unsubscribe?.();
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    await Promise.all([...this.armed.keys()].map((id) => this.disarm(id)));
  }

  /** Brings the runtime in line with the stored trigger after it was created or changed. */
  sync(triggerId: string): void {
    void this.disarm(triggerId);
    const trigger = this.deps.store.triggers.get(triggerId);
    if (trigger) this.arm(trigger);
  }

  /** Disarms and deletes a trigger; false when there was none. */
  remove(triggerId: string): boolean {
    const trigger = this.deps.store.triggers.get(triggerId);
    if (!trigger) return false;
    void this.disarm(triggerId);
    this.deps.store.triggers.delete(triggerId);
    this.errors.delete(triggerId);
    this.quietUntil.delete(triggerId);
    this.deps.bus.emit('trigger.deleted', { triggerId, taskId: trigger.taskId });
    return true;
  }

  /**
   * A deleted task's triggers stop but stay stored (the store no longer lists them), so undoing
   * the delete brings them back as they were.
   */
  private setAside(taskId: string): void {
    for (const triggerId of this.deps.store.triggers.idsOfTask(taskId)) {
      void this.disarm(triggerId);
      this.errors.delete(triggerId);
      this.quietUntil.delete(triggerId);
      this.deps.bus.emit('trigger.deleted', { triggerId, taskId });
    }
  }

  /** The task's delete was undone: its triggers are armed again; slots missed meanwhile are not owed. */
  restoreTask(taskId: string): void {
    const now = this.deps.clock();
    for (const trigger of this.deps.store.triggers.list(taskId)) {
      if (trigger.spec.kind === 'cron') this.deps.store.triggers.advanceCursor(trigger.id, now);
      this.sync(trigger.id);
      this.announce(trigger.id);
    }
  }

  /** The API's view of a trigger; `secret` only right after it was made. */
  toPublic(trigger: TriggerRecord, secret: string | null = null): Trigger {
    const live = this.isLive(trigger);
    const error = live ? (this.errors.get(trigger.id) ?? null) : null;
    const base = {
      id: trigger.id,
      taskId: trigger.taskId,
      taskTitle: trigger.taskTitle,
      enabled: trigger.enabled,
      status: !live
        ? ('paused' as const)
        : error !== null
          ? ('error' as const)
          : ('active' as const),
      error,
      firedCount: trigger.firedCount,
      skippedCount: trigger.skippedCount,
      lastFiredAt: trigger.lastFiredAt,
      lastSkippedAt: trigger.lastSkippedAt,
      lastRunId: trigger.lastRunId,
      queuedSince: trigger.pending?.at ?? null,
      dailyBudgetUsd: trigger.dailyBudgetUsd,
      createdAt: trigger.createdAt,
      updatedAt: trigger.updatedAt,
    };
    const { spec } = trigger;
    switch (spec.kind) {
      case 'cron':
        return {
          ...base,
          ...spec,
          nextFireTimes: nextFireTimes(spec.cron, spec.timezone, this.deps.clock(), 5),
        };
      case 'watch':
        return { ...base, ...spec };
      case 'webhook':
        return { ...base, kind: 'webhook', hookPath: `/hooks/${trigger.id}`, secret };
    }
  }

  /** Publishes the trigger as it is now (never with its secret) and returns it. */
  announce(triggerId: string): Trigger | undefined {
    const trigger = this.deps.store.triggers.get(triggerId);
    if (!trigger) return undefined;
    const view = this.toPublic(trigger);
    this.deps.bus.emit('trigger.updated', view);
    return view;
  }

  private isLive(trigger: TriggerRecord): boolean {
    return trigger.enabled && !this.deps.settings().triggers.paused;
  }

  private arm(trigger: TriggerRecord): void {
    if (!this.running || !this.isLive(trigger) || this.armed.has(trigger.id)) return;
    const { spec, id } = trigger;
    if (spec.kind === 'cron') {
      const schedule = (this.deps.scheduleCron ?? nodeCronScheduler)(spec, {
        onSlot: (slotAt) => this.onCronSlot(id, slotAt),
        onMissed: () => this.scheduleCatchUp(id),
      });
      this.armed.set(id, { kind: 'cron', stop: () => schedule.stop() });
    } else if (spec.kind === 'watch') {
      const watch = new FolderWatch({
        folder: spec.path,
        glob: spec.glob,
        ignore: spec.ignore,
        events: spec.events,
        settleMs: this.settleMs,
        stabilityMs: stabilityFor(this.settleMs),
        rescanMs: this.timings.rescanMs,
        missingRecheckMs: this.timings.missingRecheckMs,
        maxBatchMs: this.timings.maxBatchMs,
        isQuiet: () => this.isQuiet(id, trigger.taskId),
        onBatch: (changes) => this.onWatchBatch(id, changes),
        onStatus: (error) => {
          if (error === null) this.errors.delete(id);
          else this.errors.set(id, error);
          this.announce(id);
        },
        watcher: this.deps.watcher,
        clock: this.deps.clock,
      });
      this.armed.set(id, { kind: 'watch', watch });
      watch.start();
    }
  }

  private async disarm(triggerId: string): Promise<void> {
    const armed = this.armed.get(triggerId);
    this.armed.delete(triggerId);
    this.errors.delete(triggerId);
    if (armed?.kind === 'cron') armed.stop();
    if (armed?.kind === 'watch') await armed.watch.stop();
  }

  private onCronSlot(triggerId: string, slotAt: number): void {
    const trigger = this.deps.store.triggers.get(triggerId);
    if (!trigger || trigger.spec.kind !== 'cron' || !this.isLive(trigger)) return;
    // A slot at or before the cursor was already handled (by a catch-up, say).
    if (slotAt <= trigger.cursorAt) return;
    this.deps.store.triggers.advanceCursor(triggerId, slotAt);
    this.firer.fire(trigger, {
      kind: 'cron',
      detail: { slot: new Date(slotAt).toISOString(), slotAt, timezone: trigger.spec.timezone },
      extraPrompt: null,
    });
  }

  /** node-cron reports each missed slot (sleep, a blocked loop): catch up once for all of them. */
  private scheduleCatchUp(triggerId: string): void {
    if (this.catchUpDue.has(triggerId)) return;
    this.catchUpDue.add(triggerId);
    this.later(0, () => {
      this.catchUpDue.delete(triggerId);
      const trigger = this.deps.store.triggers.get(triggerId);
      if (trigger && this.isLive(trigger) && this.armed.has(triggerId))
        this.catchUp(trigger, 'missed');
    });
  }

  private catchUp(trigger: TriggerRecord, cause: 'startup' | 'missed'): FireResult | null {
    if (trigger.spec.kind !== 'cron') return null;
    const now = this.deps.clock();
    const plan = planCatchUp({
      cron: trigger.spec.cron,
      timezone: trigger.spec.timezone,
      cursorAt: trigger.cursorAt,
      now,
      windowMs: this.deps.settings().triggers.catchUpHours * HOUR_MS,
    });
    this.deps.store.triggers.advanceCursor(trigger.id, now);
    if (!plan) return null;
    return this.firer.fire(trigger, {
      kind: 'cron',
      detail: {
        slot: new Date(plan.slotAt).toISOString(),
        slotAt: plan.slotAt,
        timezone: trigger.spec.timezone,
        catchUp: true,
        missedSlots: plan.missedSlots,
        reason:
          cause === 'startup'
            ? 'catch-up: this slot fell due while Switchboard was not running'
            : 'catch-up: this slot fell due while the computer was asleep or busy',
      },
      extraPrompt: null,
    });
  }

  private onWatchBatch(triggerId: string, changes: FolderChange[]): void {
    const trigger = this.deps.store.triggers.get(triggerId);
    if (!trigger || trigger.spec.kind !== 'watch' || !this.isLive(trigger)) return;
    const listed = changes.slice(0, MAX_LISTED_PATHS);
    const label = { add: 'added', change: 'changed', unlink: 'deleted' } as const;
    const lines = listed.map((change) => `- ${change.path} (${label[change.event]})`);
    if (changes.length > listed.length) lines.push(`- …and ${changes.length - listed.length} more`);
    this.firer.fire(trigger, {
      kind: 'watch',
      detail: {
        folder: trigger.spec.path,
        paths: listed.map((change) => change.path),
        changes: listed,
        total: changes.length,
      },
      // File names are outside text: whoever can create a file there chooses them.
      extraPrompt: `These files changed in the watched folder ${trigger.spec.path}.\n\n${untrustedBlock('the list of changed files (their names come from outside)', lines.join('\n'))}`,
    });
  }

  /**
   * Loop prevention: while a run this watch started is unfinished, and for the write-settle time
   * plus loopGraceMs after it ends, changes in the folder are that run's own and are dropped.
   */
  private isQuiet(triggerId: string, taskId: string): boolean {
    if (this.deps.clock() < (this.quietUntil.get(triggerId) ?? 0)) return true;
    return this.deps.runs
      .unfinishedRunsOf(taskId)
      .some((run) => run.trigger.triggerId === triggerId);
  }

  private onPushEvent(event: PushEvent): void {
    if (event.type === 'settings.updated') this.applySettings(event.payload);
    if (event.type === 'task.deleted') this.setAside(event.payload.taskId);
    if (event.type === 'run.updated' && FINISHED_STATUSES.includes(event.payload.status)) {
      const triggerId = event.payload.trigger.triggerId;
      const armed = triggerId === undefined ? undefined : this.armed.get(triggerId);
      if (triggerId !== undefined && armed?.kind === 'watch') {
        const grace = stabilityFor(this.settleMs) + this.timings.loopGraceMs;
        this.quietUntil.set(triggerId, this.deps.clock() + grace);
        // Once the grace is over, the folder as the run left it is the new baseline.
        this.later(grace, () => armed.watch.rebaseline());
      }
      // Outside the emitter: starting a run here would nest inside another run's update.
      this.later(0, () => this.firer.releaseHeld((trigger) => this.isLive(trigger)));
    }
  }

  private applySettings(settings: Settings): void {
    const { paused, watchSettleMs } = settings.triggers;
    const pauseChanged = paused !== this.paused;
    const settleChanged = watchSettleMs !== this.settleMs;
    this.paused = paused;
    this.settleMs = watchSettleMs;
    if (!pauseChanged && !settleChanged) return;
    const now = this.deps.clock();
    for (const trigger of this.deps.store.triggers.list()) {
      const rearm = pauseChanged || trigger.spec.kind === 'watch';
      // Slots that pass while paused are not owed afterwards.
      if (pauseChanged && trigger.spec.kind === 'cron')
        this.deps.store.triggers.advanceCursor(trigger.id, now);
      if (!rearm) continue;
      this.sync(trigger.id);
      if (pauseChanged) this.announce(trigger.id);
    }
    if (pauseChanged && !paused) this.firer.releaseHeld((trigger) => this.isLive(trigger));
  }

  private later(ms: number, fn: () => void): void {
    if (!this.running) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (this.running) fn();
    }, ms);
    this.timers.add(timer);
  }
}
