// 4. The store at scale: 100,000 runs and a large transcript table (1,000,000 events by default;
// BENCH_EVENTS=5000000 for the full size, which takes several minutes to generate on a
// 2-core machine), then every list and summary the panel calls. Target: each under 20 ms.
import Database from 'better-sqlite3';
import { rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'vitest';
import { Store } from '../src/main/engine/store';
import { costSummary } from '../src/main/engine/costs/cost-service';
import { budgetHold } from '../src/main/engine/costs/budget';
import { DEFAULT_SETTINGS } from '../src/main/engine/settings/settings';
import { tempDir } from '../tests/support/claude-env';
import { measure } from './measure';
import { report } from './support';

const RUNS = 100_000;
const EVENTS = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const BIG_RUN_EVENTS = 50_000;
const TASKS = 50;
const DAY = 24 * 60 * 60 * 1000;
const NOW = Date.now();
const dir = tempDir('bench-store');
const file = join(dir, 'switchboard.sqlite');

function generate(): void {
  Store.open(dir).close(); // the schema, by the real migrations
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  const task = db.prepare(
    `INSERT INTO tasks (id, title, prompt, cwd, permission_mode, created_at, updated_at)
     VALUES (?, ?, 'p', '/tmp', 'default', 0, 0)`,
  );
  const run = db.prepare(
    `INSERT INTO runs (id, task_id, status, prompt, trigger_kind, cost_usd, result, created_at,
       started_at, ended_at) VALUES (?, ?, ?, 'do the thing', 'manual', ?, ?, ?, ?, ?)`,
  );
  const usage = db.prepare(
    `INSERT INTO run_model_usage VALUES (?, 'claude-sonnet-4-5', 100, 50, 0, 0, ?)`,
  );
  const approval = db.prepare(
    `INSERT INTO approvals (id, run_id, kind, tool_name, input, status, created_at)
     VALUES (?, ?, 'tool', 'Bash', '{}', ?, ?)`,
  );
  const event = db.prepare(
    'INSERT INTO run_events (run_id, seq, ts, type, data) VALUES (?, ?, ?, ?, ?)',
  );
  const answer = 'A long final answer line.\n'.repeat(400);
  db.transaction(() => {
    for (let t = 0; t < TASKS; t++) task.run(`task_${t}`, `Task ${t}`);
    for (let i = 0; i < RUNS; i++) {
      const at = NOW - Math.floor((i / RUNS) * 365 * DAY);
      const status = i < 3 ? 'running' : i < 5 ? 'waiting' : 'succeeded';
      run.run(
        `run_${i}`,
        `task_${i % TASKS}`,
        status,
        0.01,
        answer,
        at,
        at,
        status === 'succeeded' ? at + 60_000 : null,
      );
      usage.run(`run_${i}`, 0.01);
      if (i % 10 === 0) approval.run(`appr_${i}`, `run_${i}`, i < 50 ? 'pending' : 'allowed', at);
    }
  })();
  const data = JSON.stringify({
    blockId: 'm:1',
    text: 'a streamed chunk of the answer, some words long',
  });
  const perRun = Math.max(1, Math.floor((EVENTS - BIG_RUN_EVENTS) / RUNS));
  const insertChunk = db.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      for (let s = 1; s <= perRun; s++) event.run(`run_${i}`, s, NOW, 'text', data);
    }
  });
  for (let from = 0; from < RUNS; from += 5_000) insertChunk(from, Math.min(RUNS, from + 5_000));
  db.transaction(() => {
    for (let s = 1; s <= BIG_RUN_EVENTS; s++) event.run('run_0', perRun + s, NOW, 'text', data);
  })();
  db.close();
}

describe('store at 100,000 runs', () => {
  it('answers every list and summary the panel calls', () => {
    const started = performance.now();
    generate();
    report(
      `store: generated ${RUNS} runs and ${EVENTS} events in`,
      (performance.now() - started) / 1000,
      's',
    );
    const store = Store.open(dir);
    const settings = { ...DEFAULT_SETTINGS, budgets: { dailyUsd: 1_000, monthlyUsd: 10_000 } };
    const target = 20;
    measure('runs.list {limit: 12} (Home)', target, () => store.runs.list({ limit: 12 }));
    for (const status of ['running', 'waiting', 'queued'] as const) {
      measure(`runs.list {status: ${status}, limit: 100} (Home)`, target, () =>
        store.runs.list({ status, limit: 100 }),
      );
    }
    measure('runs.list {taskId, limit: 50} (task view)', target, () =>
      store.runs.list({ taskId: 'task_7', limit: 50 }),
    );
    measure('runs.list {taskId, limit: 200} (run view, continuations)', target, () =>
      store.runs.list({ taskId: 'task_7', limit: 200 }),
    );
    measure('runs.get (whole answer)', target, () => store.runs.get('run_7'));
    measure('runs.events {tail, limit: 200} of a 50,000-event run', target, () =>
      store.runs.events('run_0', 0, 200, { tail: true }),
    );
    measure('costs.summary (30 days)', target, () => costSummary(store, {}, NOW));
    measure('budget check (day and month)', target, () => budgetHold(store, settings, NOW));
    measure('approvals.list {status: pending}', target, () =>
      store.approvals.list({ status: 'pending' }),
    );
    measure('approvals.list {}', target, () => store.approvals.list({}));
    measure('tasks.list', target, () => store.tasks.list());
    const listed = JSON.stringify(store.runs.list({ limit: 12 })).length / 1024;
    report('runs.list {limit: 12} payload', listed, 'KB');
    store.close();
    report('store: file size', statSync(file).size / 1024 / 1024, 'MB');
    rmSync(dir, { recursive: true, force: true });
  });
});
