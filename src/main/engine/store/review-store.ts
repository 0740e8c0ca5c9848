// What each run's review needs, in SQLite: where the run worked (repository, worktree, branch),
// the commits or saved files its diff is computed from, and the person's decision.
import type { ReviewStatus, RunReview } from '../../../shared/domain';
import type { Db } from './database';
import { parseJson, toJson } from './json';

interface ReviewRow {
  run_id: string;
  task_id: string;
  task_title: string;
  source: string;
  repo_root: string | null;
  workdir: string;
  worktree: string | null;
  branch: string | null;
  base_branch: string | null;
  base_commit: string | null;
  start_ref: string | null;
  end_ref: string | null;
  shadow_git_dir: string | null;
  state_dir: string;
  status: string | null;
  file_count: number;
  conflict_files: string;
  message: string | null;
  feedback: string | null;
  follow_up_run_id: string | null;
  created_at: number;
  decided_at: number | null;
  snapshots_pruned_at: number | null;
  undo_until: number | null;
}

/** A run's review record: the public RunReview plus what the engine needs to diff and merge. */
export interface ReviewRecord extends Omit<RunReview, 'mode' | 'status' | 'mergeUndoable'> {
  /** git: commits recorded at start and end in the folder's repository; files: outside git. */
  source: 'git' | 'files';
  /** The main checkout of the repository (git). */
  repoRoot: string | null;
  workdir: string;
  /** The worktree's top folder, for worktree runs. */
  worktree: string | null;
  /** The run's own branch, for worktree runs. */
  branch: string | null;
  /** Worktree runs: where the worktree forked; in place: HEAD when the run started. */
  baseCommit: string | null;
  startRef: string | null;
  endRef: string | null;
  /**
   * Outside git: the shadow repository holding the folder's start and end commits (startRef,
   * endRef); null when the folder was too big for one and only the agent's file tools are kept.
   */
  shadowGitDir: string | null;
  /** Where the engine keeps this run's saved files (originals, end copies, touched paths). */
  stateDir: string;
  /** null while no review was asked for. */
  status: ReviewStatus | null;
  /** When the start and end snapshots were dropped (the diff is gone); null while kept. */
  snapshotsPrunedAt: number | null;
}

/** What a review learns after it is opened: where the run ended and what the person decided. */
type LaterFields =
  | 'endRef'
  | 'status'
  | 'fileCount'
  | 'conflictFiles'
  | 'message'
  | 'feedback'
  | 'followUpRunId'
  | 'decidedAt'
  | 'snapshotsPrunedAt'
  | 'undoUntil';

export type NewReview = Omit<ReviewRecord, 'taskId' | 'taskTitle' | LaterFields>;

export type ReviewPatch = Partial<Pick<ReviewRecord, LaterFields>>;

const SELECT_REVIEW = `
  SELECT v.*, r.task_id AS task_id, t.title AS task_title
  FROM run_reviews v JOIN runs r ON r.id = v.run_id JOIN tasks t ON t.id = r.task_id`;

export class ReviewStore {
  constructor(private readonly db: Db) {}

  insert(review: NewReview): void {
    this.db
      .prepare(
        `INSERT OR REPLACE INTO run_reviews (run_id, source, repo_root, workdir, worktree, branch,
           base_branch, base_commit, start_ref, shadow_git_dir, state_dir, created_at)
         VALUES (@runId, @source, @repoRoot, @workdir, @worktree, @branch, @baseBranch,
           @baseCommit, @startRef, @shadowGitDir, @stateDir, @createdAt)`,
      )
      .run(review);
  }

  get(runId: string): ReviewRecord | undefined {
    const row = this.db
      .prepare<[string], ReviewRow>(`${SELECT_REVIEW} WHERE v.run_id = ?`)
      .get(runId);
    return row ? toRecord(row) : undefined;
  }

  list(filter: { status?: ReviewStatus; runId?: string; taskId?: string }): ReviewRecord[] {
    const where = ['v.status IS NOT NULL'];
    const args: string[] = [];
    if (filter.status !== undefined) {
      where.push('v.status = ?');
      args.push(filter.status);
    }
    if (filter.runId !== undefined) {
      where.push('v.run_id = ?');
      args.push(filter.runId);
    } else {
      // A deleted task's reviews wait out its undo period unseen.
      where.push('t.deleted_at IS NULL');
    }
    if (filter.taskId !== undefined) {
      where.push('r.task_id = ?');
      args.push(filter.taskId);
    }
    return this.db
      .prepare<string[], ReviewRow>(
        `${SELECT_REVIEW} WHERE ${where.join(' AND ')} ORDER BY v.created_at`,
      )
      .all(...args)
      .map(toRecord);
  }

  /**
   * Reviews still holding snapshots whose run ended before `cutoff` (any time when null), in the
   * statuses that may be settled (the caller follows requested changes to their follow-up).
   */
  withSnapshots(filter: { endedBefore?: number; taskId?: string }): ReviewRecord[] {
    const where = [
      'v.snapshots_pruned_at IS NULL',
      'r.ended_at IS NOT NULL',
      "(v.status IS NULL OR v.status IN ('approved', 'discarded', 'changes_requested'))",
    ];
    const args: (string | number)[] = [];
    if (filter.endedBefore !== undefined) {
      where.push('r.ended_at < ?');
      args.push(filter.endedBefore);
    }
    if (filter.taskId !== undefined) {
      where.push('r.task_id = ?');
      args.push(filter.taskId);
    }
    return this.db
      .prepare<(string | number)[], ReviewRow>(
        `${SELECT_REVIEW} WHERE ${where.join(' AND ')} ORDER BY v.created_at`,
      )
      .all(...args)
      .map(toRecord);
  }

  /** Every run that has (or had) a worktree, for clean-up. */
  withWorktree(): ReviewRecord[] {
    return this.db
      .prepare<[], ReviewRow>(`${SELECT_REVIEW} WHERE v.worktree IS NOT NULL`)
      .all()
      .map(toRecord);
  }

  /** Ends the undo of every discard in `workdir`; returns the runs whose undo it ended. */
  endUndoInFolder(workdir: string): string[] {
    return this.db
      .prepare<[string], { run_id: string }>(
        `UPDATE run_reviews SET undo_until = NULL
         WHERE workdir = ? AND undo_until IS NOT NULL RETURNING run_id`,
      )
      .all(workdir)
      .map((row) => row.run_id);
  }

  update(runId: string, patch: ReviewPatch): void {
    const sets: string[] = [];
    const args: (string | number | null)[] = [];
    const set = (column: string, value: string | number | null) => {
      sets.push(`${column} = ?`);
      args.push(value);
    };
    if (patch.endRef !== undefined) set('end_ref', patch.endRef);
    if (patch.status !== undefined) set('status', patch.status);
    if (patch.fileCount !== undefined) set('file_count', patch.fileCount);
    if (patch.conflictFiles !== undefined) set('conflict_files', toJson(patch.conflictFiles));
    if (patch.message !== undefined) set('message', patch.message);
    if (patch.feedback !== undefined) set('feedback', patch.feedback);
    if (patch.followUpRunId !== undefined) set('follow_up_run_id', patch.followUpRunId);
    if (patch.decidedAt !== undefined) set('decided_at', patch.decidedAt);
    if (patch.snapshotsPrunedAt !== undefined) set('snapshots_pruned_at', patch.snapshotsPrunedAt);
    if (patch.undoUntil !== undefined) set('undo_until', patch.undoUntil);
    if (sets.length === 0) return;
    args.push(runId);
    this.db.prepare(`UPDATE run_reviews SET ${sets.join(', ')} WHERE run_id = ?`).run(...args);
  }
}

function toRecord(row: ReviewRow): ReviewRecord {
  return {
    runId: row.run_id,
    taskId: row.task_id,
    taskTitle: row.task_title,
    source: row.source === 'files' ? 'files' : 'git',
    repoRoot: row.repo_root,
    workdir: row.workdir,
    worktree: row.worktree,
    branch: row.branch,
    baseBranch: row.base_branch,
    baseCommit: row.base_commit,
    startRef: row.start_ref,
    endRef: row.end_ref,
    shadowGitDir: row.shadow_git_dir,
    stateDir: row.state_dir,
    status: row.status as ReviewStatus | null,
    fileCount: row.file_count,
    conflictFiles: parseJson<string[]>(row.conflict_files, []),
    message: row.message,
    feedback: row.feedback,
    followUpRunId: row.follow_up_run_id,
    createdAt: row.created_at,
    decidedAt: row.decided_at,
    snapshotsPrunedAt: row.snapshots_pruned_at,
    undoUntil: row.undo_until,
  };
}

/** The API's view of a review record that has a status. */
export function toPublicReview(record: ReviewRecord & { status: ReviewStatus }): RunReview {
  return {
    runId: record.runId,
    taskId: record.taskId,
    taskTitle: record.taskTitle,
    mode: record.worktree === null ? 'in_place' : 'worktree',
    status: record.status,
    baseBranch: record.baseBranch,
    fileCount: record.fileCount,
    conflictFiles: record.conflictFiles,
    mergeUndoable: false,
    message: record.message,
    feedback: record.feedback,
    followUpRunId: record.followUpRunId,
    createdAt: record.createdAt,
    decidedAt: record.decidedAt,
    undoUntil: record.undoUntil,
  };
}
