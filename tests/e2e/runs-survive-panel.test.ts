// Runs that survive, in the panel: the task form's run policy and Settings → Runs (checked in
// plain words, by keyboard and by mouse), a run with no sign of life flagged on Home, in Runs and
// on its page with a Stop that works, and a retry counting down that can be called off.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Run } from '../../src/shared/domain';
import { screenshot } from '../support/browser';
import { waitFor } from '../support/serve-process';
import { startStack, type Stack } from './stack';

let stack: Stack;

const MINUTE_MS = 10_000;
const MONITOR_INTERVAL_MS = 2_000;

beforeAll(async () => {
  stack = await startStack({
    env: {
      // Claude Code's own retries of a 529 would take minutes; Switchboard's policy is under test.
      CLAUDE_CODE_MAX_RETRIES: '0',
      // A stall minute lasts 10 s here, and runs are looked at every 2 s (15 s for real).
      SWITCHBOARD_MINUTE_MS: String(MINUTE_MS),
      SWITCHBOARD_MONITOR_INTERVAL_MS: String(MONITOR_INTERVAL_MS),
    },
  });
});

afterAll(async () => {
  await stack.stop();
});

function field(page: Page, label: string) {
  return page.locator('.field', { has: page.getByLabel(label, { exact: true }) });
}

const RETRIES = 'Retries after a temporary API error';
const TIMEOUT = 'Deny a waiting request after (minutes)';
const AUTO_RESUME = 'Resume interrupted runs by themselves after Switchboard restarts';

describe('the task form’s run policy', () => {
  it('is checked in plain words, filled by keyboard, saved, and shown again for editing', async () => {
    const { page } = await stack.open({ path: '/tasks/new' });
    await page.getByLabel('Title', { exact: true }).fill('Policy task');
    await page.getByLabel('Prompt', { exact: true }).fill('[scenario:text say=policy]');
    await page.getByLabel('Working folder', { exact: true }).fill(stack.workDir);
    // The defaults the engine uses: by the run's kind, 2 retries, no timeout.
    expect(await page.getByLabel(AUTO_RESUME, { exact: true }).inputValue()).toBe('auto');
    expect(await page.getByLabel(RETRIES, { exact: true }).inputValue()).toBe('2');
    expect(await page.getByLabel(TIMEOUT, { exact: true }).inputValue()).toBe('');

    await page.getByLabel(RETRIES, { exact: true }).fill('11');
    await page.getByLabel(TIMEOUT, { exact: true }).fill('half an hour');
    await page.getByRole('button', { name: 'Create task' }).click();
    expect(await field(page, RETRIES).locator('.field-error').innerText()).toBe(
      'Use a whole number from 0 (never retry) to 10.',
    );
    expect(await field(page, TIMEOUT).locator('.field-error').innerText()).toContain(
      'Use a whole number of minutes from 1 to 43,200 (30 days), or leave it empty',
    );
    // Focus goes to the first field at fault; the rest is done from the keyboard.
    await waitFor('focus on the retries field', () =>
      page.evaluate(() => document.activeElement?.getAttribute('inputmode') === 'numeric'),
    );
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('4');
    await page.keyboard.press('Tab');
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('90');
    await page.getByLabel(AUTO_RESUME, { exact: true }).focus();
    await page.keyboard.press('ArrowDown');
    expect(await page.getByLabel(AUTO_RESUME, { exact: true }).inputValue()).toBe('on');
    await screenshot(page, 'task-form-run-policy');
    await page.getByLabel(TIMEOUT, { exact: true }).press('Enter');
    await page.waitForURL(/\/tasks\/task_/);
    const created = (await stack.serve.call('tasks.list', {})).find(
      (task) => task.title === 'Policy task',
    );
    expect(created?.runPolicy).toEqual({
      autoResume: true,
      transientRetries: 4,
      approvalTimeoutMinutes: 90,
    });

    await page
      .getByText(
        'resumes every interrupted run by itself · 4 retries after API errors · requests denied after 90 min',
        { exact: false },
      )
      .waitFor();

    // Editing shows what was saved; emptying the timeout means "wait however long".
    await page.getByRole('link', { name: 'Edit' }).click();
    const timeout = page.getByLabel(TIMEOUT, { exact: true });
    await timeout.waitFor();
    expect(await timeout.inputValue()).toBe('90');
    expect(await page.getByLabel(RETRIES, { exact: true }).inputValue()).toBe('4');
    await timeout.fill('');
    await page.getByLabel(AUTO_RESUME, { exact: true }).selectOption('off');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('heading', { name: 'Policy task' }).waitFor();
    const edited = await stack.serve.call('tasks.get', { taskId: created?.id ?? '' });
    expect(edited.runPolicy).toEqual({
      autoResume: false,
      transientRetries: 4,
      approvalTimeoutMinutes: null,
    });
  });
});

const STALL = 'Flag a run with no sign of life after (minutes)';
const STALL_ACTION = 'When a run shows no sign of life';
const SLOT = 'A run waiting for you keeps its slot for (minutes)';

describe('Settings → Runs', () => {
  it('shows the stall and waiting-slot settings, refuses bad values in words, and saves', async () => {
    const { page } = await stack.open({ path: '/settings' });
    const stall = page.getByLabel(STALL, { exact: true });
    await stall.waitFor();
    expect(await stall.inputValue()).toBe('30');
    expect(await page.getByLabel(STALL_ACTION, { exact: true }).inputValue()).toBe('flag');
    expect(await page.getByLabel(SLOT, { exact: true }).inputValue()).toBe('15');

    await stall.fill('2.5');
    await page.getByLabel(SLOT, { exact: true }).fill('-1');
    await page.getByRole('button', { name: 'Save settings' }).click();
    expect(await field(page, STALL).locator('.field-error').innerText()).toBe(
      'Use a whole number of minutes from 0 (never flag) to 1,440 (a day).',
    );
    expect(await field(page, SLOT).locator('.field-error').innerText()).toContain(
      'from 0 (keep the slot)',
    );
    expect((await stack.serve.call('settings.get', {})).runs.stallMinutes).toBe(30);

    // By keyboard: the stall time, then the action chosen with the arrow keys.
    await stall.focus();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('45');
    await page.keyboard.press('Tab');
    await page.keyboard.press('ArrowDown');
    expect(await page.getByLabel(STALL_ACTION, { exact: true }).inputValue()).toBe('stop');
    // By mouse: the waiting slot, and Save.
    await page.getByLabel(SLOT, { exact: true }).click();
    await page.getByLabel(SLOT, { exact: true }).fill('20');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('Saved.').waitFor();
    expect((await stack.serve.call('settings.get', {})).runs).toEqual({
      stallMinutes: 45,
      stallAction: 'stop',
      waitingSlotMinutes: 20,
    });

    await page.reload();
    await stall.waitFor();
    expect(await stall.inputValue()).toBe('45');
    expect(await page.getByLabel(STALL_ACTION, { exact: true }).inputValue()).toBe('stop');
    await screenshot(page, 'settings-runs');
  });
});

describe('a run with no sign of life', () => {
  it('is flagged on Home, in Runs and on its page, and Stop ends it (mouse and keyboard); a busy command is not', async () => {
    await stack.serve.call('settings.update', { concurrency: 3 });
    const task = await stack.serve.call('tasks.create', {
      title: 'Hangs on a command',
      // (A bare `sleep 300` ends at once: Claude Code turns it away.)
      prompt:
        '[scenario:bash command=echo%20started%20%26%26%20sleep%20300%20%26%26%20echo%20done]',
      cwd: stack.workDir,
      allowedTools: ['Bash'],
    });
    // A command that prints nothing for minutes but works: a few % of a core, in bursts.
    const busyTask = await stack.serve.call('tasks.create', {
      title: 'Busy on a command',
      prompt: `[scenario:bash command=${encodeURIComponent(
        `awk 'BEGIN { for (n = 0; n < 300; n++) { for (i = 0; i < 2000000; i++) x += i; system("sleep 1") } }'`,
      )}]`,
      cwd: stack.workDir,
      allowedTools: ['Bash'],
    });
    // The busy run's command starts before the stall time is short (a loaded machine can take
    // longer than MINUTE_MS to start Claude Code, which is quiet meanwhile).
    const busy = await stack.serve.call('tasks.run', { taskId: busyTask.id });
    await waitFor(
      'the busy command to start',
      async () => {
        const events = await stack.serve.call('runs.events', { runId: busy.id });
        return events.some((event) => event.type === 'tool_use');
      },
      90_000,
    );
    // The shortest stall time there is: one minute, MINUTE_MS here.
    await stack.serve.call('settings.update', { runs: { stallMinutes: 1, stallAction: 'flag' } });
    const busySince = Date.now();
    const first = await stack.serve.call('tasks.run', { taskId: task.id });
    const second = await stack.serve.call('tasks.run', { taskId: task.id });

    const { page } = await stack.open();
    const badges = page.getByTestId('stalled-badge');
    await badges.nth(1).waitFor({ timeout: 90_000 });
    const row = page.locator(`tr[data-run-id="${first.id}"]`);
    expect(await row.getByTestId('stalled-badge').innerText()).toMatch(
      /^No sign of life for \d+ min\s*Stop$/,
    );
    await screenshot(page, 'home-stalled');

    // The busy run: quiet in its transcript for well over the stall time and two checks, yet
    // not flagged, because its command uses CPU.
    const quietEnough = 1.5 * MINUTE_MS + 2 * MONITOR_INTERVAL_MS;
    await new Promise((resolve) =>
      setTimeout(resolve, Math.max(0, busySince + quietEnough - Date.now())),
    );
    const busyNow = await stack.serve.call('runs.get', { runId: busy.id });
    expect(busyNow.status).toBe('running');
    expect(busyNow.stalledAt).toBeNull();
    const busyEvents = await stack.serve.call('runs.events', { runId: busy.id });
    expect(busyEvents.filter((event) => event.type === 'tool_result')).toEqual([]);
    const busyRow = page.locator(`tr[data-run-id="${busy.id}"]`);
    await busyRow.waitFor();
    expect(await busyRow.getByTestId('stalled-badge').count()).toBe(0);
    await stack.serve.call('runs.cancel', { runId: busy.id });

    const runs = await stack.open({ path: '/runs' });
    await runs.page
      .locator(`tr[data-run-id="${second.id}"]`)
      .getByTestId('stalled-badge')
      .waitFor();
    await screenshot(runs.page, 'runs-stalled');

    // Mouse, on Home: Stop beside the badge ends the first run; its badge goes.
    await row.getByRole('button', { name: /^Stop the run of Hangs on a command/ }).click();
    await untilStatus(first.id, 'cancelled');
    await row.getByTestId('stalled-badge').waitFor({ state: 'detached' });

    // Keyboard, on the run's page: the note says since when; the page has one Stop, the run's
    // own, which the note describes, and Enter on it ends the run.
    const view = await stack.open({ path: `/runs/${second.id}` });
    const note = view.page.getByTestId('stalled-note');
    await note.waitFor();
    expect(await note.innerText()).toMatch(/No sign of life for \d+ min\. Claude Code has sent/);
    // The transcript says it too, as a warning: the run has not failed.
    await view.page.getByText(/^No sign of life for \d+ min: flagged as stalled/).waitFor();
    expect(await view.page.locator('.entry-error').count()).toBe(0);
    await screenshot(view.page, 'run-stalled');
    const stops = view.page.getByRole('button', { name: /Stop/ });
    expect(await stops.count()).toBe(1);
    const stop = stops.first();
    expect(await stop.innerText()).toBe('Stop');
    expect(await stop.getAttribute('aria-describedby')).toBe('run-stalled-note');
    await stop.focus();
    await view.page.keyboard.press('Enter');
    await untilStatus(second.id, 'cancelled');
    await note.waitFor({ state: 'detached' });
  }, 240_000);
});

describe('a retry counting down', () => {
  it('shows on the failed run until it is called off', async () => {
    const task = await stack.serve.call('tasks.create', {
      title: 'Overloaded API',
      prompt: '[scenario:overloaded]',
      cwd: stack.workDir,
      runPolicy: { transientRetries: 1 },
    });
    const run = await stack.serve.call('tasks.run', { taskId: task.id });
    const { page } = await stack.open({ path: `/runs/${run.id}` });
    const note = page.getByTestId('retry-note');
    // A loaded machine may take a while to start Claude Code and see the 529.
    await note.waitFor({ timeout: 120_000 });
    expect(await note.innerText()).toMatch(
      /^Retrying \(1 of 1\)\. A temporary API error stopped it; retry 1 of 1 starts (now|in .+) · .+\. It continues the same session\./,
    );
    await screenshot(page, 'run-retry-pending');
    const { retryAt } = await stack.serve.call('runs.get', { runId: run.id });
    expect(retryAt).not.toBeNull();
    await note.getByRole('button', { name: 'Don’t retry' }).click();
    await note.waitFor({ state: 'detached' });
    expect((await stack.serve.call('runs.get', { runId: run.id })).retryAt).toBeNull();
    // Past the time the retry was set for: none came.
    await new Promise((resolve) =>
      setTimeout(resolve, Math.max(0, (retryAt ?? 0) - Date.now()) + 2_000),
    );
    expect(await stack.serve.call('runs.list', { taskId: task.id })).toHaveLength(1);
  }, 180_000);
});

function untilStatus(runId: string, status: Run['status']): Promise<Run> {
  return waitFor(`run ${runId} to be ${status}`, async () => {
    const run = await stack.serve.call('runs.get', { runId });
    return run.status === status ? run : undefined;
  });
}
