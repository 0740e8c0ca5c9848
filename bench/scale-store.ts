// The store at scale, shared by the benchmarks that need it (store-scale, panel): 100,000 runs over
// a year (each with a 10 KB answer, 50 tasks, one approval in ten), a large transcript table
// (1,000,000 events by default; BENCH_EVENTS=5000000 for the full size, which takes
// several minutes to generate on a 2-core machine) and one busy 50,000-event run.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { Store } from '../src/main/engine/store';
import { busySessionEvent } from '../tests/support/busy-session';

export const SCALE = {
  runs: 100_000,
  events: Number(process.env.BENCH_EVENTS ?? 1_000_000),
  bigRunEvents: 50_000,
  tasks: 50,
};
/** The 50,000-event run: the newest, still running. */
export const BIG_RUN_ID = 'run_0';

const DAY = 24 * 60 * 60 * 1000;

/** Writes the data set into `dir` (a new data folder), spread over the year before `now`. */
export function generateScaleStore(dir: string, now: number): void {
  Store.open(dir).close(); // the schema, by the real migrations
  const db = new Database(join(dir, 'switchboard.sqlite'));
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
    for (let t = 0; t < SCALE.tasks; t++) task.run(`task_${t}`, `Task ${t}`);
    for (let i = 0; i < SCALE.runs; i++) {
      const at = now - Math.floor((i / SCALE.runs) * 365 * DAY);
      const status = i < 3 ? 'running' : i < 5 ? 'waiting' : 'succeeded';
      run.run(
        `run_${i}`,
        `task_${i % SCALE.tasks}`,
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
  const perRun = Math.max(1, Math.floor((SCALE.events - SCALE.bigRunEvents) / SCALE.runs));
  const insertChunk = db.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      for (let s = 1; s <= perRun; s++) event.run(`run_${i}`, s, now, 'text', data);
    }
  });
  for (let from = 0; from < SCALE.runs; from += 5_000) {
    insertChunk(from, Math.min(SCALE.runs, from + 5_000));
  }
  db.transaction(() => {
    for (let s = 1; s <= SCALE.bigRunEvents; s++) {
      const { type, ...rest } = busySessionEvent(s - 1);
      event.run(BIG_RUN_ID, perRun + s, now, type, JSON.stringify(rest));
    }
  })();
  db.close();
}
