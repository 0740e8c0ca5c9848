// Records the state of a working folder as a commit, without touching the person's index or
// files: a temporary index takes HEAD plus every tracked and untracked (not ignored) change, and
// the commit is kept under refs/switchboard/, so the diff of a run outlives later runs and gc.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { git, gitOk, SWITCHBOARD_IDENTITY } from './git';

export function snapshotRef(runId: string, which: 'start' | 'end'): string {
  return `refs/switchboard/runs/${runId}/${which}`;
}

/** Commits the working tree of `top` (a checkout or a worktree) and points `ref` at it. */
export async function snapshotWorkingTree(top: string, ref: string, message: string) {
  const dir = mkdtempSync(join(tmpdir(), 'sb-index-'));
  const env = { ...SWITCHBOARD_IDENTITY, GIT_INDEX_FILE: join(dir, 'index') };
  try {
    const hasHead = await gitOk(top, ['rev-parse', '--verify', '-q', 'HEAD']);
    if (hasHead) await git(top, ['read-tree', 'HEAD'], { env });
    await git(top, ['add', '-A', '--', '.'], { env });
    const tree = (await git(top, ['write-tree'], { env })).trim();
    const parents = hasHead ? ['-p', 'HEAD'] : [];
    const commit = (
      await git(top, ['commit-tree', tree, ...parents, '-m', message], { env })
    ).trim();
    await git(top, ['update-ref', ref, commit]);
    return commit;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Drops a run's snapshot refs (its diff is then gone too). */
export async function deleteSnapshots(repo: string, runId: string): Promise<void> {
  for (const which of ['start', 'end'] as const) {
    await git(repo, ['update-ref', '-d', snapshotRef(runId, which)]).catch(() => undefined);
  }
}
