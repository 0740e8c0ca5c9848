// Pull requests from worktree runs: the real Claude Code binary against the fake Anthropic API
// does the work in a real git worktree; "Open pull request" pushes the run's branch to a local
// bare remote and opens a pull request against a local fake GitHub API; the poll brings its
// checks and state; a follow-up's commits are pushed to the same pull request. Refusals in words.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startFakeAnthropic, type FakeAnthropic } from '../fixtures/fake-anthropic/server';
import { startFakeGitHub, type FakeGitHub } from '../fixtures/fake-github/server';
import { MemorySecretStore } from '../fakes/memory-secret-store';
import { tempDir } from '../support/claude-env';
import { startEngine, type EngineHarness } from '../support/engine-harness';
import { waitFor } from '../support/serve-process';
import { startTask } from '../support/start-task';

const RUN_MS = 150_000;
vi.setConfig({ testTimeout: 400_000 });

let anthropic: FakeAnthropic;
let github: FakeGitHub;
let harness: EngineHarness;
const secrets = new MemorySecretStore();

beforeAll(async () => {
  anthropic = await startFakeAnthropic();
  github = await startFakeGitHub();
  harness = await startEngine(anthropic.url, {
    secrets,
    // The machine's own gh login must not stand in for the keychain here.
    engine: { pullRequests: { pollMs: 200, ghToken: null } },
  });
  await harness.call('settings.update', { pullRequests: { apiUrl: github.url } });
});

afterAll(async () => {
  await harness.stop();
  await github.close();
  await anthropic.close();
});

function gitIn(dir: string) {
  return (...args: string[]) => execFileSync('git', args, { cwd: dir, encoding: 'utf8' }).trim();
}

/** A repository whose origin names octo/widgets on the fake GitHub's host and pushes to a bare one. */
function makeRepo(): { repo: string; bare: string } {
  const repo = tempDir('pr-repo');
  const bare = tempDir('pr-remote');
  execFileSync('git', ['init', '-q', '--bare', bare]);
  const git = gitIn(repo);
  git('init', '-q', '-b', 'main');
  git('config', 'user.name', 'Person');
  git('config', 'user.email', 'person@example.com');
  writeFileSync(join(repo, 'README.md'), 'widgets\n');
  git('add', '-A');
  git('commit', '-q', '-m', 'start');
  git('remote', 'add', 'origin', 'https://127.0.0.1/octo/widgets.git');
  git('config', 'remote.origin.pushurl', bare);
  git('push', '-q', 'origin', 'main');
  github.addRepository('octo', 'widgets', bare);
  return { repo, bare };
}

async function refusalOf(runId: string): Promise<string> {
  return harness.call('runs.openPullRequest', { runId }).then(
    (pr) => `opened #${pr.number}`,
    (error: unknown) => String(error),
  );
}

describe('a pull request from a worktree run', () => {
  it('pushes the branch, opens the pull request, shows checks, takes a follow-up, and says why it refuses', async () => {
    const { repo, bare } = makeRepo();
    const git = gitIn(repo);
    const { run } = await startTask(harness, {
      title: 'Widget notes',
      prompt: 'Write the widget notes\n[scenario:writes files=notes.txt content=first%20notes]',
      cwd: repo,
      isolation: 'worktree',
      permissionMode: 'acceptEdits',
    });
    const done = await harness.waitForRun(run.id, ['succeeded', 'failed'], RUN_MS);
    expect(done.status).toBe('succeeded');
    const branch = `switchboard/${run.id}`;
    expect((await harness.call('runs.pullRequest', { runId: run.id })).pullRequest).toBeNull();

    // Refusals, each in words, and nothing pushed or opened by any of them.
    expect(await refusalOf(run.id)).toContain('No GitHub token');
    await harness.call('secrets.set', { name: 'GITHUB_TOKEN', value: github.token });
    git('remote', 'set-url', 'origin', bare);
    expect(await refusalOf(run.id)).toContain('is not a GitHub repository');
    git('remote', 'set-url', 'origin', 'https://github.com/octo/widgets.git');
    expect(await refusalOf(run.id)).toContain('GitHub Enterprise');
    git('remote', 'remove', 'origin');
    expect(await refusalOf(run.id)).toContain('has no remote to push to');
    git('remote', 'add', 'origin', 'https://127.0.0.1/octo/widgets.git');
    git('config', 'remote.origin.pushurl', bare);
    expect(github.pulls).toHaveLength(0);
    expect(github.headOf('octo', 'widgets', branch)).toBeNull();

    const opened = await harness.call('runs.openPullRequest', { runId: run.id });
    const tip = git('rev-parse', `refs/heads/${branch}`);
    expect(github.headOf('octo', 'widgets', branch)).toBe(tip);
    expect(git('show', `${tip}:notes.txt`)).toBe('first notes');
    expect(opened).toMatchObject({
      number: 1,
      repository: 'octo/widgets',
      branch,
      baseBranch: 'main',
      state: 'open',
      headSha: tip,
      title: 'Write the widget notes',
      unpushed: false,
    });
    const pull = github.pulls[0];
    expect(pull).toMatchObject({ head: branch, base: 'main', title: 'Write the widget notes' });
    expect(pull?.body).toContain('> Write the widget notes');
    expect(pull?.body).toContain('added: `notes.txt`');
    expect(pull?.body).toContain(`Opened from Switchboard run ${run.id}`);
    expect(github.requests.every((r) => r.authorization === `Bearer ${github.token}`)).toBe(true);

    // The poll brings GitHub's checks to the run page, and says so with a push event.
    github.setChecks(tip, [
      { name: 'build', status: 'completed', conclusion: 'success' },
      { name: 'lint', status: 'in_progress', conclusion: null },
    ]);
    const checked = await waitFor('the checks to appear', async () => {
      const { pullRequest } = await harness.call('runs.pullRequest', { runId: run.id });
      return pullRequest?.checks.length === 2 ? pullRequest : undefined;
    });
    expect(checked.checks).toEqual([
      expect.objectContaining({ name: 'build', status: 'completed', conclusion: 'success' }),
      expect.objectContaining({ name: 'lint', status: 'in_progress', conclusion: null }),
    ]);
    await waitFor('a pullRequest.updated push event with the checks', () =>
      harness.events.some((e) => e.type === 'pullRequest.updated' && e.payload.checks.length === 2),
    );

    // A follow-up on the same thread works on the same branch; its commit goes to the same PR.
    const followUp = await harness.call('runs.followUp', {
      runId: run.id,
      prompt: 'Add more notes [write-more file=more.txt content=more%20notes]',
    });
    expect((await harness.waitForRun(followUp.id, ['succeeded', 'failed'], RUN_MS)).status).toBe(
      'succeeded',
    );
    const before = (await harness.call('runs.pullRequest', { runId: followUp.id })).pullRequest;
    expect(before).toMatchObject({ number: 1, unpushed: true });
    const pushed = await harness.call('runs.openPullRequest', { runId: followUp.id });
    const newTip = git('rev-parse', `refs/heads/${branch}`);
    expect(newTip).not.toBe(tip);
    expect(github.headOf('octo', 'widgets', branch)).toBe(newTip);
    expect(git('show', `${newTip}:more.txt`)).toBe('more notes');
    expect(pushed).toMatchObject({ number: 1, headSha: newTip, unpushed: false, checks: [] });
    expect(github.pulls).toHaveLength(1);

    // Merged on GitHub: the poll says so, and nothing more is pushed to it.
    github.setState(1, 'merged');
    await waitFor('the merged state to appear', async () => {
      const { pullRequest } = await harness.call('runs.pullRequest', { runId: run.id });
      return pullRequest?.state === 'merged' ? pullRequest : undefined;
    });
    expect(await refusalOf(followUp.id)).toContain('#1 is merged on GitHub');
  });

  it('refuses a run that worked in its task folder, with no branch of its own', async () => {
    const { repo } = makeRepo();
    const { run } = await startTask(harness, {
      title: 'In place',
      prompt: '[scenario:writes files=here.txt]',
      cwd: repo,
      isolation: 'none',
      permissionMode: 'acceptEdits',
    });
    expect((await harness.waitForRun(run.id, ['succeeded', 'failed'], RUN_MS)).status).toBe(
      'succeeded',
    );
    expect(await refusalOf(run.id)).toContain('not in a worktree of its own');
  });
});
