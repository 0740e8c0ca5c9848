// Worktree runs in the panel: approving and discarding offer Undo in a toast (and undo it), the
// follow-up box after a merge says where the conversation continues, and deleting a task lists
// its unmerged branches, keeps them unless ticked by name, and comes back with Undo.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { screenshot } from '../support/browser';
import { waitFor } from '../support/serve-process';
import { startStack, waitForRunStatus, type Stack } from './stack';

let stack: Stack;
// Runs of real Claude Code on a busy machine: more time than the suite's default.
vi.setConfig({ testTimeout: 400_000 });

beforeAll(async () => {
  stack = await startStack();
});

afterAll(async () => {
  await stack.stop();
});

function makeRepo(name: string): string {
  const repo = join(stack.workDir, name);
  mkdirSync(repo, { recursive: true });
  const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, encoding: 'utf8' });
  git('init', '-q', '-b', 'main');
  git('config', 'user.name', 'Person');
  git('config', 'user.email', 'person@example.com');
  writeFileSync(join(repo, 'README.md'), 'hello\n');
  git('add', '-A');
  git('commit', '-q', '-m', 'start');
  return repo;
}

async function worktreeRun(repo: string, title: string) {
  const task = await stack.serve.call('tasks.create', {
    title,
    prompt: '[scenario:writes files=notes.txt,todo.txt]',
    cwd: repo,
    isolation: 'worktree',
    permissionMode: 'acceptEdits',
  });
  const run = await stack.serve.call('tasks.run', { taskId: task.id });
  await waitFor(
    `a pending review of ${run.id}`,
    async () =>
      (await stack.serve.call('reviews.list', { status: 'pending' })).find(
        (r) => r.runId === run.id,
      ),
    150_000,
  );
  return { task, run };
}

describe('worktree runs', () => {
  it('merges with an Undo toast, undoes it, and after a merge the follow-up says where it goes', async () => {
    const repo = makeRepo('merge-repo');
    const { run } = await worktreeRun(repo, 'Write the notes');
    const { page } = await stack.open({ path: `/runs/${run.id}` });
    await page.getByRole('tab', { name: 'Changes' }).click();
    await page.getByRole('button', { name: 'Approve and merge into main' }).click();
    const toast = page.getByTestId('toast').filter({ hasText: 'Merged into main' });
    await toast.waitFor();
    expect(existsSync(join(repo, 'notes.txt'))).toBe(true);
    await screenshot(page, 'worktree-merge-undo-toast');

    await toast.getByRole('button', { name: /Undo/ }).click();
    await page.getByTestId('toast').filter({ hasText: 'Merge undone' }).waitFor();
    await page.locator('.review-status', { hasText: 'Waiting for your review' }).waitFor();
    expect(existsSync(join(repo, 'notes.txt'))).toBe(false);

    // Merged again, the conversation goes on in the task's folder, and the page says so.
    await page.getByRole('button', { name: 'Approve and merge into main' }).click();
    await page.locator('.review-status', { hasText: 'Approved' }).waitFor();
    await page.getByRole('button', { name: 'Undo merge' }).waitFor();
    await page.getByRole('tab', { name: 'Transcript' }).click();
    const where = page.locator('.follow-up-where');
    await where.waitFor();
    expect(await where.innerText()).toContain(`continues the same session in ${repo}`);
    await screenshot(page, 'worktree-follow-up-after-merge');
    await page.getByLabel('Follow-up message').fill('Thanks, add one more line.');
    await page.getByRole('button', { name: 'Send follow-up' }).click();
    await waitFor('the follow-up to open', async () =>
      page.url().includes(run.id) ? undefined : true,
    );
    await waitForRunStatus(page, 'succeeded', 150_000);
  });

  it('discards a worktree run with an Undo that brings the worktree and its branch back', async () => {
    const repo = makeRepo('discard-repo');
    const { run } = await worktreeRun(repo, 'Write notes to throw away');
    const worktree = run.workdir ?? '';
    const branch = `switchboard/${run.id}`;
    // The person had started on it by hand.
    writeFileSync(join(worktree, 'notes.txt'), 'edited by hand\n');
    const { page } = await stack.open({ path: `/runs/${run.id}` });
    await page.getByRole('tab', { name: 'Changes' }).click();
    await page.getByRole('button', { name: 'Discard', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: "Discard this run's changes?" });
    await screenshot(page, 'worktree-discard-dialog');
    await dialog.getByRole('button', { name: /^Discard|^Remove/ }).click();
    const toast = page.getByTestId('toast').filter({ hasText: 'Removed the worktree' });
    await toast.waitFor();
    expect(existsSync(worktree)).toBe(false);
    await page.getByRole('button', { name: 'Undo the discard' }).waitFor();
    // Nothing is waiting for the person any more.
    await page.getByTestId('inbox-badge').waitFor({ state: 'detached' });
    await screenshot(page, 'worktree-discard-undo-toast');

    await toast.getByRole('button', { name: /Undo/ }).click();
    await page.getByTestId('toast').filter({ hasText: 'The discard was undone' }).waitFor();
    await page.locator('.review-status', { hasText: 'Waiting for your review' }).waitFor();
    await expect.poll(() => page.getByTestId('inbox-badge').innerText()).toBe('1');
    expect(readFileSync(join(worktree, 'notes.txt'), 'utf8')).toBe('edited by hand\n');
    expect(
      execFileSync('git', ['branch', '--list', branch], { cwd: repo, encoding: 'utf8' }),
    ).toContain(branch);
  });

  it('says which of the person’s files block a merge, once, and merges into a new branch', async () => {
    const repo = makeRepo('blocked-repo');
    const { run } = await worktreeRun(repo, 'Write beside the person');
    writeFileSync(join(repo, 'notes.txt'), 'the person is writing here\n');
    const { page } = await stack.open({ path: `/runs/${run.id}` });
    await page.getByRole('tab', { name: 'Changes' }).click();
    await page.getByRole('button', { name: 'Approve and merge into main' }).click();
    const refusal = page.locator('.review-conflict');
    await refusal.waitFor();
    expect(await page.locator('.review-status').innerText()).toBe('Your changes are in the way');
    const text = await page.locator('.review-bar').innerText();
    expect(text).toContain('your uncommitted changes to notes.txt');
    expect(text.split('notes.txt').length - 1).toBe(1);
    expect(text).not.toMatch(/git merge|error:/);
    await screenshot(page, 'worktree-merge-blocked');

    await refusal.getByRole('button', { name: 'Merge into a new branch' }).click();
    await page.locator('.review-status', { hasText: 'Approved' }).waitFor();
    expect(await page.locator('.review-message').innerText()).toContain('new branch');
    expect(execFileSync('git', ['branch', '--list'], { cwd: repo, encoding: 'utf8' })).toContain(
      `switchboard/${run.id}-merged`,
    );
  });

  it('lists unmerged branches before a delete, keeps them, and brings the task back with Undo', async () => {
    const repo = makeRepo('delete-repo');
    const { task, run } = await worktreeRun(repo, 'Draft the todo list');
    const branch = `switchboard/${run.id}`;
    const { page } = await stack.open({ path: `/tasks/${task.id}` });
    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete this task?' });
    await dialog.getByText('1 unmerged branch will be kept').waitFor();
    expect(await dialog.innerText()).toContain(branch);
    expect(await dialog.innerText()).toContain('2 uncommitted files (notes.txt, todo.txt)');
    await screenshot(page, 'task-delete-unmerged-branches');

    const choice = dialog.getByLabel(`Delete 1 unmerged branch: ${branch}`);
    await choice.check();
    await dialog.getByRole('button', { name: 'Delete task and 1 branch' }).waitFor();
    await screenshot(page, 'task-delete-branches-named');
    await choice.uncheck();
    await dialog.getByRole('button', { name: 'Delete task', exact: true }).click();

    const toast = page.getByTestId('toast').filter({ hasText: 'Deleted “Draft the todo list”' });
    await toast.waitFor();
    expect(await toast.innerText()).toContain(`Kept its unmerged ${branch}`);
    const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, encoding: 'utf8' });
    expect(git('branch', '--list', branch)).toContain(branch);
    await page.getByRole('region', { name: 'Recently deleted' }).waitFor();
    await screenshot(page, 'task-delete-undo-toast');

    await toast.getByRole('button', { name: /Undo/ }).click();
    await page.getByTestId('toast').filter({ hasText: 'is back' }).waitFor();
    expect((await stack.serve.call('tasks.get', { taskId: task.id })).id).toBe(task.id);
  });
});
