// A run's page and its review on a phone-sized touch screen (390 px), as the person reaches the
// panel over their own VPN or tunnel: the transcript, the changed files and the diff fit the
// width, and the review is approved and merged by taps alone.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshot } from '../support/browser';
import { waitFor } from '../support/serve-process';
import { startStack, type Stack } from './stack';

const PHONE = { width: 390, height: 844, touch: true };

let stack: Stack;

beforeAll(async () => {
  stack = await startStack();
});

afterAll(async () => {
  await stack.stop();
});

function makeRepo(): string {
  const repo = join(stack.workDir, 'phone-repo');
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

/** How far the page is wider than the screen (0: nothing to scroll sideways). */
function sideways(page: Page): Promise<number> {
  return page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
}

describe('a run and its review at 390 px, by touch', { timeout: 180_000 }, () => {
  it('shows the run, the files and the diff within the width, and merges by taps', async () => {
    const repo = makeRepo();
    const task = await stack.serve.call('tasks.create', {
      title: 'Rewrite the app from the phone',
      prompt:
        '[scenario:writes files=src/app.ts,notes.md lines=30 content=export%20const%20a_rather_long_identifier_name_for_the_phone%20%3D]',
      cwd: repo,
      isolation: 'worktree',
      permissionMode: 'acceptEdits',
    });
    const run = await stack.serve.call('tasks.run', { taskId: task.id });
    await waitFor(
      'a pending review',
      async () =>
        (await stack.serve.call('reviews.list', { status: 'pending' })).find(
          (r) => r.runId === run.id,
        ),
      90_000,
    );

    const { page } = await stack.open({ path: `/runs/${run.id}`, ...PHONE });
    await page.getByRole('tab', { name: 'Changes' }).waitFor();
    await page.getByText('Rewrite the app from the phone').first().waitFor();
    await page.getByRole('tab', { name: 'Transcript' }).tap();
    await page.getByRole('tab', { name: 'Transcript', selected: true }).waitFor();
    await page
      .getByText(/notes\.md/)
      .first()
      .waitFor();
    await screenshot(page, 'phone-run-390');
    expect(await sideways(page)).toBe(0);

    await page.getByRole('tab', { name: 'Changes' }).tap();
    const files = page.getByRole('navigation', { name: 'Changed files' });
    await files.getByRole('button', { name: /notes\.md/ }).waitFor();
    await files.getByRole('button', { name: /app\.ts/ }).tap();
    await page.locator('.rd-add').first().waitFor();
    await page.locator('.rd-add').first().scrollIntoViewIfNeeded();
    await screenshot(page, 'phone-review-390');
    expect(await sideways(page)).toBe(0);

    await page.getByRole('button', { name: 'Approve and merge into main' }).tap();
    await page.locator('.review-status', { hasText: 'Approved' }).waitFor();
    await screenshot(page, 'phone-review-approved-390');
    expect(await sideways(page)).toBe(0);
    expect(readFileSync(join(repo, 'notes.md'), 'utf8')).toContain('a_rather_long_identifier');
  });
});
