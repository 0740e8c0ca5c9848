// The panel tells the truth at a glance (Chromium against serve, real Claude Code, fake API): a
// request still pending after a restart reads as waiting, not as an error; a review sent back
// stays in view until its follow-up has a review of its own; Home's Needs you and the inbox badge
// count the same items.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeAnthropic, type FakeAnthropic } from '../fixtures/fake-anthropic/server';
import { launchBrowser, openPanel, screenshotEach } from '../support/browser';
import { tempDir } from '../support/claude-env';
import { startServe, untilRunStatus, waitFor } from '../support/serve-process';
import { createTask, startStack, type Stack } from './stack';

/** Generous: two cores shared by many suites can make a cold Claude Code slow to ask. */
const ASK_MS = 90_000;

describe('a request pending across a restart', () => {
  let fake: FakeAnthropic;
  beforeAll(async () => {
    fake = await startFakeAnthropic();
  });
  afterAll(async () => {
    await fake.close();
  });

  it('reads as waiting for you, with no error, after Switchboard restarts', async () => {
    const dataDir = tempDir('data');
    const cwd = tempDir('work');
    const first = await startServe({ fakeUrl: fake.url, dataDir });
    let runId: string;
    try {
      const task = await first.call('tasks.create', {
        title: 'Asks before a restart',
        prompt: `Run it [scenario:bash command=${encodeURIComponent('echo hi > hi.txt')}]`,
        cwd,
      });
      runId = (await first.call('tasks.run', { taskId: task.id })).id;
      await waitFor(
        'the request',
        async () =>
          (await first.call('approvals.list', { status: 'pending', runId })).length > 0 ||
          undefined,
        ASK_MS,
      );
    } finally {
      // An ordinary stop (quit, restart): the session is ended under the pending request.
      await first.stop('SIGTERM');
    }

    const second = await startServe({ fakeUrl: fake.url, dataDir });
    const browser = await launchBrowser();
    try {
      const { page } = await openPanel(browser, second, { path: `/runs/${runId}`, width: 1400 });
      const card = page.locator('.tool-card.tool-waiting');
      await card.waitFor();
      expect(await card.locator('.tool-state').innerText()).toBe('Waiting for you');
      await card.getByRole('button', { name: 'Allow', exact: true }).waitFor();
      const transcript = await page.locator('#content').innerText();
      expect(transcript).not.toContain("doesn't want to proceed");
      expect(transcript).not.toContain('Ended with an error');
      expect(await page.locator('.entry-result-error, .entry-error').count()).toBe(0);
      await screenshotEach(page, 'restart-pending-waiting');
    } finally {
      await browser.close();
      await second.stop();
    }
  }, 180_000);
});

describe('what needs you', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
    await stack.serve.call('settings.update', { concurrency: 4 });
  });
  afterAll(async () => {
    await stack.stop();
  });

  function makeRepo(): string {
    const repo = join(stack.workDir, 'repo');
    mkdirSync(repo, { recursive: true });
    const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, encoding: 'utf8' });
    git('init', '-q', '-b', 'main');
    git('config', 'user.name', 'Person');
    git('config', 'user.email', 'person@example.com');
    writeFileSync(join(repo, 'notes.md'), 'start\n');
    git('add', '-A');
    git('commit', '-q', '-m', 'start');
    return repo;
  }

  it('keeps a sent-back review in view, and Home, the inbox and its badge count the same', async () => {
    const task = await stack.serve.call('tasks.create', {
      title: 'Edit the notes',
      prompt: '[scenario:writes files=notes.md content=rewritten]',
      cwd: makeRepo(),
      // In place: a follow-up that changes nothing has nothing of its own to review (a worktree
      // follow-up would show the earlier run's changes too, and so have a review).
      reviewEachRun: true,
      permissionMode: 'acceptEdits',
    });
    const run = await stack.serve.call('tasks.run', { taskId: task.id });
    await waitFor(
      'the review',
      async () =>
        (await stack.serve.call('reviews.list', { status: 'pending' })).find(
          (review) => review.runId === run.id,
        ),
      ASK_MS,
    );
    // Sent back: the follow-up answers in words and changes nothing, so it has no review.
    const followUp = await stack.serve.call('runs.review', {
      runId: run.id,
      decision: 'changes',
      feedback: 'Say what you changed, change nothing else.',
    });
    const ended = await untilRunStatus(stack.serve, followUp.id, ['succeeded', 'failed'], ASK_MS);
    expect(ended.status).toBe('succeeded');
    // And one request waits too.
    const asking = await createTask(
      stack,
      'Asks meanwhile',
      `Run it [scenario:bash command=${encodeURIComponent('echo x > x.txt')}]`,
    );
    const askingRun = await stack.serve.call('tasks.run', { taskId: asking });
    await waitFor(
      'the request',
      async () =>
        (await stack.serve.call('approvals.list', { status: 'pending', runId: askingRun.id }))
          .length > 0 || undefined,
      ASK_MS,
    );

    const { page } = await stack.open({ path: '/inbox', width: 1400 });
    const sentBack = page.locator(`[data-review-run="${run.id}"]`);
    await sentBack.waitFor();
    expect(await sentBack.innerText()).toContain('sent back');
    await sentBack.getByRole('link', { name: 'Open the follow-up' }).waitFor();
    await page.locator('.approval-card[data-approval-id]').waitFor();
    const badge = page.getByTestId('inbox-badge');
    await expect.poll(() => badge.innerText()).toBe('2');
    await screenshotEach(page, 'inbox-sent-back-review');

    await page.getByRole('link', { name: 'Home', exact: true }).click();
    const count = page.getByTestId('needs-you-count');
    await expect.poll(() => count.innerText()).toBe('2');
    expect(await badge.innerText()).toBe('2');
    await page.locator(`[data-review-run="${run.id}"]`).waitFor();
    await screenshotEach(page, 'home-needs-you');
  }, 240_000);
});
