// Deciding by keyboard, with a way back: Enter sends a chosen answer from the inbox, the focus
// moves on to the next request after a decision (inbox and run view), a deny waits for its Undo
// before it reaches Claude, and "Always allow" can be undone from its toast.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { screenshot } from '../support/browser';
import { untilRunStatus, waitFor } from '../support/serve-process';
import {
  cancelLiveRuns,
  createTask,
  settled,
  startStack,
  waitForFile,
  waitForRunStatus,
  type Stack,
} from './stack';

let stack: Stack;

beforeAll(async () => {
  stack = await startStack();
  // Three requests wait at once in one test.
  await stack.serve.call('settings.update', { concurrency: 4 });
});

afterAll(async () => {
  await stack.stop();
});

// A test that failed halfway leaves no request behind for the next one to find first.
afterEach(() => cancelLiveRuns(stack));

async function bashTask(title: string, prompt: string): Promise<{ taskId: string; dir: string }> {
  const dir = join(stack.workDir, title.replace(/\W+/g, '-'));
  mkdirSync(dir);
  return { taskId: await createTask(stack, title, prompt, { cwd: dir }), dir };
}

const bashPrompt = (command: string) =>
  `Run it [scenario:bash command=${encodeURIComponent(command)}]`;

async function startRun(taskId: string): Promise<string> {
  return (await stack.serve.call('tasks.run', { taskId })).id;
}

async function pendingIn(runId: string): Promise<string> {
  return waitFor(`a pending approval in ${runId}`, async () => {
    const [pending] = await stack.serve.call('approvals.list', { status: 'pending', runId });
    return pending?.id;
  });
}

async function statusOf(approvalId: string): Promise<string | undefined> {
  const all = await stack.serve.call('approvals.list', {});
  return all.find((approval) => approval.id === approvalId)?.status;
}

/** The approval id of the card holding the focus, if any. */
const focusedCard = (page: Page) =>
  page.evaluate(() =>
    document.activeElement?.closest('[data-approval-id]')?.getAttribute('data-approval-id'),
  );

const cards = (page: Page) => page.locator('article.approval-card');

describe('answering from the inbox', () => {
  it('sends a chosen option with Enter, and a written answer with Enter', async () => {
    const picked = await createTask(stack, 'Enter on an option', 'Ask me [scenario:question]');
    const pickedRun = await startRun(picked);
    await pendingIn(pickedRun);

    const { page } = await stack.open({ path: '/inbox' });
    await page.getByText('Which colour should the button be?').waitFor();
    await settled(page);
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).value)).toBe(
      'Blue',
    );
    // The arrow key chooses Green; Enter sends it.
    await page.keyboard.press('ArrowDown');
    expect(await page.getByRole('radio', { name: /Green/ }).isChecked()).toBe(true);
    await page.keyboard.press('Enter');
    await page.getByText('Nothing needs you').waitFor();
    const [answered] = await stack.serve.call('approvals.list', { runId: pickedRun });
    expect(answered?.answers).toEqual({ 'Which colour should the button be?': 'Green' });

    const written = await createTask(stack, 'Enter in the text', 'Ask me [scenario:question]');
    const writtenRun = await startRun(written);
    await pendingIn(writtenRun);
    await page.getByText('Which colour should the button be?').waitFor();
    const own = page.getByLabel('Your own answer to: Which colour should the button be?');
    await settled(page);
    await own.fill('Teal, please');
    await own.press('Enter');
    await page.getByText('Nothing needs you').waitFor();
    const [typed] = await stack.serve.call('approvals.list', { runId: writtenRun });
    expect(typed?.answers).toEqual({ 'Which colour should the button be?': 'Teal, please' });
  });

  it('moves the focus to the next request after a decision by mouse or key', async () => {
    const first = await bashTask('Focus first', bashPrompt('echo one > one.txt'));
    const second = await bashTask('Focus second', bashPrompt('echo two > two.txt'));
    const third = await bashTask('Focus third', bashPrompt('echo three > three.txt'));
    const firstId = await pendingIn(await startRun(first.taskId));
    const secondId = await pendingIn(await startRun(second.taskId));
    const thirdId = await pendingIn(await startRun(third.taskId));

    const { page } = await stack.open({ path: '/inbox' });
    await cards(page).nth(2).waitFor();
    await page
      .locator(`[data-approval-id="${firstId}"]`)
      .getByRole('button', { name: 'Allow', exact: true })
      .click();
    await expect.poll(() => focusedCard(page)).toBe(secondId);
    expect(await waitForFile(join(first.dir, 'one.txt'))).toBe('one\n');

    // The focused card is the selected one; a allows it and the focus goes on to the third.
    expect(await page.locator('.approval-card.selected').getAttribute('data-approval-id')).toBe(
      secondId,
    );
    await settled(page);
    await page.keyboard.press('a');
    await expect.poll(() => focusedCard(page)).toBe(thirdId);
    expect(await waitForFile(join(second.dir, 'two.txt'))).toBe('two\n');
    await page.keyboard.press('a');
    await page.getByText('Nothing needs you').waitFor();
    expect(await waitForFile(join(third.dir, 'three.txt'))).toBe('three\n');
  });
});

describe('deciding on Home', () => {
  it('moves the focus to the next request shown, by mouse or key', async () => {
    const first = await bashTask('Home first', bashPrompt('echo one > one.txt'));
    const second = await bashTask('Home second', bashPrompt('echo two > two.txt'));
    const firstId = await pendingIn(await startRun(first.taskId));
    const secondId = await pendingIn(await startRun(second.taskId));

    const { page } = await stack.open();
    const firstCard = page.locator(`[data-approval-id="${firstId}"]`);
    await page.locator(`[data-approval-id="${secondId}"]`).waitFor();
    await firstCard.getByRole('button', { name: 'Allow', exact: true }).click();
    await expect.poll(() => focusedCard(page)).toBe(secondId);
    expect(await waitForFile(join(first.dir, 'one.txt'))).toBe('one\n');
    // By keyboard from the focused card: its Allow, then Enter.
    await page
      .locator(`[data-approval-id="${secondId}"]`)
      .getByRole('button', { name: 'Allow', exact: true })
      .focus();
    await settled(page);
    await page.keyboard.press('Enter');
    await page.getByText('Nothing is waiting for you.').waitFor();
    expect(await waitForFile(join(second.dir, 'two.txt'))).toBe('two\n');
  });
});

describe('a deny waits for its undo', () => {
  it('holds the deny back until the toast runs out, and Undo (z) brings the request back', async () => {
    const { taskId, dir } = await bashTask('Deny then undo', bashPrompt('echo no > no.txt'));
    const runId = await startRun(taskId);
    const approvalId = await pendingIn(runId);

    const { page } = await stack.open({ path: '/inbox' });
    await cards(page).first().waitFor();
    await settled(page);
    await page.keyboard.press('d');
    const toast = page.getByTestId('toast');
    await toast.getByText(/Denying Bash \(echo no > no.txt\) in Deny then undo/).waitFor();
    // The toast speaks through a live region and the card leaves the inbox at once...
    expect(await page.locator('.toast-stack [aria-live="polite"]').count()).toBe(1);
    await page.getByText('Nothing needs you').waitFor();
    await screenshot(page, 'inbox-deny-undo-toast');
    // ...but Claude has not heard it.
    expect(await statusOf(approvalId)).toBe('pending');

    await page.keyboard.press('z');
    await cards(page).first().waitFor();
    await toast.getByText('Deny undone: the request waits for you again.').waitFor();
    await expect.poll(() => focusedCard(page)).toBe(approvalId);
    expect(await statusOf(approvalId)).toBe('pending');

    // Denied again, the deny goes out by itself once the toast has run out.
    await page.keyboard.press('d');
    await page.getByText('Nothing needs you').waitFor();
    await waitFor(
      'the deny to reach the engine',
      async () => (await statusOf(approvalId)) === 'denied',
      20_000,
    );
    await untilRunStatus(stack.serve, runId, ['succeeded'], 30_000);
    expect(existsSync(join(dir, 'no.txt'))).toBe(false);
  });

  it('sends a waiting deny at once when the page is closed: the person meant it', async () => {
    const { taskId, dir } = await bashTask('Deny and leave', bashPrompt('echo left > left.txt'));
    const runId = await startRun(taskId);
    const approvalId = await pendingIn(runId);

    const { page } = await stack.open({ path: '/inbox' });
    await cards(page).first().waitFor();
    await settled(page);
    await page.keyboard.press('d');
    await page.getByText('Nothing needs you').waitFor();
    expect(await statusOf(approvalId)).toBe('pending');
    await page.close({ runBeforeUnload: true });
    // Well before the toast would have run out.
    await waitFor(
      'the deny to reach the engine',
      async () => (await statusOf(approvalId)) === 'denied',
      3_000,
    );
    await untilRunStatus(stack.serve, runId, ['succeeded'], 30_000);
    expect(existsSync(join(dir, 'left.txt'))).toBe(false);
  });

  it('sends at once with "Deny now", and the run view shows the waiting deny with its own Undo', async () => {
    const { taskId } = await bashTask('Deny now', bashPrompt('echo never > never.txt'));
    const runId = await startRun(taskId);
    const approvalId = await pendingIn(runId);

    // At 900 px in the dark, to see the toast there too.
    const { page } = await stack.open({ path: `/runs/${runId}`, width: 900, colorScheme: 'dark' });
    await waitForRunStatus(page, 'waiting');
    const card = page.locator('.tool-card.tool-waiting');
    await card.getByRole('button', { name: 'Deny' }).click();
    await card.getByText(/^Denying in [1-6] s…/).waitFor();
    await screenshot(page, 'run-deny-waiting-900-dark');
    await card.getByRole('button', { name: 'Undo' }).click();
    await card.getByRole('button', { name: 'Deny' }).waitFor();
    expect(await statusOf(approvalId)).toBe('pending');

    await card.getByRole('button', { name: 'Deny' }).click();
    await page.getByTestId('toast').getByRole('button', { name: 'Deny now' }).click();
    await page.getByText('Denied by you.').waitFor({ timeout: 4_000 });
    expect(await statusOf(approvalId)).toBe('denied');
  });
});

describe('undoing "Always allow"', () => {
  it('takes the rule it added off the task from the toast, reached by keyboard', async () => {
    const { taskId, dir } = await bashTask('Always then undo', bashPrompt('echo ok > ok.txt'));
    const runId = await startRun(taskId);
    await pendingIn(runId);

    const { page } = await stack.open({ path: `/runs/${runId}` });
    await page.getByRole('button', { name: 'Always allow', exact: true }).click();
    const toast = page.getByTestId('toast');
    await toast
      .getByText('Always allowed in Always then undo: The Bash command “echo ok > ok.txt”.')
      .waitFor();
    expect((await stack.serve.call('tasks.get', { taskId })).alwaysAllowedTools).toEqual([
      'Bash(echo ok > ok.txt)',
    ]);
    await screenshot(page, 'run-always-allow-toast');

    // The toast follows the page in the tab order: Tab from the page's last control reaches Undo.
    await page.evaluate(() => {
      const controls = document.querySelectorAll<HTMLElement>(
        '#content :is(a[href], button:enabled, input:enabled, textarea, select, [tabindex="0"])',
      );
      [...controls].at(-1)?.focus();
    });
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.closest('.toast') !== null)).toBe(
      true,
    );
    expect(await page.evaluate(() => document.activeElement?.textContent)).toMatch(/^Undo/);
    await page.keyboard.press('Enter');
    await toast
      .getByText(
        'The Bash command “echo ok > ok.txt”: asked about again in Always then undo. What was already allowed stays allowed.',
      )
      .waitFor();
    expect((await stack.serve.call('tasks.get', { taskId })).alwaysAllowedTools).toEqual([]);
    await waitForRunStatus(page, 'succeeded');
    expect(await waitForFile(join(dir, 'ok.txt'))).toBe('ok\n');

    // The next run asks again.
    const next = await startRun(taskId);
    await pendingIn(next);
  });
});

describe('the run view', () => {
  it('gives the focus to the run’s next request after an allow', async () => {
    const { taskId } = await bashTask(
      'Focus in run',
      `Steps [scenario:chain turns=2 command=${encodeURIComponent('echo step-{n} > step-{n}.txt')}]`,
    );
    const runId = await startRun(taskId);
    const firstId = await pendingIn(runId);

    const { page } = await stack.open({ path: `/runs/${runId}` });
    await waitForRunStatus(page, 'waiting');
    await page
      .locator(`[data-approval-id="${firstId}"]`)
      .getByRole('button', { name: 'Allow', exact: true })
      .click();
    const secondId = await waitFor('the second request', async () => {
      const [pending] = await stack.serve.call('approvals.list', { status: 'pending', runId });
      return pending && pending.id !== firstId ? pending.id : undefined;
    });
    // The request itself holds the focus (not its Allow): Enter decides nothing, a allows.
    await expect.poll(() => focusedCard(page)).toBe(secondId);
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('DIV');
    await settled(page);
    await page.keyboard.press('a');
    await waitForRunStatus(page, 'succeeded');
  });
});
