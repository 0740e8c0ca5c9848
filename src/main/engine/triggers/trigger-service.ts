// Trigger operations behind triggers.*: validation a schema cannot do (cron syntax, time zones,
// folders), storage, and handing each change to the manager so the runtime follows.
import { statSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import type { MethodParams } from '../../../shared/contract';
import {
  WATCH_EVENTS,
  type CronPreview,
  type Trigger,
  type TriggerFiring,
  type WatchEvent,
} from '../../../shared/domain';
import { badInput, notFound } from '../../../shared/errors';
import { newId } from '../ids';
import type { Store, TriggerSpec } from '../store';
import { refuseDataFolder } from '../data-folder/data-folder-guard';
import { checkCron, checkTimezone, nextFireTimes } from './cron-schedule';
import type { TriggerManager } from './trigger-manager';
import { newWebhookSecret } from './webhook-auth';

interface TriggerServiceDeps {
  store: Store;
  manager: TriggerManager;
  clock: () => number;
  /** The data folder's webhook key, from which webhook secrets are derived. */
  webhookKey: Buffer;
  /** Switchboard's data folder, which no watch may cover. */
  dataDir?: string;
}

const DEFAULT_WATCH_EVENTS: WatchEvent[] = ['add', 'change'];
const FIELDS_BY_KIND: Record<TriggerSpec['kind'], readonly string[]> = {
  cron: ['cron', 'timezone'],
  watch: ['path', 'glob', 'ignore', 'events'],
  webhook: ['rotateSecret'],
};

export class TriggerService {
  constructor(private readonly deps: TriggerServiceDeps) {}

  create(params: MethodParams<'triggers.create'>): Trigger {
    const { store, clock, manager } = this.deps;
    if (!store.tasks.get(params.taskId)) throw notFound('task', params.taskId);
    let spec: TriggerSpec;
    let secret: ReturnType<typeof newWebhookSecret> | null = null;
    if (params.kind === 'cron') {
      const timezone = checkTimezone(params.timezone);
      spec = { kind: 'cron', cron: checkCron(params.cron, timezone), timezone };
    } else if (params.kind === 'watch') {
      spec = {
        kind: 'watch',
        path: checkWatchPath(params.path, this.deps.dataDir),
        glob: params.glob ?? null,
        ignore: params.ignore ?? [],
        events: normalizeEvents(params.events ?? DEFAULT_WATCH_EVENTS),
      };
    } else {
      secret = newWebhookSecret(this.deps.webhookKey);
      spec = { kind: 'webhook' };
    }
    const id = newId('trg');
    const now = clock();
    store.triggers.insert({
      id,
      taskId: params.taskId,
      spec,
      secretHash: secret?.hash ?? null,
      secretSalt: secret?.salt ?? null,
      enabled: params.enabled ?? true,
      dailyBudgetUsd: params.dailyBudgetUsd ?? null,
      cursorAt: now,
      createdAt: now,
    });
    manager.sync(id);
    return this.publish(id, secret?.secret ?? null);
  }

  update(params: MethodParams<'triggers.update'>): Trigger {
    const { store, clock, manager } = this.deps;
    const trigger = this.record(params.triggerId);
    const { spec } = trigger;
    for (const field of Object.keys(params) as (keyof typeof params)[]) {
      if (params[field] === undefined || ['triggerId', 'enabled', 'dailyBudgetUsd'].includes(field))
        continue;
      if (!FIELDS_BY_KIND[spec.kind].includes(field)) {
        throw badInput(field, `a ${spec.kind} trigger has no ${field}`);
      }
    }
    const now = clock();
    let next: TriggerSpec = spec;
    let secret: ReturnType<typeof newWebhookSecret> | null = null;
    if (spec.kind === 'cron') {
      const timezone =
        params.timezone === undefined ? spec.timezone : checkTimezone(params.timezone);
      next = { kind: 'cron', cron: checkCron(params.cron ?? spec.cron, timezone), timezone };
    } else if (spec.kind === 'watch') {
      next = {
        kind: 'watch',
        path:
          params.path === undefined ? spec.path : checkWatchPath(params.path, this.deps.dataDir),
        glob: params.glob === undefined ? spec.glob : params.glob,
        ignore: params.ignore ?? spec.ignore,
        events: params.events === undefined ? spec.events : normalizeEvents(params.events),
      };
    } else if (params.rotateSecret === true) {
      secret = newWebhookSecret(this.deps.webhookKey);
      manager.webhooks.forget(trigger.id);
    }
    const turnedOn = params.enabled === true && !trigger.enabled;
    const scheduleChanged = JSON.stringify(next) !== JSON.stringify(spec);
    store.triggers.update(
      trigger.id,
      {
        spec: next,
        enabled: params.enabled,
        dailyBudgetUsd: params.dailyBudgetUsd,
        secret: secret === null ? undefined : { hash: secret.hash, salt: secret.salt },
        // Slots before a schedule was turned on or changed are not owed.
        cursorAt: spec.kind === 'cron' && (turnedOn || scheduleChanged) ? now : undefined,
      },
      now,
    );
    manager.sync(trigger.id);
    return this.publish(trigger.id, secret?.secret ?? null);
  }

  delete(triggerId: string): { ok: true } {
    if (!this.deps.manager.remove(triggerId)) throw notFound('trigger', triggerId);
    return { ok: true };
  }

  get(triggerId: string): Trigger {
    return this.deps.manager.toPublic(this.record(triggerId));
  }

  list(taskId: string | undefined): Trigger[] {
    return this.deps.store.triggers
      .list(taskId)
      .map((trigger) => this.deps.manager.toPublic(trigger));
  }

  preview(params: MethodParams<'triggers.preview'>): CronPreview {
    const timezone = checkTimezone(params.timezone);
    const cron = checkCron(params.cron, timezone);
    return {
      cron,
      timezone,
      nextFireTimes: nextFireTimes(cron, timezone, this.deps.clock(), params.count ?? 5),
    };
  }

  firings(triggerId: string, limit: number | undefined): TriggerFiring[] {
    this.record(triggerId);
    return this.deps.store.triggers.firings(triggerId, limit);
  }

  /** Announces the trigger to subscribers (without the secret) and returns it to the caller. */
  private publish(triggerId: string, secret: string | null): Trigger {
    this.deps.manager.announce(triggerId);
    return this.deps.manager.toPublic(this.record(triggerId), secret);
  }

  private record(triggerId: string) {
    const trigger = this.deps.store.triggers.get(triggerId);
    if (!trigger) throw notFound('trigger', triggerId);
    return trigger;
  }
}

/** A watched folder must be absolute; it may be missing for now (reported on the trigger). */
function checkWatchPath(path: string, dataDir: string | undefined): string {
  if (!isAbsolute(path)) throw badInput('path', `use an absolute path (got "${path}")`);
  const absolute = resolve(path);
  let isFolder: boolean | null;
  try {
    isFolder = statSync(absolute).isDirectory();
  } catch {
    isFolder = null;
  }
  if (isFolder === false) throw badInput('path', `${absolute} is a file, not a folder`);
  refuseDataFolder('path', absolute, dataDir);
  return absolute;
}

function normalizeEvents(events: readonly WatchEvent[]): WatchEvent[] {
  return WATCH_EVENTS.filter((event) => events.includes(event));
}
