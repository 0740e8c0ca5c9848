// Where a conversation goes on when the worktree it worked in is gone. Merged and removed: in the
// checkout of the branch it was merged into (the task's folder, usually), else a fresh worktree
// on that branch. Removed because its run changed nothing: a fresh worktree. Else nowhere.
import { existsSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { Continuation } from '../runs/workdir';
import type { Store } from '../store';
import { checkoutOf } from './worktree-merge';

export async function continuationAfter(
  store: Store,
  workdir: string,
): Promise<Continuation | null> {
  if (existsSync(workdir)) return null;
  const reviews = store.reviews.withWorktree();
  const review = [...reviews]
    .reverse()
    .find(({ worktree }) => worktree !== null && isInside(workdir, worktree));
  if (!review?.worktree || review.repoRoot === null) return null;
  const merged = reviews.find(
    (other) => other.worktree === review.worktree && other.status === 'approved',
  );
  if (merged?.worktree == null || merged.baseBranch === null) {
    if (review.status !== null) return null;
    return {
      folder: null,
      fromBranch: null,
      note: 'The worktree this conversation worked in was removed when its run ended without changing anything; this run continues the same session in a fresh worktree.',
    };
  }
  // Merged into a new branch: that branch is where the work went.
  const target = store.undo.merge(merged.runId)?.baseBranch ?? merged.baseBranch;
  const checkout = await checkoutOf(review.repoRoot, target).catch(() => null);
  if (checkout !== null) {
    const folder = join(checkout, relative(review.worktree, workdir));
    return {
      folder,
      fromBranch: null,
      note: `The run's worktree was merged into ${target} and removed; this follow-up continues the same session in ${folder}, where ${target} is checked out.`,
    };
  }
  return {
    folder: null,
    fromBranch: target,
    note: `The run's worktree was merged into ${target} and removed; ${target} is not checked out anywhere, so this follow-up continues the same session in a fresh worktree on ${target}.`,
  };
}

function isInside(path: string, folder: string): boolean {
  return path === folder || path.startsWith(folder + sep);
}
