// runs.query and runs.thread against a real SQLite file: filters, word search, paging, totals,
// and a session's runs in order.
import { afterEach, describe, expect, it } from 'vitest';
import { Store } from '../../../../src/main/engine/store';
import { tempDir } from '../../../support/claude-env';
import { newRun, taskRecord } from '../../../support/records';

const opened: Store[] = [];
afterEach(() => opened.splice(0).forEach((s) => s.close()));

function seeded(): Store {
  const store = Store.open(tempDir('run-query'));
  opened.push(store);
  store.tasks.insert(taskRecord({ id: 'task_a', title: 'A' }));
  store.tasks.insert(taskRecord({ id: 'task_b', title: 'B' }));
  for (let i = 0; i < 30; i++) {
    const id = `run_${String(i).padStart(2, '0')}`;
    store.runs.insert(
      newRun({
        id,
        taskId: i % 2 === 0 ? 'task_a' : 'task_b',
        prompt: i === 7 ? 'Find the Needle in here' : `plain ${i}`,
        trigger: { kind: i % 3 === 0 ? 'cron' : 'manual' },
        sessionId: `session-${Math.floor(i / 10)}`,
        createdAt: 1_000 * i,
      }),
    );
    store.runs.update(id, {
      status: i % 5 === 0 ? 'failed' : 'succeeded',
      result: i === 12 ? 'the result mentions a haystack' : null,
    });
  }
  return store;
}

const ids = (page: { records: { id: string }[] }) => page.records.map((r) => r.id);

describe('runs.query', () => {
  it('pages newest first and says how many match in all', () => {
    const store = seeded();
    const first = store.runQueries.query({ limit: 10 });
    expect(first.total).toBe(30);
    expect(ids(first)).toEqual(Array.from({ length: 10 }, (_, i) => `run_${29 - i}`));
    const third = store.runQueries.query({ limit: 10, offset: 20 });
    expect(third.offset).toBe(20);
    expect(ids(third).at(-1)).toBe('run_00');
    expect(store.runQueries.query({ limit: 10, offset: 30 }).records).toEqual([]);
  });

  it('filters by where runs ran: a place, or this machine', () => {
    const store = seeded();
    store.runs.update('run_03', {
      place: { id: 'place_far', name: 'Build box', kind: 'ssh', where: 'me@box:/srv' },
    });
    store.runs.update('run_04', {
      place: { id: 'place_box', name: 'Sealed', kind: 'container', where: 'podman: img' },
    });
    expect(ids(store.runQueries.query({ place: 'place_far' }))).toEqual(['run_03']);
    expect(ids(store.runQueries.query({ place: 'place_box' }))).toEqual(['run_04']);
    const here = store.runQueries.query({ place: 'here', limit: 100 });
    expect(here.total).toBe(28);
    expect(ids(here)).not.toContain('run_03');
  });

  it('filters by status, task, trigger kind and date range together', () => {
    const store = seeded();
    const failed = store.runQueries.query({ statuses: ['failed'] });
    expect(ids(failed)).toEqual(['run_25', 'run_20', 'run_15', 'run_10', 'run_05', 'run_00']);
    const failedCronOfA = store.runQueries.query({
      statuses: ['failed'],
      taskId: 'task_a',
      triggerKinds: ['cron'],
    });
    expect(ids(failedCronOfA)).toEqual(['run_00']);
    const window = store.runQueries.query({ from: 5_000, to: 8_000 });
    expect(ids(window)).toEqual(['run_07', 'run_06', 'run_05']);
  });

  it('searches every word in prompts and results, in any case', () => {
    const store = seeded();
    expect(ids(store.runQueries.query({ search: 'needle' }))).toEqual(['run_07']);
    expect(ids(store.runQueries.query({ search: 'HAYSTACK result' }))).toEqual(['run_12']);
    expect(store.runQueries.query({ search: 'needle haystack' }).total).toBe(0);
    // LIKE wildcards are plain characters here.
    expect(store.runQueries.query({ search: '%' }).total).toBe(0);
  });
});

describe('runs.thread', () => {
  it("lists a session's runs oldest first", () => {
    const store = seeded();
    expect(store.runQueries.thread('run_15').map((r) => r.id)).toEqual(
      Array.from({ length: 10 }, (_, i) => `run_${10 + i}`),
    );
    expect(store.runQueries.thread('run_missing')).toEqual([]);
  });
});
