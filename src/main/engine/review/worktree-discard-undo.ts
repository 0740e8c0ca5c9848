// Discarding a worktree run keeps what it removes, so the discard can be undone: the worktree's
// uncommitted files become a commit on its branch, and the branch's own commits go into a bundle
// in the run's state folder (nothing is added to the person's repository). Undo fetches them back,
// makes the branch and the worktree again, and turns that commit back into uncommitted files.
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApiError } from '../../../shared/errors';
import { git, gitOk } from './git';
import { branchExists, commitUncommitted, worktreeWork } from './worktree-keep';

interface KeptWorktree {
  repoRoot: string;
  worktree: string;
  branch: string | null;
  /** What the branch (or the detached worktree) pointed at, leftovers commit included. */
  tip: string;
  /** The tip is a commit of the worktree's uncommitted files, made by the discard. */
  leftovers: boolean;
  /** The branch's own commits are in the bundle (otherwise other branches hold them all). */
  bundled: boolean;
}

const RECORD = 'worktree-discard.json';
const BUNDLE = 'worktree-discard.bundle';
const LEFTOVERS_MESSAGE = 'Switchboard: uncommitted changes, kept when the run was discarded';

/** The ref a bundle names its tip by; only ever exists for a moment. */
function keepRef(runId: string): string {
  return `refs/switchboard/discard-keep/${runId}`;
}

/**
 * Keeps the worktree's work before a discard removes it; false when there is nothing to keep
 * (no branch tip, no commit): the discard then cannot be undone, and says so.
 */
export async function keepBeforeWorktreeDiscard(request: {
  runId: string;
  stateDir: string;
  repoRoot: string;
  worktree: string;
  branch: string | null;
}): Promise<boolean> {
  const { runId, stateDir, repoRoot, worktree, branch } = request;
  const leftovers = (await commitUncommitted(worktree, LEFTOVERS_MESSAGE)) !== null;
  const work = await worktreeWork(repoRoot, worktree, branch);
  if (work.tip === null) return false;
  const bundled = work.unmergedCommits > 0;
  if (bundled) {
    const ref = keepRef(runId);
    await git(repoRoot, ['update-ref', ref, work.tip]);
    try {
      // Only the commits no other branch holds: the others stay in the repository anyway.
      const exclude = branch === null ? [] : [`--exclude=${branch}`];
      const bundle = join(stateDir, BUNDLE);
      await git(repoRoot, [
        'bundle',
        'create',
        '-q',
        bundle,
        ref,
        '--not',
        ...exclude,
        '--branches',
      ]);
    } finally {
      await git(repoRoot, ['update-ref', '-d', ref]).catch(() => undefined);
    }
  }
  const record: KeptWorktree = { repoRoot, worktree, branch, tip: work.tip, leftovers, bundled };
  writeFileSync(join(stateDir, RECORD), JSON.stringify(record), { mode: 0o600 });
  return true;
}

export function hasKeptWorktree(stateDir: string): boolean {
  return read(stateDir) !== null;
}

/**
 * Undoes a worktree discard: the branch and the worktree come back as they were, uncommitted
 * files uncommitted. Refuses in words, changing nothing, when the branch or the folder is taken.
 */
export async function restoreDiscardedWorktree(runId: string, stateDir: string): Promise<string> {
  const kept = read(stateDir);
  if (kept === null) throw new ApiError('conflict', 'Nothing of this worktree was kept to undo.');
  const { repoRoot, worktree, branch, tip } = kept;
  if (!existsSync(repoRoot)) {
    throw new ApiError('conflict', `The repository ${repoRoot} is gone, so the discard stays.`);
  }
  if (branch !== null && (await branchExists(repoRoot, branch))) {
    throw new ApiError(
      'conflict',
      `A branch named ${branch} exists again. Rename or delete it, then undo the discard.`,
    );
  }
  if (existsSync(worktree)) {
    throw new ApiError(
      'conflict',
      `The folder ${worktree} exists again. Move it away, then undo the discard.`,
    );
  }
  const ref = keepRef(runId);
  try {
    if (kept.bundled) {
      await git(repoRoot, ['fetch', '-q', join(stateDir, BUNDLE), `${ref}:${ref}`]);
    } else if (!(await gitOk(repoRoot, ['cat-file', '-e', `${tip}^{commit}`]))) {
      throw new ApiError('conflict', 'The commits of this worktree are gone from the repository.');
    }
    if (branch === null) {
      await git(repoRoot, ['worktree', 'add', '-q', '--detach', worktree, tip]);
    } else {
      await git(repoRoot, ['branch', branch, tip]);
      await git(repoRoot, ['worktree', 'add', '-q', worktree, branch]);
    }
  } finally {
    await git(repoRoot, ['update-ref', '-d', ref]).catch(() => undefined);
  }
  if (kept.leftovers) await git(worktree, ['reset', '-q', '--mixed', 'HEAD~1']);
  rmSync(join(stateDir, RECORD), { force: true });
  rmSync(join(stateDir, BUNDLE), { force: true });
  return branch === null
    ? 'The discard was undone: the worktree is back as it was.'
    : `The discard was undone: the worktree and its branch ${branch} are back as they were.`;
}

function read(stateDir: string): KeptWorktree | null {
  try {
    const parsed = JSON.parse(readFileSync(join(stateDir, RECORD), 'utf8')) as KeptWorktree;
    return typeof parsed.tip === 'string' && typeof parsed.worktree === 'string' ? parsed : null;
  } catch {
    return null;
  }
}
