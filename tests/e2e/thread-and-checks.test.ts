// A conversation reads as one thread (earlier turns folded above, each with its status and cost,
// the follow-up box inline), and a task whose folder was deleted says so before and instead of
// starting, offering only what can work.
import { mkdirSync, rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot } from '../support/browser';
import {
  createTask,
  currentRunId,
  inWorkDir,
  startStack,
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
  it('shows earlier turns folded above the latest, with the follow-up box inline', async () => {
    const taskId = await createTask(stack, 'Chat in one thread', 'Hello there [scenario:followup]');
    const { page } = await stack.open({ path: `/tasks/${taskId}` });
    await page.getByRole('button', { name: 'Run now' }).click();
    const first = await currentRunId(page);
    await waitForRunStatus(page, 'succeeded');
    // One turn only: no thread block yet.
    expect(await page.getByRole('region', { name: 'Conversation' }).count()).toBe(0);

    for (const message of ['Second message', 'Third message']) {
      const before = await currentRunId(page);
      await page.getByLabel('Follow-up message', { exact: true }).fill(message);
      await page.getByRole('button', { name: 'Send follow-up' }).click();
      await page.waitForURL((url) => !url.pathname.endsWith(before));
      await waitForRunStatus(page, 'succeeded');
    }
    const third = await currentRunId(page);
    const thread = page.getByRole('region', { name: 'Conversation' });
    await expect
      .poll(() => thread.locator('.thread-head').textContent())
      .toMatch(/^Turn 3 of 3 in this conversation · \$[\d.]+ in all/);
    const turns = thread.locator('details.thread-turn');
    await expect(turns.count()).resolves.toBe(2);
    const firstTurn = turns.first();
    await expect(firstTurn.getAttribute('data-run-id')).resolves.toBe(first);
    await expect(firstTurn.locator('summary').textContent()).resolves.toMatch(
      /^Turn 1Hello there \[scenario:followup\]Succeeded\d+s · \$[\d.]+$/,
    );
    // Folded until asked: then the earlier answer shows in place.
    expect(await firstTurn.getByText('Reply #1').isVisible()).toBe(false);
    await firstTurn.locator('summary').click();
    await firstTurn.getByText('Reply #1').waitFor();
    await expect(turns.nth(1).locator('summary').textContent()).resolves.toContain(
      'Second message',
    );
    // The latest turn's own transcript and the inline follow-up box are still there.
    await page.getByText('Reply #3: you said "Third message"').waitFor();
    await page.getByLabel('Follow-up message', { exact: true }).waitFor();
    await screenshot(page, 'run-thread');

    // From an earlier turn, the way on to the latest.
    await page.goto(`${stack.serve.url}/runs/${first}`);
    await page.getByRole('link', { name: 'Go to the latest turn →' }).click();
    await page.waitForURL(new RegExp(`/runs/${third}$`));
  });
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
