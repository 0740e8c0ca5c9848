// At start: puts away run worktrees nothing needs any more — left by a crash, by a task whose
// deletion settled, by a review decided but not cleaned up, or by a run that failed before it
// changed anything — and prunes git's records of vanished ones. Work on no other branch is kept:
// uncommitted files are committed to the run's branch and the branch stays.
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { FINISHED_STATUSES } from '../../../shared/domain';
import type { Store } from '../store';
import { git } from './git';
import { repositoryOfWorktree, removeWorktree } from './worktree-merge';
import { putAwayWorktree, releaseEmptyWorktree } from './worktree-keep';
import { worktreeBranch } from '../runs/workdir';

const CLOSED = new Set(['approved', 'discarded']);

export async function removeOrphanWorktrees(store: Store, worktreeRoot: string): Promise<string[]> {
  const removed: string[] = [];
  const reviews = store.reviews.withWorktree();
  const repos = new Set(reviews.flatMap((review) => (review.repoRoot ? [review.repoRoot] : [])));
  const names = existsSync(worktreeRoot) ? readdirSync(worktreeRoot) : [];
  for (const name of names) {
    const path = join(worktreeRoot, name);
    const run = store.runs.get(name);
    const mine = reviews.filter((review) => review.worktree === path);
    const latest = mine[mine.length - 1];
    const repo = repositoryOfWorktree(path) ?? latest?.repoRoot ?? null;
    if (repo === null || !existsSync(repo)) {
      rmSync(path, { recursive: true, force: true });
      removed.push(path);
      continue;
    }
    repos.add(repo);
    const branch = latest?.branch ?? worktreeBranch(name);
    const taskLive = run !== undefined && store.tasks.get(run.taskId) !== undefined;
    // A deleted task's worktrees stay as they are while its delete can be undone.
    if (run !== undefined && !taskLive && store.undo.deletion(run.taskId)?.settledAt === null) {
      continue;
    }
    if (latest?.status != null && CLOSED.has(latest.status)) {
      // Merged, or discarded by the person: nothing in it is theirs to lose.
      await removeWorktree(repo, path, branch);
      removed.push(path);
    } else if (!taskLive) {
      await putAwayWorktree({
        repoRoot: repo,
        worktree: path,
        branch,
        message: `Switchboard: uncommitted work left in ${name}'s worktree`,
      });
      removed.push(path);
    } else if (
      FINISHED_STATUSES.includes(run.status) &&
      run.status !== 'succeeded' &&
      mine.length <= 1 &&
      (await releaseEmptyWorktree(repo, path, branch))
    ) {
      removed.push(path);
    }
  }
  // `git worktree list` still names worktrees whose folders are gone; prune forgets them.
  for (const repo of repos) {
    if (existsSync(repo)) await git(repo, ['worktree', 'prune']).catch(() => undefined);
  }
  return removed;
}
