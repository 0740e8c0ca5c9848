// Discarding a run in place puts files back as they were, not only their bytes: an executable
// comes back executable, a symlink as a symlink, in a repository and in a plain folder; nothing is
// written through a symlink; files whose content was not kept are named, not touched.
import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  lstatSync,
  readFileSync,
  readlinkSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { restoreInPlace } from '../../../../src/main/engine/review/in-place-restore';
import { computeRunDiff } from '../../../../src/main/engine/review/run-diff';
import type { TouchedFiles } from '../../../../src/main/engine/review/touched-files';
import { tempDir } from '../../../support/claude-env';
import { newRun } from '../../../support/records';
import { baselinesOnFreshStore } from '../../../support/run-baselines';

const BASH = () => [{ type: 'tool_use', name: 'Bash' } as never];

function gitRepo(): string {
  const dir = tempDir('repo');
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, encoding: 'utf8' });
  git('init', '-q', '-b', 'main');
  git('config', 'user.name', 'Person');
  git('config', 'user.email', 'person@example.com');
  populate(dir);
  git('add', '-A');
  git('commit', '-q', '-m', 'start');
  return dir;
}

function populate(dir: string): void {
  writeFileSync(join(dir, 'run.sh'), '#!/bin/sh\necho hi\n');
  chmodSync(join(dir, 'run.sh'), 0o755);
  writeFileSync(join(dir, 'target.txt'), 'the target\n');
  symlinkSync('target.txt', join(dir, 'link'));
  writeFileSync(join(dir, 'private.txt'), 'secret\n');
  chmodSync(join(dir, 'private.txt'), 0o600);
}

/** What a run's command does: deletes the script, turns the link into a file, edits private.txt. */
function runChanges(dir: string): void {
  rmSync(join(dir, 'run.sh'));
  rmSync(join(dir, 'link'));
  writeFileSync(join(dir, 'link'), 'now a plain file\n');
  writeFileSync(join(dir, 'private.txt'), 'changed\n');
}

for (const kind of ['repository', 'plain folder'] as const) {
  describe(`discard in a ${kind}`, () => {
    it('restores modes and symlinks as they were', async () => {
      const { store, baselines } = baselinesOnFreshStore();
      store.runs.insert(newRun({ id: 'run_1', taskId: 'task_a' }));
      const dir = kind === 'repository' ? gitRepo() : tempDir('plain');
      if (kind === 'plain folder') populate(dir);
      const touched = await baselines.start('run_1', null, dir);
      await asOneCall(touched, () => runChanges(dir));
      const review = await baselines.end('run_1');
      const diff = await computeRunDiff(review, BASH, 'run_1');
      expect(diff.files.map((f) => f.path).sort()).toEqual(['link', 'private.txt', 'run.sh']);

      const outcome = await restoreInPlace(review ?? never(), diff.files);

      expect(outcome.restored.sort()).toEqual(['link', 'private.txt', 'run.sh']);
      expect(lstatSync(join(dir, 'run.sh')).mode & 0o777).toBe(0o755);
      expect(lstatSync(join(dir, 'link')).isSymbolicLink()).toBe(true);
      expect(readlinkSync(join(dir, 'link'))).toBe('target.txt');
      expect(readFileSync(join(dir, 'target.txt'), 'utf8')).toBe('the target\n');
      // An existing file keeps the person's narrower permissions.
      expect(lstatSync(join(dir, 'private.txt')).mode & 0o777).toBe(0o600);
      expect(readFileSync(join(dir, 'private.txt'), 'utf8')).toBe('secret\n');
    });
  });
}

it('never writes through a symlink the run left where a file was', async () => {
  const { store, baselines } = baselinesOnFreshStore();
  store.runs.insert(newRun({ id: 'run_1', taskId: 'task_a' }));
  const dir = gitRepo();
  const outside = join(tempDir('outside'), 'precious.txt');
  writeFileSync(outside, 'not to be overwritten\n');
  const touched = await baselines.start('run_1', null, dir);
  await asOneCall(touched, () => {
    rmSync(join(dir, 'target.txt'));
    symlinkSync(outside, join(dir, 'target.txt'));
  });
  const review = await baselines.end('run_1');
  const diff = await computeRunDiff(review, BASH, 'run_1');

  await restoreInPlace(review ?? never(), diff.files);

  expect(readFileSync(outside, 'utf8')).toBe('not to be overwritten\n');
  expect(lstatSync(join(dir, 'target.txt')).isFile()).toBe(true);
  expect(readFileSync(join(dir, 'target.txt'), 'utf8')).toBe('the target\n');
});

/** The changes as one tool call of the run (snapshots before and after), as a command is. */
async function asOneCall(touched: TouchedFiles, change: () => void): Promise<void> {
  await touched.calls?.begin('call_1');
  change();
  await touched.calls?.finish('call_1');
}

function never(): never {
  throw new Error('no review');
}
