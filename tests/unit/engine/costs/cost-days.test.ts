// The daily spend rollups against a direct scan of every run (the summary as it was computed
// before the rollups), over randomized runs in real SQLite: written, continued with new usage,
// moved to another day, emptied, deleted, their tasks deleted and their transcripts pruned, in
// time zones with and without daylight saving, after a migration and after a zone change.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CostSummary, ModelUsage } from '../../../../src/shared/domain';
import { startOfDay, startOfMonth } from '../../../../src/main/engine/costs/budget';
import { costSummary, dayKey } from '../../../../src/main/engine/costs/cost-service';
import { Store } from '../../../../src/main/engine/store';
import { MIGRATIONS } from '../../../../src/main/engine/store/migrations';
import { RunStore } from '../../../../src/main/engine/store/run-store';
import { TaskStore } from '../../../../src/main/engine/store/task-store';
import { tempDir } from '../../../support/claude-env';
import { closeStore, openStore } from '../../../support/store-fixtures';
import { newRun, taskRecord } from '../../../support/records';

const DAY = 24 * 60 * 60 * 1000;
const HOUR = 60 * 60 * 1000;
/** Just after a daylight-saving change in both hemispheres (New York: 1 Nov; Lord Howe: 4 Oct). */
const NOW = Date.UTC(2026, 10, 5, 15, 20);
const MODELS = ['claude-sonnet-4-5', 'claude-opus-4-1', 'claude-haiku-4-5'];

const zoneBefore = process.env.TZ;
afterEach(() => {
  if (zoneBefore === undefined) delete process.env.TZ;
  else process.env.TZ = zoneBefore;
});

/** A deterministic random source, so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** costs.summary as computed before the rollups: every run's rows in the period, added up. */
function scanned(store: Store, from: number, to: number): CostSummary {
  const days = new Map<string, { totalUsd: number; byModel: Record<string, number> }>();
  for (let day = startOfDay(from); day < to; day = startOfDay(day + DAY + HOUR)) {
    days.set(dayKey(day), { totalUsd: 0, byModel: {} });
  }
  const tasks = new Map<string, { taskTitle: string; totalUsd: number; runs: Set<string> }>();
  const models = new Map<string, CostSummary['byModel'][number]>();
  let totalUsd = 0;
  for (const row of store.costs.rows(from, to)) {
    totalUsd += row.costUsd;
    const day = days.get(dayKey(row.at)) ?? { totalUsd: 0, byModel: {} };
    day.totalUsd += row.costUsd;
    day.byModel[row.model] = (day.byModel[row.model] ?? 0) + row.costUsd;
    days.set(dayKey(row.at), day);
    const task = tasks.get(row.taskId) ?? {
      taskTitle: row.taskTitle,
      totalUsd: 0,
      runs: new Set(),
    };
    task.totalUsd += row.costUsd;
    task.runs.add(row.runId);
    tasks.set(row.taskId, task);
    const model = models.get(row.model) ?? {
      model: row.model,
      totalUsd: 0,
      inputTokens: 0,
      outputTokens: 0,
      cacheReadInputTokens: 0,
      cacheCreationInputTokens: 0,
    };
    model.totalUsd += row.costUsd;
    model.inputTokens += row.inputTokens;
    model.outputTokens += row.outputTokens;
    model.cacheReadInputTokens += row.cacheReadInputTokens;
    model.cacheCreationInputTokens += row.cacheCreationInputTokens;
    models.set(row.model, model);
  }
  return {
    from,
    to,
    totalUsd,
    byDay: [...days.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([day, value]) => ({ day, ...value })),
    byTask: [...tasks.entries()].map(([taskId, t]) => ({
      taskId,
      taskTitle: t.taskTitle,
      totalUsd: t.totalUsd,
      runs: t.runs.size,
    })),
    byModel: [...models.values()],
    goingUsd: store.runs
      .withStatus(['running', 'waiting'])
      .filter((run) => (run.startedAt ?? run.createdAt) >= from)
      .filter((run) => (run.startedAt ?? run.createdAt) < to)
      .reduce((sum, run) => sum + Math.max(0, run.costUsd - recordedUsd(run.modelUsage)), 0),
  };
}

const recordedUsd = (usage: ModelUsage[]) => usage.reduce((sum, u) => sum + u.costUsd, 0);

/** Dollar sums agree to a billionth (they are added in another order); counts exactly. */
function expectSame(actual: CostSummary, expected: CostSummary): void {
  const close = (a: number, b: number) => expect(Math.abs(a - b)).toBeLessThan(1e-9);
  expect([actual.from, actual.to]).toEqual([expected.from, expected.to]);
  close(actual.totalUsd, expected.totalUsd);
  close(actual.goingUsd, expected.goingUsd);
  expect(actual.byDay.map((d) => d.day)).toEqual(expected.byDay.map((d) => d.day));
  actual.byDay.forEach((day, i) => {
    const other = expected.byDay[i];
    close(day.totalUsd, other?.totalUsd ?? Number.NaN);
    expect(Object.keys(day.byModel).sort()).toEqual(Object.keys(other?.byModel ?? {}).sort());
    for (const [model, usd] of Object.entries(day.byModel)) close(usd, other?.byModel[model] ?? 0);
  });
  const byTask = new Map(expected.byTask.map((t) => [t.taskId, t]));
  expect(actual.byTask.map((t) => t.taskId).sort()).toEqual([...byTask.keys()].sort());
  for (const task of actual.byTask) {
    const other = byTask.get(task.taskId);
    expect([task.taskTitle, task.runs]).toEqual([other?.taskTitle, other?.runs]);
    close(task.totalUsd, other?.totalUsd ?? Number.NaN);
  }
  for (let i = 1; i < actual.byTask.length; i++) {
    expect(actual.byTask[i]?.totalUsd ?? 0).toBeLessThanOrEqual(
      (actual.byTask[i - 1]?.totalUsd ?? 0) + 1e-9,
    );
  }
  const byModel = new Map(expected.byModel.map((m) => [m.model, m]));
  expect(actual.byModel.map((m) => m.model).sort()).toEqual([...byModel.keys()].sort());
  for (const { totalUsd, ...tokens } of actual.byModel) {
    const { totalUsd: otherUsd, ...otherTokens } = byModel.get(tokens.model) ?? { totalUsd: 0 };
    expect(tokens).toEqual(otherTokens);
    close(totalUsd, otherUsd);
  }
}

/** The periods the panel asks for, and odd ones: unaligned ends, a single partial day, a year. */
function periods(next: () => number): { from?: number; to?: number }[] {
  const list: { from?: number; to?: number }[] = [
    {},
    { from: startOfDay(NOW) },
    { from: startOfMonth(NOW) },
    { from: startOfDay(NOW - 29 * DAY) },
    { from: NOW - 365 * DAY, to: NOW + 1 },
    { from: startOfDay(NOW - 3 * DAY), to: startOfDay(NOW - DAY) },
    { from: NOW - 2 * HOUR, to: NOW - HOUR },
  ];
  for (let i = 0; i < 25; i++) {
    const from = NOW - Math.floor(next() * 80 * DAY);
    list.push({ from, to: from + Math.floor(next() * 40 * DAY) });
  }
  return list;
}

function usageFor(next: () => number): ModelUsage[] {
  const models = MODELS.filter(() => next() < 0.5);
  return models.map((model) => ({
    model,
    inputTokens: Math.floor(next() * 50_000),
    outputTokens: Math.floor(next() * 8_000),
    cacheReadInputTokens: Math.floor(next() * 100_000),
    cacheCreationInputTokens: Math.floor(next() * 10_000),
    costUsd: next() < 0.1 ? 0 : next() * 3,
  }));
}

/** Runs over the last 70 days, a few still going and a few without usage. */
function populate(store: Pick<Store, 'tasks' | 'runs'>, next: () => number, runs = 300): string[] {
  for (let t = 0; t < 6; t++) {
    store.tasks.insert(taskRecord({ id: `task_${t}`, title: `Task ${t}`, createdAt: 0 }));
  }
  const ids: string[] = [];
  for (let i = 0; i < runs; i++) {
    const id = `run_${i}`;
    const createdAt = NOW - Math.floor(next() * 70 * DAY) + (next() < 0.03 ? 2 * DAY : 0);
    store.runs.insert(newRun({ id, taskId: `task_${Math.floor(next() * 6)}`, createdAt }));
    ids.push(id);
    if (next() < 0.05) continue; // still queued
    const startedAt = createdAt + Math.floor(next() * 2 * HOUR);
    const ended = next() < 0.9;
    store.runs.update(id, {
      status: ended ? 'succeeded' : 'running',
      startedAt,
      endedAt: ended ? startedAt + Math.floor(next() * 5 * HOUR) : null,
    });
    const usage = usageFor(next);
    store.runs.setModelUsage(id, usage);
    // A run going now has spent more than its usage records: the live cost of this session.
    if (!ended) store.runs.update(id, { costUsd: recordedUsd(usage) + next() });
  }
  return ids;
}

/** What happens to runs later: continued (new usage, a later end), emptied, deleted, pruned. */
function churn(store: Store, dir: string, ids: string[], next: () => number): void {
  const raw = new Database(join(dir, 'switchboard.sqlite'));
  raw.pragma('foreign_keys = ON');
  try {
    for (const id of ids) {
      const roll = next();
      const run = store.runs.get(id);
      if (!run) continue;
      if (roll < 0.15) {
        // Parked or waited, then continued: a new start, usage replaced by the sums, a new end.
        const startedAt = (run.startedAt ?? run.createdAt) + Math.floor(next() * 3 * DAY);
        store.runs.update(id, { status: 'running', startedAt, endedAt: null });
        store.runs.setModelUsage(id, usageFor(next));
        store.runs.update(id, { status: 'succeeded', endedAt: startedAt + HOUR });
      } else if (roll < 0.2) {
        store.runs.setModelUsage(id, []);
      } else if (roll < 0.25) {
        raw.prepare('DELETE FROM runs WHERE id = ?').run(id);
      } else if (roll < 0.28) {
        raw.prepare('UPDATE runs SET task_id = ? WHERE id = ?').run('task_0', id);
      } else if (roll < 0.3) {
        raw.prepare('UPDATE run_model_usage SET cost_usd = cost_usd * 2 WHERE run_id = ?').run(id);
      } else if (roll < 0.33) {
        store.runs.appendEvent({ runId: id, ts: NOW, type: 'error', message: 'x' });
      }
    }
  } finally {
    raw.close();
  }
  store.tasks.markDeleted('task_3', NOW);
  store.runs.eventLog.pruneEndedBefore(NOW, 1_000);
}

function expectAllPeriods(store: Store, next: () => number): void {
  for (const period of periods(next)) {
    const summary = costSummary(store, period, NOW);
    expectSame(summary, scanned(store, summary.from, summary.to));
  }
}

describe('daily spend rollups', () => {
  for (const zone of ['UTC', 'America/New_York', 'Asia/Kolkata', 'Australia/Lord_Howe']) {
    it(`give the same summary as scanning every run, in ${zone}`, () => {
      process.env.TZ = zone;
      const dir = tempDir('cost-days');
      const store = openStore(dir);
      const next = random(zone.length * 7919);
      const ids = populate(store, next);
      expectAllPeriods(store, next);
      churn(store, dir, ids, next);
      expectAllPeriods(store, next);
      // Enough spend to make the comparison mean something, runs going now included.
      expect(store.costs.rows(NOW - 80 * DAY, NOW + 3 * DAY).length).toBeGreaterThan(100);
      expect(costSummary(store, { from: NOW - 80 * DAY }, NOW).goingUsd).toBeGreaterThan(0);
    });
  }

  it('are built from the runs already stored when the migration runs', () => {
    process.env.TZ = 'Europe/Paris';
    const dir = tempDir('cost-days-migration');
    const file = join(dir, 'switchboard.sqlite');
    Store.ensureDir(dir);
    const before = new Database(file);
    MIGRATIONS.slice(0, 8).forEach((migration) => before.exec(migration.sql));
    before.pragma('user_version = 8');
    before.close();
    const next = random(42);
    // Written as version 8 would: no rollup tables, no triggers.
    const old = new Database(file);
    // Today's task store writes columns later migrations add: the old file has them only while
    // it is filled.
    old.exec('ALTER TABLE tasks ADD COLUMN keychain_access INTEGER NOT NULL DEFAULT 0');
    old.exec("ALTER TABLE tasks ADD COLUMN mcp_server_ids TEXT NOT NULL DEFAULT '[]'");
    old.exec('ALTER TABLE tasks ADD COLUMN place_id TEXT');
    old.exec("ALTER TABLE tasks ADD COLUMN skills TEXT NOT NULL DEFAULT '[]'");
    old.exec('ALTER TABLE tasks ADD COLUMN sandbox INTEGER NOT NULL DEFAULT 0');
    populate({ tasks: new TaskStore(old), runs: new RunStore(old) }, next, 200);
    old.exec('ALTER TABLE tasks DROP COLUMN sandbox');
    old.exec('ALTER TABLE tasks DROP COLUMN skills');
    old.exec('ALTER TABLE tasks DROP COLUMN place_id');
    old.exec('ALTER TABLE tasks DROP COLUMN mcp_server_ids');
    old.exec('ALTER TABLE tasks DROP COLUMN keychain_access');
    old.close();
    expect(tableNames(file)).not.toContain('cost_days');

    const store = openStore(dir);
    expect(tableNames(file)).toContain('cost_days');
    expectAllPeriods(store, next);
    churn(
      store,
      dir,
      [...Array(200).keys()].map((i) => `run_${i}`),
      next,
    );
    expectAllPeriods(store, next);
  });

  it('are built again when the store opens in another time zone', () => {
    process.env.TZ = 'America/Los_Angeles';
    const dir = tempDir('cost-days-zone');
    const first = openStore(dir);
    const next = random(7);
    populate(first, next);
    closeStore(first);

    process.env.TZ = 'Asia/Tokyo';
    const store = openStore(dir);
    expectAllPeriods(store, next);
    // The same, had the rollups stayed in Los Angeles days, would differ: the test can fail.
    const tokyo = costSummary(store, {}, NOW).byDay.map((d) => d.totalUsd);
    closeStore(store);
    process.env.TZ = 'America/Los_Angeles';
    const again = openStore(dir);
    const losAngeles = costSummary(again, {}, NOW).byDay.map((d) => d.totalUsd);
    expect(losAngeles).not.toEqual(tokyo);
    expectAllPeriods(again, next);
  });
});

function tableNames(file: string): string[] {
  const db = new Database(file, { readonly: true });
  try {
    return db
      .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'")
      .all()
      .map((row) => row.name);
  } finally {
    db.close();
  }
}
