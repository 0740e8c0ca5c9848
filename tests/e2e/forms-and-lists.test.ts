// The smaller manners of the panel: Escape closes forms without dropping typed text silently,
// Settings warns before unsaved changes are left and keeps Save in sight, tasks sort naturally,
// two inbox items of one task say which run they belong to, plain lines keep their breaks,
// pausing all triggers lives in Settings, and the CSP never makes the console complain.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot } from '../support/browser';
import { untilRunStatus, waitFor } from '../support/serve-process';
import { createTask, startStack, waitForRunStatus, type Stack } from './stack';

let stack: Stack;
/** Every console error and page error the panel logged, from every page this suite opened. */
const consoleErrors: string[] = [];

beforeAll(async () => {
  stack = await startStack();
  await stack.serve.call('settings.update', { concurrency: 4 });
});

afterAll(async () => {
  await stack.stop();
});

async function open(path: string, options: { width?: number; colorScheme?: 'dark' } = {}) {
  const panel = await stack.open({ path, ...options });
  panel.page.on('console', (message) => {
    if (message.type() === 'error')
      consoleErrors.push(`${message.text()} (${message.location().url})`);
  });
  panel.page.on('pageerror', (error) => consoleErrors.push(error.message));
  return panel;
}

function navLink(page: Page, name: string) {
  return page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: new RegExp(`^${name}`) });
}

const discardDialog = (page: Page) => page.getByRole('dialog', { name: 'Discard your changes?' });

describe('Escape on forms', () => {
  it('closes a trigger form, asks first when something was typed, and gives focus back', async () => {
    const taskId = await createTask(stack, 'Escape triggers', 'Say hi [scenario:text]');
    const { page } = await open(`/tasks/${taskId}`);
    const addSchedule = page.getByRole('button', { name: 'Add schedule' });
    const form = page.locator('.trigger-form');
    // The form takes the focus once it is drawn; Escape before that would go to the page.
    const focusedIn = () =>
      expect.poll(() => form.evaluate((el) => el.contains(document.activeElement))).toBe(true);
    await addSchedule.click();
    await focusedIn();
    // Nothing typed: Escape closes at once, and the focus is back on the button that opened it.
    await page.keyboard.press('Escape');
    await form.waitFor({ state: 'detached' });
    expect(await addSchedule.evaluate((el) => el === document.activeElement)).toBe(true);

    await addSchedule.click();
    await focusedIn();
    await page.getByLabel('Cron expression').fill('0 9 * * 1-5');
    await page.keyboard.press('Escape');
    await discardDialog(page).waitFor();
    await screenshot(page, 'discard-question');
    // Escape on the question keeps editing.
    await page.keyboard.press('Escape');
    await discardDialog(page).waitFor({ state: 'detached' });
    expect(await page.getByLabel('Cron expression').inputValue()).toBe('0 9 * * 1-5');
    // Keep editing gives the focus back to the field (after the question has closed).
    await focusedIn();
    await page.keyboard.press('Escape');
    await discardDialog(page).getByRole('button', { name: 'Discard changes' }).click();
    await form.waitFor({ state: 'detached' });
    expect(await addSchedule.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await stack.serve.call('triggers.list', { taskId })).toEqual([]);

    // The same for a folder watch and a webhook.
    const addWatch = page.getByRole('button', { name: 'Add folder watch' });
    await addWatch.click();
    await focusedIn();
    await page.keyboard.press('Escape');
    await form.waitFor({ state: 'detached' });
    expect(await addWatch.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.getByRole('button', { name: 'Add webhook' }).click();
    await focusedIn();
    await page.keyboard.press('Escape');
    await form.waitFor({ state: 'detached' });
  });

  it('cancels the task form, asking before a typed task is thrown away', async () => {
    const { page } = await open('/tasks/new');
    await page.getByLabel('Title').fill('Half-typed task');
    await page.getByLabel('Title').press('Escape');
    await discardDialog(page).getByRole('button', { name: 'Keep editing' }).click();
    expect(page.url()).toMatch(/\/tasks\/new$/);
    expect(await page.getByLabel('Title').inputValue()).toBe('Half-typed task');
    // Leaving by the sidebar asks too.
    await navLink(page, 'Home').click();
    await discardDialog(page).getByRole('button', { name: 'Discard changes' }).click();
    await page.waitForURL(/\/$/);

    const taskId = await createTask(stack, 'Edit then escape', 'Say hi [scenario:text]');
    await page.goto(`${stack.serve.url}/tasks/${taskId}/edit`);
    await page.getByLabel('Title').focus();
    await page.keyboard.press('Escape');
    await page.waitForURL(new RegExp(`/tasks/${taskId}$`));
    expect(await discardDialog(page).count()).toBe(0);
    // Back on the button that opened the form.
    const editButton = page.getByRole('link', { name: 'Edit', exact: true });
    await expect.poll(() => editButton.evaluate((el) => el === document.activeElement)).toBe(true);
  });
});

describe('Settings', () => {
  it('keeps Save in sight and warns before unsaved changes are left', async () => {
    const { page } = await open('/settings');
    const save = page.getByRole('button', { name: 'Save settings' });
    await save.waitFor();
    const inView = async () => {
      const box = await save.boundingBox();
      return box !== null && box.y >= 0 && box.y + box.height <= 800;
    };
    expect(await inView()).toBe(true);
    await page.getByLabel('Runs at once').fill('3');
    await page.getByText('Unsaved changes').waitFor();
    await page.getByLabel('Runs at once').press('Tab');
    await screenshot(page, 'settings-unsaved');

    await navLink(page, 'Tasks').click();
    await discardDialog(page).getByRole('button', { name: 'Keep editing' }).click();
    expect(page.url()).toMatch(/\/settings$/);
    expect(await page.getByLabel('Runs at once').inputValue()).toBe('3');

    // Closing or reloading the tab asks the browser's own question.
    const asked = new Promise<string>((resolve) =>
      page.once('dialog', (dialog) => {
        resolve(dialog.type());
        void dialog.dismiss();
      }),
    );
    await page.evaluate(() => window.location.reload());
    expect(await asked).toBe('beforeunload');
    expect(await page.getByLabel('Runs at once').inputValue()).toBe('3');

    await save.click();
    await page.getByText('Saved.').waitFor();
    expect((await stack.serve.call('settings.get', {})).concurrency).toBe(3);
    await navLink(page, 'Tasks').click();
    await page.waitForURL(/\/tasks$/);
    expect(await discardDialog(page).count()).toBe(0);
    await stack.serve.call('settings.update', { concurrency: 4 });
  });

  it('pauses all triggers there, and the task page only shows the banner with a link back', async () => {
    const taskId = await createTask(stack, 'Paused elsewhere', 'Say hi [scenario:text]');
    const { page } = await open('/settings');
    await page.getByText('Pause all triggers (schedules, folder watches and webhooks)').click();
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('Saved.').waitFor();
    expect((await stack.serve.call('settings.get', {})).triggers.paused).toBe(true);

    await page.goto(`${stack.serve.url}/tasks/${taskId}`);
    const banner = page.getByRole('status').filter({ hasText: 'All triggers paused' });
    await banner.waitFor();
    expect(await page.getByRole('button', { name: 'Pause all triggers' }).count()).toBe(0);
    await screenshot(page, 'task-triggers-paused-banner');
    await banner.getByRole('link', { name: 'Settings' }).click();
    await page.waitForURL(/\/settings$/);
    await stack.serve.call('settings.update', { triggers: { paused: false } });
  });
});

describe('lists', () => {
  it('sorts tasks by title naturally and finds them by search', async () => {
    for (const title of ['Sort 10', 'Sort 2', 'sort 1'])
      await createTask(stack, title, 'Say hi [scenario:text]');
    const { page } = await open('/tasks');
    const search = page.getByLabel('Search tasks');
    await search.fill('sort');
    const names = page.locator('.task-table .task-name');
    await expect.poll(() => names.allInnerTexts()).toEqual(['sort 1', 'Sort 2', 'Sort 10']);
    await search.fill('sort 10');
    await expect.poll(() => names.allInnerTexts()).toEqual(['Sort 10']);
  });

  it('tells two inbox items of the same task apart by their runs', async () => {
    const dir = join(stack.workDir, 'twins');
    mkdirSync(dir);
    const taskId = await createTask(
      stack,
      'Twin requests',
      `Run it [scenario:bash command=${encodeURIComponent('echo twin > twin.txt')}]`,
      { cwd: dir },
    );
    const byHand = await stack.serve.call('tasks.run', { taskId, trigger: 'manual' });
    const fromTray = await stack.serve.call('tasks.run', { taskId, trigger: 'tray' });
    for (const run of [byHand, fromTray])
      await waitFor('a pending request', async () => {
        const pending = await stack.serve.call('approvals.list', {
          status: 'pending',
          runId: run.id,
        });
        return pending.length > 0;
      });

    const { page } = await open('/inbox');
    const notes = page.locator('.approval-card .approval-run-note');
    await expect.poll(() => notes.count()).toBe(2);
    // Oldest request first, whichever run asked first.
    const texts = (await notes.allInnerTexts()).map((text) => text.replace(/\d/g, '0')).sort();
    expect(texts).toEqual([
      expect.stringMatching(/^ · run started [0:]+.*, started by hand$/),
      expect.stringMatching(/^ · run started [0:]+.*, started from the tray$/),
    ]);
    await screenshot(page, 'inbox-same-task');
    for (const run of [byHand, fromTray]) await stack.serve.call('runs.cancel', { runId: run.id });
  });
});

describe('plain output', () => {
  it('keeps single line breaks in an answer', async () => {
    const say = encodeURIComponent('First line\nSecond line\nThird line');
    const taskId = await createTask(stack, 'Three lines', `Lines [scenario:text say=${say}]`);
    const runId = (await stack.serve.call('tasks.run', { taskId })).id;
    const { page } = await open(`/runs/${runId}`);
    // Through the API first, so that a run that never ends says where it stopped.
    await untilRunStatus(stack.serve, runId, ['succeeded'], 45_000);
    await waitForRunStatus(page, 'succeeded');
    const answer = page.locator('.markdown', { hasText: 'First line' }).first();
    await answer.waitFor();
    expect(await answer.locator('br').count()).toBe(2);
    expect(await answer.innerText()).toContain('First line\nSecond line\nThird line');
  });
});

describe('the Content-Security-Policy', () => {
  it('sends frame-ancestors in the header only, and no page logged a console error', async () => {
    // Every view once more, then the errors of the whole suite.
    const { page } = await open('/');
    const response = await page.goto(`${stack.serve.url}/`);
    const headers = (await response?.allHeaders()) ?? {};
    expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
    const meta = await page
      .locator('meta[http-equiv="Content-Security-Policy"]')
      .getAttribute('content');
    expect(meta).toContain("default-src 'self'");
    expect(meta).not.toContain('frame-ancestors');
    for (const name of ['Inbox', 'Tasks', 'Runs', 'Costs', 'Settings', 'Home']) {
      await navLink(page, name).click();
      await page.locator('h1').first().waitFor();
    }
    expect(
      consoleErrors.filter((text) => /Content Security Policy|frame-ancestors/i.test(text)),
    ).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });
});
