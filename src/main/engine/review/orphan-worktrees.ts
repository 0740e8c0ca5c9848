// At start: removes run worktrees nothing needs any more — left by a crash, by a deleted task, or
// by a review that was decided but not cleaned up — and prunes git's records of vanished ones.
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Store } from '../store';
import { git } from './git';
import { repositoryOfWorktree, removeWorktree } from './worktree-merge';
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
    const needed =
      run !== undefined &&
      store.tasks.get(run.taskId) !== undefined &&
      !(latest?.status != null && CLOSED.has(latest.status));
    if (needed) continue;
    const repo = repositoryOfWorktree(path) ?? latest?.repoRoot ?? null;
    if (repo !== null && existsSync(repo)) {
      repos.add(repo);
      await removeWorktree(repo, path, worktreeBranch(name));
    } else {
      rmSync(path, { recursive: true, force: true });
    }
    removed.push(path);
  }
  // `git worktree list` still names worktrees whose folders are gone; prune forgets them.
  for (const repo of repos) {
    if (existsSync(repo)) await git(repo, ['worktree', 'prune']).catch(() => undefined);
  }
  return removed;
}
