// Records the state of a working folder as a commit, without touching the person's index or
// files: a temporary index, seeded from a copy of the repository's own (so only files whose
// stat changed are read again) or from HEAD, takes every tracked and untracked (not ignored)
// change; the commit is kept under refs/switchboard/, so the diff of a run outlives later runs
// and gc (until snapshot-pruning.ts drops the refs of settled old runs).
import { copyFileSync, existsSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { git, gitOk, SWITCHBOARD_IDENTITY } from './git';

/** A run's snapshot refs: its start and end, and the chain of its tool calls' snapshots. */
export const RUN_SNAPSHOT_REFS = ['start', 'end', 'calls'] as const;

export function snapshotRef(runId: string, which: (typeof RUN_SNAPSHOT_REFS)[number]): string {
  return `refs/switchboard/runs/${runId}/${which}`;
}

export interface SnapshotOptions {
  /**
   * An index file of the caller's own, kept between snapshots so only files whose stat changed
   * are read again (seeded from the repository's index on first use).
   */
  index?: string;
  /** The commit's parent instead of HEAD (a chain of snapshots keeps each one reachable). */
  parent?: string | null;
}

/**
 * Commits the working tree of `top` (a checkout or a worktree) and points `ref` at it. `shadowEnv`
 * points git at a shadow repository of a folder outside git, whose index is Switchboard's own and
 * so is kept up to date as a cache for the next snapshot.
 */
export async function snapshotWorkingTree(
  top: string,
  ref: string,
  message: string,
  shadowEnv?: Record<string, string>,
  options: SnapshotOptions = {},
) {
  const dir = mkdtempSync(join(tmpdir(), 'sb-index-'));
  const tempIndex = join(dir, 'index');
  const repoEnv = shadowEnv ?? {};
  const env = { ...repoEnv, ...SWITCHBOARD_IDENTITY, GIT_INDEX_FILE: tempIndex };
  try {
    const hasHead = await gitOk(top, ['rev-parse', '--verify', '-q', 'HEAD'], { env: repoEnv });
    const ownIndex = resolve(
      top,
      (await git(top, ['rev-parse', '--git-path', 'index'], { env: repoEnv })).trim(),
    );
    const seed =
      options.index !== undefined && existsSync(options.index) ? options.index : ownIndex;
    if (existsSync(seed)) copyFileSync(seed, tempIndex);
    else if (hasHead) await git(top, ['read-tree', 'HEAD'], { env });
    await git(top, ['add', '-A', '--', '.'], { env });
    const tree = (await git(top, ['write-tree'], { env })).trim();
    const parent = options.parent !== undefined ? options.parent : hasHead ? 'HEAD' : null;
    const parents = parent !== null ? ['-p', parent] : [];
    const commit = (
      await git(top, ['commit-tree', tree, ...parents, '-m', message], { env })
    ).trim();
    await git(top, ['update-ref', ref, commit], { env: repoEnv });
    if (options.index !== undefined) renameOrCopy(tempIndex, options.index);
    else if (shadowEnv) renameOrCopy(tempIndex, ownIndex);
    return commit;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Replaces `to` with `from` in one step where both are on one file system. */
function renameOrCopy(from: string, to: string): void {
  try {
    renameSync(from, to);
  } catch {
    copyFileSync(from, `${to}.switchboard`);
    renameSync(`${to}.switchboard`, to);
  }
}
