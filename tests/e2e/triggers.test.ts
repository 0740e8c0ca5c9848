// Triggers in the panel, against the real engine: a seconds-cron schedule that starts a run
// (with its preview, the server's message for a bad expression, turning it off, pause-all and
// delete), a folder watch whose run names the new file, and a webhook whose once-shown secret
// is read off the page and used for a real POST. The task list's "Next" cell follows along.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot } from '../support/browser';
import { tempDir } from '../support/claude-env';
import { createTask, startStack, type Stack } from './stack';

let stack: Stack;
/** The task list, open in its own tab the whole time: its "Next" cells must follow every change. */
let taskList: Page;

beforeAll(async () => {
  stack = await startStack();
  taskList = (await stack.open({ path: '/tasks' })).page;
});

afterAll(async () => {
  await stack.stop();
});

const section = (page: Page) => page.locator('section.task-triggers');
const card = (page: Page, title: string | RegExp) =>
  section(page).getByRole('article', { name: title });
const nextCell = (taskId: string) => taskList.locator(`tr[data-task-id="${taskId}"] td`).nth(2);

async function fieldError(page: Page, label: string): Promise<string> {
  const field = page.locator('.field', { has: page.getByLabel(label, { exact: true }) });
  return field.locator('.field-error').innerText();
}

async function openTask(taskId: string, options: Parameters<Stack['open']>[0] = {}) {
  const panel = await stack.open({ path: `/tasks/${taskId}`, ...options });
  await section(panel.page).getByRole('heading', { name: 'Triggers' }).waitFor();
  return panel;
}

async function deleteTrigger(page: Page, trigger: Locator): Promise<void> {
  await trigger.getByRole('button', { name: 'Delete', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete this trigger?' });
  await dialog.getByRole('button', { name: 'Delete trigger' }).click();
  await trigger.waitFor({ state: 'detached' });
}

/** The task page's Runs table gets its rows from run.updated pushes. */
async function waitForRunRow(page: Page, count: number): Promise<void> {
  await page
    .getByRole('table', { name: 'Runs of this task' })
    .locator('tbody tr')
    .nth(count - 1)
    .waitFor({ timeout: 45_000 });
}

describe('triggers', () => {
  it('adds a seconds schedule, previews it, runs it, turns it off, pauses all, deletes it', async () => {
    const taskId = await createTask(stack, 'Tick', 'Say hello [scenario:text]');
    await nextCell(taskId).getByText('—').waitFor();
    const { page } = await openTask(taskId);
    await section(page).getByText('Nothing starts this task on its own yet').waitFor();
    await section(page).evaluate((el) => el.scrollIntoView());
    await screenshot(page, 'triggers-empty');

    await page.getByRole('button', { name: 'Add schedule' }).click();
    const expression = page.getByLabel('Cron expression', { exact: true });
    // The form opens with the focus in its first field.
    await expect.poll(() => expression.evaluate((el) => el === document.activeElement)).toBe(true);
    await expression.fill('61 * * * *');
    await expect
      .poll(() => fieldError(page, 'Cron expression'))
      .toBe('the minute field "61" is not valid (allowed: 0-59, with * , - and /)');
    expect(await expression.getAttribute('aria-invalid')).toBe('true');

    // Both day fields restricted: the 1st of the month or any Monday (Vixie cron), at 09:00.
    await expression.fill('0 9 1 * 1');
    const preview = page.getByTestId('cron-preview');
    const previewTimes = preview.getByRole('list', { name: 'Next five times' }).locator('li');
    await expect.poll(() => previewTimes.count()).toBe(5);
    expect(await page.locator('.field-error').count()).toBe(0);
    const zone = await page.getByLabel('Time zone', { exact: true }).inputValue();
    const shown = await previewTimes
      .locator('time')
      .evaluateAll((times) => times.map((time) => time.getAttribute('datetime') ?? ''));
    const wallClock = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      weekday: 'short',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    for (const iso of shown) {
      const parts = Object.fromEntries(
        wallClock.formatToParts(new Date(iso)).map((part) => [part.type, part.value]),
      );
      expect(`${parts.hour}:${parts.minute}`).toBe('09:00');
      expect(parts.weekday === 'Mon' || parts.day === '1').toBe(true);
    }
    expect(shown).toEqual(
      (
        await stack.serve.call('triggers.preview', { cron: '0 9 1 * 1', timezone: zone })
      ).nextFireTimes.map((at) => new Date(at).toISOString()),
    );

    await expression.fill('*/2 * * * * *');
    await preview.getByText('Every 2 seconds').waitFor();
    await expect.poll(() => previewTimes.count()).toBe(5);
    expect(await previewTimes.first().innerText()).toMatch(/^Today \d{1,2}:\d\d:\d\d/);
    expect(await page.locator('.field-error').count()).toBe(0);
    await page.getByRole('button', { name: 'Add schedule' }).click();

    const schedule = card(page, 'Every 2 seconds');
    await schedule.waitFor();
    expect(await schedule.getByTestId('trigger-status').innerText()).toBe('Active');
    expect(await schedule.locator('code').first().innerText()).toBe('*/2 * * * * *');
    await expect
      .poll(() => schedule.getByRole('list', { name: 'Next five times' }).locator('li').count())
      .toBeGreaterThanOrEqual(4);
    // The task list (another tab) shows when it fires next, with the exact time on hover.
    const nextTime = nextCell(taskId).locator('[title]');
    await expect.poll(() => nextTime.innerText()).toMatch(/^(in \d+ s|now)$/);
    expect(await nextTime.getAttribute('title')).toMatch(/\d:\d\d:\d\d/);

    // It fires by itself and the run shows up on the task page.
    await waitForRunRow(page, 1);
    const runs = await stack.serve.call('runs.list', { taskId });
    expect(runs.at(-1)?.trigger.kind).toBe('cron');
    await schedule.getByText(/^Started [1-9]\d* runs?/).waitFor();

    // Turned off: paused, and the server agrees.
    await schedule.getByRole('switch', { name: 'Enabled' }).click();
    await schedule.getByText('Turned off: it does not fire until you turn it on again.').waitFor();
    expect(await schedule.getByTestId('trigger-status').innerText()).toBe('Paused');
    const [off] = await stack.serve.call('triggers.list', { taskId });
    expect(off?.enabled).toBe(false);
    expect(off?.status).toBe('paused');
    await expect.poll(() => nextCell(taskId).innerText()).toBe('Paused');

    // On again (by keyboard), then every trigger paused (from Settings or the tray, not the task
    // page) and resumed from the section's banner.
    await schedule.getByRole('switch', { name: 'Enabled' }).press('Space');
    await expect.poll(() => schedule.getByTestId('trigger-status').innerText()).toBe('Active');
    expect(await section(page).getByRole('button', { name: 'Pause all triggers' }).count()).toBe(0);
    await stack.serve.call('settings.update', { triggers: { paused: true } });
    const banner = section(page).getByRole('status').filter({ hasText: 'All triggers paused' });
    await banner.waitFor();
    await expect.poll(() => schedule.getByTestId('trigger-status').innerText()).toBe('Paused');
    await schedule.getByText(/All triggers are paused/).waitFor();
    expect((await stack.serve.call('settings.get', {})).triggers.paused).toBe(true);
    await screenshot(page, 'triggers-all-paused');
    await banner.getByRole('button', { name: 'Resume' }).click();
    await banner.waitFor({ state: 'detached' });
    await expect.poll(() => schedule.getByTestId('trigger-status').innerText()).toBe('Active');
    expect((await stack.serve.call('settings.get', {})).triggers.paused).toBe(false);

    // Its firings, folded until asked for.
    await schedule.getByText(/^Recent firings/).click();
    await schedule.locator('.firing-list li[data-outcome="started"]').first().waitFor();
    await screenshot(page, 'triggers-firings');

    await deleteTrigger(page, schedule);
    expect(await stack.serve.call('triggers.list', { taskId })).toEqual([]);
    await nextCell(taskId).getByText('—').waitFor();
  });

  it('watches a folder: missing at first, then a new file starts a run that names it', async () => {
    const taskId = await createTask(
      stack,
      'Sort the inbox',
      'Look at what came in [scenario:text]',
    );
    const folder = join(tempDir('watch'), 'incoming');
    const { page } = await openTask(taskId);

    // By keyboard: Enter opens the form with the focus in the folder field.
    await page.getByRole('button', { name: 'Add folder watch' }).press('Enter');
    const folderInput = page.getByLabel('Folder to watch', { exact: true });
    await expect.poll(() => folderInput.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.getByRole('button', { name: 'Add folder watch' }).click();
    await expect.poll(() => fieldError(page, 'Folder to watch')).toBe('Choose a folder to watch.');
    await folderInput.fill(folder);
    await page.getByLabel('Only files matching (optional)', { exact: true }).fill('*.txt');
    await page.getByLabel('Ignore (optional)', { exact: true }).fill('draft-*');
    await page.getByRole('checkbox', { name: 'File deleted' }).check();
    await page.getByRole('button', { name: 'Add folder watch' }).click();

    const watch = card(page, folder);
    await watch.waitFor();
    // The folder does not exist yet: the trigger says so, and looks again every few seconds.
    await expect.poll(() => watch.getByTestId('trigger-status').innerText()).toBe('Error');
    expect(await watch.getByRole('alert').innerText()).toBe(`Folder ${folder} does not exist`);
    await expect.poll(() => nextCell(taskId).innerText()).toBe('Folder missing');
    expect(await nextCell(taskId).locator('[title]').getAttribute('title')).toBe(
      `Folder ${folder} does not exist`,
    );
    expect(await watch.innerText()).toContain('file added, file changed, file deleted');

    mkdirSync(folder, { recursive: true });
    await expect
      .poll(() => watch.getByTestId('trigger-status').innerText(), { timeout: 15_000 })
      .toBe('Active');
    await expect.poll(() => nextCell(taskId).innerText()).toBe('Watching folder');
    // Give the watcher a moment to finish its first look (files there then are not news).
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    writeFileSync(join(folder, 'draft-ignored.txt'), 'not this one\n');
    writeFileSync(join(folder, 'invoice-42.txt'), 'new invoice\n');

    await waitForRunRow(page, 1);
    await watch.getByText('Started 1 run').waitFor();
    await watch.getByRole('link', { name: 'latest run' }).click();
    await page.waitForURL(/\/runs\//);
    const promptText = page.locator('.entry-prompt .prompt-text');
    await promptText.getByText(/These files changed in the watched folder/).waitFor();
    const prompt = await promptText.innerText();
    expect(prompt).toContain('invoice-42.txt (added)');
    expect(prompt).not.toContain('draft-ignored.txt');
    const [run] = await stack.serve.call('runs.list', { taskId });
    expect(run?.trigger.kind).toBe('watch');

    await page.goBack();
    await deleteTrigger(page, card(page, folder));
    expect(await stack.serve.call('triggers.list', { taskId })).toEqual([]);
  });

  it('creates a webhook, shows its secret once, and a POST with it starts a run', async () => {
    const taskId = await createTask(stack, 'Deploy hook', 'Handle the delivery [scenario:text]');
    const { page, context } = await openTask(taskId);
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);

    await page.getByRole('button', { name: 'Add webhook' }).click();
    await page.getByRole('button', { name: 'Create webhook' }).click();
    const shown = page.getByRole('region', { name: 'Webhook secret' });
    await shown.waitFor();
    await shown.getByText('it will not be shown again').waitFor();
    const secret = await shown.getByTestId('webhook-secret').innerText();
    const url = await shown.getByTestId('webhook-url').innerText();
    const [trigger] = await stack.serve.call('triggers.list', { taskId });
    expect(url).toBe(`${stack.serve.url}/hooks/${trigger?.id}`);
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const curl = await shown.getByLabel('curl example').innerText();
    expect(curl).toContain(`curl -X POST ${url}`);
    expect(curl).toContain(`-H 'X-Switchboard-Secret: ${secret}'`);
    expect(curl).toContain(`-d '{"hello":"world"}'`);
    await shown.getByRole('button', { name: 'Copy secret' }).click();
    await shown.getByText('Copied.').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
    await expect.poll(() => nextCell(taskId).innerText()).toBe('Webhook');
    await screenshot(page, 'triggers-webhook-secret');

    const post = (value: string) =>
      fetch(url, {
        method: 'POST',
        headers: { 'X-Switchboard-Secret': value, 'Content-Type': 'application/json' },
        body: JSON.stringify({ hello: 'world' }),
      });
    expect((await post('not-the-secret')).status).toBe(401);
    const accepted = await post(secret);
    expect(accepted.status).toBe(202);
    const { runId } = (await accepted.json()) as { runId: string };
    await waitForRunRow(page, 1);
    const hook = card(page, /^POST \/hooks\//);
    await hook.getByText('Started 1 run').waitFor();
    const run = await stack.serve.call('runs.get', { runId });
    expect(run.trigger.kind).toBe('webhook');
    expect(run.prompt).toContain('"hello": "world"');

    // Hidden for good once dismissed: a fresh page has no way to show it.
    await shown.getByRole('button', { name: 'I saved it, hide the secret' }).click();
    await shown.waitFor({ state: 'detached' });
    await page.reload();
    await hook.waitFor();
    expect(await page.getByText(secret).count()).toBe(0);

    // Rotating shows a new secret the same way; the old one stops working.
    await hook.getByRole('button', { name: 'Rotate secret' }).click();
    await page
      .getByRole('dialog', { name: 'Make a new secret?' })
      .getByRole('button', { name: 'Rotate secret' })
      .click();
    const rotated = page.getByRole('region', { name: 'New webhook secret' });
    await rotated.getByText('The old secret stopped working.').waitFor();
    const newSecret = await rotated.getByTestId('webhook-secret').innerText();
    expect(newSecret).not.toBe(secret);
    expect((await post(secret)).status).toBe(401);
    expect([202, 409]).toContain((await post(newSecret)).status);

    await deleteTrigger(page, hook);
    expect(await stack.serve.call('triggers.list', { taskId })).toEqual([]);
    expect((await post(newSecret)).status).toBe(404);
    await nextCell(taskId).getByText('—').waitFor();
  });

  it('looks right with every kind at once, wide, narrow and dark', async () => {
    const taskId = await createTask(stack, 'Morning digest', 'Write the digest [scenario:text]');
    const longFolder = join(
      stack.workDir,
      'a-rather-long-folder-name-for-incoming-reports',
      'with-another-level-that-keeps-going-and-going',
    );
    await stack.serve.call('triggers.create', {
      taskId,
      kind: 'cron',
      cron: '30 8 * * 1-5',
      timezone: 'America/New_York',
    });
    await stack.serve.call('triggers.create', {
      taskId,
      kind: 'watch',
      path: longFolder,
      glob: 'reports/**/*.csv',
      ignore: ['*.tmp', 'archive/**'],
    });
    const off = await stack.serve.call('triggers.create', {
      taskId,
      kind: 'cron',
      cron: '@hourly',
    });
    await stack.serve.call('triggers.update', { triggerId: off.id, enabled: false });

    for (const view of [
      { name: 'triggers-section', width: 1280, colorScheme: 'light' as const },
      { name: 'triggers-section-900', width: 900, colorScheme: 'light' as const },
      { name: 'triggers-section-dark', width: 1280, colorScheme: 'dark' as const },
    ]) {
      const { page } = await openTask(taskId, { width: view.width, colorScheme: view.colorScheme });
      await card(page, 'Weekdays at 08:30').waitFor();
      await expect
        .poll(() => card(page, longFolder).getByTestId('trigger-status').innerText())
        .toBe('Error');
      await page.getByRole('button', { name: 'Add webhook' }).click();
      await page.getByRole('button', { name: 'Create webhook' }).click();
      await page.getByRole('region', { name: 'Webhook secret' }).waitFor();
      await page.getByRole('button', { name: 'Add schedule' }).click();
      await page.getByLabel('Cron expression', { exact: true }).fill('0 9 * * 1-5');
      await page.getByTestId('cron-preview').getByText('Weekdays at 09:00').waitFor();
      // Nothing in the section is wider than the page.
      const overflow = await page.evaluate(() => {
        const content = document.querySelector('.content');
        return content ? content.scrollWidth - content.clientWidth : -1;
      });
      expect(overflow).toBe(0);
      await page.getByRole('heading', { name: 'Triggers' }).evaluate((el) => el.scrollIntoView());
      await screenshot(page, view.name);
      await page.locator('.content').evaluate((el) => el.scrollTo(0, el.scrollHeight));
      await screenshot(page, `${view.name}-end`);
      await page.context().close();
      // Each pass makes its own webhook (its secret shows only where it was made).
      for (const trigger of await stack.serve.call('triggers.list', { taskId }))
        if (trigger.kind === 'webhook')
          await stack.serve.call('triggers.delete', { triggerId: trigger.id });
    }
    await expect.poll(() => nextCell(taskId).innerText()).toMatch(/^in \d+ (h|d)\nFolder missing$/);
    await screenshot(taskList, 'tasks-next-scheduled');
  });
});
