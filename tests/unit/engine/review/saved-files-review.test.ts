// Reviewing a run in a folder too big for a shadow repository, with real files and a real store:
// its diff names files relative to the run's folder like every other diff (a file outside the
// folder keeps its absolute path), and discard puts each file back and names them the same way.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { folderRelative } from '../../../../src/main/engine/review/files-diff';
import { restoreInPlace } from '../../../../src/main/engine/review/in-place-restore';
import { computeRunDiff } from '../../../../src/main/engine/review/run-diff';
import { tempDir } from '../../../support/claude-env';
import { newRun } from '../../../support/records';
import { baselinesOnFreshStore } from '../../../support/run-baselines';

async function bigFolderRun() {
  // Any folder with more than one file is "too big": the fallback is what is under test.
  const { store, baselines } = baselinesOnFreshStore({ files: 1, bytes: 1024 });
  store.runs.insert(newRun({ id: 'run_1', taskId: 'task_a' }));
  const folder = tempDir('big');
  const outside = tempDir('outside');
  mkdirSync(join(folder, 'src'));
  writeFileSync(join(folder, 'src', 'main.ts'), 'one\ntwo\n');
  writeFileSync(join(folder, 'gone.txt'), 'bye\n');
  writeFileSync(join(outside, 'notes.txt'), 'before\n');

  const touched = await baselines.start('run_1', null, folder);
  for (const path of [
    join(folder, 'src', 'main.ts'),
    join(folder, 'src', 'made.ts'),
    join(folder, 'gone.txt'),
    join(outside, 'notes.txt'),
  ]) {
    touched.note(path);
  }
  writeFileSync(join(folder, 'src', 'main.ts'), 'one\nTWO\n');
  writeFileSync(join(folder, 'src', 'made.ts'), 'new\n');
  rmSync(join(folder, 'gone.txt'));
  writeFileSync(join(outside, 'notes.txt'), 'after\n');
  const review = await baselines.end('run_1');
  return { review, folder, outside };
}

describe('the diff of a folder too big for a shadow repository', () => {
  it('names the files relative to the run’s folder, with git-style patch headers', async () => {
    const { review, outside } = await bigFolderRun();
    expect(review?.shadowGitDir).toBeNull();

    const diff = await computeRunDiff(review, () => [], 'run_1');

    expect(diff.files.map((f) => [f.path, f.status])).toEqual([
      ['src/main.ts', 'modified'],
      ['src/made.ts', 'added'],
      ['gone.txt', 'deleted'],
      [join(outside, 'notes.txt'), 'modified'],
    ]);
    const main = diff.files.find((f) => f.path === 'src/main.ts');
    expect(main?.patch).toContain('--- a/src/main.ts');
    expect(main?.patch).toContain('+++ b/src/main.ts');
    expect(main?.patch).toContain('+TWO');
    expect(diff.files.find((f) => f.path === 'src/made.ts')?.patch).toContain('--- /dev/null');
  });

  it('discards every change and names the files the same way', async () => {
    const { review, folder, outside } = await bigFolderRun();
    if (!review) throw new Error('no review recorded');
    const diff = await computeRunDiff(review, () => [], 'run_1');
    // The person edits one file again after the run: it is left alone.
    writeFileSync(join(outside, 'notes.txt'), 'the person’s own edit\n');

    const outcome = await restoreInPlace(review, diff.files);

    expect(outcome.restored).toEqual(['src/main.ts', 'src/made.ts', 'gone.txt']);
    expect(outcome.skipped.map((s) => s.path)).toEqual([join(outside, 'notes.txt')]);
    expect(readFileSync(join(folder, 'src', 'main.ts'), 'utf8')).toBe('one\ntwo\n');
    expect(existsSync(join(folder, 'src', 'made.ts'))).toBe(false);
    expect(readFileSync(join(folder, 'gone.txt'), 'utf8')).toBe('bye\n');
    expect(readFileSync(join(outside, 'notes.txt'), 'utf8')).toBe('the person’s own edit\n');
  });
});

describe('folderRelative', () => {
  it('keeps absolute the paths outside the folder, and a name that only starts with ..', () => {
    expect(folderRelative('/work/a', '/work/a/b/c.txt')).toBe('b/c.txt');
    expect(folderRelative('/work/a', '/work/a/..c.txt')).toBe('..c.txt');
    expect(folderRelative('/work/a', '/work/ab/c.txt')).toBe('/work/ab/c.txt');
    expect(folderRelative('/work/a', '/work/a')).toBe('/work/a');
  });
});
