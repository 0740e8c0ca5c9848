// One run-state model, read the same everywhere (Chromium against serve, real Claude Code, fake
// API): a rejected key fails at once with the way to fix it and no Resume, in the header, the
// lists and the palette alike; "not reachable" goes once the engine is heard from again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openPanel, screenshot } from '../support/browser';
import { untilRunStatus } from '../support/serve-process';
import { startCutProxy } from './cut-proxy';
import { createTask, startStack, type Stack } from './stack';

let stack: Stack;

beforeAll(async () => {
  stack = await startStack();
});

afterAll(async () => {
  await stack.stop();
});

async function shoot(page: Page, name: string): Promise<void> {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const width of [1400, 900]) {
      await page.setViewportSize({ width, height: 900 });
      await screenshot(page, `${name}-${width}-${scheme}`);
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 1400, height: 900 });
}

describe('a rejected API key', () => {
  it('fails within seconds, says where the key is fixed, and offers no Resume', async () => {
    const taskId = await createTask(stack, 'Summarise the changelog', '[scenario:badkey]');
    const run = await stack.serve.call('tasks.run', { taskId });
    const { page } = await stack.open({ path: `/runs/${run.id}`, width: 1400 });
    const badge = page.locator('.run-header .status-badge[data-state="failed"]');
    // A cold Claude Code takes a while to start on a loaded machine; from the API's first "no"
    // the run ends within seconds (Claude Code alone retries a 401 ten times over minutes).
    await badge.waitFor({ timeout: 120_000 });
    const asked = stack.fake.requests.filter((request) => request.scenario === 'badkey');
    const ended = await stack.serve.call('runs.get', { runId: run.id });
    expect(asked.length).toBeGreaterThan(0);
    // Claude Code's first retries come within a second or two, so one or two may leave before
    // its first retry notice arrives; left alone it makes eleven tries over minutes.
    expect(asked.length).toBeLessThanOrEqual(5);
    expect((ended.endedAt ?? Infinity) - (asked[0]?.at ?? 0)).toBeLessThan(10_000);
    expect(await badge.innerText()).toBe('Failed · sign-in rejected');
    const failure = page.getByTestId('run-failure');
    expect(await failure.getAttribute('data-cause')).toBe('authentication');
    expect(await failure.innerText()).toMatch(/Authentication failed: .*HTTP 401/);
    const fix = failure.getByRole('link', { name: 'Fix the key in Settings → Secrets' });
    await fix.waitFor();
    expect(await page.getByRole('button', { name: 'Resume' }).count()).toBe(0);
    // No "Trying again" lines: it was never retried, by Claude Code or by the task's policy.
    expect(await page.locator('.entry-warning').count()).toBe(0);
    expect(await page.locator('.entry-status-failed').innerText()).toMatch(
      /^Failed · sign-in rejected\./,
    );
    expect((await stack.serve.call('runs.get', { runId: run.id })).retryAt).toBeNull();
    await shoot(page, 'run-bad-key');

    // Home's list and the palette say the same words.
    await page.getByRole('link', { name: 'Home', exact: true }).click();
    const row = page.locator(`tr[data-run-id="${run.id}"] .status-badge`);
    await expect.poll(() => row.innerText()).toBe('Failed · sign-in rejected');
    await page.keyboard.press('Control+k');
    const palette = page.getByRole('dialog', { name: 'Command palette' });
    // A fuzzy query finds it, its start time in the label, its state in the same words.
    await palette.getByRole('combobox').fill('sumchglog');
    const option = palette.getByRole('option', { name: /Open run: Summarise the changelog · / });
    await expect.poll(() => option.innerText()).toContain('Failed · sign-in rejected');
    await screenshot(page, 'palette-fuzzy-run-1400');
    await page.keyboard.press('Escape');

    // The link lands on the Secrets section, focused.
    await page.goto(`${stack.serve.url}/runs/${run.id}`);
    await page.getByRole('link', { name: 'Fix the key in Settings → Secrets' }).click();
    await page.waitForURL(/\/settings$/);
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('secrets');
    await screenshot(page, 'settings-secrets-from-failure-1400');
    expect(await stack.serve.call('runs.list', { taskId })).toHaveLength(1);
  }, 240_000);
});

describe('a lost connection', () => {
  it('takes back "not reachable" once the engine is heard from again', async () => {
    const taskId = await createTask(stack, 'Say hello', '[scenario:text say=hello]');
    const run = await stack.serve.call('tasks.run', { taskId });
    await untilRunStatus(stack.serve, run.id, ['succeeded'], 90_000);
    const proxy = await startCutProxy(stack.serve.url);
    try {
      const { page } = await openPanel(
        stack.browser,
        { url: proxy.url, token: stack.serve.token },
        { path: `/runs/${run.id}`, width: 1400 },
      );
      await page.getByLabel('Follow-up message').fill('And again?');
      proxy.cut();
      // Generous: on a loaded machine the page's push stream may open late.
      await page.getByText('Connection lost; reconnecting…').waitFor({ timeout: 60_000 });
      await page.getByRole('button', { name: 'Send follow-up' }).click();
      const note = page
        .locator('.follow-up')
        .getByText('Switchboard is not reachable. Is it still running?');
      await note.waitFor();
      await screenshot(page, 'not-reachable-1400');
      proxy.restore();
      await note.waitFor({ state: 'detached', timeout: 60_000 });
      // Nothing was sent while the connection was down.
      expect(await stack.serve.call('runs.list', { taskId })).toHaveLength(1);
    } finally {
      await proxy.close();
    }
  }, 240_000);
});

describe('a folder watch', () => {
  it('offers the task’s own folder in one click', async () => {
    const taskId = await createTask(stack, 'Tidy the inbox folder', '[scenario:text say=ok]');
    const { page } = await stack.open({ path: `/tasks/${taskId}`, width: 900 });
    await page.getByRole('button', { name: 'Add folder watch' }).click();
    const folder = page.getByLabel('Folder to watch', { exact: true });
    await folder.waitFor();
    expect(await folder.inputValue()).toBe('');
    const offer = page.getByRole('button', { name: /^Use the task’s folder/ });
    expect(await offer.innerText()).toContain(stack.workDir);
    await screenshot(page, 'watch-form-task-folder-900');
    await offer.click();
    expect(await folder.inputValue()).toBe(stack.workDir);
    await offer.waitFor({ state: 'detached' });
  }, 60_000);
});

describe('a budget already passed', () => {
  it('says so when it is saved, with the figures', async () => {
    const taskId = await createTask(stack, 'Spend a little', '[scenario:text say=spent]');
    const run = await stack.serve.call('tasks.run', { taskId });
    await untilRunStatus(stack.serve, run.id, ['succeeded'], 120_000);
    const { page } = await stack.open({ path: '/settings', width: 1400 });
    const daily = page.getByLabel('Daily limit (USD)');
    await daily.fill('0.01');
    await page.getByRole('button', { name: 'Save settings' }).click();
    const status = page.locator('.save-status');
    await expect
      .poll(() => status.innerText())
      .toMatch(
        /^Saved, but today's spend \(\$[\d.]+\) is already past the daily budget of \$0\.010: new runs wait/,
      );
    await screenshot(page, 'settings-budget-passed-1400');
    await stack.serve.call('settings.update', { budgets: { dailyUsd: null } });
  }, 240_000);
});
