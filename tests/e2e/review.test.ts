// Reviewing a run in the panel: a worktree run's changes wait in the inbox, the diff shows with
// counts, side by side and highlighted (a 5,000-line file stays virtualised), a line gets a comment,
// the run is sent back with feedback (the agent receives both), and the follow-up is approved and
// merged into the person's branch.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot } from '../support/browser';
import { waitFor } from '../support/serve-process';
import { startTask } from '../support/start-task';
import { currentRunId, startStack, waitForRunStatus, type Stack } from './stack';

let stack: Stack;

beforeAll(async () => {
  stack = await startStack();
});

afterAll(async () => {
  await stack.stop();
});

function makeRepo(): string {
  const repo = join(stack.workDir, 'repo');
  mkdirSync(join(repo, 'src'), { recursive: true });
  const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, encoding: 'utf8' });
  git('init', '-q', '-b', 'main');
  git('config', 'user.name', 'Person');
  git('config', 'user.email', 'person@example.com');
  writeFileSync(join(repo, 'src', 'app.ts'), 'export const line = 1;\nexport const old = 2;\n');
  git('add', '-A');
  git('commit', '-q', '-m', 'start');
  return repo;
}

async function pendingReview(runId: string) {
  return waitFor(`a pending review of ${runId}`, async () =>
    (await stack.serve.call('reviews.list', { status: 'pending' })).find((r) => r.runId === runId),
  );
}

describe('reviewing a run', () => {
  it('shows the diff, takes a line comment, sends the run back, then approves and merges', async () => {
    const repo = makeRepo();
    const task = await stack.serve.call('tasks.create', {
      title: 'Rewrite the app',
      prompt:
        '[scenario:writes files=src/app.ts,notes.md lines=5000 content=export%20const%20line%20%3D]',
      cwd: repo,
      isolation: 'worktree',
      permissionMode: 'acceptEdits',
    });
    const first = await stack.serve.call('tasks.run', { taskId: task.id });
    await pendingReview(first.id);

    const { page } = await stack.open({ path: '/inbox' });
    const item = page.locator(`[data-review-run="${first.id}"]`);
    await item.waitFor();
    expect(await item.innerText()).toContain('2 files changed, to merge into main');
    expect(await page.locator('.nav-badge').innerText()).toBe('1');
    await screenshot(page, 'review-inbox');

    await item.getByRole('link', { name: 'Review changes' }).click();
    await page.getByRole('tab', { name: 'Changes', selected: true }).waitFor();
    const files = page.getByRole('navigation', { name: 'Changed files' });
    await files.getByRole('button', { name: /notes\.md/ }).waitFor();
    expect(await files.getByRole('button', { name: /app\.ts/ }).innerText()).toMatch(/\+5000\s+−2/);
    await files.getByRole('button', { name: /app\.ts/ }).click();
    // Highlighted once highlight.js has loaded; only the rows on screen exist.
    await page.locator('.rd-add .rd-code .hljs-keyword').first().waitFor();
    expect(await page.locator('.rd-row').count()).toBeLessThan(200);
    await screenshot(page, 'review-diff-unified');

    await page.getByRole('button', { name: 'Side by side' }).click();
    await page.locator('.rd-pair').first().waitFor();
    await screenshot(page, 'review-diff-side-by-side');
    await page.getByRole('button', { name: 'Unified' }).click();

    await page.locator('.rd-add button[aria-label="Comment on line 2"]').click();
    await page.getByPlaceholder('What should change on line 2?').fill('Name this constant better.');
    await page.getByRole('button', { name: 'Add comment' }).click();
    await page.locator('.rd-comment', { hasText: 'Name this constant better.' }).waitFor();
    await screenshot(page, 'review-line-comment');

    const requestChanges = page.getByRole('button', { name: 'Request changes (1 comment)' });
    // Escape folds an empty feedback box back onto its button.
    await requestChanges.click();
    await page.getByLabel('What should change').focus();
    await page.keyboard.press('Escape');
    await page.getByLabel('What should change').waitFor({ state: 'detached' });
    expect(await requestChanges.evaluate((el) => el === document.activeElement)).toBe(true);
    await requestChanges.click();
    await page.getByLabel('What should change').fill('Please add a header to notes.md too.');
    await screenshot(page, 'review-request-changes');
    await page.getByRole('button', { name: 'Send back' }).click();
    const secondId = await waitFor('the follow-up run to open', async () => {
      const id = await currentRunId(page);
      return id !== first.id ? id : undefined;
    });
    await waitForRunStatus(page, 'succeeded');
    const sent = stack.fake.requests.map((r) => r.lastUserText).join('\n');
    expect(sent).toContain('Please add a header to notes.md too.');
    expect(sent).toContain('src/app.ts, line 2: Name this constant better.');
    // The session id as recorded once the first run ran (a warm start takes Claude Code's own).
    const firstDone = await stack.serve.call('runs.get', { runId: first.id });
    const second = await stack.serve.call('runs.get', { runId: secondId });
    expect(second.sessionId).toBe(firstDone.sessionId);

    await pendingReview(secondId);
    await page.getByRole('tab', { name: 'Changes' }).click();
    await page.getByRole('button', { name: 'Approve and merge into main' }).click();
    await page.locator('.review-status', { hasText: 'Approved' }).waitFor();
    expect(await page.locator('.review-message').innerText()).toContain('Merged into main');
    await screenshot(page, 'review-approved');

    const merged = readFileSync(join(repo, 'src', 'app.ts'), 'utf8').split('\n');
    expect(merged[1]).toBe('export const line = 2');
    expect(execFileSync('git', ['status', '--porcelain'], { cwd: repo, encoding: 'utf8' })).toBe(
      '',
    );
    await expect.poll(() => page.locator('.nav-badge').count(), { timeout: 10_000 }).toBe(0);
  });

  it('shows a plan for approval, keeps planning after feedback, then goes on once approved', async () => {
    await stack.serve.call('settings.update', { defaultPermissionMode: 'acceptEdits' });
    const folder = join(stack.workDir, 'plan');
    mkdirSync(folder);
    const { run } = await startTask(stack.serve, {
      title: 'Plan the change',
      prompt: '[scenario:plan]',
      cwd: folder,
      permissionMode: 'plan',
    });
    const { page } = await stack.open({ path: '/inbox' });
    const card = page.getByRole('article', { name: 'Claude proposes a plan' });
    await card.locator('.plan-text h1', { hasText: 'Plan' }).waitFor();
    await screenshot(page, 'plan-approval');
    await card.getByLabel('Feedback on the plan').fill('Add a test step first.');
    await card.getByRole('button', { name: 'Keep planning' }).click();

    const revised = page.locator('.plan-text', { hasText: 'Add a test step first.' });
    await revised.waitFor();
    await page.getByRole('button', { name: 'Approve plan' }).click();
    const done = await waitFor('the planned run to finish', async () => {
      const current = await stack.serve.call('runs.get', { runId: run.id });
      return current.status === 'succeeded' || current.status === 'failed' ? current : undefined;
    });
    expect(done.status).toBe('succeeded');
    expect(readFileSync(join(folder, 'plan-done.txt'), 'utf8')).toBe('done by plan\n');
    await stack.serve.call('settings.update', { defaultPermissionMode: 'default' });
  });
});
