// No decision by accident (Chromium against serve, real Claude Code, fake API): in the inbox Enter
// never allows, after d the focus is on the next item itself (not a button), a request that has
// only just arrived ignores decision keys for ARRIVAL_GUARD_MS, and a held deny counts down where
// it was given (the toast everywhere, the request itself on the run page).
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ARRIVAL_GUARD_MS } from '../../src/renderer/src/approvals/arrival-window';
import { screenshot } from '../support/browser';
import { waitFor } from '../support/serve-process';
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
  await stack.serve.call('settings.update', { concurrency: 4 });
});

afterAll(async () => {
  await stack.stop();
});

afterEach(() => cancelLiveRuns(stack));

async function bashRun(title: string, marker: string): Promise<{ runId: string; dir: string }> {
  const dir = join(stack.workDir, title.replace(/\W+/g, '-'));
  mkdirSync(dir);
  const command = `echo ${marker} > ${marker}.txt`;
  const taskId = await createTask(
    stack,
    title,
    `Run it [scenario:bash command=${encodeURIComponent(command)}]`,
    { cwd: dir },
  );
  return { runId: (await stack.serve.call('tasks.run', { taskId })).id, dir };
}

/** Generous: two cores shared by many suites can make a cold Claude Code slow to ask. */
const ASK_MS = 90_000;

async function pendingIn(runId: string): Promise<string> {
  return waitFor(
    `a pending approval in ${runId}`,
    async () => {
      const [pending] = await stack.serve.call('approvals.list', { status: 'pending', runId });
      return pending?.id;
    },
    ASK_MS,
  );
}

async function statusOf(approvalId: string): Promise<string | undefined> {
  const all = await stack.serve.call('approvals.list', {});
  return all.find((approval) => approval.id === approvalId)?.status;
}

/** What holds the focus: the item's id, and whether it is the item itself or a control in it. */
const focus = (page: Page) =>
  page.evaluate(() => {
    const active = document.activeElement;
    const item = active?.closest('[data-item-id]');
    return {
      item: item?.getAttribute('data-item-id') ?? null,
      onItemItself: active === item,
      tag: active?.tagName ?? null,
    };
  });

describe('the inbox keyboard', () => {
  it('never allows on Enter, and after d the focus is on the next item itself', async () => {
    const one = await bashRun('Inbox one', 'one');
    const two = await bashRun('Inbox two', 'two');
    const byId = new Map([
      [await pendingIn(one.runId), { ...one, marker: 'one' }],
      [await pendingIn(two.runId), { ...two, marker: 'two' }],
    ]);

    const { page } = await stack.open({ path: '/inbox' });
    await page.locator('article[data-item-id]').nth(1).waitFor();
    await settled(page);
    expect(await page.getByLabel('Keyboard shortcuts').innerText()).toContain(
      'Enter open or answer',
    );
    // Oldest first: whichever asked first is on top.
    const [topId = '', nextId = ''] = await page
      .locator('article[data-item-id]')
      .evaluateAll((cards) => cards.map((card) => card.getAttribute('data-item-id') ?? ''));
    const top = byId.get(topId);
    const next = byId.get(nextId);
    if (!top || !next) throw new Error(`unexpected items ${topId}, ${nextId}`);

    // d on the top one: its deny is held (the countdown shows), and the focus is on the next
    // request's card — not its Allow.
    await page.keyboard.press('d');
    const toast = page.getByTestId('toast').filter({ hasText: `Denying Bash (echo ${top.marker}` });
    await toast.waitFor();
    const countdown = toast.getByTestId('countdown');
    expect(await countdown.innerText()).toMatch(/^[1-6] s left$/);
    await expect.poll(() => focus(page)).toMatchObject({ item: nextId, onItemItself: true });
    await screenshot(page, 'inbox-after-d-focus-on-item');
    // The countdown moves on.
    const shown = Number.parseInt(await countdown.innerText(), 10);
    await expect
      .poll(async () => Number.parseInt(await countdown.innerText(), 10), { timeout: 4_000 })
      .toBeLessThan(shown);

    // Enter on the focused request opens its run: it does not allow it.
    await page.keyboard.press('Enter');
    await page.waitForURL(new RegExp(`/runs/${next.runId}$`));
    await waitForRunStatus(page, 'waiting');
    expect(await statusOf(nextId)).toBe('pending');
    expect(existsSync(join(next.dir, `${next.marker}.txt`))).toBe(false);

    // The held deny reached the engine by itself, on this page too.
    await waitFor('the deny', async () => (await statusOf(topId)) === 'denied', 20_000);
    expect(existsSync(join(top.dir, `${top.marker}.txt`))).toBe(false);
  }, 180_000);

  it('ignores a key pressed at a request that has just arrived, and takes it once the moment has passed', async () => {
    const { page } = await stack.open({ path: '/inbox' });
    await page.getByText('Nothing needs you').waitFor();
    // Every key press is noted with whether a request on the page was in its arrival moment
    // right then, so the test knows which presses it can reason about.
    await page.evaluate(() => {
      const presses: { key: string; fresh: boolean }[] = [];
      Object.assign(window, { presses });
      window.addEventListener(
        'keydown',
        (event) => {
          const fresh = document.querySelector('[data-just-arrived]') !== null;
          presses.push({ key: event.key, fresh });
        },
        { capture: true },
      );
    });
    const { runId, dir } = await bashRun('Arrives late', 'late');
    const approvalId = await pendingIn(runId);

    // Pressed at once, as the card arrives: a, d and Enter on the page, then Enter on its Allow.
    const card = page.locator(`[data-item-id="${approvalId}"][data-just-arrived]`);
    await card.waitFor();
    await page.keyboard.press('a');
    await page.keyboard.press('d');
    await page.keyboard.press('Enter');
    await page.evaluate((id) => {
      document
        .querySelector<HTMLElement>(`[data-item-id="${id}"] .approval-actions .button.primary`)
        ?.focus();
    }, approvalId);
    await page.keyboard.press('Enter');
    const presses = await page.evaluate(
      () => (window as unknown as { presses: { key: string; fresh: boolean }[] }).presses,
    );
    // The first press, at least, came within ARRIVAL_GUARD_MS of the card reaching the page (the
    // page's own state says so at the moment of the key: a slow machine cannot fake this).
    expect(presses[0]).toEqual({ key: 'a', fresh: true });
    expect(ARRIVAL_GUARD_MS).toBeLessThanOrEqual(1_000);

    // The moment ends (the cue goes); none of those presses decided anything.
    await settled(page);
    expect(await statusOf(approvalId)).toBe('pending');
    expect(await page.getByTestId('toast').count()).toBe(0);
    expect(new URL(page.url()).pathname).toBe('/inbox');

    // Now a decides it.
    await page.locator('#content').focus();
    await page.keyboard.press('a');
    await waitFor('the allow', async () => (await statusOf(approvalId)) === 'allowed');
    expect(await waitForFile(join(dir, 'late.txt'))).toBe('late\n');
  }, 180_000);
});

describe('the held deny', () => {
  it('counts down on the run page, in the request and in its toast', async () => {
    const { runId } = await bashRun('Deny on run page', 'never');
    const approvalId = await pendingIn(runId);
    const { page } = await stack.open({ path: `/runs/${runId}`, width: 900 });
    await waitForRunStatus(page, 'waiting');
    await settled(page);
    await page.keyboard.press('d');
    const request = page.locator('.tool-card.tool-waiting .approval-queued');
    await request.waitFor();
    expect(await request.innerText()).toMatch(/^Denying in [1-6] s…/);
    expect(await page.getByTestId('toast').getByTestId('countdown').innerText()).toMatch(
      /^[1-6] s left$/,
    );
    await screenshot(page, 'run-deny-countdown-900');
    await page.getByTestId('toast').getByRole('button', { name: 'Deny now' }).click();
    await waitFor('the deny', async () => (await statusOf(approvalId)) === 'denied');
  }, 180_000);

  it('counts down after a deny from the palette', async () => {
    const { runId } = await bashRun('From the palette', 'palette-never');
    await pendingIn(runId);
    const { page } = await stack.open({ path: '/', width: 1400 });
    await page.locator('[data-item-id]').first().waitFor();
    await settled(page);
    await page.keyboard.press('Control+k');
    await page.keyboard.type('deny: bash echo palette-never');
    // The palette's chosen result (a request card on Home has options of its own).
    const option = page
      .getByRole('listbox', { name: 'Results' })
      .getByRole('option', { selected: true });
    await expect
      .poll(() => option.textContent())
      .toMatch(/^Needs youDeny: Bash echo palette-never/);
    await page.keyboard.press('Enter');
    const toast = page.getByTestId('toast').filter({ hasText: 'Denying Bash' });
    expect(await toast.getByTestId('countdown').innerText()).toMatch(/^[1-6] s left$/);
    await screenshot(page, 'home-deny-countdown-1400');
  }, 180_000);
});
