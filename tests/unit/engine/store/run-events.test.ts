// The transcript store against a real SQLite file: batched writes keep order and are never lost
// to a read, pages from the end, list previews, retention, and the move of an old file's events.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Store } from '../../../../src/main/engine/store';
import { MIGRATIONS } from '../../../../src/main/engine/store/migrations';
import { RESULT_PREVIEW_CHARS } from '../../../../src/main/engine/store/run-store';
import { TranscriptRetention } from '../../../../src/main/engine/runs/transcript-retention';
import { DEFAULT_SETTINGS } from '../../../../src/main/engine/settings/settings';
import { tempDir } from '../../../support/claude-env';
import { newRun, taskRecord } from '../../../support/records';

const opened: Store[] = [];
afterEach(() => opened.splice(0).forEach((s) => s.close()));

function openStore(dir = tempDir('events')): Store {
  const store = Store.open(dir);
  opened.push(store);
  return store;
}

function withRun(store: Store, id = 'run_a'): string {
  if (!store.tasks.get('task_a')) store.tasks.insert(taskRecord({ id: 'task_a', title: 'A' }));
  store.runs.insert(newRun({ id, taskId: 'task_a' }));
  return id;
}

function appendTexts(store: Store, runId: string, count: number, from = 0): void {
  for (let i = from; i < from + count; i++) {
    store.runs.appendEvent({ runId, ts: i, type: 'text', blockId: 'b', text: `t${i}` });
  }
}

const texts = (store: Store, runId: string) =>
  store.runs.events(runId).map((e) => (e.type === 'text' ? e.text : e.type));

describe('batched event writes', () => {
  it('hands out consecutive seqs at once and writes rows in that order, across batches', () => {
    const store = openStore();
    const a = withRun(store, 'run_a');
    const b = withRun(store, 'run_b');
    const seqs: number[] = [];
    for (let i = 0; i < 150; i++) {
      seqs.push(
        store.runs.appendEvent({ runId: a, ts: i, type: 'text', blockId: 'x', text: `a${i}` }).seq,
      );
      store.runs.appendEvent({ runId: b, ts: i, type: 'text', blockId: 'x', text: `b${i}` });
    }
    expect(seqs).toEqual(Array.from({ length: 150 }, (_, i) => i + 1));
    const events = store.runs.events(a);
    expect(events.map((e) => e.seq)).toEqual(seqs);
    expect(texts(store, a)).toEqual(Array.from({ length: 150 }, (_, i) => `a${i}`));
    expect(texts(store, b)).toHaveLength(150);
  });

  it('commits held events within the tick, and on close, without a read', async () => {
    const dir = tempDir('events');
    const store = Store.open(dir);
    const runId = withRun(store);
    appendTexts(store, runId, 3);
    await new Promise((resolve) => setImmediate(resolve));
    const other = new Database(join(dir, 'switchboard.sqlite'), { readonly: true });
    const count = () =>
      (other.prepare('SELECT COUNT(*) AS n FROM run_events').get() as { n: number }).n;
    expect(count()).toBe(3);
    appendTexts(store, runId, 2, 3);
    store.close();
    expect(count()).toBe(5);
    other.close();
    const again = openStore(dir);
    expect(again.runs.appendEvent({ runId, ts: 9, type: 'error', message: 'x' }).seq).toBe(6);
  });
});

describe('paging from the end', () => {
  it('returns the last events in seq order, then the page before a seq', () => {
    const store = openStore();
    const runId = withRun(store);
    appendTexts(store, runId, 50);
    const last = store.runs.events(runId, 0, 10, { tail: true });
    expect(last.map((e) => e.seq)).toEqual([41, 42, 43, 44, 45, 46, 47, 48, 49, 50]);
    const before = store.runs.events(runId, 0, 5, { beforeSeq: 41 });
    expect(before.map((e) => e.seq)).toEqual([36, 37, 38, 39, 40]);
    expect(store.runs.events(runId, 0, 5, { beforeSeq: 3 }).map((e) => e.seq)).toEqual([1, 2]);
  });
});

describe('final answers', () => {
  it('lists carry a preview; runs.get carries the whole answer', () => {
    const store = openStore();
    const runId = withRun(store);
    const answer = 'x'.repeat(RESULT_PREVIEW_CHARS) + 'the rest of a long answer';
    store.runs.update(runId, { status: 'succeeded', result: answer });
    const [listed] = store.runs.list({ limit: 5 });
    expect(listed?.result).toBe(`${'x'.repeat(RESULT_PREVIEW_CHARS)}…`);
    expect(store.runs.get(runId)?.result).toBe(answer);
    store.runs.update(runId, { result: 'short' });
    expect(store.runs.list({ limit: 5 })[0]?.result).toBe('short');
  });
});

describe('transcript retention', () => {
  it('deletes the events of runs ended before the cutoff and keeps their summaries', async () => {
    const store = openStore();
    const day = 24 * 60 * 60 * 1000;
    const now = 100 * day;
    const old = withRun(store, 'run_old');
    const recent = withRun(store, 'run_recent');
    const going = withRun(store, 'run_going');
    appendTexts(store, old, 12_000);
    appendTexts(store, recent, 5);
    appendTexts(store, going, 5);
    store.runs.update(old, { status: 'succeeded', endedAt: now - 40 * day, result: 'kept' });
    store.runs.update(recent, { status: 'succeeded', endedAt: now - day });
    const settings = (days: number | null) => ({
      ...DEFAULT_SETTINGS,
      performance: { ...DEFAULT_SETTINGS.performance, keepTranscriptsDays: days },
    });
    const off = new TranscriptRetention({
      store,
      settings: () => settings(null),
      clock: () => now,
    });
    expect(await off.prune()).toBe(0);

    const retention = new TranscriptRetention({
      store,
      settings: () => settings(30),
      clock: () => now,
    });
    expect(await retention.prune()).toBe(12_000);
    expect(store.runs.events(old)).toEqual([]);
    expect(store.runs.get(old)?.result).toBe('kept');
    expect(store.runs.events(recent)).toHaveLength(5);
    expect(store.runs.events(going)).toHaveLength(5);
  });
});

describe('the run_events migration', () => {
  it('moves the events of a file made before into the new layout, in order', () => {
    const dir = tempDir('events');
    const file = join(dir, 'switchboard.sqlite');
    const before = new Database(file);
    // A file as the previous version left it: migrations 1–3, events WITHOUT ROWID.
    MIGRATIONS.slice(0, 3).forEach((migration) => before.exec(migration.sql));
    before.pragma('user_version = 3');
    before
      .prepare(
        `INSERT INTO tasks (id, title, prompt, cwd, permission_mode, created_at, updated_at)
         VALUES ('task_a', 'A', 'p', '/tmp', 'default', 1, 1)`,
      )
      .run();
    before
      .prepare(
        `INSERT INTO runs (id, task_id, status, prompt, trigger_kind, created_at)
         VALUES ('run_a', 'task_a', 'succeeded', 'p', 'manual', 1)`,
      )
      .run();
    const insert = before.prepare(
      'INSERT INTO run_events (run_id, seq, ts, type, data) VALUES (?, ?, ?, ?, ?)',
    );
    for (const seq of [3, 1, 2]) {
      insert.run('run_a', seq, seq, 'text', JSON.stringify({ blockId: 'b', text: `t${seq}` }));
    }
    before.close();

    const store = openStore(dir);
    expect(texts(store, 'run_a')).toEqual(['t1', 't2', 't3']);
    expect(store.runs.appendEvent({ runId: 'run_a', ts: 4, type: 'error', message: 'e' }).seq).toBe(
      4,
    );
    store.close();
    opened.pop();
    const after = new Database(file, { readonly: true });
    const table = after
      .prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'run_events'")
      .get() as { sql: string };
    expect(table.sql).not.toMatch(/WITHOUT ROWID/);
    expect(after.pragma('auto_vacuum', { simple: true })).toBe(2);
    after.close();
  });
});
