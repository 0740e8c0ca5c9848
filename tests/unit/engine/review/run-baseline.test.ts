// Baselines of runs outside git with real files, real git and a real store: a folder that fits
// gets start and end commits in a shadow repository kept in the data folder (excluding dependency
// folders); a folder past the limits falls back to saving what the agent's file tools touch.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { computeRunDiff } from '../../../../src/main/engine/review/run-diff';
import { tempDir } from '../../../support/claude-env';
import { newRun } from '../../../support/records';
import { baselinesOnFreshStore } from '../../../support/run-baselines';

function setup(limits?: { files: number; bytes: number }) {
  const { store, baselines, data } = baselinesOnFreshStore(limits);
  const run = (id: string) => store.runs.insert(newRun({ id, taskId: 'task_a' }));
  return { store, baselines, run, data };
}

function shadowGit(gitDir: string | null | undefined, ...args: string[]): string {
  return execFileSync('git', args, {
    env: { ...process.env, GIT_DIR: gitDir ?? '' },
    encoding: 'utf8',
  });
}

describe('RunBaselines outside git', () => {
  it('snapshots a folder that fits into a shadow repository, leaving out dependency folders', async () => {
    const { store, baselines, run, data } = setup();
    const folder = tempDir('plain');
    writeFileSync(join(folder, 'a.txt'), 'a\n');
    mkdirSync(join(folder, 'node_modules', 'dep'), { recursive: true });
    writeFileSync(join(folder, 'node_modules', 'dep', 'index.js'), 'x\n');
    run('run_1');

    const touched = await baselines.start('run_1', null, folder);
    touched.note(join(folder, 'b.txt'));
    writeFileSync(join(folder, 'b.txt'), 'b\n');
    writeFileSync(join(folder, 'node_modules', 'dep', 'index.js'), 'y\n');
    const review = await baselines.end('run_1');

    expect(review?.source).toBe('files');
    expect(review?.shadowGitDir).toMatch(/shadow-repos/);
    expect(review?.startRef).toMatch(/^[0-9a-f]{40}$/);
    expect(review?.endRef).toMatch(/^[0-9a-f]{40}$/);
    const diff = await computeRunDiff(review, () => [], 'run_1');
    expect(diff.files.map((f) => [f.path, f.status])).toEqual([['b.txt', 'added']]);
    expect(existsSync(join(folder, '.git'))).toBe(false);
    // Nothing saved file by file: the shadow repository holds the contents.
    expect(readdirSync(join(data, 'reviews', 'run_1', 'originals'))).toEqual([]);
    const files = shadowGit(
      review?.shadowGitDir,
      'ls-tree',
      '-r',
      '--name-only',
      `${review?.endRef}`,
    );
    expect(files.trim().split('\n')).toEqual(['a.txt', 'b.txt']);
    expect(store.reviews.get('run_1')?.shadowGitDir).toBe(review?.shadowGitDir);
    // Its index is kept, so the next snapshot reads only the files whose stat changed.
    expect(existsSync(join(review?.shadowGitDir ?? '', 'index'))).toBe(true);
  });

  it('shares one shadow repository between runs in the same folder', async () => {
    const { baselines, run } = setup();
    const folder = tempDir('plain');
    writeFileSync(join(folder, 'a.txt'), 'a\n');
    run('run_1');
    run('run_2');
    await baselines.start('run_1', null, folder);
    const first = await baselines.end('run_1');
    await baselines.start('run_2', null, folder);
    const second = await baselines.end('run_2');
    expect(second?.shadowGitDir).toBe(first?.shadowGitDir);
    const tree = (ref: string | null | undefined) =>
      shadowGit(first?.shadowGitDir, 'rev-parse', `${ref}^{tree}`);
    expect(tree(second?.startRef)).toBe(tree(first?.endRef));
  });

  it('falls back to saving the touched files when the folder is past the limits', async () => {
    const { baselines, run, data } = setup({ files: 2, bytes: 1024 * 1024 });
    const folder = tempDir('plain');
    for (const name of ['a.txt', 'b.txt', 'c.txt']) writeFileSync(join(folder, name), `${name}\n`);
    run('run_1');

    const touched = await baselines.start('run_1', null, folder);
    touched.note(join(folder, 'a.txt'));
    writeFileSync(join(folder, 'a.txt'), 'changed\n');
    const review = await baselines.end('run_1');

    expect(review?.shadowGitDir).toBeNull();
    expect(review?.startRef).toBeNull();
    expect(existsSync(join(data, 'shadow-repos'))).toBe(false);
    const diff = await computeRunDiff(review, () => [], 'run_1');
    expect(diff.files.map((f) => [f.path, f.status])).toEqual([['a.txt', 'modified']]);
  });
});

describe('RunBaselines in a repository', () => {
  it("snapshots from a copy of the person's index and leaves the index as it was", async () => {
    const { baselines, run } = setup();
    const repo = tempDir('repo');
    const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, encoding: 'utf8' });
    git('init', '-q', '-b', 'main');
    writeFileSync(join(repo, 'a.txt'), 'a\n');
    git('add', 'a.txt');
    git('-c', 'user.name=P', '-c', 'user.email=p@example.com', 'commit', '-q', '-m', 'start');
    writeFileSync(join(repo, 'staged.txt'), 'staged\n');
    git('add', 'staged.txt');
    writeFileSync(join(repo, 'a.txt'), 'edited, not staged\n');
    const indexBefore = readFileSync(join(repo, '.git', 'index'));
    run('run_1');

    await baselines.start('run_1', null, repo);
    writeFileSync(join(repo, 'new.txt'), 'new\n');
    const review = await baselines.end('run_1');

    expect(readFileSync(join(repo, '.git', 'index')).equals(indexBefore)).toBe(true);
    expect(git('diff', '--cached', '--name-only').trim()).toBe('staged.txt');
    // The snapshots live in Switchboard's store for this repository, not in the repository.
    expect(review?.shadowGitDir).toMatch(/shadow-repos[/\\]repo-/);
    expect(() => git('cat-file', '-e', `${review?.startRef}`)).toThrow();
    const store = (...args: string[]) => shadowGit(review?.shadowGitDir, ...args);
    const atStart = store('show', `${review?.startRef}:a.txt`);
    expect(atStart).toBe('edited, not staged\n');
    expect(store('show', `${review?.startRef}:staged.txt`)).toBe('staged\n');
    expect(store('ls-tree', '--name-only', `${review?.endRef}`).trim().split('\n')).toEqual([
      'a.txt',
      'new.txt',
      'staged.txt',
    ]);
  });
});
