// Putting a run's worktree away without losing work. What in it is on no other branch yet (its
// uncommitted files, its own commits); removing its folder only after those files are committed
// to its branch; deleting the branch only when nothing on it would be lost. Task deletion, orphan
// clean-up and failed runs all go through here.
import { existsSync, rmSync } from 'node:fs';
import { git, gitOk } from './git';
import { commitLeftovers } from './worktree-merge';

export interface WorktreeWork {
  /** Files changed in the worktree and not committed (untracked ones included, ignored not). */
  uncommitted: string[];
  /** Commits on the branch that no other branch holds. */
  unmergedCommits: number;
  /** The branch's tip (or the worktree's detached HEAD); null when neither exists. */
  tip: string | null;
}

export function hasUnmergedWork(work: WorktreeWork): boolean {
  return work.uncommitted.length > 0 || work.unmergedCommits > 0;
}

export async function worktreeWork(
  repoRoot: string,
  worktree: string,
  branch: string | null,
): Promise<WorktreeWork> {
  const present = existsSync(worktree);
  const uncommitted = present ? await uncommittedFiles(worktree) : [];
  const ref = branch === null ? null : `refs/heads/${branch}`;
  let tip =
    ref === null ? '' : await git(repoRoot, ['rev-parse', '-q', '--verify', ref]).catch(() => '');
  if (!tip.trim() && present) {
    tip = await git(worktree, ['rev-parse', '-q', '--verify', 'HEAD']).catch(() => '');
  }
  tip = tip.trim();
  if (!tip) return { uncommitted, unmergedCommits: 0, tip: null };
  // `--exclude` applies to the `--branches` after it (named without refs/heads/): commits on no
  // branch but this one.
  const exclude = branch === null ? [] : [`--exclude=${branch}`];
  const args = ['rev-list', '--count', tip, '--not', ...exclude, '--branches'];
  const count = await git(repoRoot, args).catch(() => '0');
  return { uncommitted, unmergedCommits: Number(count.trim()) || 0, tip };
}

/** Paths of the worktree's uncommitted changes, as `git status` names them. */
export async function uncommittedFiles(folder: string): Promise<string[]> {
  const status = await git(folder, ['status', '--porcelain', '-z', '--untracked-files=all']);
  const paths: string[] = [];
  const entries = status.split('\0');
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i] ?? '';
    if (entry.length < 4) continue;
    paths.push(entry.slice(3));
    // A rename's second entry is where it came from.
    if (entry[0] === 'R' || entry[0] === 'C') i++;
  }
  return paths;
}

export interface PutAway {
  /** The branch stays (it holds work no other branch has). */
  branchKept: boolean;
  /** The worktree's uncommitted changes became this commit on the branch. */
  committed: string | null;
}

/**
 * Removes a run's worktree folder, first committing its uncommitted changes to its branch; the
 * branch is deleted only when every commit on it is on another branch too. Safe to call for a
 * worktree or branch already gone. Others may call it (a run that failed before doing anything).
 */
export async function putAwayWorktree(request: {
  repoRoot: string;
  worktree: string;
  branch: string | null;
  message: string;
}): Promise<PutAway> {
  const { repoRoot, worktree, branch } = request;
  const committed = await commitUncommitted(worktree, request.message);
  const work = await worktreeWork(repoRoot, worktree, branch);
  await removeWorktreeFolder(repoRoot, worktree);
  const branchKept = branch !== null && hasUnmergedWork(work);
  if (branch !== null && !branchKept) {
    await git(repoRoot, ['branch', '-D', branch]).catch(() => undefined);
  }
  return { branchKept, committed };
}

/** The worktree's uncommitted files as a commit on its branch; null when there are none. */
export async function commitUncommitted(worktree: string, message: string): Promise<string | null> {
  if (!existsSync(worktree) || (await uncommittedFiles(worktree).catch(() => [])).length === 0) {
    return null;
  }
  return commitLeftovers(worktree, message);
}

/** A worktree with nothing in it that is not elsewhere: removed with its branch. */
export async function releaseEmptyWorktree(
  repoRoot: string,
  worktree: string,
  branch: string | null,
): Promise<boolean> {
  if (!existsSync(worktree)) return false;
  if (hasUnmergedWork(await worktreeWork(repoRoot, worktree, branch))) return false;
  await removeWorktreeFolder(repoRoot, worktree);
  if (branch !== null) await git(repoRoot, ['branch', '-D', branch]).catch(() => undefined);
  return true;
}

/** The folder only (its branch stays), and git's record of it. */
export async function removeWorktreeFolder(repoRoot: string, worktree: string): Promise<void> {
  if (existsSync(worktree)) {
    await git(repoRoot, ['worktree', 'remove', '--force', '--force', worktree]).catch(() =>
      rmSync(worktree, { recursive: true, force: true }),
    );
  }
  await git(repoRoot, ['worktree', 'prune']).catch(() => undefined);
}

/** Whether `branch` exists in the repository. */
export function branchExists(repoRoot: string, branch: string): Promise<boolean> {
  return gitOk(repoRoot, ['rev-parse', '-q', '--verify', `refs/heads/${branch}`]);
}
