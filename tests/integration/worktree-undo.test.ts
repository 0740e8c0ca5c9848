// Worktree runs never cost the person their work: deleting a task keeps unmerged branches (or
// deletes them only by name) and can be undone; a merge can be undone byte for byte; a
// conversation goes on after its merge; a refused merge names the person's files; a run that
// failed before doing anything leaves no worktree. Real git, the real Claude Code binary, the
// fake API.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { RunReview } from '../../src/shared/domain';
import { tempDir } from '../support/claude-env';
import { sharedEngineStack } from '../support/engine-stack';
import { waitFor } from '../support/serve-process';
import { startTask } from '../support/start-task';

const stack = sharedEngineStack();
// The machine these run on may be busy: a run gets longer than the harness's default wait.
const RUN_MS = 150_000;
vi.setConfig({ testTimeout: 400_000 });

function gitIn(repo: string) {
  return (...args: string[]) => execFileSync('git', args, { cwd: repo, encoding: 'utf8' });
}

function makeRepo(files: Record<string, string>): string {
  const repo = tempDir('repo');
  const git = gitIn(repo);
  git('init', '-q', '-b', 'main');
  git('config', 'user.name', 'Person');
  git('config', 'user.email', 'person@example.com');
  for (const [name, content] of Object.entries(files)) writeFileSync(join(repo, name), content);
  git('add', '-A');
  git('commit', '-q', '-m', 'start');
  return repo;
}

/** Everything git and the disk say about a checkout: refs, HEAD, index, status, every file. */
function stateOf(folder: string): Record<string, string> {
  const git = gitIn(folder);
  const state: Record<string, string> = {
    refs: git('for-each-ref', '--format=%(refname) %(objectname)', 'refs/heads'),
    head: git('symbolic-ref', '-q', 'HEAD') + git('rev-parse', 'HEAD'),
    index: git('ls-files', '-s'),
    status: git('status', '--porcelain', '--untracked-files=all'),
  };
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (name === '.git') continue;
      if (statSync(path).isDirectory()) walk(path);
      else state[`file ${relative(folder, path)}`] = readFileSync(path, 'latin1');
    }
  };
  walk(folder);
  return state;
}

async function worktreeRun(repo: string, prompt: string) {
  const { task, run } = await startTask(stack.harness, {
    title: `Worktree ${prompt.slice(0, 30)}`,
    prompt,
    cwd: repo,
    isolation: 'worktree',
    permissionMode: 'acceptEdits',
  });
  const done = await stack.harness.waitForRun(run.id, ['succeeded', 'failed', 'cancelled'], RUN_MS);
  expect(done.status).toBe('succeeded');
  await waitFor(`a review of ${run.id}`, async () =>
    (await stack.harness.call('reviews.list', { status: 'pending' })).find(
      (r) => r.runId === run.id,
    ),
  );
  return { task, run: done, worktree: done.workdir ?? '' };
}

async function review(runId: string): Promise<RunReview | undefined> {
  return (await stack.harness.call('reviews.list', { runId }))[0];
}

describe('deleting a task with unmerged worktree work', () => {
  it('keeps the branch the person fixed a conflict on by hand, and undo restores everything', async () => {
    const repo = makeRepo({ 'shared.txt': 'base\n' });
    const git = gitIn(repo);
    const { task, run, worktree } = await worktreeRun(
      repo,
      '[scenario:writes files=shared.txt content=from%20the%20run]',
    );
    const branch = `switchboard/${run.id}`;
    const trigger = await stack.harness.call('triggers.create', {
      taskId: task.id,
      kind: 'cron',
      cron: '0 3 * * *',
    });
    // The person moves main, the merge conflicts, and they resolve it by hand in the worktree.
    writeFileSync(join(repo, 'shared.txt'), 'from the person\n');
    git('commit', '-q', '-am', 'person edits');
    await expect(
      stack.harness.call('runs.review', { runId: run.id, decision: 'approve' }),
    ).rejects.toThrow(/conflicts in shared\.txt/);
    const wt = gitIn(worktree);
    wt('config', 'user.email', 'person@example.com');
    expect(() => wt('merge', '-q', 'main')).toThrow();
    writeFileSync(join(worktree, 'shared.txt'), 'resolved by the person\n');
    wt('commit', '-q', '-am', 'resolve by hand');
    writeFileSync(join(worktree, 'later.txt'), 'not committed yet\n');
    const before = stateOf(worktree);
    const repoBefore = stateOf(repo);

    const preview = await stack.harness.call('tasks.deletePreview', { taskId: task.id });
    expect(preview.unmergedBranches).toEqual([
      expect.objectContaining({ branch, uncommittedFiles: ['later.txt'] }),
    ]);
    expect(preview.unmergedBranches[0]?.commits).toBeGreaterThanOrEqual(2);
    expect(preview.triggerCount).toBe(1);

    const deleted = await stack.harness.call('tasks.delete', { taskId: task.id });
    expect(deleted.keptBranches).toEqual([branch]);
    expect(deleted.removedBranches).toEqual([]);
    await expect(stack.harness.call('tasks.get', { taskId: task.id })).rejects.toThrow(/No task/);
    expect(await stack.harness.call('triggers.list', { taskId: task.id })).toEqual([]);
    // The branch, its commits and the worktree with its uncommitted file are all still there.
    expect(stateOf(worktree)).toEqual(before);
    expect(git('branch', '--list', branch)).toContain(branch);
    expect((await stack.harness.call('tasks.listDeleted', {})).map((d) => d.task.id)).toContain(
      task.id,
    );

    const restored = await stack.harness.call('tasks.undoDelete', { taskId: task.id });
    expect(restored.id).toBe(task.id);
    expect(stateOf(worktree)).toEqual(before);
    expect(stateOf(repo)).toEqual(repoBefore);
    const triggers = await stack.harness.call('triggers.list', { taskId: task.id });
    expect(triggers.map((t) => t.id)).toEqual([trigger.id]);
    expect((await review(run.id))?.status).toBe('conflict');
  });

  it('deletes an unmerged branch only when named, and undo puts it back on its commit', async () => {
    const repo = makeRepo({ 'README.md': 'hello\n' });
    const git = gitIn(repo);
    const { task, run, worktree } = await worktreeRun(repo, '[scenario:writes files=notes.txt]');
    const branch = `switchboard/${run.id}`;
    const before = stateOf(worktree);
    await expect(
      stack.harness.call('tasks.delete', {
        taskId: task.id,
        deleteUnmergedBranches: ['switchboard/not-this-one'],
      }),
    ).rejects.toThrow(/not an unmerged branch/);

    const deleted = await stack.harness.call('tasks.delete', {
      taskId: task.id,
      deleteUnmergedBranches: [branch],
    });
    expect(deleted.removedBranches).toEqual([branch]);
    expect(git('branch', '--list', branch)).toBe('');

    await stack.harness.call('tasks.undoDelete', { taskId: task.id });
    expect(stateOf(worktree)).toEqual(before);
    expect(git('branch', '--list', branch)).toContain(branch);
  });
});

describe('undoing a merge', () => {
  it('puts main, the checkout and the run worktree back byte for byte', async () => {
    const repo = makeRepo({ 'README.md': 'hello\n', 'mine.txt': 'committed\n' });
    const git = gitIn(repo);
    const { run, worktree } = await worktreeRun(
      repo,
      '[scenario:writes files=notes.txt,README.md content=by%20the%20run]',
    );
    // The person's own uncommitted and untracked work, which the merge leaves alone.
    writeFileSync(join(repo, 'mine.txt'), 'edited, not committed\n');
    writeFileSync(join(repo, 'scratch.txt'), 'untracked\n');
    const repoBefore = stateOf(repo);
    const worktreeBefore = stateOf(worktree);

    await stack.harness.call('runs.review', { runId: run.id, decision: 'approve' });
    expect(readFileSync(join(repo, 'notes.txt'), 'utf8')).toBe('by the run\n');
    expect(existsSync(worktree)).toBe(false);
    expect((await review(run.id))?.mergeUndoable).toBe(true);

    await stack.harness.call('runs.undoMerge', { runId: run.id });
    expect(stateOf(repo)).toEqual(repoBefore);
    expect(stateOf(worktree)).toEqual(worktreeBefore);
    const after = await review(run.id);
    expect(after?.status).toBe('pending');
    expect(after?.message).toMatch(/Merge undone/);
    expect(git('worktree', 'list')).toContain(run.id);
  });

  it('refuses, saying why, once main moved on', async () => {
    const repo = makeRepo({ 'README.md': 'hello\n' });
    const git = gitIn(repo);
    const { run } = await worktreeRun(repo, '[scenario:writes files=notes.txt]');
    await stack.harness.call('runs.review', { runId: run.id, decision: 'approve' });
    writeFileSync(join(repo, 'next.txt'), 'more work\n');
    git('add', 'next.txt');
    git('commit', '-q', '-m', 'more');
    const head = git('rev-parse', 'HEAD');
    await expect(stack.harness.call('runs.undoMerge', { runId: run.id })).rejects.toThrow(
      /main moved since the merge.*git revert/,
    );
    expect(git('rev-parse', 'HEAD')).toBe(head);
  });
});

describe('a conversation after its merge', () => {
  it('continues the same session in the task folder the change now lives in', async () => {
    const repo = makeRepo({ 'README.md': 'hello\n' });
    const { task, run } = await worktreeRun(repo, '[scenario:writes files=notes.txt]');
    await stack.harness.call('runs.review', { runId: run.id, decision: 'approve' });

    const check = await stack.harness.call('tasks.check', { taskId: task.id, runId: run.id });
    expect(check.ok).toBe(true);
    expect(check.continuesIn?.folder).toBe(repo);
    expect(check.continuesIn?.note).toMatch(/merged into main.*where main is checked out/);

    const next = await stack.harness.call('runs.followUp', {
      runId: run.id,
      prompt: 'Add a line to notes.txt.',
    });
    const done = await stack.harness.waitForRun(next.id, ['succeeded', 'failed'], RUN_MS);
    expect(done.error).toBeNull();
    expect(done.status).toBe('succeeded');
    expect(done.workdir).toBe(repo);
    expect(done.sessionId).toBe(run.sessionId);
    // The fake answers a follow-up this way only when it sees the earlier turns of the session.
    expect(done.result).toContain('Follow-up received: Add a line to notes.txt.');
    const events = await stack.harness.call('runs.events', { runId: next.id });
    expect(
      events.some(
        (e) => e.type === 'status' && /continues the same session in/.test(e.message ?? ''),
      ),
    ).toBe(true);
  });
});

describe('a refused merge', () => {
  it('names the person’s uncommitted files and merges into a new branch on request', async () => {
    const repo = makeRepo({ 'shared.txt': 'base\n' });
    const git = gitIn(repo);
    const { run } = await worktreeRun(
      repo,
      '[scenario:writes files=shared.txt content=from%20the%20run]',
    );
    writeFileSync(join(repo, 'shared.txt'), 'the person is still editing\n');
    const failure = await stack.harness
      .call('runs.review', { runId: run.id, decision: 'approve' })
      .catch((error: unknown) => String(error));
    expect(failure).toMatch(/your uncommitted changes to shared\.txt/);
    expect(failure).not.toMatch(/git merge|error:/);
    const blocked = await review(run.id);
    expect(blocked?.status).toBe('blocked');
    expect(blocked?.conflictFiles).toEqual(['shared.txt']);

    await stack.harness.call('runs.review', {
      runId: run.id,
      decision: 'approve',
      intoNewBranch: true,
    });
    const target = `switchboard/${run.id}-merged`;
    expect(git('show', `${target}:shared.txt`)).toBe('from the run\n');
    expect(readFileSync(join(repo, 'shared.txt'), 'utf8')).toBe('the person is still editing\n');
    expect((await review(run.id))?.message).toMatch(/new branch/);
  });
});

describe('a run that fails before doing anything', () => {
  it('leaves no worktree behind', async () => {
    const repo = makeRepo({ 'README.md': 'hello\n' });
    // A secret the keychain lacks fails the run before Claude Code starts. What can refuse a run
    // is checked before its worktree is made, so none is left (worktree-keep.test.ts covers a
    // failed run whose worktree was made).
    const { run } = await startTask(stack.harness, {
      title: 'Fails at once',
      prompt: '[scenario:text]',
      cwd: repo,
      isolation: 'worktree',
      secretEnv: ['DEPLOY_TOKEN'],
    });
    const done = await stack.harness.waitForRun(run.id, ['failed'], RUN_MS);
    expect(done.error).toMatch(/DEPLOY_TOKEN/);
    expect(done.workdir).toBeNull();
    expect(gitIn(repo)('worktree', 'list')).not.toContain(run.id);
    expect(gitIn(repo)('branch', '--list', `switchboard/${run.id}`)).toBe('');
  });
});
