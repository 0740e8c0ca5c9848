// Deleting a task without losing work, and undoing it. A delete hides the task and stops its
// triggers; each worktree branch holding unmerged work is kept unless the person named it. For
// UNDO_DELETE_DAYS everything stays as it was, so undo restores it exactly; after that the
// deletion settles: worktree folders go (their uncommitted files first committed to their kept
// branches) and the runs' snapshots are pruned.
import { existsSync } from 'node:fs';
import type {
  DeletedTask,
  Task,
  TaskDeletePreview,
  TaskDeleteResult,
  UnmergedBranch,
} from '../../../shared/domain';
import { ApiError, badInput, notFound } from '../../../shared/errors';
import type { EventBus } from '../event-bus';
import { git } from '../review/git';
import type { SnapshotPruning } from '../review/snapshot-pruning';
import {
  branchExists,
  hasUnmergedWork,
  putAwayWorktree,
  removeWorktreeFolder,
  worktreeWork,
} from '../review/worktree-keep';
import type { Store } from '../store';
import type { DeletedTaskBranch, TaskDeletionRecord } from '../store/undo-store';

export const UNDO_DELETE_DAYS = 7;
const DAY_MS = 24 * 60 * 60 * 1000;
const SETTLE_EVERY_MS = 60 * 60 * 1000;

interface TaskDeletionDeps {
  store: Store;
  bus: EventBus;
  clock: () => number;
  /** Arms a restored task's triggers again. */
  triggers: { restoreTask(taskId: string): void };
  snapshots?: Pick<SnapshotPruning, 'pruneTask'>;
}

type Found = UnmergedBranch & { worktree: string; tip: string };

export class TaskDeletion {
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(private readonly deps: TaskDeletionDeps) {}

  /** Settles deletions past their undo period now and every hour. */
  start(): void {
    void this.settleExpired();
    this.timer = setInterval(() => void this.settleExpired(), SETTLE_EVERY_MS);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
  }

  async preview(taskId: string): Promise<TaskDeletePreview> {
    const task = this.task(taskId);
    const unfinished = this.deps.store.runs
      .withStatus(['queued', 'running', 'waiting'])
      .filter((run) => run.taskId === taskId).length;
    return {
      taskId,
      title: task.title,
      unmergedBranches: (await this.unmerged(taskId)).map(publicBranch),
      triggerCount: this.deps.store.triggers.list(taskId).length,
      unfinishedRuns: unfinished,
      undoDays: UNDO_DELETE_DAYS,
    };
  }

  async delete(taskId: string, deleteBranches: string[] = []): Promise<TaskDeleteResult> {
    this.task(taskId);
    const unmerged = await this.unmerged(taskId);
    for (const name of deleteBranches) {
      if (!unmerged.some((found) => found.branch === name)) {
        throw badInput('deleteUnmergedBranches', `${name} is not an unmerged branch of this task`);
      }
    }
    const branches: DeletedTaskBranch[] = [];
    for (const found of unmerged) {
      const removed = deleteBranches.includes(found.branch);
      if (removed) {
        // The worktree keeps the commit (detached), so undo can put the branch back on it.
        await git(found.worktree, ['checkout', '-q', '--detach']);
        await git(found.repository, ['branch', '-D', found.branch]);
      }
      branches.push({
        runId: found.runId,
        repoRoot: found.repository,
        worktree: found.worktree,
        branch: found.branch,
        commit: found.tip,
        removed,
      });
    }
    const now = this.deps.clock();
    if (!this.deps.store.tasks.markDeleted(taskId, now)) throw notFound('task', taskId);
    this.deps.store.undo.recordDeletion({ taskId, deletedAt: now, branches });
    this.deps.bus.emit('task.deleted', { taskId });
    return {
      ok: true,
      keptBranches: branches.filter((b) => !b.removed).map((b) => b.branch),
      removedBranches: branches.filter((b) => b.removed).map((b) => b.branch),
      undoUntil: now + UNDO_DELETE_DAYS * DAY_MS,
    };
  }

  async undo(taskId: string): Promise<Task> {
    const record = this.deps.store.undo.deletion(taskId);
    const task = this.deps.store.tasks.getDeleted(taskId);
    if (!task) {
      if (this.deps.store.tasks.get(taskId))
        throw new ApiError('conflict', 'This task is not deleted.');
      throw notFound('task', taskId);
    }
    if (!record || record.settledAt !== null) {
      throw new ApiError(
        'conflict',
        `The ${UNDO_DELETE_DAYS} days in which this delete could be undone are over; its unmerged branches were kept in their repositories.`,
      );
    }
    for (const branch of record.branches.filter((b) => b.removed)) {
      if (await branchExists(branch.repoRoot, branch.branch)) {
        throw new ApiError(
          'conflict',
          `A branch named ${branch.branch} exists again in ${branch.repoRoot}. Nothing was restored; rename or delete it, then undo again.`,
        );
      }
      if (!existsSync(branch.worktree)) {
        throw new ApiError(
          'conflict',
          `The worktree ${branch.worktree} that held ${branch.branch} is gone, so the branch cannot come back.`,
        );
      }
    }
    for (const branch of record.branches.filter((b) => b.removed)) {
      await git(branch.repoRoot, ['branch', branch.branch, branch.commit]);
      await git(branch.worktree, ['symbolic-ref', 'HEAD', `refs/heads/${branch.branch}`]);
    }
    this.deps.store.transaction(() => {
      this.deps.store.tasks.restore(taskId);
      this.deps.store.undo.forgetDeletion(taskId);
    });
    this.deps.triggers.restoreTask(taskId);
    return this.announce(taskId);
  }

  listDeleted(): DeletedTask[] {
    return this.deps.store.undo.openDeletions().flatMap((record) => {
      const task = this.deps.store.tasks.getDeleted(record.taskId);
      return task ? [{ task, ...summary(record) }] : [];
    });
  }

  /** Whether the task's deletion can still be undone (its worktrees must stay as they are). */
  isUndoable(taskId: string): boolean {
    return this.deps.store.undo.deletion(taskId)?.settledAt === null;
  }

  async settleExpired(): Promise<void> {
    const cutoff = this.deps.clock() - UNDO_DELETE_DAYS * DAY_MS;
    for (const record of this.deps.store.undo.openDeletions(cutoff)) {
      await this.settle(record).catch((error: unknown) => {
        console.warn(`[tasks] could not settle the deletion of ${record.taskId}:`, error);
      });
    }
  }

  private async settle(record: TaskDeletionRecord): Promise<void> {
    const removed = new Set(record.branches.filter((b) => b.removed).map((b) => b.worktree));
    for (const review of this.worktreesOf(record.taskId)) {
      const { repoRoot, worktree } = review;
      if (removed.has(worktree)) await removeWorktreeFolder(repoRoot, worktree);
      else {
        await putAwayWorktree({
          repoRoot,
          worktree,
          branch: review.branch,
          message: `Switchboard: uncommitted work of run ${review.runId}, kept when its task was deleted`,
        });
      }
    }
    await this.deps.snapshots?.pruneTask(record.taskId);
    this.deps.store.undo.settleDeletion(record.taskId, this.deps.clock());
  }

  /** The task's worktrees still on disk, one per folder (follow-ups share their parent's). */
  private worktreesOf(taskId: string) {
    const seen = new Set<string>();
    return this.deps.store.reviews.withWorktree().flatMap((review) => {
      const { worktree, repoRoot } = review;
      if (review.taskId !== taskId || worktree === null || repoRoot === null) return [];
      if (seen.has(worktree) || !existsSync(worktree)) return [];
      seen.add(worktree);
      return [{ runId: review.runId, repoRoot, worktree, branch: review.branch }];
    });
  }

  private async unmerged(taskId: string): Promise<Found[]> {
    const found: Found[] = [];
    for (const place of this.worktreesOf(taskId)) {
      if (place.branch === null) continue;
      const work = await worktreeWork(place.repoRoot, place.worktree, place.branch);
      if (!hasUnmergedWork(work) || work.tip === null) continue;
      found.push({
        runId: place.runId,
        branch: place.branch,
        repository: place.repoRoot,
        worktree: place.worktree,
        tip: work.tip,
        commits: work.unmergedCommits,
        uncommittedFiles: work.uncommitted,
      });
    }
    return found;
  }

  private task(taskId: string): Task {
    const task = this.deps.store.tasks.get(taskId);
    if (!task) throw notFound('task', taskId);
    return task;
  }

  private announce(taskId: string): Task {
    const task = this.task(taskId);
    this.deps.bus.emit('task.updated', task);
    return task;
  }
}

function publicBranch(found: Found): UnmergedBranch {
  return {
    runId: found.runId,
    branch: found.branch,
    repository: found.repository,
    commits: found.commits,
    uncommittedFiles: found.uncommittedFiles,
  };
}

function summary(record: TaskDeletionRecord) {
  return {
    deletedAt: record.deletedAt,
    undoUntil: record.deletedAt + UNDO_DELETE_DAYS * DAY_MS,
    keptBranches: record.branches.filter((b) => !b.removed).map((b) => b.branch),
    removedBranches: record.branches.filter((b) => b.removed).map((b) => b.branch),
  };
}
