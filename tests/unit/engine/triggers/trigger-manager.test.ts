// The trigger manager and service with a real SQLite store, a stand-in run service, a clock the
// test moves, a cron scheduler the test fires by hand and a watcher that reports what it is told.
import { createHmac } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { run as fixtureRun, taskRecord } from '../../../support/records';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PushEvent } from '../../../../src/shared/contract';
import {
  FINISHED_STATUSES,
  type OverlapPolicy,
  type Run,
  type Settings,
  type Trigger,
  type WatchEvent,
} from '../../../../src/shared/domain';
import { EventBus } from '../../../../src/main/engine/event-bus';
import type { NewRunRequest } from '../../../../src/main/engine/runs/run-service';
import { DEFAULT_SETTINGS } from '../../../../src/main/engine/settings/settings';
import { Store } from '../../../../src/main/engine/store';
import { FIRINGS_KEPT } from '../../../../src/main/engine/store/trigger-store';
import type {
  CronHandlers,
  CronScheduler,
} from '../../../../src/main/engine/triggers/cron-scheduler';
import type { WatcherFactory } from '../../../../src/main/engine/triggers/folder-watch';
import { TriggerManager } from '../../../../src/main/engine/triggers/trigger-manager';
import { TriggerService } from '../../../../src/main/engine/triggers/trigger-service';
import { tempDir } from '../../../support/claude-env';
import { waitFor } from '../../../support/serve-process';
import { rejection } from '../../../support/rejection';

const HOUR = 3_600_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Creates runs as plain records that start at once; the test decides when they finish. */
class FakeRuns {
  readonly runs: Run[] = [];
  constructor(
    private readonly bus: EventBus,
    private readonly clock: () => number,
  ) {}

  create(request: NewRunRequest): Run {
    const run: Run = fixtureRun({
      id: `run_${this.runs.length + 1}`,
      taskId: request.task.id,
      taskTitle: request.task.title,
      status: 'running',
      prompt: [request.task.prompt, request.extraPrompt].filter(Boolean).join('\n\n'),
      trigger: request.trigger,
      createdAt: this.clock(),
    });
    this.runs.push(run);
    return run;
  }

  unfinishedRunsOf(taskId: string): Run[] {
    return this.runs.filter(
      (run) => run.taskId === taskId && !FINISHED_STATUSES.includes(run.status),
    );
  }

  finish(runId: string): void {
    const run = this.runs.find((candidate) => candidate.id === runId);
    if (!run) throw new Error(`no run ${runId}`);
    run.status = 'succeeded';
    this.bus.emit('run.updated', run);
  }
}

let now: number;
let settings: Settings;
let store: Store;
let bus: EventBus;
let runs: FakeRuns;
let events: PushEvent[];
let cronArmed: Map<string, CronHandlers>;
let watchEmit: Map<string, (event: WatchEvent, path: string) => void>;
let managers: TriggerManager[];

const scheduleCron: CronScheduler = (spec, handlers) => {
  cronArmed.set(spec.cron, handlers);
  return { stop: () => cronArmed.delete(spec.cron) };
};
const watcher: WatcherFactory = (folder, _options, onEvent) => {
  watchEmit.set(folder, onEvent);
  return { close: () => Promise.resolve(void watchEmit.delete(folder)) };
};

const WEBHOOK_KEY = Buffer.alloc(32, 7);

function webhookRequest(triggerId: string, body: string, contentType: string) {
  return { triggerId, body, contentType, deliveryId: null };
}

function startManager() {
  const manager = new TriggerManager({
    store,
    runs,
    bus,
    clock: () => now,
    settings: () => settings,
    timings: { loopGraceMs: 100, rescanMs: 60_000, webhookLimit: 3 },
    scheduleCron,
    watcher,
    webhookKey: WEBHOOK_KEY,
  });
  manager.start();
  managers.push(manager);
  return {
    manager,
    service: new TriggerService({ store, manager, clock: () => now, webhookKey: WEBHOOK_KEY }),
  };
}

function addTask(overlapPolicy: OverlapPolicy = 'skip', cwd = tempDir('task')) {
  const id = `task_${Math.random().toString(36).slice(2)}`;
  store.tasks.insert(
    taskRecord({ id, title: `Task ${id}`, cwd, overlapPolicy, createdAt: now, updatedAt: now }),
  );
  return id;
}

/** A cron trigger already in the store (as if made before a stop), last looked at `since`. */
function storeCronTrigger(id: string, taskId: string, cron: string, since: number) {
  store.triggers.insert({
    id,
    taskId,
    spec: { kind: 'cron', cron, timezone: 'UTC' },
    secretHash: null,
    secretSalt: null,
    enabled: true,
    cursorAt: since,
    createdAt: since,
  });
}

function updateSettings(patch: Partial<Settings['triggers']>) {
  settings = { ...settings, triggers: { ...settings.triggers, ...patch } };
  bus.emit('settings.updated', settings);
}

function slot(cron: string, at: number) {
  const handlers = cronArmed.get(cron);
  if (!handlers) throw new Error(`${cron} is not armed`);
  handlers.onSlot(at);
}

beforeEach(() => {
  now = Date.UTC(2025, 0, 1, 3, 15);
  settings = structuredClone(DEFAULT_SETTINGS);
  store = Store.open(tempDir('triggers-store'));
  bus = new EventBus();
  runs = new FakeRuns(bus, () => now);
  events = [];
  bus.subscribe((event) => events.push(event));
  cronArmed = new Map();
  watchEmit = new Map();
  managers = [];
});

afterEach(async () => {
  await Promise.all(managers.map((manager) => manager.stop()));
  store.close();
});

describe('cron triggers', () => {
  it('fire once per slot, recording the slot on the run, and ignore slots already handled', () => {
    const { service } = startManager();
    const taskId = addTask();
    const trigger = service.create({
      taskId,
      kind: 'cron',
      cron: '*/5 * * * * *',
      timezone: 'UTC',
    });
    expect(trigger.kind === 'cron' && trigger.nextFireTimes).toEqual(
      [5, 10, 15, 20, 25].map((s) => now + s * 1000),
    );

    slot('*/5 * * * * *', now + 5000);
    slot('*/5 * * * * *', now + 5000);
    slot('*/5 * * * * *', now + 1000);
    expect(runs.runs).toHaveLength(1);
    expect(runs.runs[0]?.trigger).toEqual({
      kind: 'cron',
      triggerId: trigger.id,
      detail: { slot: new Date(now + 5000).toISOString(), slotAt: now + 5000, timezone: 'UTC' },
    });
    const stored = service.get(trigger.id);
    expect(stored.firedCount).toBe(1);
    expect(stored.lastRunId).toBe('run_1');
    expect(service.firings(trigger.id, undefined).map((f) => [f.outcome, f.runId])).toEqual([
      ['started', 'run_1'],
    ]);
  });

  it('skips (and counts) a firing while a run of the task is unfinished', () => {
    const { service } = startManager();
    const taskId = addTask('skip');
    const trigger = service.create({ taskId, kind: 'cron', cron: '* * * * * *', timezone: 'UTC' });
    slot('* * * * * *', now + 1000);
    now += 1500;
    slot('* * * * * *', now + 500);
    slot('* * * * * *', now + 1500);
    expect(runs.runs).toHaveLength(1);
    const view = service.get(trigger.id);
    expect(view.skippedCount).toBe(2);
    expect(view.lastSkippedAt).toBe(now);
    const [latest] = service.firings(trigger.id, 1);
    expect(latest?.outcome).toBe('skipped');
    expect(latest?.detail.skipReason).toContain('overlap policy: skip');
    const announced = events.filter(
      (e): e is Extract<PushEvent, { type: 'trigger.updated' }> => e.type === 'trigger.updated',
    );
    expect(announced.at(-1)?.payload.skippedCount).toBe(2);
  });

  it('queue policy: holds one firing until the run ends, then starts it', async () => {
    const { service } = startManager();
    const taskId = addTask('queue');
    const trigger = service.create({
      taskId,
      kind: 'cron',
      cron: '*/10 * * * * *',
      timezone: 'UTC',
    });
    slot('*/10 * * * * *', now + 10_000);
    slot('*/10 * * * * *', now + 20_000);
    slot('*/10 * * * * *', now + 30_000);
    expect(runs.runs).toHaveLength(1);
    expect(service.get(trigger.id)).toMatchObject({
      skippedCount: 1,
      queuedSince: now,
      firedCount: 1,
    });

    runs.finish('run_1');
    await waitFor('the held firing to start', () => runs.runs.length === 2, 2_000);
    expect(runs.runs[1]?.trigger.detail).toMatchObject({
      slotAt: now + 20_000,
      queuedAt: new Date(now).toISOString(),
    });
    expect(service.get(trigger.id)).toMatchObject({
      queuedSince: null,
      firedCount: 2,
      lastRunId: 'run_2',
    });
    const queued = service.firings(trigger.id, 10).find((f) => f.outcome === 'queued');
    expect(queued?.runId).toBe('run_2');
  });

  it('catches up once on start for slots missed while stopped, within the window', () => {
    storeCronTrigger('trg_hourly', addTask(), '0 * * * *', now - 3 * HOUR);
    storeCronTrigger('trg_daily', addTask(), '0 20 * * *', now - 48 * HOUR);
    const first = startManager();
    expect(runs.runs).toHaveLength(1);
    expect(runs.runs[0]?.trigger.triggerId).toBe('trg_hourly');
    expect(runs.runs[0]?.trigger.detail).toMatchObject({
      catchUp: true,
      slotAt: Date.UTC(2025, 0, 1, 3),
      missedSlots: 3,
    });
    // The daily slot (yesterday 20:00, 7 h 15 min ago) is outside the 6 h window.
    expect(first.service.get('trg_daily')).toMatchObject({ firedCount: 0, skippedCount: 0 });
    expect(store.triggers.get('trg_daily')?.cursorAt).toBe(now);
    expect(store.triggers.get('trg_hourly')?.cursorAt).toBe(now);

    // Started again soon after: nothing more is owed.
    now += 10 * 60_000;
    startManager();
    expect(runs.runs).toHaveLength(1);
  });

  it('catches up once when node-cron reports slots missed while the computer slept', async () => {
    const { service } = startManager();
    const taskId = addTask();
    const trigger = service.create({ taskId, kind: 'cron', cron: '0 * * * *', timezone: 'UTC' });
    const handlers = cronArmed.get('0 * * * *');
    now += 3 * HOUR;
    for (const hour of [4, 5, 6]) handlers?.onMissed(Date.UTC(2025, 0, 1, hour));
    await waitFor('the catch-up run', () => runs.runs.length > 0, 2_000);
    await sleep(100);
    expect(runs.runs).toHaveLength(1);
    expect(runs.runs[0]?.trigger.detail).toMatchObject({
      catchUp: true,
      slotAt: Date.UTC(2025, 0, 1, 6),
      missedSlots: 3,
    });
    expect(String(runs.runs[0]?.trigger.detail?.reason)).toContain('asleep');
    // node-cron's own (late) firing of the same slot is not a second run.
    slot('0 * * * *', Date.UTC(2025, 0, 1, 6));
    expect(runs.runs).toHaveLength(1);
    expect(service.get(trigger.id).firedCount).toBe(1);
  });

  it('does not catch up when catch-up is off or the slot is older than the window', () => {
    settings.triggers.catchUpHours = 2;
    storeCronTrigger('trg_old', addTask(), '0 0 * * *', now - 30 * HOUR);
    startManager();
    expect(runs.runs).toHaveLength(0);
    expect(store.triggers.get('trg_old')?.cursorAt).toBe(now);
  });

  it('pausing all triggers disarms them; resuming does not owe the paused slots', () => {
    const { service } = startManager();
    const taskId = addTask();
    const trigger = service.create({ taskId, kind: 'cron', cron: '0 * * * *', timezone: 'UTC' });
    expect(cronArmed.has('0 * * * *')).toBe(true);
    updateSettings({ paused: true });
    expect(cronArmed.has('0 * * * *')).toBe(false);
    expect(service.get(trigger.id).status).toBe('paused');

    now += 5 * HOUR;
    updateSettings({ paused: false });
    expect(cronArmed.has('0 * * * *')).toBe(true);
    expect(service.get(trigger.id).status).toBe('active');
    expect(store.triggers.get(trigger.id)?.cursorAt).toBe(now);
    expect(runs.runs).toHaveLength(0);
  });

  it('a disabled trigger is not armed, deleting it stops it for good, deleting its task until undone', () => {
    const { service, manager } = startManager();
    const taskId = addTask();
    const off = service.create({
      taskId,
      kind: 'cron',
      cron: '1 * * * *',
      timezone: 'UTC',
      enabled: false,
    });
    expect(cronArmed.has('1 * * * *')).toBe(false);
    expect(off.status).toBe('paused');
    service.update({ triggerId: off.id, enabled: true });
    expect(cronArmed.has('1 * * * *')).toBe(true);

    const other = service.create({ taskId, kind: 'cron', cron: '2 * * * *', timezone: 'UTC' });
    expect(service.delete(other.id)).toEqual({ ok: true });
    expect(cronArmed.has('2 * * * *')).toBe(false);
    expect(rejection(() => service.get(other.id)).code).toBe('not_found');

    store.tasks.markDeleted(taskId, now);
    bus.emit('task.deleted', { taskId });
    expect(cronArmed.size).toBe(0);
    expect(service.list(taskId)).toEqual([]);
    expect(events.filter((e) => e.type === 'trigger.deleted')).toHaveLength(2);

    // Undoing the task's delete brings its trigger back as it was, armed again.
    store.tasks.restore(taskId);
    manager.restoreTask(taskId);
    expect(cronArmed.has('1 * * * *')).toBe(true);
    expect(service.list(taskId).map((t) => t.id)).toEqual([off.id]);
  });

  it('validates input with messages that name the field', () => {
    const { service } = startManager();
    const taskId = addTask();
    const cron = rejection(() => service.create({ taskId, kind: 'cron', cron: '0 25 * * *' }));
    expect([cron.code, cron.field]).toEqual(['bad_input', 'cron']);
    const zone = rejection(() =>
      service.create({ taskId, kind: 'cron', cron: '0 1 * * *', timezone: 'Nowhere/City' }),
    );
    expect(zone.field).toBe('timezone');
    expect(rejection(() => service.create({ taskId: 'task_missing', kind: 'webhook' })).code).toBe(
      'not_found',
    );
    const relative = rejection(() => service.create({ taskId, kind: 'watch', path: 'inbox' }));
    expect(relative.field).toBe('path');

    const trigger = service.create({ taskId, kind: 'cron', cron: '0 1 * * *' });
    const wrongKind = rejection(() => service.update({ triggerId: trigger.id, path: '/tmp' }));
    expect(wrongKind.field).toBe('path');
    expect(wrongKind.message).toContain('a cron trigger has no path');
    // 03:15 UTC is 12:15 in Tokyo: the next noon there is tomorrow's.
    expect(
      service.preview({ cron: '0 12 * * *', timezone: 'Asia/Tokyo', count: 2 }).nextFireTimes,
    ).toEqual([Date.UTC(2025, 0, 2, 3), Date.UTC(2025, 0, 3, 3)]);
  });

  it('accepts both day fields restricted: the 1st of the month or any Monday', () => {
    const { service } = startManager();
    const trigger = service.create({
      taskId: addTask(),
      kind: 'cron',
      cron: '0 9 1 * 1',
      timezone: 'UTC',
    });
    // Wednesday 1 January 2025, 03:15: today at 09:00, then the Mondays.
    const expected = [Date.UTC(2025, 0, 1, 9), Date.UTC(2025, 0, 6, 9), Date.UTC(2025, 0, 13, 9)];
    expect(trigger.kind === 'cron' && trigger.nextFireTimes.slice(0, 3)).toEqual(expected);
    expect(service.preview({ cron: '0 9 1 * 1', timezone: 'UTC', count: 3 }).nextFireTimes).toEqual(
      expected,
    );
  });
});

describe('webhook triggers', () => {
  it('returns the secret only on create and rotate, and admits only the current one', () => {
    const { service, manager } = startManager();
    const taskId = addTask('parallel');
    const created = service.create({ taskId, kind: 'webhook' });
    if (created.kind !== 'webhook' || created.secret === null) throw new Error('expected a secret');
    const secret = created.secret;
    expect(created.hookPath).toBe(`/hooks/${created.id}`);
    expect(service.get(created.id)).toMatchObject({ secret: null });
    const announced = events.find((e) => e.type === 'trigger.updated');
    expect(JSON.stringify(announced)).not.toContain(secret);

    expect(manager.webhooks.admit(created.id, { kind: 'secret', secret: 'wrong' })?.reason).toBe(
      'unauthorized',
    );
    expect(manager.webhooks.admit(created.id, { kind: 'secret', secret: undefined })?.reason).toBe(
      'unauthorized',
    );
    expect(manager.webhooks.admit('trg_nope', { kind: 'secret', secret: secret })?.reason).toBe(
      'unknown',
    );
    expect(manager.webhooks.admit(created.id, { kind: 'secret', secret: secret })).toBeNull();

    const rotated = service.update({ triggerId: created.id, rotateSecret: true });
    if (rotated.kind !== 'webhook' || rotated.secret === null)
      throw new Error('expected a new secret');
    expect(rotated.secret).not.toBe(secret);
    expect(manager.webhooks.admit(created.id, { kind: 'secret', secret: secret })?.reason).toBe(
      'unauthorized',
    );
    expect(
      manager.webhooks.admit(created.id, { kind: 'secret', secret: rotated.secret }),
    ).toBeNull();
  });

  it('rate-limits per trigger, refuses while paused, and appends the body to the prompt', () => {
    const { service, manager } = startManager();
    const taskId = addTask('parallel');
    const hook = service.create({ taskId, kind: 'webhook' });
    const secret = hook.kind === 'webhook' ? (hook.secret ?? '') : '';

    const delivery = manager.webhooks.deliver(
      webhookRequest(hook.id, '{"branch":"main"}', 'application/json'),
    );
    expect(delivery).toMatchObject({ ok: true, outcome: 'started', runId: 'run_1' });
    expect(runs.runs[0]?.prompt).toContain('"branch": "main"');
    expect(runs.runs[0]?.trigger).toMatchObject({ kind: 'webhook', triggerId: hook.id });
    expect(runs.runs[0]?.trigger.detail).toMatchObject({
      contentType: 'application/json',
      body: 'json',
    });
    expect(
      manager.webhooks.deliver(webhookRequest(hook.id, '{bad', 'application/json')),
    ).toMatchObject({
      ok: false,
      reason: 'bad_body',
    });

    expect(
      [1, 2, 3].map(() => manager.webhooks.admit(hook.id, { kind: 'secret', secret: secret })),
    ).toEqual([null, null, null]);
    const limited = manager.webhooks.admit(hook.id, { kind: 'secret', secret: secret });
    expect(limited).toMatchObject({ reason: 'rate_limited', retryAfterSeconds: 60 });
    now += 61_000;
    expect(manager.webhooks.admit(hook.id, { kind: 'secret', secret: secret })).toBeNull();

    updateSettings({ paused: true });
    expect(manager.webhooks.admit(hook.id, { kind: 'secret', secret: secret })?.reason).toBe(
      'paused',
    );
    updateSettings({ paused: false });
    service.update({ triggerId: hook.id, enabled: false });
    expect(manager.webhooks.admit(hook.id, { kind: 'secret', secret: secret })).toMatchObject({
      reason: 'paused',
      message: 'This webhook trigger is turned off',
    });
  });
});

describe('webhook signatures and delivery ids', () => {
  it('admits a body signed with the secret, refuses a wrong signature', () => {
    const { service, manager } = startManager();
    const hook = service.create({ taskId: addTask('parallel'), kind: 'webhook' });
    const secret = hook.kind === 'webhook' ? (hook.secret ?? '') : '';
    const body = Buffer.from('{"zen":"Keep it logically awesome."}');
    const sign = (key: string) => `sha256=${createHmac('sha256', key).update(body).digest('hex')}`;
    const signed = (signature: string) => ({ kind: 'signature' as const, signature, body });
    expect(manager.webhooks.admit(hook.id, signed(sign(secret)))).toBeNull();
    expect(manager.webhooks.admit(hook.id, signed(sign(`${secret}x`)))?.reason).toBe(
      'unauthorized',
    );
    expect(
      manager.webhooks.admit(hook.id, {
        kind: 'signature',
        signature: sign(secret),
        body: Buffer.from('{"zen":"changed"}'),
      })?.reason,
    ).toBe('unauthorized');
  });

  it('starts one run per delivery id for a day, then forgets the id', () => {
    const { service, manager } = startManager();
    const hook = service.create({ taskId: addTask('parallel'), kind: 'webhook' });
    const deliver = (deliveryId: string | null) =>
      manager.webhooks.deliver({
        triggerId: hook.id,
        body: 'x',
        contentType: 'text/plain',
        deliveryId,
      });
    const first = deliver('d-1');
    expect(first).toMatchObject({ ok: true, outcome: 'started', duplicate: false });
    now += 60_000;
    expect(deliver('d-1')).toEqual({ ...first, duplicate: true, message: undefined });
    expect(deliver('d-2')).toMatchObject({ duplicate: false });
    expect(deliver(null)).toMatchObject({ duplicate: false });
    expect(runs.runs).toHaveLength(3);
    now += 24 * 60 * 60 * 1000;
    expect(deliver('d-1')).toMatchObject({ duplicate: false, outcome: 'started' });
    expect(runs.runs).toHaveLength(4);
  });
});

describe('watch triggers', () => {
  it('drops changes while its own run is unfinished and for the grace after it ends', async () => {
    settings.triggers.watchSettleMs = 100;
    const folder = tempDir('watched');
    const { service } = startManager();
    const taskId = addTask('parallel');
    const trigger: Trigger = service.create({ taskId, kind: 'watch', path: folder });
    expect(trigger).toMatchObject({ status: 'active', events: ['add', 'change'], glob: null });
    const emit = (name: string) => {
      writeFileSync(join(folder, name), name);
      watchEmit.get(folder)?.('add', join(folder, name));
    };

    emit('request.txt');
    await waitFor('the first run', () => runs.runs.length === 1, 3_000);
    expect(runs.runs[0]?.trigger.detail).toMatchObject({
      paths: [join(folder, 'request.txt')],
      total: 1,
    });
    expect(runs.runs[0]?.prompt).toContain(`- ${join(folder, 'request.txt')} (added)`);

    emit('answer-written-by-the-run.txt');
    await sleep(400);
    expect(runs.runs).toHaveLength(1);

    runs.finish('run_1');
    emit('late-write-by-the-run.txt');
    await sleep(400);
    expect(runs.runs).toHaveLength(1);

    // Grace is stability (100 ms at this settle time) + loopGraceMs (100 ms); now = clock() is
    // fixed in this test, so move it past the grace.
    now += 1_000;
    emit('next-request.txt');
    await waitFor('a run for a change made after the grace', () => runs.runs.length === 2, 3_000);
    expect(runs.runs[1]?.trigger.detail).toMatchObject({
      paths: [join(folder, 'next-request.txt')],
    });
  });

  it('reports a missing folder as an error on the trigger', () => {
    const { service } = startManager();
    const taskId = addTask();
    const missing = join(tempDir('parent'), 'not-yet');
    const trigger = service.create({
      taskId,
      kind: 'watch',
      path: missing,
      events: ['unlink', 'add'],
    });
    expect(trigger).toMatchObject({
      status: 'error',
      error: `Folder ${missing} does not exist`,
      events: ['add', 'unlink'],
    });
  });
});

describe('trigger store', () => {
  it('keeps the newest firings per trigger and drops older ones', () => {
    const taskId = addTask();
    store.triggers.insert({
      id: 'trg_busy',
      taskId,
      spec: { kind: 'webhook' },
      secretHash: null,
      secretSalt: null,
      enabled: true,
      cursorAt: now,
      createdAt: now,
    });
    for (let i = 0; i < FIRINGS_KEPT + 5; i++) {
      store.triggers.recordFiring({
        triggerId: 'trg_busy',
        at: now + i,
        outcome: 'skipped',
        runId: null,
        detail: { i },
      });
    }
    const kept = store.triggers.firings('trg_busy', 1000);
    expect(kept).toHaveLength(FIRINGS_KEPT);
    expect(kept[0]?.detail).toEqual({ i: FIRINGS_KEPT + 4 });
    expect(kept.at(-1)?.detail).toEqual({ i: 5 });
    expect(store.triggers.get('trg_busy')?.skippedCount).toBe(FIRINGS_KEPT + 5);
  });
});
