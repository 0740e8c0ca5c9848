// Run history at scale: 500 runs in /runs, newest first, a page at a time, filtered by status,
// task, trigger and date, searched, and opened by a whole-row click or j/k and Enter; and Home's
// queue folded to "Queued (n)" with each run's place and queued-at time.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Store } from '../../src/main/engine/store';
import type { RunStatus, TriggerKind } from '../../src/shared/domain';
import { screenshot } from '../support/browser';
import { startStack, type Stack } from './stack';
import { tempDir } from '../support/claude-env';
import { newRun, taskRecord } from '../support/records';
import { cancelIfGoing } from '../support/serve-process';

const RUNS = 500;
const HOUR = 60 * 60 * 1_000;
const STATUSES: RunStatus[] = ['succeeded', 'failed', 'cancelled', 'interrupted', 'succeeded'];
const KINDS: TriggerKind[] = ['manual', 'cron', 'watch', 'webhook', 'followup'];
const TASKS = ['Nightly report', 'Fix bugs 10', 'Fix bugs 2'];
const now = Date.now();

/** Run i: created i hours ago; every 50th prompt mentions a needle. */
function seed(dataDir: string, cwd: string): void {
  const store = Store.open(dataDir);
  TASKS.forEach((title, index) =>
    store.tasks.insert(taskRecord({ id: `task_${index}`, title, cwd, createdAt: now })),
  );
  store.transaction(() => {
    for (let i = 0; i < RUNS; i++) {
      const id = `run_${String(i).padStart(3, '0')}`;
      const createdAt = now - i * HOUR;
      store.runs.insert(
        newRun({
          id,
          taskId: `task_${i % 3}`,
          prompt: i % 50 === 0 ? `Look for the needle number ${i}` : `Routine pass ${i}`,
          trigger: { kind: KINDS[i % 5] ?? 'manual' },
          createdAt,
        }),
      );
      store.runs.update(id, {
        status: STATUSES[i % 5] ?? 'succeeded',
        startedAt: createdAt - 60_000,
        endedAt: createdAt,
        // The newest run's cost keeps today's spend over Home's test budget, even past midnight.
        costUsd: i === 0 ? 5 : 0.01,
        result: `answer of run ${i}`,
      });
    }
  });
  store.close();
}

let stack: Stack;

beforeAll(async () => {
  const dataDir = tempDir('data-runs');
  seed(dataDir, tempDir('work-runs'));
  stack = await startStack({ dataDir });
});

afterAll(() => stack.stop());

const count = (page: Page) => page.getByTestId('runs-count').textContent();
const rowIds = (page: Page) =>
  page
    .locator('table[aria-label="Runs"] tbody tr')
    .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-run-id')));

describe('the Runs view with 500 runs', () => {
  it('lists every run newest first, a page at a time', async () => {
    const { page } = await stack.open({ path: '/runs' });
    await expect.poll(() => count(page)).toBe('1–50 of 500 runs');
    const first = await rowIds(page);
    expect(first).toHaveLength(50);
    expect(first[0]).toBe('run_000');
    expect(first[49]).toBe('run_049');
    await screenshot(page, 'runs-page-1');

    await page.getByRole('button', { name: 'Older →' }).click();
    await expect.poll(() => count(page)).toBe('51–100 of 500 runs');
    expect((await rowIds(page))[0]).toBe('run_050');
    expect(new URL(page.url()).searchParams.get('page')).toBe('2');
    // Back returns to the first page.
    await page.goBack();
    await expect.poll(() => count(page)).toBe('1–50 of 500 runs');
  });

  it('filters by status, task, trigger and date, and searches prompts and results', async () => {
    const { page } = await stack.open({ path: '/runs' });
    await expect.poll(() => count(page)).toBe('1–50 of 500 runs');

    await page.getByLabel('Status').selectOption({ label: 'Failed' });
    await expect.poll(() => count(page)).toBe('1–50 of 100 runs');
    const statuses = await page
      .locator('table[aria-label="Runs"] .status-badge')
      .evaluateAll((badges) => badges.map((b) => b.getAttribute('data-status')));
    expect(new Set(statuses)).toEqual(new Set(['failed']));

    // Failed is i % 5 == 1; task_1 is i % 3 == 1: i % 15 == 1 → 34 runs (1, 16, …, 496).
    await page.getByLabel('Task').selectOption({ label: 'Fix bugs 10' });
    await expect.poll(() => count(page)).toBe('1–34 of 34 runs');
    await page.getByLabel('Status').selectOption({ label: 'Any status' });
    await page.getByLabel('Task').selectOption({ label: 'Any task' });

    // Trigger: cron is i % 5 == 1 as well.
    await page.getByLabel('Started by').selectOption({ label: 'Schedule' });
    await expect.poll(() => count(page)).toBe('1–50 of 100 runs');
    await page.getByLabel('Started by').selectOption({ label: 'Anything' });

    await page.getByLabel('Search').fill('needle');
    await expect.poll(() => count(page)).toBe('1–10 of 10 runs');
    await screenshot(page, 'runs-search');
    // Results are searched too.
    await page.getByLabel('Search').fill('answer of run 123');
    await expect.poll(() => count(page)).toBe('1–1 of 1 runs');
    expect(await rowIds(page)).toEqual(['run_123']);
    await page.getByLabel('Search').fill('');
    await expect.poll(() => count(page)).toBe('1–50 of 500 runs');

    // Dates: the runs created on the day 10 days ago (by the browser's clock, as the person sees it).
    const day = await page.evaluate(
      (ago) => {
        const d = new Date(Date.now() - ago);
        const iso = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
        const start = new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
        return { iso, start, end: start + 24 * 60 * 60 * 1_000 };
      },
      10 * 24 * HOUR,
    );
    const expected = Array.from({ length: RUNS }, (_, i) => now - i * HOUR).filter(
      (at) => at >= day.start && at < day.end,
    ).length;
    await page.getByLabel('From', { exact: true }).fill(day.iso);
    await page.getByLabel('To', { exact: true }).fill(day.iso);
    await expect.poll(() => count(page)).toBe(`1–${expected} of ${expected} runs`);
  });

  it('opens a run by a whole-row click and by j/k and Enter', async () => {
    const { page } = await stack.open({ path: '/runs' });
    await expect.poll(() => count(page)).toBe('1–50 of 500 runs');
    // A click on the row's date cell, not its link, opens the run.
    await page.locator('tr[data-run-id="run_003"] td').nth(2).click();
    await page.waitForURL(/\/runs\/run_003$/);
    await page.goBack();
    await expect.poll(() => count(page)).toBe('1–50 of 500 runs');

    await page.locator('body').press('j');
    await page.locator('body').press('j');
    await page.locator('body').press('k');
    await expect(
      page.locator('tr[aria-selected="true"]').getAttribute('data-run-id'),
    ).resolves.toBe('run_001');
    await page.locator('body').press('Enter');
    await page.waitForURL(/\/runs\/run_001$/);
    // The run page belongs to Tasks, with breadcrumbs leading there.
    await expect(
      page.getByRole('navigation', { name: 'Breadcrumbs' }).textContent(),
    ).resolves.toMatch(/^Tasks › Fix bugs 10 › Run of /);
    await expect(
      page.getByRole('link', { name: 'Tasks', exact: true }).first().getAttribute('aria-current'),
    ).resolves.toBe('page');
  });
});

describe('the task list', () => {
  it('sorts titles naturally and narrows by search', async () => {
    const { page } = await stack.open({ path: '/tasks' });
    const titles = () =>
      page
        .locator('table[aria-label="Tasks"] .task-name')
        .evaluateAll((links) => links.map((link) => link.textContent));
    await page.locator('table[aria-label="Tasks"]').waitFor();
    await expect(titles()).resolves.toEqual(['Fix bugs 2', 'Fix bugs 10', 'Nightly report']);
    await page.getByLabel('Search tasks').fill('nightly');
    await expect.poll(titles).toEqual(['Nightly report']);
    await page.getByLabel('Search tasks').fill('nothing like it');
    await page.getByText('No task matches “nothing like it”.').waitFor();
  });
});

describe("Home's queue", () => {
  it('shows many queued runs folded, with their place and queued-at time', async () => {
    // Today's seeded spend (over $5) is over this budget, so new runs wait in the queue.
    await stack.serve.call('settings.update', { budgets: { dailyUsd: 0.05 } });
    for (let i = 0; i < 104; i++) await stack.serve.call('tasks.run', { taskId: 'task_0' });
    const { page } = await stack.open({ path: '/' });
    const queue = page.locator('details.queue');
    await expect(queue.locator('summary').textContent()).resolves.toMatch(
      /^Queued \(104\) · Daily budget/,
    );
    // Folded: none of the 104 rows is visible until opened.
    expect(await queue.locator('li').first().isVisible()).toBe(false);
    await queue.locator('summary').click();
    const first = queue.locator('li').first();
    await expect(first.locator('.queue-position').textContent()).resolves.toBe('#1');
    await expect(first.locator('.queue-when').textContent()).resolves.toMatch(/^queued \d/);
    expect(await first.textContent()).not.toContain('Daily budget');
    await screenshot(page, 'home-queue-open');
    await stack.serve.call('settings.update', { budgets: { dailyUsd: null } });
    // Lifting the budget starts them; one may end before its cancel arrives.
    for (const run of await stack.serve.call('runs.list', { status: 'queued', limit: 1000 }))
      await cancelIfGoing(stack.serve, run.id);
  });
});
