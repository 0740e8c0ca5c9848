// Screenshots of every view at 1280×800 and 900 px wide, light and dark, with real data behind
// them (a conversation, a pending request, several tasks), for a person to look over. Each view
// must also show its own heading, log no error to the console and have no request fail.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot } from '../support/browser';
import { waitFor } from '../support/serve-process';
import { createTask, startStack, type Stack } from './stack';

const LONG_TITLE =
  'Summarise the nightly build log and say which tests failed, why they failed, and what changed since the last green build';

let stack: Stack;
const ids = { task: '', run: '', firstRun: '' };

beforeAll(async () => {
  stack = await startStack();
  const done = async (runId: string) =>
    waitFor(
      `run ${runId} to succeed`,
      async () => (await stack.serve.call('runs.get', { runId })).status === 'succeeded',
      90_000,
    );
  ids.task = await createTask(stack, LONG_TITLE, 'Hello there [scenario:followup]');
  await createTask(stack, 'Fix bugs 10', 'Hi [scenario:text]');
  await createTask(stack, 'Fix bugs 2', 'Hi [scenario:markdown]');
  ids.firstRun = (await stack.serve.call('tasks.run', { taskId: ids.task })).id;
  await done(ids.firstRun);
  ids.run = (
    await stack.serve.call('runs.followUp', { runId: ids.firstRun, prompt: 'And the flaky ones?' })
  ).id;
  await done(ids.run);
  const dir = join(stack.workDir, 'asks');
  mkdirSync(dir);
  const asking = await createTask(
    stack,
    'Clean the build folder',
    `Clean [scenario:bash command=${encodeURIComponent('rm -rf build && echo cleaned')}]`,
    { cwd: dir },
  );
  const waiting = (await stack.serve.call('tasks.run', { taskId: asking })).id;
  await waitFor(
    'a pending request',
    async () => {
      const pending = await stack.serve.call('approvals.list', {
        status: 'pending',
        runId: waiting,
      });
      return pending.length > 0;
    },
    90_000,
  );
}, 300_000);

afterAll(async () => {
  await stack.stop();
});

/** Each view: its address, what shows it has loaded, and the heading it must show. */
const VIEWS: [name: string, path: () => string, ready: string, heading: string][] = [
  ['home', () => '/', 'h1:has-text("Home")', 'Home'],
  ['inbox', () => '/inbox', 'article.approval-card', 'Inbox'],
  ['tasks', () => '/tasks', 'table[aria-label="Tasks"]', 'Tasks'],
  ['task', () => `/tasks/${ids.task}`, 'table[aria-label="Runs of this task"]', LONG_TITLE],
  ['task-edit', () => `/tasks/${ids.task}/edit`, 'form', 'Edit task'],
  ['task-new', () => '/tasks/new', 'form', 'New task'],
  ['runs', () => '/runs', 'table[aria-label="Runs"]', 'Runs'],
  ['run-thread', () => `/runs/${ids.run}`, 'section[aria-label="Conversation"]', LONG_TITLE],
  ['costs', () => '/costs', 'h1:has-text("Costs")', 'Costs'],
  ['settings', () => '/settings', 'h1:has-text("Settings")', 'Settings'],
];

/**
 * What goes wrong in the page from now on: console errors, uncaught errors, failed requests and
 * answers of 400 or more. `take` hands them over and starts a new list.
 */
function watchProblems(page: Page): { take(): string[] } {
  let problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('requestfailed', (request) => {
    const error = request.failure()?.errorText ?? '';
    // Leaving a page cancels its push stream and any read still open: not a failure of the view.
    if (error === 'net::ERR_ABORTED') return;
    problems.push(`request failed: ${request.url()} ${error}`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`${response.status()}: ${response.url()}`);
  });
  return {
    take() {
      const taken = problems;
      problems = [];
      return taken;
    },
  };
}

const VARIANTS = [
  { width: 1280, height: 800, colorScheme: 'light' as const },
  { width: 1280, height: 800, colorScheme: 'dark' as const },
  { width: 900, height: 800, colorScheme: 'light' as const },
  { width: 900, height: 800, colorScheme: 'dark' as const },
];

describe('screenshots of every view', () => {
  for (const variant of VARIANTS) {
    it(`at ${variant.width} px, ${variant.colorScheme}`, async () => {
      const { page } = await stack.open(variant);
      const problems = watchProblems(page);
      const taken: string[] = [];
      for (const [name, path, ready, heading] of VIEWS) {
        await page.goto(`${stack.serve.url}${path()}`);
        await page.locator(ready).first().waitFor();
        await page.waitForTimeout(150);
        taken.push(await screenshot(page, `view-${name}-${variant.width}-${variant.colorScheme}`));
        const headings = await page.getByRole('heading', { level: 1 }).allInnerTexts();
        expect(
          headings.map((text) => text.trim()),
          name,
        ).toEqual([heading]);
        expect(problems.take(), name).toEqual([]);
      }
      await page.goto(`${stack.serve.url}/runs`);
      await page.locator('table[aria-label="Runs"]').waitFor();
      await page.keyboard.press('Control+k');
      await page.getByRole('dialog', { name: 'Command palette' }).waitFor();
      await page.keyboard.type('fix');
      taken.push(await screenshot(page, `view-palette-${variant.width}-${variant.colorScheme}`));
      expect(problems.take(), 'palette').toEqual([]);
      expect(taken).toHaveLength(VIEWS.length + 1);
    });
  }
});
