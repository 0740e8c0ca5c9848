// The review's diff without the mouse and with the words marked (Chromium against serve, real
// Claude Code, fake API, real git): a changed line marks the words it changed, and from the
// keyboard ↑/↓ reach a line and c opens a comment on it, which Ctrl+Enter adds.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshotEach } from '../support/browser';
import { waitFor } from '../support/serve-process';
import { inWorkDir, startStack, type Stack } from './stack';

let stack: Stack;

beforeAll(async () => {
  stack = await startStack();
});

afterAll(async () => {
  await stack.stop();
});

describe('the diff', () => {
  it('marks changed words and takes a line comment from the keyboard', async () => {
    const repo = inWorkDir(stack, 'repo');
    mkdirSync(join(repo, 'src'), { recursive: true });
    const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, encoding: 'utf8' });
    git('init', '-q', '-b', 'main');
    git('config', 'user.name', 'Person');
    git('config', 'user.email', 'person@example.com');
    writeFileSync(join(repo, 'src', 'app.ts'), 'export const line = 1;\nexport const old = 2;\n');
    git('add', '-A');
    git('commit', '-q', '-m', 'start');
    const task = await stack.serve.call('tasks.create', {
      title: 'Rename the constants',
      prompt: '[scenario:writes files=src/app.ts lines=2 content=export%20const%20line%20%3D]',
      cwd: repo,
      isolation: 'worktree',
      permissionMode: 'acceptEdits',
    });
    const run = await stack.serve.call('tasks.run', { taskId: task.id });
    await waitFor(
      'a pending review',
      async () =>
        (await stack.serve.call('reviews.list', { status: 'pending' })).find(
          (review) => review.runId === run.id,
        ),
      180_000,
    );

    const { page } = await stack.open({ path: `/runs/${run.id}`, width: 1400, height: 900 });
    await page.getByRole('tab', { name: 'Changes' }).click();
    const diff = page.getByRole('group', { name: 'Changes in src/app.ts' });
    await diff.waitFor();
    // "export const old = 2;" became "export const line = 2": only the words that differ marked.
    await expect
      .poll(() => diff.locator('.rd-del .rd-word').allInnerTexts())
      .toEqual([';', 'old', ';']);
    await expect(diff.locator('.rd-add .rd-word').allInnerTexts()).resolves.toEqual(['line']);

    // ↓ four times: the two old lines, then the two new ones; c comments on the chosen one.
    await diff.focus();
    for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowDown');
    await expect(diff.locator('.rd-row.rd-cursor').innerText()).resolves.toContain(
      'export const line = 2',
    );
    await expect(diff.locator('[aria-live="polite"]').innerText()).resolves.toBe('Line 2');
    await screenshotEach(page, 'diff-keys-cursor');
    await page.keyboard.press('c');
    const box = page.getByPlaceholder('What should change on line 2?');
    await expect(box.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    await page.keyboard.type('Keep the old name.');
    await page.keyboard.press('Control+Enter');
    await diff.locator('.rd-comment', { hasText: 'Keep the old name.' }).waitFor();
    await expect(diff.locator('.rd-comment-where').innerText()).resolves.toBe('Line 2');
    // Back on the diff, where the next comment is one key away.
    await expect(diff.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    await page.getByRole('button', { name: 'Request changes (1 comment)' }).waitFor();
    await screenshotEach(page, 'diff-keys-comment');
  }, 240_000);
});
