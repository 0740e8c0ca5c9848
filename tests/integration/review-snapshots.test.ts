// Where review snapshots live and what they keep, end to end: the real Claude Code binary against
// the fake API, real git, real files. Runs leave the person's repository as it was (refs, log,
// hooks, .git's bytes); a big untracked file a command touched is named, not stored; the data
// folder inside a task's folder is never snapshotted; a folder past the limits says so and lists
// what commands changed; discard brings back an executable's mode and a symlink.
import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunReview } from '../../src/shared/domain';
import { tempDir } from '../support/claude-env';
import { startEngine, type EngineHarness } from '../support/engine-harness';
import { sharedEngineStack } from '../support/engine-stack';
import { waitFor } from '../support/serve-process';
import { startTask } from '../support/start-task';

const stack = sharedEngineStack();
const MB = 1024 * 1024;
/** Claude Code can take long to start on a loaded machine; several runs share one test. */
const RUN_WAIT_MS = 150_000;
const TEST_MS = 420_000;

function gitIn(repo: string) {
  return (...args: string[]) => execFileSync('git', args, { cwd: repo, encoding: 'utf8' });
}

/** A repository on main with hooks (in their own folder, as husky sets them) that log each call. */
function repoWithHooks() {
  const repo = tempDir('repo');
  const git = gitIn(repo);
  git('init', '-q', '-b', 'main');
  git('config', 'user.name', 'Person');
  git('config', 'user.email', 'person@example.com');
  writeFileSync(join(repo, 'README.md'), 'hello\n');
  git('add', '-A');
  git('commit', '-q', '-m', 'start');
  const hooks = tempDir('hooks');
  const log = join(hooks, 'calls.log');
  for (const hook of ['post-index-change', 'reference-transaction', 'post-commit']) {
    writeFileSync(join(hooks, hook), `#!/bin/sh\necho ${hook} >> '${log}'\n`);
    chmodSync(join(hooks, hook), 0o755);
  }
  git('config', 'core.hooksPath', hooks);
  return { repo, git, hookCalls: () => (existsSync(log) ? readFileSync(log, 'utf8') : '') };
}

function bytesUnder(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += statSync(join(entry.parentPath, entry.name)).size;
  }
  return total;
}

/** The person's .git as snapshots could change it: every object, ref and pack (not the index). */
function repoState(repo: string, git: (...args: string[]) => string) {
  return {
    refs: git('for-each-ref'),
    log: git('log', '--all', '--format=%H %s'),
    objects: bytesUnder(join(repo, '.git', 'objects')),
    refFiles: readdirSync(join(repo, '.git', 'refs'), { recursive: true }).sort(),
  };
}

async function runCommand(
  harness: EngineHarness,
  cwd: string,
  command: string,
  options: { reviewEachRun?: boolean } = {},
) {
  const { run } = await startTask(harness, {
    title: `Command in ${cwd}`,
    prompt: `[scenario:bash command=${encodeURIComponent(command)}]`,
    cwd,
    allowedTools: ['Bash'],
    permissionMode: 'acceptEdits',
    reviewEachRun: options.reviewEachRun ?? true,
  });
  const done = await harness.waitForRun(run.id, ['succeeded', 'failed', 'cancelled'], RUN_WAIT_MS);
  expect(done.error).toBeNull();
  expect(done.status).toBe('succeeded');
  return done;
}

async function pendingReview(harness: EngineHarness, runId: string): Promise<RunReview> {
  return waitFor(`a review of ${runId}`, async () =>
    (await harness.call('reviews.list', { status: 'pending' })).find((r) => r.runId === runId),
  );
}

async function discard(harness: EngineHarness, runId: string): Promise<string | null> {
  await pendingReview(harness, runId);
  await harness.call('runs.review', { runId, decision: 'discard' });
  return (await harness.call('reviews.list', { runId }))[0]?.message ?? null;
}

describe('snapshots in a git repository', () => {
  it(
    "leave the person's refs, log, hooks and objects as they were, run after run",
    async () => {
      const { repo, git, hookCalls } = repoWithHooks();
      writeFileSync(join(repo, 'staged.txt'), 'staged by the person\n');
      git('add', 'staged.txt');
      writeFileSync(join(repo, 'untracked.txt'), 'the person keeps this\n');
      const before = repoState(repo, git);
      const hooksBefore = hookCalls();

      const first = await runCommand(
        stack.harness,
        repo,
        'echo more >> README.md && echo one > one.txt',
      );
      const second = await runCommand(stack.harness, repo, 'echo two > two.txt && rm one.txt');

      expect(repoState(repo, git)).toEqual(before);
      expect(hookCalls()).toBe(hooksBefore);
      const diff = await stack.harness.call('runs.diff', { runId: first.id });
      expect(diff.files.map((f) => [f.path, f.status])).toEqual([
        ['README.md', 'modified'],
        ['one.txt', 'added'],
      ]);
      const later = await stack.harness.call('runs.diff', { runId: second.id });
      expect(later.files.map((f) => [f.path, f.status])).toEqual([
        ['one.txt', 'deleted'],
        ['two.txt', 'added'],
      ]);
      // Discard writes files back, nothing into .git.
      expect(await discard(stack.harness, second.id)).toMatch(/Took back 2 of the run’s changes/);
      expect(readFileSync(join(repo, 'one.txt'), 'utf8')).toBe('one\n');
      expect(existsSync(join(repo, 'two.txt'))).toBe(false);
      expect(repoState(repo, git)).toEqual(before);
      expect(hookCalls()).toBe(hooksBefore);
    },
    TEST_MS,
  );

  it(
    'names a 40 MB untracked file a command touched, and stores none of it',
    async () => {
      const { repo, git } = repoWithHooks();
      writeFileSync(join(repo, 'big.bin'), Buffer.alloc(40 * MB, 7));
      const before = repoState(repo, git);

      const run = await runCommand(
        stack.harness,
        repo,
        'echo tail >> big.bin && echo s > small.txt',
      );

      const after = repoState(repo, git);
      expect(after).toEqual(before);
      const diff = await stack.harness.call('runs.diff', { runId: run.id });
      expect(diff.files.map((f) => [f.path, f.status, f.notKept ?? null])).toEqual([
        ['big.bin', 'modified', 'big.bin (40 MB) was not kept: over the 10 MB limit.'],
        ['small.txt', 'added', null],
      ]);
      expect(diff.note).toContain('big.bin (40 MB) was not kept: over the 10 MB limit.');
      const message = await discard(stack.harness, run.id);
      expect(message).toMatch(/Took back 1 of the run’s changes\./);
      expect(message).toMatch(/Could not take back, their content was not kept: big\.bin\./);
      expect(statSync(join(repo, 'big.bin')).size).toBe(40 * MB + 5);
      const stores = join(stack.harness.dataDir, 'shadow-repos');
      console.info(
        `[figures] .git objects ${before.objects} → ${after.objects} bytes; ` +
          `Switchboard's stores ${bytesUnder(stores)} bytes after a run touching a 40 MB file`,
      );
      expect(bytesUnder(stores)).toBeLessThan(5 * MB);
    },
    TEST_MS,
  );

  it(
    'restores a deleted executable as 0755 and a symlink as a symlink on discard',
    async () => {
      const { repo, git } = repoWithHooks();
      writeFileSync(join(repo, 'run.sh'), '#!/bin/sh\necho hi\n');
      chmodSync(join(repo, 'run.sh'), 0o755);
      symlinkSync('README.md', join(repo, 'link'));
      git('add', '-A');
      git('commit', '-q', '-m', 'script and link');

      const run = await runCommand(stack.harness, repo, 'rm run.sh link && echo plain > link');

      expect(await discard(stack.harness, run.id)).toMatch(/Took back 2 of the run’s changes/);
      expect(lstatSync(join(repo, 'run.sh')).mode & 0o777).toBe(0o755);
      expect(lstatSync(join(repo, 'link')).isSymbolicLink()).toBe(true);
      expect(readlinkSync(join(repo, 'link'))).toBe('README.md');
      expect(git('status', '--porcelain')).toBe('');
    },
    TEST_MS,
  );
});

describe('snapshots outside git', () => {
  it(
    'restores an executable and a symlink in a plain folder',
    async () => {
      const folder = tempDir('plain-modes');
      writeFileSync(join(folder, 'run.sh'), '#!/bin/sh\necho hi\n');
      chmodSync(join(folder, 'run.sh'), 0o755);
      writeFileSync(join(folder, 'target.txt'), 'target\n');
      symlinkSync('target.txt', join(folder, 'link'));

      const run = await runCommand(stack.harness, folder, 'rm run.sh link && echo plain > link');

      expect(await discard(stack.harness, run.id)).toMatch(/Took back 2 of the run’s changes/);
      expect(lstatSync(join(folder, 'run.sh')).mode & 0o777).toBe(0o755);
      expect(readlinkSync(join(folder, 'link'))).toBe('target.txt');
    },
    TEST_MS,
  );

  it(
    "never snapshots Switchboard's data folder inside the task's folder",
    async () => {
      const folder = tempDir('plain-with-data');
      writeFileSync(join(folder, 'notes.txt'), 'notes\n');
      const dataDir = join(folder, 'switchboard-data');
      const harness = await startEngine(stack.fake.url, { dataDir });
      try {
        const sizes: number[] = [];
        for (let i = 0; i < 2; i++) {
          const run = await runCommand(harness, folder, `echo ${i} >> notes.txt`, {
            reviewEachRun: false,
          });
          const diff = await harness.call('runs.diff', { runId: run.id });
          expect(diff.files.map((f) => f.path)).toEqual(['notes.txt']);
          sizes.push(bytesUnder(join(dataDir, 'shadow-repos')));
        }
        const [shadow = ''] = readdirSync(join(dataDir, 'shadow-repos'));
        const inShadow = (...args: string[]) =>
          execFileSync('git', args, {
            env: { ...process.env, GIT_DIR: join(dataDir, 'shadow-repos', shadow) },
            encoding: 'utf8',
          });
        const commits = inShadow(
          'for-each-ref',
          '--format=%(objectname)',
          'refs/switchboard/runs/',
        );
        // Each run's start, end and the snapshot chain of its one tool call.
        expect(commits.trim().split('\n')).toHaveLength(6);
        for (const commit of commits.trim().split('\n')) {
          expect(inShadow('ls-tree', '-r', '--name-only', commit).trim()).toBe('notes.txt');
        }
        console.info(`[figures] shadow repository after each of 2 runs: ${sizes.join(', ')} bytes`);
        expect(sizes[1] ?? 0).toBeLessThan(1 * MB);
      } finally {
        await harness.stop();
      }
    },
    TEST_MS,
  );

  it(
    'past the limits, says so and lists what a command changed, and discard says what it cannot take back',
    async () => {
      const folder = tempDir('plain-big');
      mkdirSync(join(folder, 'src'));
      for (let i = 0; i < 12; i++) writeFileSync(join(folder, 'src', `f${i}.txt`), `file ${i}\n`);
      writeFileSync(join(folder, 'doomed.txt'), 'the person wrote this\n');
      const harness = await startEngine(stack.fake.url, {
        engine: { snapshotLimits: { files: 10, bytes: 512 * MB, maxFileBytes: 10 * MB } },
      });
      try {
        const run = await runCommand(
          harness,
          folder,
          'echo made > made.txt && echo more >> src/f1.txt && rm doomed.txt',
        );
        const diff = await harness.call('runs.diff', { runId: run.id });
        expect(diff.source).toBe('files');
        expect(diff.note).toMatch(/This folder is over the snapshot limits \(10 files or 512 MB\)/);
        expect(diff.note).toMatch(/3 more paths changed while the run went on/);
        expect(diff.files.map((f) => [f.path, f.status])).toEqual([
          ['doomed.txt', 'deleted'],
          ['made.txt', 'added'],
          ['src/f1.txt', 'modified'],
        ]);
        expect(diff.files.every((f) => f.notKept?.includes('content was not kept'))).toBe(true);

        const message = await discard(harness, run.id);
        expect(message).toMatch(/Took back none of the run’s changes\./);
        expect(message).toMatch(
          /Could not take back, their content was not kept: doomed\.txt, made\.txt, src\/f1\.txt\./,
        );
        expect(existsSync(join(folder, 'made.txt'))).toBe(true);
      } finally {
        await harness.stop();
      }
    },
    TEST_MS,
  );
});
