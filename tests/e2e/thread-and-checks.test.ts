// A conversation reads as one thread on one page (earlier turns folded above, each with its status
// and cost and opening to its whole transcript, one total, the follow-up box at the end; an earlier
// turn's own address opens the thread at that turn), and a task whose folder was deleted says so before and instead of
// starting, offering only what can work.
import { mkdirSync, rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot, screenshotEach } from '../support/browser';
import {
  createTask,
  currentRunId,
  inWorkDir,
  startStack,
  usd,
  waitForRunStatus,
  type Stack,
} from './stack';

let stack: Stack;

beforeAll(async () => {
  stack = await startStack();
});

afterAll(async () => {
  await stack.stop();
});

describe('a conversation as one thread', () => {
  it('shows every turn on one page with one total, and opens an old address at its turn', async () => {
    const taskId = await createTask(stack, 'Chat in one thread', 'Hello there [scenario:followup]');
    const { page } = await stack.open({ path: `/tasks/${taskId}`, width: 1400, height: 900 });
    await page.getByRole('button', { name: 'Run now' }).click();
    const first = await currentRunId(page);
    await waitForRunStatus(page, 'succeeded', 180_000);
    // One turn only: no thread block yet, and the header counts no conversation.
    expect(await page.getByRole('region', { name: 'Conversation' }).count()).toBe(0);
    expect(await page.getByTestId('thread-turns').count()).toBe(0);

    for (const message of ['Second message', 'Third message']) {
      const before = await currentRunId(page);
      await page.getByLabel('Follow-up message', { exact: true }).fill(message);
      await page.getByRole('button', { name: 'Send follow-up' }).click();
      await page.waitForURL((url) => !url.pathname.endsWith(before));
      await waitForRunStatus(page, 'succeeded', 180_000);
    }
    const third = await currentRunId(page);
    const runs = await stack.serve.call('runs.thread', { runId: third });
    const total = runs.reduce((sum, run) => sum + run.costUsd, 0);
    const thread = page.getByRole('region', { name: 'Conversation' });
    await expect
      .poll(() => thread.locator('.thread-head').textContent())
      .toBe(`Turn 3 of 3 in this conversation · ${usd(total)} in all`);
    // The header says the same total and turn count; the closing line says this turn's own cost,
    // as the header's "this turn" does (Claude Code's own figure counts the whole session).
    await expect(page.getByTestId('thread-turns').innerText()).resolves.toBe('3');
    await expect(page.getByTestId('thread-cost').innerText()).resolves.toMatch(
      new RegExp(`^\\${usd(total)} `),
    );
    const thisTurn = runs.at(-1)?.costUsd ?? NaN;
    await expect(page.getByTestId('run-cost').innerText()).resolves.toBe(
      `${usd(thisTurn)} this turn`,
    );
    await expect(page.locator('.entry-result').innerText()).resolves.toMatch(
      new RegExp(`· \\${usd(thisTurn)}$`),
    );
    const turns = thread.locator('details.thread-turn');
    await expect(turns.count()).resolves.toBe(2);
    const firstTurn = turns.first();
    await expect(firstTurn.getAttribute('data-run-id')).resolves.toBe(first);
    await expect(firstTurn.locator('summary').textContent()).resolves.toMatch(
      /^Turn 1Hello there \[scenario:followup\]Succeeded(?:\d+m )?\d+s · \$[\d.]+$/,
    );
    // Folded until asked: then the earlier turn's whole transcript shows in place.
    expect(await firstTurn.getByText('Reply #1').isVisible()).toBe(false);
    await firstTurn.locator('summary').click();
    const firstLog = firstTurn.getByRole('log', { name: 'Transcript of turn 1' });
    await firstLog.getByText('Reply #1').waitFor();
    await expect(firstLog.locator('.entry-prompt').innerText()).resolves.toContain('Hello there');
    await expect(turns.nth(1).locator('summary').textContent()).resolves.toContain(
      'Second message',
    );
    // The latest turn's own transcript and the follow-up box at the end are still there.
    await page.getByText('Reply #3: you said "Third message"').waitFor();
    await page.getByLabel('Follow-up message', { exact: true }).waitFor();
    await screenshot(page, 'run-thread');

    // An earlier turn's old address opens the thread there: that turn open, in view and marked.
    const second = runs[1]?.id ?? '';
    await page.goto(`${stack.serve.url}/runs/${second}`);
    await page.waitForURL(new RegExp(`/runs/${third}\\?turn=${second}$`));
    const target = page.locator(`details.thread-turn[data-run-id="${second}"]`);
    await expect(target.getAttribute('aria-current')).resolves.toBe('location');
    await expect(target.evaluate((el: HTMLDetailsElement) => el.open)).resolves.toBe(true);
    await target.getByText('Reply #2: you said "Second message"').waitFor();
    const inView = () =>
      target.evaluate((el) => {
        const box = el.getBoundingClientRect();
        const scroller = el.closest('.thread')?.getBoundingClientRect();
        return scroller !== undefined && box.top >= scroller.top - 1 && box.top < scroller.bottom;
      });
    await expect.poll(inView).toBe(true);
    expect(
      await page.locator(`details.thread-turn[data-run-id="${first}"]`).getAttribute('open'),
    ).toBeNull();
    await page.getByLabel('Follow-up message', { exact: true }).waitFor();
    await screenshotEach(page, 'run-thread-at-turn');

    // Asked for alone, a turn stays itself, with the way on to the whole thread.
    await target.getByRole('link', { name: 'Open this turn alone →' }).click();
    await page.waitForURL(new RegExp(`/runs/${second}\\?alone=1$`));
    await page.getByRole('link', { name: 'Go to the latest turn →' }).click();
    await page.waitForURL(new RegExp(`/runs/${third}\\?turn=${second}$`));
    // Three turns of real Claude Code: a cold start alone took 55 s on a loaded machine.
  }, 480_000);
});

describe('a task whose folder is gone', () => {
  it('says so on the task page and refuses to start, with no Resume or follow-up', async () => {
    const folder = inWorkDir(stack, 'soon-gone');
    mkdirSync(folder);
    const taskId = await createTask(stack, 'Works in a folder', 'Hi [scenario:text]', {
      cwd: folder,
    });
    const earlier = await stack.serve.call('tasks.run', { taskId });
    const { page } = await stack.open({ path: `/runs/${earlier.id}` });
    await waitForRunStatus(page, 'succeeded');
    await page.getByLabel('Follow-up message', { exact: true }).waitFor();

    rmSync(folder, { recursive: true });
    const runsBefore = (await stack.serve.call('runs.list', { taskId })).length;

    await page.goto(`${stack.serve.url}/tasks/${taskId}`);
    const alert = page.getByRole('alert').filter({ hasText: 'is gone' });
    await expect(alert.textContent()).resolves.toContain(
      `The folder ${folder} is gone. Edit the task and choose its folder again`,
    );
    await expect(page.getByRole('button', { name: 'Run now' }).isDisabled()).resolves.toBe(true);
    await screenshot(page, 'task-folder-gone');

    // The engine refuses too, in the same words, and creates no run.
    const response = await stack.serve.request('/rpc/tasks.run', {
      method: 'POST',
      body: JSON.stringify({ taskId }),
    });
    expect(response.status).toBe(409);
    const body = (await response.json()) as { error: { message: string } };
    expect(body.error.message).toBe(
      `The folder ${folder} is gone. — Edit the task and choose its folder again, or restore the folder.`,
    );
    expect((await stack.serve.call('runs.list', { taskId })).length).toBe(runsBefore);

    // The earlier run no longer offers a follow-up that could not start.
    await page.goto(`${stack.serve.url}/runs/${earlier.id}`);
    await page.getByRole('alert').filter({ hasText: 'is gone' }).waitFor();
    expect(await page.getByLabel('Follow-up message', { exact: true }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Resume' }).count()).toBe(0);
    await screenshot(page, 'run-folder-gone');

    // The fix is one click away.
    await page.getByRole('link', { name: 'Edit task' }).click();
    await page.waitForURL(new RegExp(`/tasks/${taskId}/edit$`));
  });
});

describe('limits shown before they bite', () => {
  it('counts the title against its limit and stops typing there', async () => {
    const { page } = await stack.open({ path: '/tasks/new' });
    const title = page.getByLabel('Title', { exact: true });
    await title.fill('x'.repeat(195));
    const field = page.locator('.field', { has: title });
    await expect(field.locator('.title-counter').textContent()).resolves.toBe(
      '195 / 200 characters',
    );
    await title.press('End');
    await page.keyboard.type('y'.repeat(10));
    await expect(title.inputValue()).resolves.toHaveLength(200);
    await expect(field.locator('.title-counter').textContent()).resolves.toBe(
      '200 / 200 characters',
    );
    expect(await field.locator('.field-error').count()).toBe(0);
  });
});
