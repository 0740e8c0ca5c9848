// Settings save and survive a reload (with messages next to bad fields), secrets explain why they
// are unavailable in serve mode, and the tray's /quick window starts a run from a prompt.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot } from '../support/browser';
import { startStack, waitForRunStatus, type Stack } from './stack';

let stack: Stack;

beforeAll(async () => {
  // This suite shows the panel without a keychain, whether or not the machine has one (CI does).
  stack = await startStack({
    env: { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/switchboard-test-bus', DISPLAY: '' },
  });
});

afterAll(async () => {
  await stack.stop();
});

describe('settings', () => {
  it('saves settings, checks them, and keeps them after a reload', async () => {
    const { page } = await stack.open({ path: '/settings' });
    const runsAtOnce = page.getByLabel('Runs at once', { exact: true });
    await runsAtOnce.waitFor();
    await runsAtOnce.fill('3');
    await page.getByLabel('Daily limit (USD)', { exact: true }).fill('5');
    await page.getByLabel('Monthly limit (USD)', { exact: true }).fill('lots');
    await page.getByLabel('When a run succeeds').uncheck();
    await page.getByRole('button', { name: 'Save settings' }).click();
    const monthlyField = page.locator('.field', {
      has: page.getByLabel('Monthly limit (USD)', { exact: true }),
    });
    expect(await monthlyField.locator('.field-error').innerText()).toContain(
      'Use an amount above 0',
    );
    expect((await stack.serve.call('settings.get', {})).concurrency).not.toBe(3);

    await page.getByLabel('Monthly limit (USD)', { exact: true }).fill('50');
    await page.getByLabel('Use another claude executable').check();
    await page.getByLabel('Path to claude', { exact: true }).fill('');
    await page.getByRole('button', { name: 'Save settings' }).click();
    const pathField = page.locator('.field', {
      has: page.getByLabel('Path to claude', { exact: true }),
    });
    expect(await pathField.locator('.field-error').innerText()).toContain('Give the path');
    await page.getByLabel('Use the Claude Code bundled with Switchboard').check();
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('Saved.').waitFor();

    const saved = await stack.serve.call('settings.get', {});
    expect(saved.concurrency).toBe(3);
    expect(saved.budgets).toEqual({ dailyUsd: 5, monthlyUsd: 50 });
    expect(saved.notifications.succeeded).toBe(false);
    expect(saved.claudeExecutablePath).toBeNull();

    await page.reload();
    await runsAtOnce.waitFor();
    expect(await runsAtOnce.inputValue()).toBe('3');
    expect(await page.getByLabel('Daily limit (USD)', { exact: true }).inputValue()).toBe('5');
    expect(await page.getByLabel('When a run succeeds').isChecked()).toBe(false);
    await screenshot(page, 'settings');

    // Empty means no limit.
    await page.getByLabel('Daily limit (USD)', { exact: true }).fill('');
    await page.getByLabel('Monthly limit (USD)', { exact: true }).fill('');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('Saved.').waitFor();
    expect((await stack.serve.call('settings.get', {})).budgets).toEqual({
      dailyUsd: null,
      monthlyUsd: null,
    });
  });

  it('says plainly why secrets are unavailable and keeps the form disabled', async () => {
    const { page } = await stack.open({ path: '/settings', colorScheme: 'dark' });
    const notice = page.getByRole('note');
    await notice.waitFor();
    expect(await notice.innerText()).toContain(
      'No keychain found — install GNOME Keyring or KWallet',
    );
    // The D-Bus wording waits behind "Technical detail", folded.
    expect(await notice.innerText()).not.toContain('D-Bus');
    await notice.getByText('Technical detail').click();
    expect(await notice.innerText()).toContain('No keychain is reachable');
    expect(await page.getByRole('button', { name: 'Add secret' }).isDisabled()).toBe(true);
    expect(await page.locator('.secret-form input').first().isDisabled()).toBe(true);
    await page.getByRole('button', { name: 'Add secret' }).scrollIntoViewIfNeeded();
    await screenshot(page, 'settings-secrets-dark');
  });
});

describe('quick task', () => {
  it('creates a task from the prompt and runs it, then links to the run', async () => {
    const { page } = await stack.open({ path: '/quick', width: 520, height: 420 });
    await page.getByRole('button', { name: 'Run' }).click();
    const promptField = page.locator('.field', { has: page.getByLabel('What should Claude do?') });
    expect(await promptField.locator('.field-error').innerText()).toBe(
      'Write what the agent should do.',
    );

    await page
      .getByLabel('What should Claude do?')
      .fill('Tidy up the notes folder please [scenario:text say=Tidied.]');
    await page.getByLabel('In folder').fill(stack.workDir);
    await page.getByRole('button', { name: 'Run' }).click();
    const started = page.getByRole('status');
    await started.getByRole('link', { name: 'Open the run →' }).waitFor();
    await screenshot(page, 'quick-started');

    const tasks = await stack.serve.call('tasks.list', {});
    expect(tasks.map((task) => task.title)).toEqual(['Tidy up the notes folder please…']);
    const [run] = await stack.serve.call('runs.list', {});
    expect(run?.trigger.kind).toBe('tray');

    // The same prompt and folder again reuse the task.
    await page
      .getByLabel('What should Claude do?')
      .fill('Tidy up the notes folder please [scenario:text say=Tidied.]');
    await page.getByRole('button', { name: 'Run' }).click();
    await page.waitForFunction(() => document.querySelector('textarea')?.value === '');
    expect((await stack.serve.call('tasks.list', {})).length).toBe(1);
    expect((await stack.serve.call('runs.list', {})).length).toBe(2);

    await started.getByRole('link', { name: 'Open the run →' }).click();
    await waitForRunStatus(page, 'succeeded');
    await page.locator('.entry-text', { hasText: 'Tidied.' }).waitFor();
  });
});
