// Snapshots of runs in a git repository with real git, real files and a real store: they leave
// the person's repository exactly as it was (refs, `git log --all`, hooks, .git's bytes), keep
// what they borrow from the person's objects, leave out files over the cap and Switchboard's data
// folder (naming the files), and runs from before stores still diff and prune where their refs are.
import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { snapshotRef, snapshotWorkingTree } from '../../../../src/main/engine/review/git-snapshot';
import { RunBaselines } from '../../../../src/main/engine/review/run-baseline';
import { computeRunDiff } from '../../../../src/main/engine/review/run-diff';
import { SnapshotPruning } from '../../../../src/main/engine/review/snapshot-pruning';
import { tempDir } from '../../../support/claude-env';
import { newRun, taskRecord } from '../../../support/records';
import { openStore } from '../../../support/store-fixtures';

const DAY = 24 * 60 * 60 * 1000;
const NOW = 100 * DAY;

function setup(options: { maxFileBytes?: number; dataInside?: string } = {}) {
  const store = openStore();
  store.tasks.insert(taskRecord({ id: 'task_a' }));
  const data = options.dataInside ?? tempDir('data');
  const baselines = new RunBaselines({
    store,
    clock: () => NOW,
    worktreeRoot: join(data, 'worktrees'),
    stateRoot: join(data, 'reviews'),
    shadowRoot: join(data, 'shadow-repos'),
    dataDir: data,
    ...(options.maxFileBytes === undefined ? {} : { maxFileBytes: options.maxFileBytes }),
  });
  const run = (id: string) => store.runs.insert(newRun({ id, taskId: 'task_a' }));
  return { store, baselines, run, data };
}

/** A repository on main with a.txt committed and hooks that log every call. */
function repo() {
  const dir = tempDir('repo');
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, encoding: 'utf8' });
  git('init', '-q', '-b', 'main');
  git('config', 'user.name', 'Person');
  git('config', 'user.email', 'person@example.com');
  writeFileSync(join(dir, 'a.txt'), 'a\n');
  git('add', 'a.txt');
  git('commit', '-q', '-m', 'start');
  // Hooks in a folder of their own, as husky and the like set them up.
  const hooks = tempDir('hooks');
  const log = join(hooks, 'calls.log');
  git('config', 'core.hooksPath', hooks);
  for (const hook of ['post-index-change', 'reference-transaction', 'pre-commit', 'post-commit']) {
    const path = join(hooks, hook);
    writeFileSync(path, `#!/bin/sh\necho ${hook} >> '${log}'\n`);
    chmodSync(path, 0o755);
  }
  const hookCalls = () => (existsSync(log) ? readFileSync(log, 'utf8') : '');
  return { dir, git, hookCalls };
}

/** Every file under .git with its size: what a snapshot must not change. */
function gitFiles(dir: string): Record<string, number> {
  const sizes: Record<string, number> = {};
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else sizes[path] = statSync(path).size;
    }
  };
  walk(join(dir, '.git'));
  return sizes;
}

function inStore(gitDir: string | null | undefined, ...args: string[]): string {
  return execFileSync('git', args, {
    env: { ...process.env, GIT_DIR: gitDir ?? '' },
    encoding: 'utf8',
  });
}

describe('snapshots of a run in a git repository', () => {
  it("leave the person's refs, log, hooks and .git as they were", async () => {
    const { baselines, run } = setup();
    const { dir, git, hookCalls } = repo();
    writeFileSync(join(dir, 'staged.txt'), 'staged\n');
    git('add', 'staged.txt');
    writeFileSync(join(dir, 'untracked.txt'), 'untracked\n');
    // The log starts after the person's own commands.
    const before = {
      refs: git('for-each-ref'),
      log: git('log', '--all', '--oneline'),
      files: gitFiles(dir),
      hooks: hookCalls(),
    };
    run('run_1');

    await baselines.start('run_1', null, dir);
    writeFileSync(join(dir, 'a.txt'), 'changed by the run\n');
    writeFileSync(join(dir, 'new.txt'), 'new\n');
    const review = await baselines.end('run_1');

    expect(git('for-each-ref')).toBe(before.refs);
    expect(git('log', '--all', '--oneline')).toBe(before.log);
    expect(hookCalls()).toBe(before.hooks);
    expect(gitFiles(dir)).toEqual(before.files);
    // No tool call of the run was recorded, so every change is someone else's.
    const diff = await computeRunDiff(review, () => [], 'run_1');
    expect(diff.files.map((f) => [f.path, f.status, f.attribution])).toEqual([
      ['a.txt', 'modified', 'other'],
      ['new.txt', 'added', 'other'],
    ]);
    expect(inStore(review?.shadowGitDir, 'for-each-ref', '--format=%(refname)').trim()).toBe(
      [snapshotRef('run_1', 'end'), snapshotRef('run_1', 'start')].join('\n'),
    );
  });

  it('keeps a staged blob it borrowed even after the person’s gc drops it', async () => {
    const { baselines, run } = setup();
    const { dir, git } = repo();
    writeFileSync(join(dir, 'staged.txt'), 'only ever staged\n');
    git('add', 'staged.txt');
    const blob = git('rev-parse', ':staged.txt').trim();
    run('run_1');
    await baselines.start('run_1', null, dir);
    const review = await baselines.end('run_1');
    // The person unstages and their gc prunes the now unreferenced blob.
    git('rm', '-q', '--cached', 'staged.txt');
    rmSync(join(dir, '.git', 'objects', blob.slice(0, 2), blob.slice(2)));
    expect(() => git('cat-file', '-e', blob)).toThrow();

    expect(inStore(review?.shadowGitDir, 'show', `${review?.startRef}:staged.txt`)).toBe(
      'only ever staged\n',
    );
  });

  it('leaves out files over the cap and names those the run changed', async () => {
    const { baselines, run } = setup({ maxFileBytes: 1024 * 1024 });
    const { dir } = repo();
    writeFileSync(join(dir, 'big.bin'), Buffer.alloc(3 * 1024 * 1024, 1));
    writeFileSync(join(dir, 'still-big.bin'), Buffer.alloc(2 * 1024 * 1024, 2));
    const before = gitFiles(dir);
    run('run_1');

    await baselines.start('run_1', null, dir);
    writeFileSync(join(dir, 'big.bin'), Buffer.alloc(4 * 1024 * 1024, 3));
    writeFileSync(join(dir, 'small.txt'), 'small\n');
    const review = await baselines.end('run_1');

    expect(gitFiles(dir)).toEqual(before);
    const tree = inStore(review?.shadowGitDir, 'ls-tree', '--name-only', `${review?.endRef}`);
    expect(tree.trim().split('\n')).toEqual(['a.txt', 'small.txt']);
    const diff = await computeRunDiff(
      review,
      () => [{ type: 'tool_use', name: 'Bash' } as never],
      'run_1',
    );
    expect(diff.files.map((f) => [f.path, f.status, f.notKept ?? null])).toEqual([
      ['big.bin', 'modified', 'big.bin (4 MB) was not kept: over the 1 MB limit.'],
      ['small.txt', 'added', null],
    ]);
    expect(diff.note).toContain('big.bin (4 MB) was not kept: over the 1 MB limit.');
    // The store holds none of the big contents either.
    expect(dirBytes(review?.shadowGitDir ?? '')).toBeLessThan(512 * 1024);
  });

  it("never snapshots Switchboard's data folder inside the task's folder", async () => {
    const folder = tempDir('plain-with-data');
    writeFileSync(join(folder, 'a.txt'), 'a\n');
    const data = join(folder, '.switchboard-data');
    mkdirSync(data);
    const { baselines, run } = setup({ dataInside: data });
    run('run_1');
    await baselines.start('run_1', null, folder);
    writeFileSync(join(data, 'switchboard.sqlite'), 'the store grew');
    writeFileSync(join(folder, 'b.txt'), 'b\n');
    const review = await baselines.end('run_1');

    const tree = inStore(review?.shadowGitDir, 'ls-tree', '-r', '--name-only', `${review?.endRef}`);
    expect(tree.trim().split('\n')).toEqual(['a.txt', 'b.txt']);
  });
});

describe('runs from before snapshot stores', () => {
  it('still diff from their refs in the repository, and prune them there with hooks off', async () => {
    const { store, baselines, run, data } = setup();
    const { dir, git, hookCalls } = repo();
    run('run_old');
    // As the engine recorded a run before: refs in the person's repository, no store.
    const startRef = await snapshotWorkingTree(dir, snapshotRef('run_old', 'start'), 'start');
    store.reviews.insert({
      runId: 'run_old',
      source: 'git',
      repoRoot: dir,
      workdir: dir,
      worktree: null,
      branch: null,
      baseBranch: 'main',
      baseCommit: git('rev-parse', 'HEAD').trim(),
      startRef,
      shadowGitDir: null,
      stateDir: join(data, 'reviews', 'run_old'),
      createdAt: NOW,
    });
    writeFileSync(join(dir, 'a.txt'), 'changed\n');
    const review = await baselines.end('run_old');
    expect(review?.shadowGitDir).toBeNull();
    const diff = await computeRunDiff(
      review,
      () => [{ type: 'tool_use', name: 'Bash' } as never],
      'run_old',
    );
    expect(diff.files.map((f) => f.path)).toEqual(['a.txt']);
    expect(git('for-each-ref', '--format=%(refname)')).toContain('refs/switchboard/runs/run_old');

    store.runs.update('run_old', { status: 'succeeded', endedAt: NOW - 40 * DAY });
    store.reviews.update('run_old', { status: 'approved' });
    const hooksBefore = hookCalls();
    const pruning = new SnapshotPruning({ store, clock: () => NOW, shadowRoot: join(data, 'x') });
    expect(await pruning.prune(null)).toBe(1);
    expect(git('for-each-ref', '--format=%(refname)').trim()).toBe('refs/heads/main');
    expect(hookCalls()).toBe(hooksBefore);
  });
});

function dirBytes(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += statSync(join(entry.parentPath, entry.name)).size;
  }
  return total;
}
