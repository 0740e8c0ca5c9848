// Screenshots of every view at 1280×800 and 900 px wide, light and dark, with real data behind
// them (a conversation, a pending request, several tasks), for a person to look over.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot } from '../support/browser';
import { waitFor } from '../support/serve-process';
import { createTask, startStack, type Stack } from './stack';

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
  ids.task = await createTask(
    stack,
    'Summarise the nightly build log and say which tests failed, why they failed, and what changed since the last green build',
    'Hello there [scenario:followup]',
  );
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
  await waitFor('a pending request', async () => {
    const pending = await stack.serve.call('approvals.list', { status: 'pending', runId: waiting });
    return pending.length > 0;
  });
}, 300_000);

afterAll(async () => {
  await stack.stop();
});

const VIEWS: [name: string, path: () => string, ready: string][] = [
  ['home', () => '/', 'h1:has-text("Home")'],
  ['inbox', () => '/inbox', 'article.approval-card'],
  ['tasks', () => '/tasks', 'table[aria-label="Tasks"]'],
  ['task', () => `/tasks/${ids.task}`, 'table[aria-label="Runs of this task"]'],
  ['task-edit', () => `/tasks/${ids.task}/edit`, 'form'],
  ['task-new', () => '/tasks/new', 'form'],
  ['runs', () => '/runs', 'table[aria-label="Runs"]'],
  ['run-thread', () => `/runs/${ids.run}`, 'section[aria-label="Conversation"]'],
  ['costs', () => '/costs', 'h1:has-text("Costs")'],
  ['settings', () => '/settings', 'h1:has-text("Settings")'],
];

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
      const taken: string[] = [];
      for (const [name, path, ready] of VIEWS) {
        await page.goto(`${stack.serve.url}${path()}`);
        await page.locator(ready).first().waitFor();
        await page.waitForTimeout(150);
        taken.push(await screenshot(page, `view-${name}-${variant.width}-${variant.colorScheme}`));
      }
      await page.goto(`${stack.serve.url}/runs`);
      await page.locator('table[aria-label="Runs"]').waitFor();
      await page.keyboard.press('Control+k');
      await page.getByRole('dialog', { name: 'Command palette' }).waitFor();
      await page.keyboard.type('fix');
      taken.push(await screenshot(page, `view-palette-${variant.width}-${variant.colorScheme}`));
      expect(taken).toHaveLength(VIEWS.length + 1);
    });
  }
});
