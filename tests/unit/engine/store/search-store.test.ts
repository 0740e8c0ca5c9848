// The search index against real SQLite: kept in step with every event write and delete, filtered
// by the run's task, status, trigger and date, paged newest first, and filled in for events stored
// before it existed by a backfill that resumes where it stopped.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { NewRunEvent, Store } from '../../../../src/main/engine/store';
import { MIGRATIONS } from '../../../../src/main/engine/store/migrations';
import { SearchService } from '../../../../src/main/engine/search/search-service';
import { tempDir } from '../../../support/claude-env';
import { newRun, taskRecord } from '../../../support/records';
import { closeStore, openStore } from '../../../support/store-fixtures';

function withRun(store: Store, id: string, patch: { taskId?: string; createdAt?: number } = {}) {
  const taskId = patch.taskId ?? 'task_a';
  if (!store.tasks.get(taskId)) store.tasks.insert(taskRecord({ id: taskId, title: taskId }));
  store.runs.insert(newRun({ id, taskId, createdAt: patch.createdAt ?? 0 }));
  return id;
}

function append(store: Store, event: NewRunEvent) {
  return store.runs.appendEvent(event);
}

function search(
  store: Store,
  text: string,
  extra: Partial<Parameters<SearchService['query']>[0]> = {},
) {
  store.runs.eventLog.flush();
  return new SearchService(store.search).query({ text, ...extra });
}

const places = (store: Store, text: string, extra = {}) =>
  search(store, text, extra).hits.map((hit) => `${hit.runId}#${hit.seq}`);

describe('search index', () => {
  it('finds prompts, answers, tool input and output, and errors as they are written', () => {
    const store = openStore();
    const run = withRun(store, 'run_a');
    append(store, { runId: run, ts: 1, type: 'prompt', text: 'Tidy the parser', files: [] });
    append(store, { runId: run, ts: 2, type: 'text', blockId: 'b', text: 'I will look first' });
    append(store, {
      runId: run,
      ts: 3,
      type: 'tool_use',
      toolUseId: 't1',
      name: 'Edit',
      input: { file_path: '/repo/src/lexer-core.ts' },
    });
    append(store, {
      runId: run,
      ts: 4,
      type: 'tool_result',
      toolUseId: 't1',
      content: 'patched with a wombat',
      isError: false,
    });
    append(store, { runId: run, ts: 5, type: 'error', message: 'Overloaded upstream' });
    append(store, { runId: run, ts: 6, type: 'status', status: 'running' });

    expect(places(store, 'parser')).toEqual(['run_a#1']);
    expect(places(store, 'look first')).toEqual(['run_a#2']);
    expect(places(store, 'src/lexer-core.ts')).toEqual(['run_a#3']);
    expect(places(store, 'wombat')).toEqual(['run_a#4']);
    expect(places(store, 'overloaded')).toEqual(['run_a#5']);
    expect(places(store, 'wom')).toEqual(['run_a#4']);
    const [hit] = search(store, 'wombat').hits;
    expect(hit?.snippet).toEqual([
      { text: 'patched with a ', match: false },
      { text: 'wombat', match: true },
    ]);
    expect(hit).toMatchObject({ type: 'tool_result', taskTitle: 'task_a', trigger: 'manual' });
  });

  it('forgets events that retention or a deleted run removed', () => {
    const store = openStore();
    const run = withRun(store, 'run_a');
    append(store, { runId: run, ts: 1, type: 'text', blockId: 'b', text: 'ephemeral armadillo' });
    expect(places(store, 'armadillo')).toHaveLength(1);
    store.runs.update(run, { status: 'succeeded', endedAt: 10 });
    store.runs.eventLog.pruneEndedBefore(20, 100);
    expect(places(store, 'armadillo')).toEqual([]);
  });

  it('filters by task, status, trigger, place and date, and pages newest first', () => {
    const store = openStore();
    for (let i = 0; i < 5; i++) {
      const run = withRun(store, `run_${i}`, {
        taskId: i % 2 ? 'task_odd' : 'task_even',
        createdAt: i * 100,
      });
      append(store, { runId: run, ts: i, type: 'text', blockId: 'b', text: `common word ${i}` });
    }
    store.runs.update('run_3', { status: 'failed' });
    expect(places(store, 'common')).toEqual([
      'run_4#1',
      'run_3#1',
      'run_2#1',
      'run_1#1',
      'run_0#1',
    ]);
    expect(places(store, 'common', { taskId: 'task_odd' })).toEqual(['run_3#1', 'run_1#1']);
    expect(places(store, 'common', { statuses: ['failed'] })).toEqual(['run_3#1']);
    expect(places(store, 'common', { triggerKinds: ['cron'] })).toEqual([]);
    expect(places(store, 'common', { from: 100, to: 300 })).toEqual(['run_2#1', 'run_1#1']);
    store.runs.update('run_2', {
      place: { id: 'place_far', name: 'Build box', kind: 'ssh', where: 'me@box:/srv' },
    });
    expect(places(store, 'common', { place: 'place_far' })).toEqual(['run_2#1']);
    expect(places(store, 'common', { place: 'here' })).toEqual([
      'run_4#1',
      'run_3#1',
      'run_1#1',
      'run_0#1',
    ]);

    const first = search(store, 'common', { limit: 2 });
    expect(first.hits.map((hit) => hit.runId)).toEqual(['run_4', 'run_3']);
    const second = search(store, 'common', { limit: 2, before: first.next ?? 0 });
    expect(second.hits.map((hit) => hit.runId)).toEqual(['run_2', 'run_1']);
    const third = search(store, 'common', { limit: 2, before: second.next ?? 0 });
    expect(third.hits.map((hit) => hit.runId)).toEqual(['run_0']);
    expect(third.next).toBeNull();
  });
});

describe('indexing new events after their write', () => {
  const integrity = (store: Store, dir: string) => {
    store.runs.eventLog.flush();
    const db = new Database(join(dir, 'switchboard.sqlite'));
    try {
      db.exec("INSERT INTO run_search (run_search) VALUES ('integrity-check')");
    } finally {
      db.close();
    }
  };

  it('leaves the write alone, and a step or a search indexes what waits', () => {
    const store = openStore();
    const run = withRun(store, 'run_a');
    append(store, { runId: run, ts: 1, type: 'text', blockId: 'b', text: 'quiet ibex' });
    append(store, { runId: run, ts: 2, type: 'text', blockId: 'c', text: 'loud ibex' });
    store.runs.eventLog.flush();
    expect(store.search.newPending()).toBe(2);
    expect(store.search.indexNew(1)).toBe(1);
    expect(store.search.newPending()).toBe(1);
    // The search indexes the one still waiting before it answers.
    expect(places(store, 'ibex')).toEqual(['run_a#2', 'run_a#1']);
    expect(store.search.newPending()).toBe(0);
    expect(store.search.indexNew(10)).toBe(0);
  });

  it('indexes an id SQLite gives out again after the newest events were deleted, once', () => {
    const dir = tempDir('search-reuse');
    const store = openStore(dir);
    const run = withRun(store, 'run_a');
    append(store, { runId: run, ts: 1, type: 'text', blockId: 'b', text: 'first yak' });
    append(store, { runId: run, ts: 2, type: 'text', blockId: 'c', text: 'second yak' });
    expect(places(store, 'yak')).toHaveLength(2);
    // Deleting the newest event: its id comes back with the next write, which the mark must not
    // count as indexed.
    store.runs.update(run, { status: 'succeeded', endedAt: 1 });
    const db = new Database(join(dir, 'switchboard.sqlite'));
    db.exec('DELETE FROM run_events WHERE seq = 2');
    db.close();
    withRun(store, 'run_b');
    append(store, { runId: 'run_b', ts: 3, type: 'text', blockId: 'd', text: 'third zebu' });
    expect(places(store, 'zebu')).toEqual(['run_b#1']);
    expect(places(store, 'second')).toEqual([]);
    expect(places(store, 'yak')).toEqual(['run_a#1']);
    integrity(store, dir);
  });

  it('keeps the index of a data folder from before this change, and indexes new events on top', () => {
    const dir = tempDir('search-upgrade');
    const deferred = MIGRATIONS.findIndex((m) => m.name.endsWith('-search-index-deferred'));
    const db = new Database(join(dir, 'switchboard.sqlite'));
    for (const migration of MIGRATIONS.slice(0, deferred)) db.exec(migration.sql);
    db.pragma(`user_version = ${deferred}`);
    db.exec(
      `INSERT INTO tasks (id, title, prompt, cwd, permission_mode, created_at, updated_at)
         VALUES ('task_a', 'A', 'p', '/', 'default', 0, 0);
       INSERT INTO runs (id, task_id, status, prompt, trigger_kind, created_at)
         VALUES ('run_old', 'task_a', 'succeeded', 'p', 'manual', 0);
       INSERT INTO run_events (run_id, seq, ts, type, data)
         VALUES ('run_old', 1, 0, 'text', '{"blockId":"b","text":"indexed okapi"}');`,
    );
    db.close();
    const store = openStore(dir);
    expect(store.search.newPending()).toBe(0);
    append(store, { runId: 'run_old', ts: 1, type: 'text', blockId: 'c', text: 'newer okapi' });
    expect(places(store, 'okapi')).toEqual(['run_old#2', 'run_old#1']);
    integrity(store, dir);
  });
});

describe('search backfill', () => {
  /** A data folder as the build before search left it, with `count` text events. */
  function olderFolder(count: number): string {
    const dir = tempDir('search-old');
    const before = MIGRATIONS.findIndex((migration) => migration.name.endsWith('-search-index'));
    const db = new Database(join(dir, 'switchboard.sqlite'));
    for (const migration of MIGRATIONS.slice(0, before)) db.exec(migration.sql);
    db.pragma(`user_version = ${before}`);
    db.prepare(
      `INSERT INTO tasks (id, title, prompt, cwd, permission_mode, created_at, updated_at)
       VALUES ('task_a', 'A', 'p', '/', 'default', 0, 0)`,
    ).run();
    db.prepare(
      `INSERT INTO runs (id, task_id, status, prompt, trigger_kind, created_at)
       VALUES ('run_old', 'task_a', 'succeeded', 'p', 'manual', 0)`,
    ).run();
    const insert = db.prepare(
      `INSERT INTO run_events (run_id, seq, ts, type, data) VALUES ('run_old', ?, 0, 'text', ?)`,
    );
    for (let seq = 1; seq <= count; seq++)
      insert.run(seq, JSON.stringify({ blockId: 'b', text: `older heron ${seq}` }));
    db.close();
    return dir;
  }

  it('indexes older events newest first and resumes after a restart where it stopped', () => {
    const dir = olderFolder(25);
    let store = openStore(dir);
    expect(search(store, 'heron').hits).toEqual([]);
    expect(search(store, 'heron').indexing).toBe(true);
    // A new event is found at once, whatever the backfill has done.
    append(store, { runId: 'run_old', ts: 1, type: 'text', blockId: 'c', text: 'new heron' });
    expect(places(store, 'heron')).toEqual(['run_old#26']);

    expect(store.search.backfillStep(10)).toBe(10);
    expect(places(store, 'heron', { limit: 100 })).toHaveLength(11);
    closeStore(store);

    store = openStore(dir);
    while (store.search.backfillStep(10) > 0);
    const all = search(store, 'heron', { limit: 100 });
    expect(all.indexing).toBe(false);
    expect(all.hits.map((hit) => hit.seq)).toEqual(Array.from({ length: 26 }, (_, i) => 26 - i));
  });

  it('never indexes an event twice when a deleted newest id comes back', () => {
    const dir = olderFolder(3);
    const store = openStore(dir);
    // Events 2 and 3 go; SQLite hands the next event id 2 again, below the backfill's mark.
    store.runs.update('run_old', { status: 'succeeded', endedAt: 1 });
    new Database(join(dir, 'switchboard.sqlite'))
      .exec('DELETE FROM run_events WHERE seq > 1')
      .close();
    append(store, { runId: 'run_old', ts: 1, type: 'text', blockId: 'c', text: 'heron again' });
    while (store.search.backfillStep(10) > 0);
    expect(places(store, 'heron')).toHaveLength(2);
  });
});
