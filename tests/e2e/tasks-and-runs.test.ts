// The main path through the panel: an empty start, creating a task in the form (with validation
// messages), running it and watching text stream, stopping a run, a follow-up, and the costs.
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot } from '../support/browser';
import { cancelIfGoing } from '../support/serve-process';
import { currentRunId, inWorkDir, startStack, usd, waitForRunStatus, type Stack } from './stack';

let stack: Stack;

beforeAll(async () => {
  stack = await startStack();
});

afterAll(async () => {
  await stack.stop();
});

describe('tasks and runs', () => {
  it('starts empty, saying what to do first', async () => {
    const { page } = await stack.open();
    await page.getByText('Create your first task').first().waitFor();
    await screenshot(page, 'home-empty');
    await page.getByRole('link', { name: 'Tasks', exact: true }).click();
    await page.getByText('No tasks yet').waitFor();
    await screenshot(page, 'tasks-empty');
  });

  it('creates a task in the form, with messages next to bad fields', async () => {
    const { page } = await stack.open({ path: '/tasks/new' });
    await page.getByRole('button', { name: 'Create task' }).click();
    await expect(fieldError(page, 'Title')).resolves.toBe('Give the task a title.');
    await expect(fieldError(page, 'Working folder')).resolves.toBe('Choose a working folder.');

    await page.getByLabel('Title', { exact: true }).fill('Stream some words');
    await page
      .getByLabel('Prompt', { exact: true })
      .fill('Say something slowly [scenario:slow words=40 delay=120]');
    const missing = inWorkDir(stack, 'no-such-folder');
    await page.getByLabel('Working folder', { exact: true }).fill(missing);
    await page.getByRole('button', { name: 'Create task' }).click();
    // The server checks the folder exists; its 400 names the field, shown next to it.
    await expect(fieldError(page, 'Working folder')).resolves.toContain('does not exist');
    await screenshot(page, 'task-form-errors');

    mkdirSync(missing);
    await page.getByLabel('Working folder', { exact: true }).fill(missing);
    await page.getByLabel('Max turns', { exact: true }).fill('5');
    await page.getByRole('button', { name: 'Create task' }).click();
    await page.waitForURL(/\/tasks\/task_/);
    await page.getByRole('heading', { name: 'Stream some words' }).waitFor();
    const tasks = await stack.serve.call('tasks.list', {});
    expect(tasks.map((t) => [t.title, t.cwd, t.maxTurns])).toEqual([
      ['Stream some words', missing, 5],
    ]);
  });

  it('runs the task and shows text while the run is still going', async () => {
    const { page } = await stack.open({ path: '/tasks' });
    await page.getByRole('link', { name: 'Stream some words' }).click();
    await page.getByRole('button', { name: 'Run now' }).click();
    const runId = await currentRunId(page);
    await waitForRunStatus(page, 'running');
    const text = page.locator('.entry-text').first();
    await text.waitFor();
    // Seen while running: the words arrive before the run ends.
    const partial = await text.innerText();
    expect(partial).toMatch(/^The\b/);
    const statusWhileStreaming = (await stack.serve.call('runs.get', { runId })).status;
    expect(statusWhileStreaming).toBe('running');
    await screenshot(page, 'run-streaming');

    await waitForRunStatus(page, 'succeeded');
    await page.getByText(/^Finished · 1 step/).waitFor();
    expect(await page.getByTestId('run-cost').innerText()).toMatch(/^\$0\.\d+/);
    const run = await stack.serve.call('runs.get', { runId });
    expect(run.costUsd).toBeGreaterThan(0);
    const full = await page.locator('.entry-text').innerText();
    expect(full).toContain('the fake model streams this sentence slowly');
    expect(full.length).toBeGreaterThan(partial.length);
    await screenshot(page, 'run-finished');
  });

  it('stops a running run', async () => {
    const { page } = await stack.open({ path: '/tasks' });
    await page.getByRole('link', { name: 'Stream some words' }).click();
    await page
      .getByLabel('Extra instructions for this run (optional)', { exact: true })
      .fill('Take your time.');
    await page.getByRole('button', { name: 'Run now' }).click();
    const runId = await currentRunId(page);
    await page.locator('.entry-text').first().waitFor();
    await page.getByRole('button', { name: 'Stop' }).click();
    await waitForRunStatus(page, 'cancelled');
    await page.getByText(/^Stopped by you · /).waitFor();
    expect((await stack.serve.call('runs.get', { runId })).status).toBe('cancelled');
    expect(await page.getByRole('button', { name: 'Stop' }).count()).toBe(0);
    await screenshot(page, 'run-stopped');

    await page.getByRole('button', { name: 'Resume' }).click();
    await page.waitForURL((url) => !url.pathname.endsWith(runId));
    const resumedId = await currentRunId(page);
    await page.getByRole('link', { name: /continues an earlier run/ }).waitFor();
    await page.getByText('resumed', { exact: true }).waitFor();
    const resumed = await stack.serve.call('runs.get', { runId: resumedId });
    expect([resumed.parentRunId, resumed.trigger.kind]).toEqual([runId, 'resume']);
    await page.getByRole('button', { name: 'Stop' }).click();
    await waitForRunStatus(page, 'cancelled');
  });

  it('shows why a queued run waits, and stops it before it starts', async () => {
    await stack.serve.call('settings.update', { concurrency: 1 });
    const [task] = await stack.serve.call('tasks.list', {});
    if (!task) throw new Error('no task');
    const going = await stack.serve.call('tasks.run', { taskId: task.id });
    const waiting = await stack.serve.call('tasks.run', { taskId: task.id });
    try {
      const { page } = await stack.open({ path: `/runs/${waiting.id}` });
      await waitForRunStatus(page, 'queued');
      await page
        .getByText('Not started yet: Waiting for a free slot (1 at a time; change it in Settings).')
        .waitFor();
      await screenshot(page, 'run-queued');
      await page.getByRole('button', { name: 'Stop' }).click();
      await waitForRunStatus(page, 'cancelled');
      expect((await stack.serve.call('runs.get', { runId: waiting.id })).startedAt).toBeNull();
    } finally {
      await cancelIfGoing(stack.serve, going.id);
      await stack.serve.call('settings.update', { concurrency: 2 });
    }
  });

  it('sends a follow-up and shows the reply in the new run', async () => {
    const { page } = await stack.open({ path: '/tasks/new' });
    await page.getByLabel('Title', { exact: true }).fill('Chat a little');
    await page.getByLabel('Prompt', { exact: true }).fill('Hello there [scenario:followup]');
    await page.getByLabel('Working folder', { exact: true }).fill(stack.workDir);
    await page.getByRole('button', { name: 'Create task' }).click();
    await page.getByRole('button', { name: 'Run now' }).click();
    const firstRun = await currentRunId(page);
    await waitForRunStatus(page, 'succeeded');
    await page.getByText('Reply #1').waitFor();

    await page.getByLabel('Follow-up message', { exact: true }).fill('And once more');
    await page.getByRole('button', { name: 'Send follow-up' }).click();
    await page.waitForURL((url) => !url.pathname.endsWith(firstRun));
    const secondRun = await currentRunId(page);
    await waitForRunStatus(page, 'succeeded');
    await page.getByText('Reply #2: you said "And once more"').waitFor();
    const run = await stack.serve.call('runs.get', { runId: secondRun });
    expect(run.parentRunId).toBe(firstRun);
    // One conversation, one page: the earlier turn opens above, on this page.
    await page.getByRole('link', { name: /continues an earlier run/ }).click();
    await page.waitForURL(new RegExp(`/runs/${secondRun}\\?turn=${firstRun}$`));
    const earlier = page.locator(`details.thread-turn[data-run-id="${firstRun}"]`);
    await earlier.getByText('Reply #1').waitFor();
    // On its own, the earlier turn links on to the one that continued it.
    await earlier.getByRole('link', { name: 'Open this turn alone →' }).click();
    await page.waitForURL(new RegExp(`/runs/${firstRun}\\?alone=1$`));
    await page.getByRole('link', { name: /continued in a later run/ }).waitFor();
    // Two turns of real Claude Code: a cold start alone took 35 s on a loaded machine.
  }, 180_000);

  it('edits a task and deletes one after asking', async () => {
    const scratch = await stack.serve.call('tasks.create', {
      title: 'Scratch task',
      prompt: 'Nothing much',
      cwd: stack.workDir,
    });
    const { page } = await stack.open({ path: `/tasks/${scratch.id}` });
    await page.getByRole('link', { name: 'Edit' }).click();
    const title = page.getByLabel('Title', { exact: true });
    await title.fill('Scratch task, renamed');
    await page.getByLabel('Allowed tools', { exact: true }).fill('Read, Grep');
    await page.getByLabel('Secrets as environment variables', { exact: true }).fill('NOT A NAME');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect(fieldError(page, 'Secrets as environment variables')).resolves.toContain(
      'is not an environment variable name',
    );
    await page.getByLabel('Secrets as environment variables', { exact: true }).fill('');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('heading', { name: 'Scratch task, renamed' }).waitFor();
    const edited = await stack.serve.call('tasks.get', { taskId: scratch.id });
    expect([edited.title, edited.allowedTools]).toEqual([
      'Scratch task, renamed',
      ['Read', 'Grep'],
    ]);

    await page.getByRole('button', { name: 'Delete' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete this task?' });
    await dialog
      .getByText('“Scratch task, renamed” leaves the task list.', { exact: false })
      .waitFor();
    await screenshot(page, 'task-delete-confirm');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect((await stack.serve.call('tasks.list', {})).some((t) => t.id === scratch.id)).toBe(true);
    await page.getByRole('button', { name: 'Delete' }).click();
    await dialog.getByRole('button', { name: 'Delete task' }).click();
    await page.waitForURL(/\/tasks$/);
    expect((await stack.serve.call('tasks.list', {})).some((t) => t.id === scratch.id)).toBe(false);
    expect(await page.getByRole('link', { name: 'Scratch task, renamed' }).count()).toBe(0);
  });

  it('shows what the runs cost on Home and the costs page', async () => {
    const runs = await stack.serve.call('runs.list', {});
    const total = runs.reduce((sum, run) => sum + run.costUsd, 0);
    expect(total).toBeGreaterThan(0);
    const { page } = await stack.open();
    await page.getByRole('heading', { name: 'Recent runs' }).waitFor();
    await screenshot(page, 'home');
    expect(await page.getByTestId('spend-today').innerText()).toBe(usd(total));

    await page.getByRole('link', { name: 'Costs', exact: true }).click();
    await page.getByTestId('costs-total').waitFor();
    expect(await page.getByTestId('costs-total').innerText()).toBe(usd(total));
    const byTask = page.getByRole('table', { name: 'Spend by task' });
    await byTask.getByRole('link', { name: 'Stream some words' }).waitFor();
    await page.locator('.cost-chart .recharts-bar-rectangle').first().waitFor();
    await screenshot(page, 'costs');
    const dark = await stack.open({ path: '/costs', colorScheme: 'dark', width: 900 });
    await dark.page.locator('.cost-chart .recharts-bar-rectangle').first().waitFor();
    await screenshot(dark.page, 'costs-900-dark');
    await dark.page.getByRole('link', { name: 'Home', exact: true }).click();
    await dark.page.getByRole('heading', { name: 'Recent runs' }).waitFor();
    await screenshot(dark.page, 'home-900-dark');
  });
});

async function fieldError(page: import('playwright-core').Page, label: string): Promise<string> {
  const field = page.locator('.field', { has: page.getByLabel(label, { exact: true }) });
  return field.locator('.field-error').innerText();
}
