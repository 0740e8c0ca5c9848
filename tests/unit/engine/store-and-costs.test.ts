// The store against a real SQLite file: migrations, event seqs, soft-deleted tasks, cost summary,
// budgets, and the one-engine-per-folder lock.
import { writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { budgetHold } from '../../../src/main/engine/budget';
import { costSummary, dayKey } from '../../../src/main/engine/cost-service';
import { EngineLock } from '../../../src/main/engine/engine-lock';
import { DEFAULT_SETTINGS } from '../../../src/main/engine/settings';
import { Store } from '../../../src/main/engine/store';
import { tempDir } from '../../support/claude-env';
import { newRun, taskRecord } from '../../support/records';

const opened: Store[] = [];
afterEach(() => opened.splice(0).forEach((s) => s.close()));

function openStore(dir = tempDir('store')): Store {
  const store = Store.open(dir);
  opened.push(store);
  return store;
}

function seed(
  store: Store,
  at: number,
  cost: number,
  model = 'claude-sonnet-4-5',
  taskId = 'task_a',
) {
  if (!store.tasks.get(taskId)) {
    store.tasks.insert(
      taskRecord({ id: taskId, title: `Task ${taskId}`, createdAt: at, updatedAt: at }),
    );
  }
  const id = `run_${Math.random().toString(36).slice(2)}`;
  store.runs.insert(
    newRun({ id, taskId, sessionId: 's', sessionStarted: true, model, createdAt: at }),
  );
  store.runs.update(id, { status: 'succeeded', costUsd: cost, startedAt: at, endedAt: at });
  store.runs.setModelUsage(id, [
    {
      model,
      inputTokens: 10,
      outputTokens: 5,
      cacheReadInputTokens: 0,
      cacheCreationInputTokens: 0,
      costUsd: cost,
    },
  ]);
  return id;
}

describe('store', () => {
  it('keeps event seqs consecutive per run, also after reopening the file', () => {
    const dir = tempDir('store');
    const store = openStore(dir);
    const runId = seed(store, Date.now(), 0);
    store.runs.appendEvent({ runId, ts: 1, type: 'text', blockId: 'b', text: 'one' });
    store.runs.appendEvent({ runId, ts: 2, type: 'text', blockId: 'b', text: 'two' });
    store.close();
    opened.pop();
    const again = openStore(dir);
    again.runs.appendEvent({ runId, ts: 3, type: 'error', message: 'three' });
    const events = again.runs.events(runId);
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(again.runs.events(runId, 2)).toEqual([
      { runId, seq: 3, ts: 3, type: 'error', message: 'three' },
    ]);
  });

  it('hides deleted tasks but keeps their runs and titles for history', () => {
    const store = openStore();
    const runId = seed(store, Date.now(), 0.5);
    expect(store.tasks.markDeleted('task_a', Date.now())).toBe(true);
    expect(store.tasks.get('task_a')).toBeUndefined();
    expect(store.tasks.list()).toEqual([]);
    expect(store.runs.get(runId)?.taskTitle).toBe('Task task_a');
  });
});

describe('costs', () => {
  it('sums by day, task and model over the period', () => {
    const store = openStore();
    const now = new Date(2026, 10, 21, 12).getTime();
    const yesterday = new Date(2026, 10, 20, 12).getTime();
    seed(store, now, 1.25, 'claude-sonnet-4-5', 'task_a');
    seed(store, now, 0.5, 'claude-haiku-4-5', 'task_b');
    seed(store, yesterday, 2, 'claude-sonnet-4-5', 'task_a');
    seed(store, new Date(2026, 8, 1).getTime(), 100, 'claude-sonnet-4-5', 'task_a');

    const summary = costSummary(store, {}, now);
    expect(summary.totalUsd).toBeCloseTo(3.75);
    expect(summary.byDay).toHaveLength(30);
    expect(summary.byDay.at(-1)).toEqual({
      day: dayKey(now),
      totalUsd: 1.75,
      byModel: { 'claude-sonnet-4-5': 1.25, 'claude-haiku-4-5': 0.5 },
    });
    expect(summary.byDay.at(-2)?.totalUsd).toBe(2);
    expect(summary.byTask).toEqual([
      { taskId: 'task_a', taskTitle: 'Task task_a', totalUsd: 3.25, runs: 2 },
      { taskId: 'task_b', taskTitle: 'Task task_b', totalUsd: 0.5, runs: 1 },
    ]);
    expect(summary.byModel.map((m) => m.model)).toEqual(['claude-sonnet-4-5', 'claude-haiku-4-5']);
  });

  it('holds runs when the daily or monthly budget is reached', () => {
    const store = openStore();
    const now = new Date(2026, 10, 21, 12).getTime();
    seed(store, now, 3);
    seed(store, new Date(2026, 10, 2).getTime(), 10);
    const settings = (dailyUsd: number | null, monthlyUsd: number | null) => ({
      ...DEFAULT_SETTINGS,
      budgets: { dailyUsd, monthlyUsd },
    });
    expect(budgetHold(store, settings(null, null), now)).toBeNull();
    expect(budgetHold(store, settings(5, null), now)).toBeNull();
    expect(budgetHold(store, settings(3, null), now)).toMatch(/Daily budget of \$3\.00 reached/);
    expect(budgetHold(store, settings(null, 13), now)).toMatch(/Monthly budget of \$13\.00/);
    expect(budgetHold(store, settings(null, 14), now)).toBeNull();
  });
});

describe('EngineLock', () => {
  it('refuses a second holder while the first is alive, and allows it after release', () => {
    const dir = tempDir('lock');
    const lock = EngineLock.acquire(dir, 'desktop');
    // Same pid counts as this process: simulate another live holder by pointing at our parent.
    lock.release();
    const again = EngineLock.acquire(dir, 'serve');
    again.release();
    expect(() => {
      const a = EngineLock.acquire(dir, 'desktop');
      try {
        writeHolder(dir, process.ppid);
        EngineLock.acquire(dir, 'serve');
      } finally {
        a.release();
      }
    }).toThrow(/Another Switchboard engine \(desktop, pid \d+/);
  });

  it('takes over a stale lock left by a dead process', () => {
    const dir = tempDir('lock');
    writeHolder(dir, 2 ** 22 + 12345);
    const lock = EngineLock.acquire(dir, 'serve');
    lock.release();
  });
});

function writeHolder(dir: string, pid: number): void {
  writeFileSync(
    join(dir, 'engine.lock'),
    JSON.stringify({ pid, kind: 'desktop', host: hostname(), startedAt: Date.now() }),
  );
}
