// 4. The store at scale (scale-store.ts: 100,000 runs, 1,000,000 events by default), then every
// list and summary the panel calls. Target: each under 20 ms.
import { rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'vitest';
import { Store } from '../src/main/engine/store';
import { costSummary } from '../src/main/engine/costs/cost-service';
import { budgetHold, startOfDay, startOfMonth } from '../src/main/engine/costs/budget';
import { FINISHED_STATUSES } from '../src/shared/domain';
import { DEFAULT_SETTINGS } from '../src/main/engine/settings/settings';
import { tempDir } from '../tests/support/claude-env';
import { measure } from './measure';
import { BIG_RUN_ID, generateScaleStore, SCALE } from './scale-store';
import { report } from './support';

const NOW = Date.now();
const DAY = 24 * 60 * 60 * 1000;
const dir = tempDir('bench-store');
const file = join(dir, 'switchboard.sqlite');

describe('store at 100,000 runs', () => {
  it('answers every list and summary the panel calls', () => {
    const started = performance.now();
    generateScaleStore(dir, NOW);
    report(
      `store: generated ${SCALE.runs} runs and ${SCALE.events} events in`,
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
      store.runs.events(BIG_RUN_ID, 0, 200, { tail: true }),
    );
    measure('runs.query {statuses: finished, limit: 10} (Home)', target, () =>
      store.runQueries.query({ statuses: [...FINISHED_STATUSES], limit: 10 }),
    );
    measure('costs.summary (30 days, the costs view)', target, () => costSummary(store, {}, NOW));
    measure('costs.summary {from: start of today} (Home)', target, () =>
      costSummary(store, { from: startOfDay(NOW) }, NOW),
    );
    measure('costs.summary {from: start of month} (Home)', target, () =>
      costSummary(store, { from: startOfMonth(NOW) }, NOW),
    );
    measure('costs.summary (365 days)', target, () =>
      costSummary(store, { from: NOW - 365 * DAY }, NOW),
    );
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
