// Runs told apart and commands at hand (Chromium against serve, real Claude Code, fake API): runs
// of one task are named by the words that differ, what started them and when, on Home, the Runs
// list, the task page and the palette; the palette stops a run, pauses triggers, approves a review
// and switches the theme, which Settings → Appearance also chooses and keeps; Costs takes a period
// and shows the budgets' status.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { screenshotEach } from '../support/browser';
import { waitFor } from '../support/serve-process';
import { cancelLiveRuns, inWorkDir, startStack, type Stack } from './stack';

let stack: Stack;

beforeAll(async () => {
  stack = await startStack();
});

afterAll(async () => {
  await stack.stop();
});

// A run one test leaves waiting is no request for the next one to find on Home.
afterEach(() => cancelLiveRuns(stack));

async function palette(page: Page, words: string) {
  // The panel takes Ctrl+K once it has drawn its page (a key pressed while it loads is lost).
  await page.locator('main h1').first().waitFor();
  await page.keyboard.press('Control+k');
  const dialog = page.getByRole('dialog', { name: 'Command palette' });
  await dialog.waitFor();
  await page.keyboard.type(words);
  return dialog;
}

const theme = (page: Page) => page.evaluate(() => document.documentElement.dataset.theme);

describe('runs of one task', () => {
  it('are named by what differs, and the palette stops one of them', async () => {
    const dir = inWorkDir(stack, 'notes');
    mkdirSync(dir);
    // A request each run waits on, so both are still going while the panel is read.
    const task = await stack.serve.call('tasks.create', {
      title: 'Release notes',
      prompt: 'Write them [scenario:bash command=echo%20hi]',
      cwd: dir,
    });
    const older = await stack.serve.call('tasks.run', { taskId: task.id, prompt: 'for 1.2 now' });
    const newer = await stack.serve.call('tasks.run', { taskId: task.id, prompt: 'for 1.3 now' });

    const { page } = await stack.open({ path: '/', width: 1400, height: 900 });
    const going = page.getByRole('table', { name: 'Running now' });
    const row = (runId: string) => going.locator(`tr[data-run-id="${runId}"]`);
    await expect.poll(() => row(older.id).locator('.cell-task').innerText()).toContain('…1.2 now');
    await expect(row(newer.id).locator('.cell-task').innerText()).resolves.toContain('…1.3 now');
    await screenshotEach(page, 'runs-apart-home');

    await page.goto(`${stack.serve.url}/runs`);
    const list = page.getByRole('table', { name: 'Runs' });
    await expect
      .poll(() => list.locator(`tr[data-run-id="${newer.id}"] .cell-sub`).first().innerText())
      .toBe('…1.3 now');

    await page.goto(`${stack.serve.url}/tasks/${task.id}`);
    const runs = page.getByRole('table', { name: 'Runs of this task' });
    await runs.getByRole('columnheader', { name: 'Started by' }).waitFor();
    await expect(
      runs.locator(`tr[data-run-id="${older.id}"] .cell-started-by`).innerText(),
    ).resolves.toMatch(/^Started by hand\s+…1\.2 now$/);
    await screenshotEach(page, 'runs-apart-task');

    // The palette names each run the same way, and stops the one asked for.
    const dialog = await palette(page, 'stop release 1.3');
    const option = dialog.getByRole('option', { selected: true });
    await expect
      .poll(() => option.textContent())
      .toMatch(/^ActionsStop run: Release notes · …1\.3 now · /);
    await page.keyboard.press('Enter');
    await waitFor('the newer run stopped', async () =>
      (await stack.serve.call('runs.get', { runId: newer.id })).status === 'cancelled'
        ? true
        : undefined,
    );
    // The other run goes on.
    expect(['queued', 'running', 'waiting']).toContain(
      (await stack.serve.call('runs.get', { runId: older.id })).status,
    );
  }, 240_000);
});

describe('palette commands', () => {
  it('pauses and resumes every trigger', async () => {
    const { page } = await stack.open({ path: '/' });
    let dialog = await palette(page, 'pause trig');
    await expect
      .poll(() => dialog.getByRole('option', { selected: true }).textContent())
      .toMatch(/^ActionsPause all triggers/);
    await page.keyboard.press('Enter');
    await expect
      .poll(async () => (await stack.serve.call('settings.get', {})).triggers.paused)
      .toBe(true);
    dialog = await palette(page, 'resume trig');
    await expect
      .poll(() => dialog.getByRole('option', { selected: true }).textContent())
      .toMatch(/^ActionsResume all triggers/);
    await page.keyboard.press('Enter');
    await expect
      .poll(async () => (await stack.serve.call('settings.get', {})).triggers.paused)
      .toBe(false);
  });

  it('approves and merges a review, with Undo', async () => {
    const repo = inWorkDir(stack, 'repo');
    mkdirSync(repo);
    const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, encoding: 'utf8' });
    git('init', '-q', '-b', 'main');
    git('config', 'user.name', 'Person');
    git('config', 'user.email', 'person@example.com');
    writeFileSync(join(repo, 'README'), 'start\n');
    git('add', '-A');
    git('commit', '-q', '-m', 'start');
    const task = await stack.serve.call('tasks.create', {
      title: 'Write the notes',
      prompt: '[scenario:writes files=notes.md lines=3 content=note]',
      cwd: repo,
      isolation: 'worktree',
      permissionMode: 'acceptEdits',
    });
    const run = await stack.serve.call('tasks.run', { taskId: task.id });
    await waitFor(
      'a pending review',
      async () =>
        (await stack.serve.call('reviews.list', { status: 'pending' })).find(
          (review) => review.runId === run.id,
        ),
      180_000,
    );
    const { page } = await stack.open({ path: '/' });
    const dialog = await palette(page, 'approve notes');
    await expect
      .poll(() => dialog.getByRole('option', { selected: true }).textContent())
      .toBe('ActionsApprove and merge into main: Write the notes1 file · with Undo');
    await page.keyboard.press('Enter');
    await expect
      .poll(async () => (await stack.serve.call('reviews.list', { runId: run.id }))[0]?.status)
      .toBe('approved');
    expect(git('show', 'main:notes.md')).toContain('note');
    await page.getByRole('button', { name: 'Undo' }).waitFor();
  }, 240_000);
});

describe('the theme', () => {
  it('is chosen in Settings, kept, and switched from the palette', async () => {
    const { page } = await stack.open({ path: '/settings', colorScheme: 'light' });
    const choices = page.getByRole('radiogroup', { name: 'Theme' });
    await expect(
      choices.getByRole('radio', { name: 'Same as the system' }).isChecked(),
    ).resolves.toBe(true);
    expect(await theme(page)).toBe('light');
    await choices.getByRole('radio', { name: 'Dark' }).check();
    await expect.poll(() => theme(page)).toBe('dark');
    await expect
      .poll(async () => (await stack.serve.call('settings.get', {})).appearance.theme)
      .toBe('dark');
    await screenshotEach(page, 'settings-theme-dark');

    // Kept by the engine: another panel, with a light system, opens dark.
    const other = await stack.open({ path: '/', colorScheme: 'light' });
    await expect.poll(() => theme(other.page)).toBe('dark');

    const dialog = await palette(other.page, 'theme light');
    await expect
      .poll(() => dialog.getByRole('option', { selected: true }).textContent())
      .toMatch(/^ActionsTheme: Light/);
    await other.page.keyboard.press('Enter');
    await expect.poll(() => theme(other.page)).toBe('light');
    // The first panel follows the change.
    await expect.poll(() => theme(page)).toBe('light');

    // "Same as the system" follows the system's scheme as it changes.
    await choices.getByRole('radio', { name: 'Same as the system' }).check();
    await page.emulateMedia({ colorScheme: 'dark' });
    await expect.poll(() => theme(page)).toBe('dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await expect.poll(() => theme(page)).toBe('light');
  });
});

describe('costs', () => {
  it('takes a period and shows what is spent of each budget', async () => {
    const { page } = await stack.open({ path: '/costs', width: 1400, height: 900 });
    const status = page.getByTestId('budget-status');
    await expect(status.innerText()).resolves.toMatch(/^No budget set/);
    await expect(page.locator('.total').innerText()).resolves.toMatch(/^Last 30 days: /);
    const period = page.getByRole('group', { name: 'Period' });
    await expect(
      period.getByRole('button', { name: '30 days' }).getAttribute('aria-pressed'),
    ).resolves.toBe('true');
    await period.getByRole('button', { name: '7 days' }).click();
    await page.waitForURL(/\/costs\?days=7$/);
    await expect.poll(() => page.locator('.total').innerText()).toMatch(/^Last 7 days: \$/);
    await expect(page.locator('.cost-chart').getAttribute('aria-label')).resolves.toBe(
      'Spend per day for the last 7 days, by model',
    );

    // The runs above spent something today: a daily budget below it reads as past.
    const spent = (await stack.serve.call('costs.summary', {})).totalUsd;
    expect(spent).toBeGreaterThan(0.001);
    await stack.serve.call('settings.update', { budgets: { dailyUsd: 0.001, monthlyUsd: 1000 } });
    await expect
      .poll(() => status.innerText())
      .toMatch(/^Today: \$[\d.]+ of the \$0\.0010 daily budget · past it: new runs wait/);
    await expect(status.innerText()).resolves.toMatch(
      /This month: \$[\d.]+ of the \$1,000\.00 monthly budget$/,
    );
    await screenshotEach(page, 'costs-budget');
    await stack.serve.call('settings.update', { budgets: { dailyUsd: null, monthlyUsd: null } });
  });
});
