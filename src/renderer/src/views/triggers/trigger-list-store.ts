// The triggers a view shows (one task's, or every task's for the task list), loaded once per
// query and shared by every component that asks for it, kept live from trigger.* pushes.
import { useSyncExternalStore } from 'react';
import type { ApiClient } from '../../../../shared/client';
import type { PushEvent } from '../../../../shared/contract';
import type { Trigger } from '../../../../shared/domain';
import { useApi, useReconnect } from '../../api/api-context';

export interface TriggerListState {
  triggers: Trigger[] | undefined;
  error: Error | undefined;
}

const RELOAD_DEBOUNCE_MS = 150;
/** A cron trigger that did not fire (turned off, paused) still needs fresh next times. */
const MIN_STALE_RELOAD_MS = 10_000;
const MAX_TIMER_MS = 2 ** 31 - 1;

class TriggerListStore {
  private state: TriggerListState = { triggers: undefined, error: undefined };
  private readonly listeners = new Set<() => void>();
  private requestNumber = 0;
  private inFlight = false;
  /** A push arrived while a load was in flight: its answer may predate the push. */
  private loadAgain = false;
  private unsubscribePush: (() => void) | undefined;
  private reloadTimer: ReturnType<typeof setTimeout> | undefined;
  private staleTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly api: ApiClient,
    private readonly taskId: string | undefined,
  ) {}

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    if (this.listeners.size === 1) this.start();
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.stop();
    };
  };

  readonly getSnapshot = (): TriggerListState => this.state;

  readonly reloadSoon = (): void => {
    clearTimeout(this.reloadTimer);
    this.reloadTimer = setTimeout(() => this.reload(), RELOAD_DEBOUNCE_MS);
  };

  private start(): void {
    this.unsubscribePush = this.api.subscribe((event) => this.apply(event));
    this.reload();
  }

  private stop(): void {
    this.unsubscribePush?.();
    this.unsubscribePush = undefined;
    clearTimeout(this.reloadTimer);
    clearTimeout(this.staleTimer);
    // Answers to loads made while someone was looking are dropped; the next look loads afresh.
    this.requestNumber++;
    this.inFlight = false;
    this.state = { triggers: undefined, error: undefined };
  }

  private reload(): void {
    const mine = ++this.requestNumber;
    this.inFlight = true;
    this.loadAgain = false;
    const input = this.taskId === undefined ? {} : { taskId: this.taskId };
    this.api.call('triggers.list', input).then(
      (triggers) => {
        if (mine !== this.requestNumber) return;
        this.inFlight = false;
        this.set({ triggers, error: undefined });
        if (this.loadAgain) this.reloadSoon();
      },
      (failure: unknown) => {
        if (mine !== this.requestNumber) return;
        this.inFlight = false;
        const error = failure instanceof Error ? failure : new Error(String(failure));
        this.set({ triggers: this.state.triggers, error });
      },
    );
  }

  /** Applies an answer the caller just got (create, update, delete) without waiting for its push. */
  readonly applyLocal = (change: { updated: Trigger } | { deletedId: string }): void => {
    if ('updated' in change) {
      const { updated } = change;
      // A secret is shown where it was made, never kept in a shared list.
      const trigger: Trigger = updated.kind === 'webhook' ? { ...updated, secret: null } : updated;
      this.apply({ type: 'trigger.updated', payload: trigger });
    } else {
      const known = this.state.triggers?.find((trigger) => trigger.id === change.deletedId);
      if (known)
        this.apply({
          type: 'trigger.deleted',
          payload: { triggerId: known.id, taskId: known.taskId },
        });
    }
  };

  private apply(event: PushEvent): void {
    const current = this.state.triggers;
    if (event.type === 'trigger.updated') {
      const trigger = event.payload;
      if (this.taskId !== undefined && trigger.taskId !== this.taskId) return;
      if (this.inFlight) this.loadAgain = true;
      if (current === undefined) return;
      const others = current.filter((candidate) => candidate.id !== trigger.id);
      const next = current.some((candidate) => candidate.id === trigger.id)
        ? current.map((candidate) => (candidate.id === trigger.id ? trigger : candidate))
        : [...others, trigger].sort(byCreation);
      this.set({ triggers: next, error: this.state.error });
    } else if (event.type === 'trigger.deleted' || event.type === 'task.deleted') {
      const gone = (trigger: Trigger) =>
        event.type === 'trigger.deleted'
          ? trigger.id === event.payload.triggerId
          : trigger.taskId === event.payload.taskId;
      if (this.inFlight) this.loadAgain = true;
      if (current === undefined || !current.some(gone)) return;
      this.set({ triggers: current.filter((trigger) => !gone(trigger)), error: this.state.error });
    }
  }

  private set(next: TriggerListState): void {
    this.state = next;
    this.scheduleStaleReload();
    for (const listener of this.listeners) listener();
  }

  /** Next fire times are computed by the engine when it sends a trigger; they age. */
  private scheduleStaleReload(): void {
    clearTimeout(this.staleTimer);
    const soonest = Math.min(
      ...(this.state.triggers ?? []).flatMap((trigger) =>
        trigger.kind === 'cron' ? trigger.nextFireTimes.slice(0, 1) : [],
      ),
    );
    if (!Number.isFinite(soonest)) return;
    const delay = Math.min(MAX_TIMER_MS, Math.max(MIN_STALE_RELOAD_MS, soonest - Date.now()));
    this.staleTimer = setTimeout(() => this.reload(), delay);
  }
}

const byCreation = (a: Trigger, b: Trigger) =>
  a.createdAt - b.createdAt || a.id.localeCompare(b.id);

const stores = new WeakMap<ApiClient, Map<string, TriggerListStore>>();

function storeFor(api: ApiClient, taskId: string | undefined): TriggerListStore {
  let byTask = stores.get(api);
  if (!byTask) {
    byTask = new Map();
    stores.set(api, byTask);
  }
  const key = taskId ?? '*';
  let store = byTask.get(key);
  if (!store) {
    store = new TriggerListStore(api, taskId);
    byTask.set(key, store);
  }
  return store;
}

/**
 * One task's triggers, or every task's when `taskId` is left out. Every component asking for
 * the same list shares one load and one push subscription.
 */
export function useTriggerList(taskId?: string): TriggerListState & {
  reload: () => void;
  applyLocal: TriggerListStore['applyLocal'];
} {
  const api = useApi();
  const store = storeFor(api, taskId);
  const state = useSyncExternalStore(store.subscribe, store.getSnapshot);
  useReconnect(store.reloadSoon);
  return { ...state, reload: store.reloadSoon, applyLocal: store.applyLocal };
}
