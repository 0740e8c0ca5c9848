// What two destructive actions replaced, kept so each can be undone exactly: a task delete (the
// unmerged worktree branches it kept or removed by name) and a worktree merge (where it moved the
// target branch from, and the run's branch and worktree it removed).
import type { ReviewStatus } from '../../../shared/domain';
import type { Db } from './database';
import { parseJson, toJson } from './json';

/** An unmerged worktree branch of a deleted task. */
export interface DeletedTaskBranch {
  runId: string;
  repoRoot: string;
  /** The run's worktree, kept as it was until the deletion settles. */
  worktree: string;
  branch: string;
  /** The branch's tip when the task was deleted. */
  commit: string;
  /** The person named it for deletion: its ref is gone, the worktree holds the commit detached. */
  removed: boolean;
}

export interface TaskDeletionRecord {
  taskId: string;
  deletedAt: number;
  branches: DeletedTaskBranch[];
  /** When the undo period ended and the worktrees were put away; null while it can be undone. */
  settledAt: number | null;
}

/** A review's state before the merge decided it. */
export interface ReviewBefore {
  runId: string;
  status: ReviewStatus | null;
  message: string | null;
  conflictFiles: string[];
  decidedAt: number | null;
}

export interface MergeUndoRecord {
  runId: string;
  repoRoot: string;
  baseBranch: string;
  /** The target branch's commit before the merge (null: the merge made the branch), and after. */
  before: string | null;
  after: string;
  /** The checkout whose files the merge changed (the base branch was checked out there), or null. */
  checkout: string | null;
  /** The run's worktree and branch, removed after the merge. */
  worktree: string;
  branch: string;
  /** The run's branch before its uncommitted changes were committed to it, and after. */
  branchBefore: string;
  branchAfter: string;
  /** The worktree's index (a tree) before that commit, so staged and unstaged come back as were. */
  indexTree: string;
  reviews: ReviewBefore[];
}

interface DeletionRow {
  task_id: string;
  deleted_at: number;
  branches: string;
  settled_at: number | null;
}

export class UndoStore {
  constructor(private readonly db: Db) {}

  recordDeletion(record: Omit<TaskDeletionRecord, 'settledAt'>): void {
    this.db
      .prepare(
        `INSERT OR REPLACE INTO task_deletions (task_id, deleted_at, branches, settled_at)
         VALUES (?, ?, ?, NULL)`,
      )
      .run(record.taskId, record.deletedAt, toJson(record.branches));
  }

  deletion(taskId: string): TaskDeletionRecord | undefined {
    const row = this.db
      .prepare<[string], DeletionRow>('SELECT * FROM task_deletions WHERE task_id = ?')
      .get(taskId);
    return row ? toDeletion(row) : undefined;
  }

  /** Deletions still open to undo; with `deletedBefore`, only those older than it. */
  openDeletions(deletedBefore?: number): TaskDeletionRecord[] {
    return this.db
      .prepare<[number], DeletionRow>(
        `SELECT * FROM task_deletions WHERE settled_at IS NULL AND deleted_at < ?
         ORDER BY deleted_at DESC`,
      )
      .all(deletedBefore ?? Number.MAX_SAFE_INTEGER)
      .map(toDeletion);
  }

  settleDeletion(taskId: string, at: number): void {
    this.db.prepare('UPDATE task_deletions SET settled_at = ? WHERE task_id = ?').run(at, taskId);
  }

  forgetDeletion(taskId: string): void {
    this.db.prepare('DELETE FROM task_deletions WHERE task_id = ?').run(taskId);
  }

  recordMerge(record: MergeUndoRecord, at: number): void {
    this.db
      .prepare(
        `INSERT OR REPLACE INTO merge_undos (run_id, record, merged_at, undone_at)
         VALUES (?, ?, ?, NULL)`,
      )
      .run(record.runId, toJson(record), at);
  }

  /** The merge of this run that can still be undone, if any. */
  merge(runId: string): MergeUndoRecord | undefined {
    const row = this.db
      .prepare<[string], { record: string }>(
        'SELECT record FROM merge_undos WHERE run_id = ? AND undone_at IS NULL',
      )
      .get(runId);
    return row ? parseJson<MergeUndoRecord | undefined>(row.record, undefined) : undefined;
  }

  markMergeUndone(runId: string, at: number): void {
    this.db.prepare('UPDATE merge_undos SET undone_at = ? WHERE run_id = ?').run(at, runId);
  }
}

function toDeletion(row: DeletionRow): TaskDeletionRecord {
  return {
    taskId: row.task_id,
    deletedAt: row.deleted_at,
    branches: parseJson<DeletedTaskBranch[]>(row.branches, []),
    settledAt: row.settled_at,
  };
}
