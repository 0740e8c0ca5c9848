// How the transcript reads: Markdown (and no raw HTML), folded thinking, a todo checklist, an
// edit shown as a diff before it is allowed, and a huge command output that stays inside its card.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot } from '../support/browser';
import { createTask, startStack, waitForRunStatus, type Stack } from './stack';

let stack: Stack;

beforeAll(async () => {
  stack = await startStack();
});

afterAll(async () => {
  await stack.stop();
});

async function openRun(taskId: string, options: { width?: number; colorScheme?: 'dark' } = {}) {
  const run = await stack.serve.call('tasks.run', { taskId });
  const panel = await stack.open({ path: `/runs/${run.id}`, ...options });
  return { ...panel, runId: run.id };
}

/** Nothing may stick out sideways: the page and the content area scroll only vertically. */
async function expectNoSidewaysOverflow(page: Page): Promise<void> {
  const overflow = await page.evaluate(() => {
    const content = document.querySelector('.content');
    return {
      page: document.documentElement.scrollWidth - window.innerWidth,
      content: content ? content.scrollWidth - content.clientWidth : 0,
      transcript: [...document.querySelectorAll('.transcript-row')].map(
        (row) => row.scrollWidth - row.clientWidth,
      ),
    };
  });
  expect(overflow.page).toBeLessThanOrEqual(0);
  expect(overflow.content).toBeLessThanOrEqual(0);
  for (const row of overflow.transcript) expect(row).toBeLessThanOrEqual(0);
}

describe('transcript', () => {
  it('renders Markdown without raw HTML, and folds thinking', async () => {
    const markdownTask = await createTask(stack, 'Markdown report', 'Report [scenario:markdown]');
    const { page } = await openRun(markdownTask);
    await waitForRunStatus(page, 'succeeded');
    const markdown = page.locator('.entry-text .markdown');
    await markdown.locator('h1', { hasText: 'Fake report' }).waitFor();
    expect(await markdown.locator('li strong').innerText()).toBe('First');
    expect(await markdown.locator('pre code').innerText()).toContain(
      "export const greeting = 'hello';",
    );
    expect(await markdown.locator('a').getAttribute('href')).toBe('https://example.com/docs');
    await screenshot(page, 'run-markdown');

    const htmlTask = await createTask(
      stack,
      'Raw HTML stays text',
      `Say [scenario:text say=${encodeURIComponent('<img src=x onerror="window.__pwned=1"><b>bold?</b> done')}]`,
    );
    const html = await openRun(htmlTask);
    await waitForRunStatus(html.page, 'succeeded');
    await html.page.locator('.entry-text', { hasText: 'done' }).waitFor();
    expect(await html.page.locator('.entry-text img').count()).toBe(0);
    expect(await html.page.locator('.entry-text b').count()).toBe(0);
    expect(
      await html.page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned),
    ).toBeUndefined();

    const thinkingTask = await createTask(stack, 'Think first', 'Multiply [scenario:thinking]');
    const thinking = await openRun(thinkingTask);
    await waitForRunStatus(thinking.page, 'succeeded');
    const folded = thinking.page.locator('details.entry-thinking');
    await folded.waitFor();
    expect(await folded.getAttribute('open')).toBeNull();
    expect(await thinking.page.getByText('Six times seven is forty-two.').isVisible()).toBe(false);
    await folded.locator('summary').click();
    await thinking.page.getByText('Six times seven is forty-two.').waitFor();
    await thinking.page.locator('.entry-text', { hasText: 'the answer is 42' }).waitFor();
  });

  it('says in plain words when the API asks to wait and the call is retried', async () => {
    const taskId = await createTask(stack, 'Rate limited once', 'Go [scenario:ratelimit]');
    const { page } = await openRun(taskId);
    await waitForRunStatus(page, 'succeeded');
    const retry = page.locator('.entry-warning');
    expect(await retry.innerText()).toMatch(
      /^The API call failed \(rate limited by the API \(HTTP 429\)\)\. Trying again in \ds \(attempt 1 of \d+\)\.$/,
    );
    await page.locator('.entry-text', { hasText: 'Recovered after a rate limit.' }).waitFor();
  });

  it('shows a todo list as a checklist with its progress', async () => {
    const taskId = await createTask(stack, 'Plan the work', 'Plan [scenario:todo]', {
      allowedTools: ['TodoWrite'],
    });
    const { page } = await openRun(taskId);
    await waitForRunStatus(page, 'succeeded');
    const todo = page.locator('.tool-card .todo');
    await todo.waitFor();
    expect(await todo.locator('.todo-progress').innerText()).toContain('1 of 3 done');
    expect(await todo.locator('.todo-item').allInnerTexts()).toEqual([
      expect.stringContaining('Read the code'),
      expect.stringContaining('Writing the fix'),
      expect.stringContaining('Run the tests'),
    ]);
    await screenshot(page, 'run-todo');
  });

  it('shows an edit as a diff before it is allowed', async () => {
    const dir = join(stack.workDir, 'edit');
    mkdirSync(dir);
    writeFileSync(join(dir, 'README.md'), 'Hello world\nSecond line\n');
    const taskId = await createTask(
      stack,
      'Edit the readme',
      'Edit [scenario:edit file=README.md]',
      { cwd: dir },
    );
    const { page } = await openRun(taskId);
    const edit = page.locator('.tool-card.tool-waiting', {
      has: page.locator('.tool-name', { hasText: /^Edit$/ }),
    });
    await edit.waitFor();
    expect(await edit.locator('.diff-removed').innerText()).toContain('Hello world');
    expect(await edit.locator('.diff-added').innerText()).toContain(
      'Hello world (edited by the fake model)',
    );
    await screenshot(page, 'run-edit-diff');
    await edit.getByRole('button', { name: 'Allow', exact: true }).click();
    await waitForRunStatus(page, 'succeeded');
    expect(readFileSync(join(dir, 'README.md'), 'utf8')).toBe(
      'Hello world (edited by the fake model)\nSecond line\n',
    );
    // The Read call is one line (the decided Edit stays open, its outcome showing).
    const read = page.locator('.tool-card', {
      has: page.locator('.tool-name', { hasText: /^Read$/ }),
    });
    expect(await read.locator('button.tool-head').getAttribute('aria-expanded')).toBe('false');
    expect(await read.locator('.tool-result').count()).toBe(0);
    const edited = page.locator('.tool-card', {
      has: page.locator('.tool-name', { hasText: /^Edit$/ }),
    });
    expect(await edited.locator('button.tool-head').getAttribute('aria-expanded')).toBe('true');
    await edited.getByText('Allowed by you.').waitFor();
  });

  it('keeps a very long title, command and output inside their boxes', async () => {
    const title = `A task with a very long name that goes on ${'and on '.repeat(14)}until it ends`;
    const longArgument = 'x'.repeat(400);
    const command = `seq 1 3000 && echo ${longArgument}`;
    const taskId = await createTask(
      stack,
      title,
      `Run [scenario:bash command=${encodeURIComponent(command)}]`,
      {
        // Allowed up front: bypassPermissions is refused when tests run as root.
        allowedTools: ['Bash'],
      },
    );
    const { page, runId } = await openRun(taskId);
    await waitForRunStatus(page, 'succeeded');
    await page.getByRole('button', { name: 'Expand all' }).click();
    const output = page.locator('.tool-card .output');
    await output.waitFor();
    expect(await output.innerText()).toContain('2999\n3000');
    const box = await output.boundingBox();
    expect(box?.height).toBeLessThanOrEqual(400);
    await expectNoSidewaysOverflow(page);
    await screenshot(page, 'run-long-command');

    const narrow = await stack.open({ path: `/runs/${runId}`, width: 900 });
    await waitForRunStatus(narrow.page, 'succeeded');
    await narrow.page.getByRole('button', { name: 'Expand all' }).click();
    await narrow.page.locator('.tool-card .output').waitFor();
    await expectNoSidewaysOverflow(narrow.page);
    await screenshot(narrow.page, 'run-long-command-900');

    await narrow.page.goto(`${stack.serve.url}/tasks`);
    await narrow.page.locator('.task-table').waitFor();
    await expectNoSidewaysOverflow(narrow.page);
    await screenshot(narrow.page, 'tasks-long-name-900');

    const dark = await stack.open({ path: `/runs/${runId}`, colorScheme: 'dark' });
    await waitForRunStatus(dark.page, 'succeeded');
    await dark.page.getByRole('button', { name: 'Expand all' }).click();
    await dark.page.locator('.tool-card .output').waitFor();
    const background = await dark.page.evaluate(
      () => getComputedStyle(document.body).backgroundColor,
    );
    expect(background).toBe('rgb(20, 22, 27)');
    await screenshot(dark.page, 'run-long-command-dark');
  });
});
