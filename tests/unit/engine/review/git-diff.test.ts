// The git diff of two snapshots, against a real repository: statuses, renames, counts, binary and
// oversized files listed without a patch, and snapshots that leave the person's index alone.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diffCommits, MAX_PATCH_CHARS } from '../../../../src/main/engine/review/git-diff';
import { snapshotRef, snapshotWorkingTree } from '../../../../src/main/engine/review/git-snapshot';
import { feedbackPrompt } from '../../../../src/main/engine/review/review-service';

function repo(): { dir: string; git: (...args: string[]) => string } {
  const dir = mkdtempSync(join(tmpdir(), 'sb-gitdiff-'));
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, encoding: 'utf8' });
  git('init', '-q', '-b', 'main');
  git('config', 'user.name', 'T');
  git('config', 'user.email', 't@example.com');
  return { dir, git };
}

describe('diffCommits', () => {
  it('gives status, counts and patch per file; binary and huge files come without a patch', async () => {
    const { dir, git } = repo();
    writeFileSync(join(dir, 'keep.txt'), 'one\ntwo\nthree\n');
    writeFileSync(join(dir, 'gone.txt'), 'bye\n');
    writeFileSync(join(dir, 'old name.txt'), 'a fairly long line that stays the same\n'.repeat(5));
    git('add', '-A');
    git('commit', '-q', '-m', 'start');
    const start = await snapshotWorkingTree(dir, snapshotRef('run_t', 'start'), 'start');

    writeFileSync(join(dir, 'keep.txt'), 'one\nTWO\nthree\n');
    rmSync(join(dir, 'gone.txt'));
    git('mv', 'old name.txt', 'new name.txt');
    writeFileSync(join(dir, 'image.bin'), Buffer.from([0, 1, 2, 0, 3]));
    writeFileSync(
      join(dir, 'huge.txt'),
      'x'.repeat(80) + '\n'.repeat(1) + 'y\n'.repeat(MAX_PATCH_CHARS / 2),
    );
    const staged = git('diff', '--cached', '--name-only');
    const end = await snapshotWorkingTree(dir, snapshotRef('run_t', 'end'), 'end');
    // The snapshot used its own index: what the person staged is unchanged.
    expect(git('diff', '--cached', '--name-only')).toBe(staged);

    const files = await diffCommits(dir, start, end);
    const byPath = new Map(files.map((f) => [f.path, f]));
    expect(byPath.get('keep.txt')).toMatchObject({
      status: 'modified',
      additions: 1,
      deletions: 1,
    });
    expect(byPath.get('keep.txt')?.patch).toContain('+TWO');
    expect(byPath.get('gone.txt')).toMatchObject({ status: 'deleted', deletions: 1 });
    expect(byPath.get('new name.txt')).toMatchObject({
      status: 'renamed',
      oldPath: 'old name.txt',
    });
    expect(byPath.get('image.bin')).toMatchObject({ status: 'added', binary: true, patch: null });
    expect(byPath.get('huge.txt')).toMatchObject({ tooLarge: true, patch: null });
    expect(git('show-ref')).toContain('refs/switchboard/runs/run_t/end');
  });
});

describe('feedbackPrompt', () => {
  it('puts the feedback first and says where each comment points', () => {
    const prompt = feedbackPrompt('Use tabs.', [
      { path: 'a.ts', line: 3, side: 'new', text: 'Rename this.' },
      { path: 'b.ts', line: 9, side: 'old', text: 'Keep this line.' },
    ]);
    expect(prompt).toContain('Use tabs.');
    expect(prompt).toContain('- a.ts, line 3: Rename this.');
    expect(prompt).toContain('- b.ts, line 9 (before your change): Keep this line.');
    expect(feedbackPrompt('  ', [])).toBeNull();
  });
});
