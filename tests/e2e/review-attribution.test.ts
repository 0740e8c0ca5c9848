// Whose change is it, in the panel: a run in place whose Bash command changed files while the
// person edited the same folder shows its own changes apart from theirs ("Changed while the run
// was going, not by the run"), asks what to do with the file both changed, takes back only the
// run's part, and offers Undo in a toast, which puts the folder back as it was. One change (hunk)
// of a file can be taken back alone from its header.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot } from '../support/browser';
import { waitFor } from '../support/serve-process';
import { startTask } from '../support/start-task';
import { inWorkDir, startStack, type Stack } from './stack';

let stack: Stack;

beforeAll(async () => {
  stack = await startStack();
});

afterAll(async () => {
  await stack.stop();
});

/** A cold Claude Code start takes long on a busy machine. */
const SLOW_MS = 150_000;

/** A repository on main with `files` committed. */
function makeRepo(name: string, files: Record<string, string>): string {
  const repo = inWorkDir(stack, name);
  execFileSync('mkdir', ['-p', repo]);
  const git = (...args: string[]) => execFileSync('git', args, { cwd: repo });
  git('init', '-q', '-b', 'main');
  git('config', 'user.name', 'Person');
  git('config', 'user.email', 'person@example.com');
  for (const [file, content] of Object.entries(files)) writeFileSync(join(repo, file), content);
  git('add', '-A');
  git('commit', '-q', '-m', 'start');
  return repo;
}

/** The review of a run once it is open. */
function reviewOf(runId: string) {
  return waitFor(
    'the review',
    async () =>
      (await stack.serve.call('reviews.list', { status: 'pending' })).find(
        (r) => r.runId === runId,
      ),
    SLOW_MS,
  );
}

const COMMAND = "printf 'added by the run\\n' >> notes.txt && echo made > made.txt && rm gone.txt";

describe('whose change is it', () => {
  it('shows the run’s changes apart, asks about a file both changed, and undoes the discard', async () => {
    const repo = makeRepo('attribution', {
      'notes.txt': 'first line\n',
      'second.txt': 'second as it was\n',
      'gone.txt': 'the run deletes this\n',
    });
    const { run } = await startTask(stack.serve, {
      title: 'Tidy the notes',
      prompt: `[scenario:bash command=${encodeURIComponent(COMMAND)}]`,
      cwd: repo,
      permissionMode: 'default',
      reviewEachRun: true,
    });
    const approval = await waitFor(
      'the command to wait for approval',
      async () =>
        (await stack.serve.call('approvals.list', { status: 'pending' })).find(
          (a) => a.runId === run.id,
        ),
      SLOW_MS,
    );
    writeFileSync(join(repo, 'notes.txt'), 'first line\nthe person’s line\n');
    writeFileSync(join(repo, 'second.txt'), 'second, edited by the person\n');
    writeFileSync(join(repo, 'mine.txt'), 'the person’s new file\n');
    await stack.serve.call('approvals.decide', { approvalId: approval.id, decision: 'allow' });
    await reviewOf(run.id);

    const { page } = await stack.open({ path: `/runs/${run.id}` });
    await page.getByRole('tab', { name: 'Changes' }).click();
    const files = page.getByRole('navigation', { name: 'Changed files' });
    const ours = files.getByRole('region', { name: 'The run’s changes' });
    const theirs = files.getByRole('region', {
      name: 'Changed while the run was going, not by the run',
    });
    await theirs.waitFor();
    expect(await ours.getByRole('button').allInnerTexts()).toEqual([
      expect.stringMatching(/gone\.txt/),
      expect.stringMatching(/made\.txt/),
      expect.stringMatching(/notes\.txt\s*both/),
    ]);
    expect(await theirs.getByRole('button').allInnerTexts()).toEqual([
      expect.stringMatching(/mine\.txt/),
      expect.stringMatching(/second\.txt/),
    ]);
    expect(await page.locator('.review-summary').innerText()).toBe(
      '3 files changed by the run; 2 by someone else while it ran',
    );
    await ours.getByRole('button', { name: /notes\.txt/ }).click();
    await page.locator('.rd-toolbar .attribution-badge', { hasText: 'by someone else' }).waitFor();
    await screenshot(page, 'attribution-groups');

    await page.getByRole('button', { name: 'Discard', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: "Discard this run's changes?" });
    const both = dialog.getByRole('group', { name: /Both the run and someone else/ });
    // Nothing the person wrote is overwritten unless they say so.
    expect(await both.getByLabel('Keep mine (leave it as it is)').isChecked()).toBe(true);
    await both.getByLabel('Take back the run’s part').check();
    expect(await dialog.innerText()).toContain(
      '2 files changed while the run was going, not by the run, are left as they are.',
    );
    await screenshot(page, 'attribution-discard-choices');
    await dialog.getByRole('button', { name: 'Take back 3 of the run’s changes' }).click();

    const toast = page.getByTestId('toast').filter({ hasText: 'Took back 3 of the run’s changes' });
    await toast.waitFor();
    expect(await toast.innerText()).toContain(
      '2 files changed by someone else were left as they are.',
    );
    expect(readFileSync(join(repo, 'notes.txt'), 'utf8')).toBe('first line\nthe person’s line\n');
    expect(existsSync(join(repo, 'made.txt'))).toBe(false);
    expect(readFileSync(join(repo, 'second.txt'), 'utf8')).toBe('second, edited by the person\n');
    expect(readFileSync(join(repo, 'mine.txt'), 'utf8')).toBe('the person’s new file\n');
    await page.getByRole('button', { name: 'Undo the discard' }).waitFor();
    await screenshot(page, 'attribution-undo-toast');

    await toast.getByRole('button', { name: /Undo/ }).click();
    await page
      .getByTestId('toast')
      .filter({ hasText: 'Undid the discard: put back 3 files as they were before it.' })
      .waitFor();
    expect(readFileSync(join(repo, 'notes.txt'), 'utf8')).toBe(
      'first line\nthe person’s line\nadded by the run\n',
    );
    expect(readFileSync(join(repo, 'made.txt'), 'utf8')).toBe('made\n');
    expect(existsSync(join(repo, 'gone.txt'))).toBe(false);
    await page.locator('.review-status', { hasText: 'Waiting for your review' }).waitFor();
    expect(await page.getByRole('button', { name: 'Undo the discard' }).count()).toBe(0);
    await screenshot(page, 'attribution-undone');
  }, 400_000);

  it('takes back one change of a file from its header, and undoes it', async () => {
    const start = Array.from({ length: 30 }, (_, i) => `line ${i + 1}`).join('\n') + '\n';
    const end = start
      .replace('line 2\n', 'line 2 by the run\n')
      .replace('line 25\n', 'line 25 by the run\n');
    const repo = makeRepo('hunks', { 'notes.txt': start });
    const source = inWorkDir(stack, 'hunks-end.txt');
    writeFileSync(source, end);
    const { run } = await startTask(stack.serve, {
      title: 'Edit two places',
      prompt: `[scenario:bash command=${encodeURIComponent(`cp ${source} notes.txt`)}]`,
      cwd: repo,
      permissionMode: 'default',
      allowedTools: ['Bash'],
      reviewEachRun: true,
    });
    await reviewOf(run.id);

    const { page } = await stack.open({ path: `/runs/${run.id}` });
    await page.getByRole('tab', { name: 'Changes' }).click();
    const takeBack = page.getByRole('button', { name: /^Take back change \d/ });
    await expect.poll(() => takeBack.count()).toBe(2);
    await screenshot(page, 'hunk-take-back');
    await page.getByRole('button', { name: /^Take back change 2 / }).click();
    const toast = page
      .getByTestId('toast')
      .filter({ hasText: 'Took back 1 of the 2 changes to notes.txt and left the others.' });
    await toast.waitFor();
    expect(readFileSync(join(repo, 'notes.txt'), 'utf8')).toBe(
      start.replace('line 2\n', 'line 2 by the run\n'),
    );
    // The review stays open; the change taken back says so, and the other can still go.
    await page.locator('.review-status', { hasText: 'Waiting for your review' }).waitFor();
    await expect.poll(() => takeBack.count()).toBe(1);
    await page.locator('.rd-hunk-state', { hasText: 'Taken back' }).waitFor();
    await screenshot(page, 'hunk-taken-back');

    await toast.getByRole('button', { name: /Undo/ }).click();
    await page.getByTestId('toast').filter({ hasText: 'Undid the discard' }).waitFor();
    expect(readFileSync(join(repo, 'notes.txt'), 'utf8')).toBe(end);
    await expect.poll(() => takeBack.count()).toBe(2);
  }, 400_000);
});
