// Putting worktrees away without losing work (real git in temporary folders), and the words a
// refused merge uses for the person's files in the way.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  putAwayWorktree,
  releaseEmptyWorktree,
  worktreeWork,
} from '../../../../src/main/engine/review/worktree-keep';
import { blockedMessage, filesInTheWay } from '../../../../src/main/engine/review/worktree-merge';
import { tempDir } from '../../../support/claude-env';

function repoWithWorktree() {
  const repo = tempDir('keep-repo');
  const git = (cwd: string, ...args: string[]) =>
    execFileSync('git', args, { cwd, encoding: 'utf8' });
  git(repo, 'init', '-q', '-b', 'main');
  git(repo, 'config', 'user.name', 'Person');
  git(repo, 'config', 'user.email', 'person@example.com');
  writeFileSync(join(repo, 'README.md'), 'hello\n');
  git(repo, 'add', '-A');
  git(repo, 'commit', '-q', '-m', 'start');
  const worktree = join(tempDir('keep-wt'), 'run_1');
  git(repo, 'worktree', 'add', '-q', '-b', 'switchboard/run_1', worktree, 'HEAD');
  return { repo, worktree, branch: 'switchboard/run_1', git };
}

describe('worktreeWork', () => {
  it('counts uncommitted files and commits on no other branch', async () => {
    const { repo, worktree, branch, git } = repoWithWorktree();
    expect(await worktreeWork(repo, worktree, branch)).toMatchObject({
      uncommitted: [],
      unmergedCommits: 0,
    });
    writeFileSync(join(worktree, 'a.txt'), 'a\n');
    git(worktree, 'add', 'a.txt');
    git(worktree, 'commit', '-q', '-m', 'a');
    writeFileSync(join(worktree, 'b.txt'), 'b\n');
    expect(await worktreeWork(repo, worktree, branch)).toMatchObject({
      uncommitted: ['b.txt'],
      unmergedCommits: 1,
    });
    // Once main holds the commit, it is merged work.
    git(repo, 'merge', '-q', branch);
    expect((await worktreeWork(repo, worktree, branch)).unmergedCommits).toBe(0);
  });
});

describe('putAwayWorktree', () => {
  it('commits uncommitted files to the branch and keeps it', async () => {
    const { repo, worktree, branch, git } = repoWithWorktree();
    writeFileSync(join(worktree, 'work.txt'), 'the run wrote this\n');
    const result = await putAwayWorktree({ repoRoot: repo, worktree, branch, message: 'kept' });
    expect(result.branchKept).toBe(true);
    expect(result.committed).not.toBeNull();
    expect(existsSync(worktree)).toBe(false);
    expect(git(repo, 'show', `${branch}:work.txt`)).toBe('the run wrote this\n');
  });

  it('deletes the branch when nothing on it would be lost', async () => {
    const { repo, worktree, branch, git } = repoWithWorktree();
    const result = await putAwayWorktree({ repoRoot: repo, worktree, branch, message: 'kept' });
    expect(result).toEqual({ branchKept: false, committed: null });
    expect(git(repo, 'branch', '--list', branch)).toBe('');
  });
});

describe('releaseEmptyWorktree', () => {
  it('removes an untouched worktree and leaves one with work alone', async () => {
    const empty = repoWithWorktree();
    expect(await releaseEmptyWorktree(empty.repo, empty.worktree, empty.branch)).toBe(true);
    expect(existsSync(empty.worktree)).toBe(false);

    const busy = repoWithWorktree();
    writeFileSync(join(busy.worktree, 'x.txt'), 'x\n');
    expect(await releaseEmptyWorktree(busy.repo, busy.worktree, busy.branch)).toBe(false);
    expect(readFileSync(join(busy.worktree, 'x.txt'), 'utf8')).toBe('x\n');
  });
});

describe('a merge refused by the person’s files', () => {
  it('finds the files git names, tracked and untracked, once each', () => {
    const stderr = [
      'error: Your local changes to the following files would be overwritten by merge:',
      '\tshared.txt',
      '\tsrc/app.ts',
      'Please commit your changes or stash them before you merge.',
      'error: The following untracked working tree files would be overwritten by merge:',
      '\tnotes.txt',
      'Please move or remove them before you merge.',
      'Aborting',
    ].join('\n');
    expect(filesInTheWay(stderr)).toEqual(['shared.txt', 'src/app.ts', 'notes.txt']);
    expect(filesInTheWay('fatal: refusing to merge unrelated histories')).toEqual([]);
  });

  it('says what is in the way and what to do, without git’s words', () => {
    const message = blockedMessage('main', '/repo', ['shared.txt']);
    expect(message).toMatch(/your uncommitted changes to shared\.txt in \/repo are in the way/);
    expect(message).toMatch(/Commit or stash them/);
    expect(message).toMatch(/merge into a new branch/);
    expect(message).not.toMatch(/error:|Aborting/);
  });
});
