// Reviewing what runs changed, end to end: real git repositories in temporary folders, the real
// Claude Code binary and the fake API. Diffs in and outside git, request changes, worktree merges
// and conflicts, discarding in place, plan approval, and recovery of orphaned worktrees.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { Approval, RunReview } from '../../src/shared/domain';
import { tempDir } from '../support/claude-env';
import { startEngine } from '../support/engine-harness';
import { sharedEngineStack } from '../support/engine-stack';
import { waitFor } from '../support/serve-process';
import { startTask } from '../support/start-task';

const stack = sharedEngineStack();
// Each test waits for real Claude Code runs: a cold start can take a minute on a busy machine.
vi.setConfig({ testTimeout: 300_000 });

function gitIn(repo: string) {
  return (...args: string[]) => execFileSync('git', args, { cwd: repo, encoding: 'utf8' });
}

/** A repository on branch main with the given files committed. */
function makeRepo(files: Record<string, string> = { 'README.md': 'hello\n' }): string {
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

async function runTask(input: {
  prompt: string;
  cwd: string;
  isolation?: 'none' | 'worktree';
  reviewEachRun?: boolean;
  allowedTools?: string[];
  permissionMode?: 'acceptEdits' | 'plan' | 'default';
}) {
  const { task, run } = await startTask(stack.harness, {
    title: `Review ${input.prompt.slice(0, 40)}`,
    permissionMode: input.permissionMode ?? 'acceptEdits',
    ...input,
  });
  // Claude Code can take a minute to start on a machine shared with other suites.
  const done = await stack.harness.waitForRun(
    run.id,
    ['succeeded', 'failed', 'cancelled'],
    150_000,
  );
  expect(done.error).toBeNull();
  expect(done.status).toBe('succeeded');
  return { task, run: done };
}

async function pendingReview(runId: string): Promise<RunReview> {
  return waitFor(`a review of ${runId}`, async () =>
    (await stack.harness.call('reviews.list', { status: 'pending' })).find(
      (r) => r.runId === runId,
    ),
  );
}

async function review(runId: string): Promise<RunReview | undefined> {
  return (await stack.harness.call('reviews.list', { runId }))[0];
}

function pendingApproval(runId: string, toolName: string, not?: string): Promise<Approval> {
  return waitFor(`a pending ${toolName} approval for ${runId}`, async () =>
    (await stack.harness.call('approvals.list', { status: 'pending' })).find(
      (a) => a.runId === runId && a.toolName === toolName && a.id !== not,
    ),
  );
}

describe('runs.diff', () => {
  it('lists a Write in a repository, not the dirty files it found there, and keeps it', async () => {
    const repo = makeRepo({ 'README.md': 'hello\n' });
    writeFileSync(join(repo, 'mine.txt'), 'the person was already editing this\n');
    const { run } = await runTask({
      prompt: '[scenario:writes files=new.txt content=from%20the%20agent]',
      cwd: repo,
    });
    const diff = await stack.harness.call('runs.diff', { runId: run.id });
    expect(diff.source).toBe('git');
    expect(diff.files.map((f) => [f.path, f.status])).toEqual([['new.txt', 'added']]);
    const file = diff.files[0];
    expect(file?.additions).toBe(1);
    expect(file?.patch).toContain('+from the agent');

    // An unrelated edit by the person after the run, and a later run, leave this diff as it was.
    writeFileSync(join(repo, 'README.md'), 'hello, edited later\n');
    await runTask({ prompt: '[scenario:writes files=later.txt]', cwd: repo });
    const again = await stack.harness.call('runs.diff', { runId: run.id });
    expect(again.files.map((f) => f.path)).toEqual(['new.txt']);
    expect(again.files[0]?.patch).toBe(file?.patch);
  });

  it('answers in words, not a bare 500, once the run’s folder is gone', async () => {
    const repo = makeRepo({ 'README.md': 'hello\n' });
    const { run: started } = await startTask(stack.harness, {
      title: 'Writes, then its folder goes',
      prompt: '[scenario:writes files=gone.txt]',
      cwd: repo,
      permissionMode: 'acceptEdits',
    });
    const run = await stack.harness.waitForRun(started.id, ['succeeded'], 120_000);
    rmSync(repo, { recursive: true, force: true });
    const diff = await stack.harness.call('runs.diff', { runId: run.id });
    expect(diff.files).toEqual([]);
    expect(diff.note).toBe(
      `The folder this run worked in, ${repo}, is gone, so its changes can no longer be shown.`,
    );
    // A cold Claude Code on a loaded machine can take most of a minute to start.
  }, 180_000);

  it('lists what the person edited in the same folder while the run went on apart from the run’s changes', async () => {
    const repo = makeRepo({ 'README.md': 'hello\n' });
    // Default mode: the Write waits for approval, and meanwhile the person edits the README.
    const { run } = await startTask(stack.harness, {
      title: 'Write while the person edits',
      prompt: '[scenario:writes files=agent.txt]',
      cwd: repo,
      permissionMode: 'default',
    });
    const approval = await pendingApproval(run.id, 'Write');
    writeFileSync(join(repo, 'README.md'), 'hello, from the person during the run\n');
    await stack.harness.call('approvals.decide', { approvalId: approval.id, decision: 'allow' });
    await stack.harness.waitForRun(run.id, ['succeeded', 'failed']);
    const diff = await stack.harness.call('runs.diff', { runId: run.id });
    expect(diff.files.map((f) => [f.path, f.attribution])).toEqual([
      ['README.md', 'other'],
      ['agent.txt', 'run'],
    ]);
    expect(diff.note).toBe('1 file changed while the run was going, not by the run.');
  });

  it('lists the files the agent wrote outside git, with patches against the originals', async () => {
    const folder = tempDir('plain');
    writeFileSync(join(folder, 'a.txt'), 'original a\n');
    const { run } = await runTask({
      prompt: '[scenario:writes files=a.txt,b.txt content=rewritten]',
      cwd: folder,
    });
    const diff = await stack.harness.call('runs.diff', { runId: run.id });
    expect(diff.source).toBe('files');
    expect(diff.base).toBeNull();
    const byName = new Map(diff.files.map((f) => [f.path, f]));
    expect(byName.get('a.txt')?.status).toBe('modified');
    expect(byName.get('a.txt')?.patch).toContain('-original a');
    expect(byName.get('a.txt')?.patch).toContain('+rewritten');
    expect(byName.get('b.txt')?.status).toBe('added');
    expect(byName.get('b.txt')?.additions).toBe(1);
    // The folder stays a plain folder: its snapshots live in Switchboard's data folder.
    expect(existsSync(join(folder, '.git'))).toBe(false);
  });

  it('lists and discards what a command changed outside git, not only what file tools wrote', async () => {
    const folder = tempDir('plain-bash');
    writeFileSync(join(folder, 'old.txt'), 'the person wrote this\n');
    writeFileSync(join(folder, 'kept.txt'), 'untouched\n');
    const command = 'echo made by a command > made.txt && rm old.txt';
    const { run } = await runTask({
      prompt: `[scenario:bash command=${encodeURIComponent(command)}]`,
      cwd: folder,
      allowedTools: ['Bash'],
      reviewEachRun: true,
    });
    expect(readFileSync(join(folder, 'made.txt'), 'utf8')).toBe('made by a command\n');

    const diff = await stack.harness.call('runs.diff', { runId: run.id });
    expect(diff.source).toBe('files');
    expect(diff.files.map((f) => [f.path, f.status, f.attribution])).toEqual([
      ['made.txt', 'added', 'run'],
      ['old.txt', 'deleted', 'run'],
    ]);
    expect(diff.files[0]?.patch).toContain('+made by a command');
    expect(diff.note).toBeNull();

    await pendingReview(run.id);
    await stack.harness.call('runs.review', { runId: run.id, decision: 'discard' });
    expect(existsSync(join(folder, 'made.txt'))).toBe(false);
    expect(readFileSync(join(folder, 'old.txt'), 'utf8')).toBe('the person wrote this\n');
    expect(readFileSync(join(folder, 'kept.txt'), 'utf8')).toBe('untouched\n');
    expect((await review(run.id))?.message).toBe('Took back 2 of the run’s changes.');
  });
});

describe('review flow', () => {
  it('sends a run back with feedback and line comments in the same session, then merges it', async () => {
    const repo = makeRepo();
    const before = gitIn(repo)('rev-parse', 'HEAD').trim();
    const { run } = await runTask({
      prompt: '[scenario:writes files=notes.txt lines=3 content=note]',
      cwd: repo,
      isolation: 'worktree',
    });
    const opened = await pendingReview(run.id);
    expect(opened.mode).toBe('worktree');
    expect(opened.baseBranch).toBe('main');
    expect(opened.fileCount).toBe(1);
    expect(
      stack.harness.events.some((e) => e.type === 'review.updated' && e.payload.runId === run.id),
    ).toBe(true);

    const next = await stack.harness.call('runs.review', {
      runId: run.id,
      decision: 'changes',
      feedback: 'Please use a heading.',
      comments: [{ path: 'notes.txt', line: 2, side: 'new', text: 'This line is wrong.' }],
    });
    expect(next.parentRunId).toBe(run.id);
    expect(next.trigger.kind).toBe('followup');
    const nextDone = await stack.harness.waitForRun(next.id, ['succeeded', 'failed']);
    expect(nextDone.sessionId).toBe(run.sessionId);
    expect(nextDone.workdir).toBe(run.workdir);
    const sent = stack.fake.requests.map((r) => r.lastUserText).join('\n');
    expect(sent).toContain('Please use a heading.');
    expect(sent).toContain('notes.txt, line 2: This line is wrong.');
    expect((await review(run.id))?.status).toBe('changes_requested');
    expect((await review(run.id))?.followUpRunId).toBe(next.id);

    // The follow-up is reviewed in turn; approving it merges the worktree's branch.
    await pendingReview(next.id);
    expect(existsSync(join(repo, 'notes.txt'))).toBe(false);
    const approved = await stack.harness.call('runs.review', {
      runId: next.id,
      decision: 'approve',
    });
    expect(approved.id).toBe(next.id);
    const decided = await review(next.id);
    expect(decided?.status).toBe('approved');
    expect(decided?.message).toMatch(/Merged into main \(fast-forward\)/);
    expect(readFileSync(join(repo, 'notes.txt'), 'utf8')).toBe('note 1\nnote 2\nnote 3\n');
    expect(gitIn(repo)('rev-parse', 'HEAD').trim()).not.toBe(before);
    expect(gitIn(repo)('status', '--porcelain')).toBe('');
    expect(existsSync(run.workdir ?? '')).toBe(false);
    expect(gitIn(repo)('branch', '--list', `switchboard/${run.id}`)).toBe('');
    // The diff of the merged run is still there.
    const diff = await stack.harness.call('runs.diff', { runId: next.id });
    expect(diff.files.map((f) => f.path)).toEqual(['notes.txt']);
  });

  it('runs two worktree runs on one repository side by side without touching the checkout', async () => {
    const repo = makeRepo();
    const git = gitIn(repo);
    const head = git('rev-parse', 'HEAD').trim();
    const [first, second] = await Promise.all([
      runTask({
        prompt: '[scenario:writes files=one.txt content=one]',
        cwd: repo,
        isolation: 'worktree',
      }),
      runTask({
        prompt: '[scenario:writes files=two.txt content=two]',
        cwd: repo,
        isolation: 'worktree',
      }),
    ]);
    expect(first.run.workdir).not.toBe(second.run.workdir);
    expect(git('rev-parse', 'HEAD').trim()).toBe(head);
    expect(git('status', '--porcelain')).toBe('');
    expect(existsSync(join(repo, 'one.txt'))).toBe(false);
    expect(existsSync(join(repo, 'two.txt'))).toBe(false);

    await pendingReview(first.run.id);
    await pendingReview(second.run.id);
    await stack.harness.call('runs.review', { runId: first.run.id, decision: 'approve' });
    await stack.harness.call('runs.review', { runId: second.run.id, decision: 'approve' });
    expect(readFileSync(join(repo, 'one.txt'), 'utf8')).toBe('one\n');
    expect(readFileSync(join(repo, 'two.txt'), 'utf8')).toBe('two\n');
    expect((await review(second.run.id))?.message).toMatch(/merge commit/);
    expect(git('status', '--porcelain')).toBe('');
  });

  it('reports a conflicting approve with its files and keeps both sides', async () => {
    const repo = makeRepo({ 'shared.txt': 'base\n' });
    const git = gitIn(repo);
    const { run } = await runTask({
      prompt: '[scenario:writes files=shared.txt content=from%20the%20run]',
      cwd: repo,
      isolation: 'worktree',
    });
    await pendingReview(run.id);
    writeFileSync(join(repo, 'shared.txt'), 'from the person\n');
    git('commit', '-q', '-am', 'person edits');
    const personHead = git('rev-parse', 'HEAD').trim();

    const failure = await stack.harness
      .call('runs.review', { runId: run.id, decision: 'approve' })
      .catch((error: unknown) => error);
    expect(String(failure)).toMatch(/conflict.*shared\.txt/);
    const state = await review(run.id);
    expect(state?.status).toBe('conflict');
    expect(state?.conflictFiles).toEqual(['shared.txt']);
    expect(readFileSync(join(repo, 'shared.txt'), 'utf8')).toBe('from the person\n');
    expect(git('rev-parse', 'HEAD').trim()).toBe(personHead);
    expect(git('status', '--porcelain')).toBe('');
    expect(existsSync(join(repo, '.git', 'MERGE_HEAD'))).toBe(false);
    expect(readFileSync(join(run.workdir ?? '', 'shared.txt'), 'utf8')).toBe('from the run\n');

    // The person starts fixing it by hand in the worktree (not committed), then discards after
    // all: the worktree and its branch go, and nothing of theirs is added to the repository.
    const worktree = run.workdir ?? '';
    const branchTip = gitIn(worktree)('rev-parse', 'HEAD').trim();
    writeFileSync(join(worktree, 'shared.txt'), 'half fixed by hand\n');
    writeFileSync(join(worktree, 'notes.txt'), 'new, untracked\n');
    await stack.harness.call('runs.review', { runId: run.id, decision: 'discard' });
    expect(existsSync(worktree)).toBe(false);
    expect(git('branch', '--list', `switchboard/${run.id}`)).toBe('');
    const discarded = await review(run.id);
    expect(discarded?.status).toBe('discarded');
    expect(discarded?.undoUntil).toBeGreaterThan(Date.now());
    expect(git('for-each-ref', '--format=%(refname)')).toBe('refs/heads/main\n');

    // Undo: the branch at its old tip, the worktree with the hand edits still uncommitted.
    await stack.harness.call('runs.undoDiscard', { runId: run.id });
    expect(git('rev-parse', `switchboard/${run.id}`).trim()).toBe(branchTip);
    expect(readFileSync(join(worktree, 'shared.txt'), 'utf8')).toBe('half fixed by hand\n');
    expect(readFileSync(join(worktree, 'notes.txt'), 'utf8')).toBe('new, untracked\n');
    expect(gitIn(worktree)('status', '--porcelain')).toBe(' M shared.txt\n?? notes.txt\n');
    expect(git('for-each-ref', '--format=%(refname)')).toBe(
      `refs/heads/main\nrefs/heads/switchboard/${run.id}\n`,
    );
    const undone = await review(run.id);
    expect(undone?.status).toBe('pending');
    expect(undone?.undoUntil).toBeNull();
    await expect(stack.harness.call('runs.undoDiscard', { runId: run.id })).rejects.toThrow(
      /no discard of this run to undo/,
    );
  });

  it('keeps a deleted task’s worktree and branch while the delete can be undone', async () => {
    const repo = makeRepo();
    const { task, run } = await runTask({
      prompt: '[scenario:writes files=gone.txt]',
      cwd: repo,
      isolation: 'worktree',
    });
    await pendingReview(run.id);
    expect(existsSync(run.workdir ?? '')).toBe(true);
    await stack.harness.call('tasks.delete', { taskId: task.id });
    expect(existsSync(join(run.workdir ?? '', 'gone.txt'))).toBe(true);
    expect(gitIn(repo)('branch', '--list', `switchboard/${run.id}`)).toContain(run.id);
    expect(await stack.harness.call('reviews.list', { status: 'pending' })).not.toContainEqual(
      expect.objectContaining({ runId: run.id }),
    );
  });

  it('takes back only the chosen change of a file, and undoes that', async () => {
    const start = Array.from({ length: 30 }, (_, i) => `line ${i + 1}`).join('\n') + '\n';
    const end = start
      .replace('line 2\n', 'line 2 by the run\n')
      .replace('line 25\n', 'line 25 by the run\n');
    const repo = makeRepo({ 'notes.txt': start });
    // The run changes two places of the file far apart, with a shell command.
    const source = join(tempDir('hunks-source'), 'end.txt');
    writeFileSync(source, end);
    const command = `cp ${source} notes.txt`;
    const { run } = await runTask({
      prompt: `[scenario:bash command=${encodeURIComponent(command)}]`,
      cwd: repo,
      reviewEachRun: true,
      allowedTools: ['Bash'],
    });
    await pendingReview(run.id);
    const [file] = (await stack.harness.call('runs.diff', { runId: run.id })).files;
    expect(file?.path).toBe('notes.txt');
    expect(file?.patch?.match(/^@@ /gm)).toHaveLength(2);
    expect(readFileSync(join(repo, 'notes.txt'), 'utf8')).toBe(end);

    // A hunk the file does not have changes nothing.
    await expect(
      stack.harness.call('runs.review', {
        runId: run.id,
        decision: 'discard',
        files: ['notes.txt'],
        hunks: [{ path: 'notes.txt', hunks: [2] }],
      }),
    ).rejects.toThrow(/has 2 changes; there is no 2/);
    expect(readFileSync(join(repo, 'notes.txt'), 'utf8')).toBe(end);

    await stack.harness.call('runs.review', {
      runId: run.id,
      decision: 'discard',
      files: ['notes.txt'],
      hunks: [{ path: 'notes.txt', hunks: [1] }],
    });
    expect(readFileSync(join(repo, 'notes.txt'), 'utf8')).toBe(
      start.replace('line 2\n', 'line 2 by the run\n'),
    );
    const partly = await review(run.id);
    expect(partly?.status).toBe('pending');
    expect(partly?.message).toBe('Took back 1 of the 2 changes to notes.txt and left the others.');

    await stack.harness.call('runs.undoDiscard', { runId: run.id });
    expect(readFileSync(join(repo, 'notes.txt'), 'utf8')).toBe(end);
  });

  it('discards a run in place by restoring the files it changed (git)', async () => {
    const repo = makeRepo({ 'a.txt': 'committed a\n' });
    writeFileSync(join(repo, 'mine.txt'), 'the person keeps this\n');
    const { run } = await runTask({
      prompt: '[scenario:writes files=a.txt,b.txt content=by%20the%20agent]',
      cwd: repo,
      reviewEachRun: true,
    });
    const opened = await pendingReview(run.id);
    expect(opened.mode).toBe('in_place');
    expect(readFileSync(join(repo, 'a.txt'), 'utf8')).toBe('by the agent\n');
    await stack.harness.call('runs.review', { runId: run.id, decision: 'discard' });
    expect(readFileSync(join(repo, 'a.txt'), 'utf8')).toBe('committed a\n');
    expect(existsSync(join(repo, 'b.txt'))).toBe(false);
    expect(readFileSync(join(repo, 'mine.txt'), 'utf8')).toBe('the person keeps this\n');
    expect((await review(run.id))?.message).toBe('Took back 2 of the run’s changes.');
  });

  it('discards a run in place outside git from its start snapshot', async () => {
    const folder = tempDir('plain');
    writeFileSync(join(folder, 'a.txt'), 'original a\n');
    const { run } = await runTask({
      prompt: '[scenario:writes files=a.txt,b.txt content=rewritten]',
      cwd: folder,
      reviewEachRun: true,
    });
    await pendingReview(run.id);
    await stack.harness.call('runs.review', { runId: run.id, decision: 'discard' });
    expect(readFileSync(join(folder, 'a.txt'), 'utf8')).toBe('original a\n');
    expect(existsSync(join(folder, 'b.txt'))).toBe(false);
  });

  it('does not open a review for a run that changed nothing', async () => {
    const repo = makeRepo();
    const { run } = await runTask({ prompt: '[scenario:text]', cwd: repo, reviewEachRun: true });
    expect((await stack.harness.call('runs.diff', { runId: run.id })).files).toEqual([]);
    expect(await review(run.id)).toBeUndefined();
  });
});

describe('plan approval', () => {
  it('keeps planning after feedback, then works in the normal mode once approved', async () => {
    await stack.harness.call('settings.update', { defaultPermissionMode: 'acceptEdits' });
    try {
      const folder = tempDir('plan');
      const { run } = await startTask(stack.harness, {
        title: 'Plan first',
        prompt: '[scenario:plan]',
        cwd: folder,
        permissionMode: 'plan',
      });
      const plan = await pendingApproval(run.id, 'ExitPlanMode');
      expect(String(plan.input.plan)).toContain('# Plan');
      await stack.harness.call('approvals.decide', {
        approvalId: plan.id,
        decision: 'deny',
        message: 'Add a test step first.',
      });

      const revised = await pendingApproval(run.id, 'ExitPlanMode', plan.id);
      expect(String(revised.input.plan)).toContain('Add a test step first.');
      expect(existsSync(join(folder, 'plan-done.txt'))).toBe(false);
      await stack.harness.call('approvals.decide', { approvalId: revised.id, decision: 'allow' });

      const done = await stack.harness.waitForRun(run.id, ['succeeded', 'failed']);
      expect(done.status).toBe('succeeded');
      expect(readFileSync(join(folder, 'plan-done.txt'), 'utf8')).toBe('done by plan\n');
      // acceptEdits: the Write after the plan did not ask.
      const asked = (await stack.harness.call('approvals.list', { runId: run.id })).map(
        (a) => a.toolName,
      );
      expect(asked).toEqual(['ExitPlanMode', 'ExitPlanMode']);
    } finally {
      await stack.harness.call('settings.update', { defaultPermissionMode: 'default' });
    }
  });
});

describe('recovery', () => {
  it('puts away worktrees no run needs when the engine starts, keeping unmerged work', async () => {
    const repo = makeRepo();
    const dataDir = tempDir('data');
    const orphan = join(dataDir, 'worktrees', 'run_orphan');
    const empty = join(dataDir, 'worktrees', 'run_empty');
    mkdirSync(join(dataDir, 'worktrees'), { recursive: true });
    gitIn(repo)('worktree', 'add', '-q', '-b', 'switchboard/run_orphan', orphan, 'HEAD');
    gitIn(repo)('worktree', 'add', '-q', '-b', 'switchboard/run_empty', empty, 'HEAD');
    writeFileSync(join(orphan, 'left.txt'), 'left behind by a crash\n');
    expect(gitIn(repo)('worktree', 'list')).toContain('run_orphan');

    const restarted = await startEngine(stack.fake.url, { dataDir });
    try {
      expect(existsSync(orphan)).toBe(false);
      expect(existsSync(empty)).toBe(false);
      expect(gitIn(repo)('worktree', 'list')).not.toContain('run_orphan');
      // The uncommitted file is committed to the branch, which stays; the empty one goes.
      expect(gitIn(repo)('show', 'switchboard/run_orphan:left.txt')).toBe(
        'left behind by a crash\n',
      );
      expect(gitIn(repo)('branch', '--list', 'switchboard/run_empty')).toBe('');
    } finally {
      await restarted.stop();
    }
  });
});
