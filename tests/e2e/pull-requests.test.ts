// "Open pull request" on a worktree run's page: the branch is pushed to a local bare remote, the
// pull request opened on a local fake GitHub API, and the PR card shows its state and checks as
// the poll brings them; a follow-up's work is pushed with "Push to pull request". The token comes
// from a signed-in `gh` (a stand-in script on the serve process's PATH that prints it). And "Open
// in editor": a stand-in editor records what it was started with, and the browser page says it
// opened on the machine running Switchboard.
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startFakeGitHub, type FakeGitHub } from '../fixtures/fake-github/server';
import { screenshot } from '../support/browser';
import { tempDir } from '../support/claude-env';
import { waitFor } from '../support/serve-process';
import { startStack, waitForRunStatus, type Stack } from './stack';

let stack: Stack;
let github: FakeGitHub;
vi.setConfig({ testTimeout: 400_000 });

beforeAll(async () => {
  github = await startFakeGitHub();
  const bin = tempDir('gh-bin');
  writeFileSync(join(bin, 'gh'), `#!/bin/sh\necho '${github.token}'\n`);
  chmodSync(join(bin, 'gh'), 0o755);
  stack = await startStack({
    env: { PATH: `${bin}:${process.env.PATH ?? ''}`, SWITCHBOARD_PR_POLL_MS: '300' },
  });
  await stack.serve.call('settings.update', { pullRequests: { apiUrl: github.url } });
});

afterAll(async () => {
  await stack.stop();
  await github.close();
});

function makeRepo(name: string): string {
  const repo = join(stack.workDir, name);
  const bare = tempDir('pr-remote');
  mkdirSync(repo, { recursive: true });
  execFileSync('git', ['init', '-q', '--bare', bare]);
  const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, encoding: 'utf8' });
  git('init', '-q', '-b', 'main');
  git('config', 'user.name', 'Person');
  git('config', 'user.email', 'person@example.com');
  writeFileSync(join(repo, 'README.md'), 'hello\n');
  git('add', '-A');
  git('commit', '-q', '-m', 'start');
  git('remote', 'add', 'origin', 'https://127.0.0.1/octo/widgets.git');
  git('config', 'remote.origin.pushurl', bare);
  github.addRepository('octo', 'widgets', bare);
  return repo;
}

describe('the PR card', () => {
  it('opens a pull request from the run page, shows its checks, and pushes a follow-up to it', async () => {
    const repo = makeRepo('pr-repo');
    const task = await stack.serve.call('tasks.create', {
      title: 'Widget notes',
      prompt: 'Write the widget notes\n[scenario:writes files=notes.txt]',
      cwd: repo,
      isolation: 'worktree',
      permissionMode: 'acceptEdits',
    });
    const run = await stack.serve.call('tasks.run', { taskId: task.id });
    const { page } = await stack.open({ path: `/runs/${run.id}` });
    await waitForRunStatus(page, 'succeeded', 150_000);
    await page.getByRole('button', { name: 'Open pull request' }).click();
    const card = page.getByTestId('pull-request-card');
    await card.waitFor();
    expect(await card.innerText()).toContain('#1 Write the widget notes');
    expect(await card.innerText()).toContain(`octo/widgets · switchboard/${run.id} → main`);
    await card.getByText('No checks reported for the last push yet.').waitFor();
    // The button is gone once there is a pull request: the card carries what comes next.
    expect(await page.getByRole('button', { name: 'Open pull request' }).count()).toBe(0);

    const head = github.headOf('octo', 'widgets', `switchboard/${run.id}`) ?? '';
    github.setChecks(head, [
      { name: 'build', status: 'completed', conclusion: 'success' },
      { name: 'tests', status: 'completed', conclusion: 'failure' },
      { name: 'lint', status: 'in_progress', conclusion: null },
    ]);
    const checks = card.getByRole('list', { name: 'Checks' });
    await checks.getByText('failed').waitFor();
    expect(await checks.innerText()).toMatch(/passed\s*build/);
    expect(await checks.innerText()).toMatch(/running\s*lint/);
    await screenshot(page, 'pull-request-card');

    // A follow-up on the same thread: its page shows the same PR, with work to push.
    await page.getByRole('tab', { name: 'Transcript' }).click();
    await page.getByLabel('Follow-up message').fill('More [write-more file=more.txt]');
    await page.getByRole('button', { name: 'Send follow-up' }).click();
    await waitFor('the follow-up to open', async () =>
      page.url().includes(run.id) ? undefined : true,
    );
    await waitForRunStatus(page, 'succeeded', 150_000);
    const followCard = page.getByTestId('pull-request-card');
    await followCard.getByRole('button', { name: 'Push to pull request' }).click();
    await followCard.getByText('No checks reported for the last push yet.').waitFor();
    await followCard.getByRole('button', { name: 'Push to pull request' }).waitFor({
      state: 'detached',
    });
    const newHead = github.headOf('octo', 'widgets', `switchboard/${run.id}`);
    expect(newHead).not.toBe(head);
    expect(github.pulls).toHaveLength(1);

    github.setState(1, 'merged');
    await followCard.locator('[data-state="merged"]', { hasText: 'Merged' }).waitFor();
    await screenshot(page, 'pull-request-card-merged');
  });
});

describe('open in editor', () => {
  it("starts the editor on the run's folder and says where it opened", async () => {
    const folder = join(stack.workDir, 'plain');
    mkdirSync(folder, { recursive: true });
    const out = join(tempDir('editor-out'), 'argv.json');
    const recorder = join(tempDir('editor-bin'), 'record.cjs');
    writeFileSync(
      recorder,
      `require('node:fs').writeFileSync(process.argv[2], JSON.stringify(process.argv.slice(3)));\n`,
    );
    await stack.serve.call('settings.update', {
      openIn: { editor: `"${process.execPath}" "${recorder}" "${out}"` },
    });
    const task = await stack.serve.call('tasks.create', {
      title: 'Plain run',
      prompt: '[scenario:text]',
      cwd: folder,
    });
    const run = await stack.serve.call('tasks.run', { taskId: task.id });
    const { page } = await stack.open({ path: `/runs/${run.id}` });
    await waitForRunStatus(page, 'succeeded', 150_000);
    await page.getByRole('button', { name: 'Open in editor' }).click();
    const done = page.getByRole('status').filter({ hasText: 'Opened' });
    await done.waitFor();
    expect(await done.innerText()).toBe(
      `Opened in ${basename(process.execPath)} on the machine running Switchboard.`,
    );
    await waitFor('the editor to record its arguments', () => existsSync(out));
    expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual([folder]);
    await screenshot(page, 'open-in-editor');
  });
});
