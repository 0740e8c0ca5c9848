// Reviewing what runs changed: runs.diff, runs.review, reviews.list, and the session hooks that
// record where each run starts and ends and open a review item (with a push) when one is due.
import type { PermissionResult } from '@anthropic-ai/claude-agent-sdk';
import { existsSync } from 'node:fs';
import type { MethodParams } from '../../../shared/contract';
import {
  FINISHED_STATUSES,
  type LineComment,
  type Run,
  type RunDiff,
  type RunReview,
  type RunStatus,
  type Settings,
  type Task,
  type TriggerKind,
} from '../../../shared/domain';
import { ApiError, badInput, notFound } from '../../../shared/errors';
import type { EventBus } from '../event-bus';
import type { RunService } from '../runs/run-service';
import type { Continuation } from '../runs/workdir';
import type { RunRecord, Store } from '../store';
import { toPublicReview, type ReviewPatch, type ReviewRecord } from '../store/review-store';
import type { ReviewBefore } from '../store/undo-store';
import { hasUndo } from './discard-undo';
import { discardInPlace, undoInPlace } from './in-place-discard';
import { afterPlanDecision, modeAfterPlan, withPlan } from './plan-approval';
import type { RunBaselines } from './run-baseline';
import { computeRunDiff, emptyDiff } from './run-diff';
import { reviewNeedsYou } from '../../../shared/needs-you';
import { mergeKeepingUndo, undoMerge } from './merge-undo';
import { removeWorktree } from './worktree-merge';
import { continuationAfter } from './continuation-folder';
import { releaseEmptyWorktree } from './worktree-keep';
import { keepBeforeWorktreeDiscard, restoreDiscardedWorktree } from './worktree-discard-undo';
import { withHunkStates } from './hunk-states';
import { touchedFilesHooks, type ReviewHooks, type TouchedFiles } from './touched-files';

interface ReviewServiceDeps {
  store: Store;
  bus: EventBus;
  clock: () => number;
  settings: () => Settings;
  baselines: RunBaselines;
}

/** What the session runner calls around each session. */

/** How many of a run's newest events a plan request looks through for its own call. */
const PLAN_CALL_LOOKBACK = 200;
export interface SessionReviewHooks {
  /** Records where the run starts; returns SDK hooks to add to the session (or none). */
  started(run: RunRecord, workdir: string): Promise<ReviewHooks | undefined>;
  /** The session is over (before its final status is recorded). */
  ended(run: RunRecord, task: Task, status: RunStatus): Promise<void>;
  /** An approval request as shown (plan requests carry the plan). */
  approvalInput(
    runId: string,
    toolName: string,
    input: Record<string, unknown>,
    toolUseId: string | undefined,
  ): Promise<Record<string, unknown>>;
  /** Where a session continues when the worktree it worked in is gone (see Continuation). */
  continuation?: (workdir: string) => Promise<Continuation | null>;
  /**
   * A tool call waits for the person's approval (asked), and got an answer (answered): what
   * changes in the folder meanwhile is not the run's.
   */
  approvalAsked(runId: string, toolUseId: string | undefined): Promise<void>;
  approvalAnswered(runId: string, toolUseId: string | undefined, allowed: boolean): Promise<void>;
  /** A decided approval on its way back to Claude Code (an approved plan leaves plan mode). */
  decided(
    toolName: string,
    input: Record<string, unknown>,
    result: PermissionResult,
  ): PermissionResult;
}

const UNATTENDED: readonly TriggerKind[] = ['cron', 'watch', 'webhook'];
/** How long a discard can be undone, unless another decision on the folder comes first. */
export const UNDO_DISCARD_MS = 24 * 60 * 60 * 1000;
const CLOSED = new Set(['approved', 'discarded']);

export class ReviewService implements SessionReviewHooks {
  private runs: RunService | undefined;
  private readonly deciding = new Set<string>();
  /** Runs whose start is still being recorded. */
  private readonly starting = new Map<string, Promise<TouchedFiles | null>>();

  constructor(private readonly deps: ReviewServiceDeps) {}

  readonly continuation = (workdir: string): Promise<Continuation | null> =>
    continuationAfter(this.deps.store, workdir);

  /** Follow-ups go through the run service, which is built after this one. */
  attachRuns(runs: RunService): void {
    this.runs = runs;
  }

  /**
   * Records where the run starts beside the session's own start (Claude Code's start-up is not
   * held up by a snapshot); the hooks make every tool call wait for it.
   */
  started(run: RunRecord, workdir: string) {
    const starting = this.deps.baselines
      .start(run.id, run.parentRunId, workdir)
      .catch((error: unknown) => {
        console.warn(`[review] could not record where ${run.id} starts:`, error);
        return null;
      });
    this.starting.set(run.id, starting);
    return Promise.resolve(touchedFilesHooks(starting, workdir));
  }

  async ended(run: RunRecord, task: Task, status: RunStatus): Promise<void> {
    await this.starting.get(run.id);
    this.starting.delete(run.id);
    try {
      const review = await this.deps.baselines.end(run.id);
      if (!review) return;
      // A deleted task's worktrees stay as they are while the delete can be undone.
      if (!this.deps.store.tasks.get(task.id)) return;
      if (status !== 'succeeded') {
        await this.releaseIfEmpty(review);
        return;
      }
      if (!this.needsReview(run, task)) return;
      const diff = await computeRunDiff(review, () => this.events(run.id), run.id);
      const runs = diff.files.filter((file) => file.attribution !== 'other').length;
      if (runs === 0) return;
      this.change(run.id, { status: 'pending', fileCount: runs });
    } catch (error) {
      console.warn(`[review] could not record where ${run.id} ended:`, error);
    }
  }

  approvalInput(
    runId: string,
    toolName: string,
    input: Record<string, unknown>,
    toolUseId: string | undefined,
  ) {
    // The call that asks is among the run's newest events; the wait may read them several times,
    // so it reads only those, never a long run's whole transcript.
    return withPlan(toolName, input, toolUseId, () =>
      this.deps.store.runs.events(runId, 0, PLAN_CALL_LOOKBACK, { tail: true }),
    );
  }

  async approvalAsked(runId: string, toolUseId: string | undefined): Promise<void> {
    if (toolUseId === undefined) return;
    await (await this.starting.get(runId))?.calls?.pause(toolUseId);
  }

  async approvalAnswered(runId: string, toolUseId: string | undefined, allowed: boolean) {
    if (toolUseId === undefined || !allowed) return;
    await (await this.starting.get(runId))?.calls?.resume(toolUseId);
  }

  decided(toolName: string, input: Record<string, unknown>, result: PermissionResult) {
    return afterPlanDecision(toolName, input, result, modeAfterPlan(this.deps.settings()));
  }

  async diff(runId: string): Promise<RunDiff> {
    const run = this.deps.store.runs.get(runId);
    if (!run) throw notFound('run', runId);
    // Nothing of a run in another place is snapshotted here: say so, not "no changes". A
    // container's folder is this machine's: reviewed as here.
    if (run.place !== null && run.place.kind !== 'container') {
      return emptyDiff(
        runId,
        `This run happened on ${run.place.name}: its changes are in ${run.place.where} there. Switchboard does not show or take back changes made in another place yet.`,
      );
    }
    const review = this.deps.store.reviews.get(runId);
    const diff = await computeRunDiff(review, () => this.events(runId), runId);
    const open = review?.status == null || !CLOSED.has(review.status);
    return review && open && review.worktree === null ? withHunkStates(review, diff) : diff;
  }

  list(params: MethodParams<'reviews.list'>): RunReview[] {
    const { needsYou, ...filter } = params;
    const listed = this.deps.store.reviews
      .list(filter)
      .flatMap((record) => this.publicReview(record));
    if (needsYou !== true) return listed;
    const reviewOf = (runId: string) => {
      const found = this.deps.store.reviews.get(runId);
      return found?.status != null ? { status: found.status } : undefined;
    };
    return listed.filter((review) => reviewNeedsYou(review, reviewOf));
  }

  async review(params: MethodParams<'runs.review'>): Promise<Run> {
    const { runId } = params;
    const place = this.deps.store.runs.get(runId)?.place;
    if (place && place.kind !== 'container' && params.decision !== 'changes') {
      throw new ApiError(
        'conflict',
        `This run happened on ${place.name}: approving or discarding its changes there is not possible from Switchboard yet. Send it back with your remarks, or work in ${place.where} yourself.`,
      );
    }
    if (this.deciding.has(runId)) {
      throw new ApiError('conflict', 'A decision on this run is already being carried out.');
    }
    this.deciding.add(runId);
    try {
      return await this.decide(params);
    } finally {
      this.deciding.delete(runId);
    }
  }

  private async decide(params: MethodParams<'runs.review'>): Promise<Run> {
    const run = this.deps.store.runs.get(params.runId);
    if (!run) throw notFound('run', params.runId);
    if (!FINISHED_STATUSES.includes(run.status)) {
      throw new ApiError('conflict', `This run is still ${run.status}; review it once it ends.`);
    }
    const review = this.deps.store.reviews.get(run.id);
    if (review?.status != null && CLOSED.has(review.status)) {
      throw new ApiError('conflict', `This run's changes were already ${review.status}.`);
    }
    if (params.decision !== 'discard') {
      const field = (['files', 'choices', 'hunks'] as const).find((f) => params[f] !== undefined);
      if (field) throw badInput(field, 'only a discard takes files, choices and hunks');
    }
    // A decision on a folder ends the undo of earlier discards there: they may now overlap.
    if (review) this.endUndoIn(review.workdir);
    if (params.decision === 'changes') return this.requestChanges(run, review, params);
    if (!review) throw new ApiError('conflict', 'This run recorded no changes to review.');
    if (params.decision === 'approve') await this.approve(review, params.intoNewBranch === true);
    else await this.discard(review, params);
    return this.requireRuns().get(run.id);
  }

  private async approve(review: ReviewRecord, intoNewBranch: boolean): Promise<void> {
    const { worktree, branch, repoRoot, baseBranch } = review;
    if (worktree === null || branch === null || repoRoot === null) {
      this.decideAll(review, 'approved', 'Kept the changes in the folder.');
      return;
    }
    if (!existsSync(worktree)) {
      throw new ApiError('conflict', `The run's worktree ${worktree} no longer exists.`);
    }
    if (baseBranch === null) {
      throw new ApiError(
        'conflict',
        'The task started from a detached HEAD, so there is no branch to merge into.',
      );
    }
    const merged = await mergeKeepingUndo({
      runId: review.runId,
      repoRoot,
      worktree,
      branch,
      baseBranch,
      message: `Switchboard: ${review.taskTitle} (run ${review.runId})`,
      ...(intoNewBranch ? { newBranch: `${branch}-merged` } : {}),
      reviews: this.sharingWorktree(review).map(reviewBefore),
    });
    if (!merged.ok) {
      this.change(review.runId, {
        status: merged.reason === 'blocked' ? 'blocked' : 'conflict',
        conflictFiles: merged.reason === 'blocked' ? merged.blockingFiles : merged.conflictFiles,
        message: merged.message,
        decidedAt: this.deps.clock(),
      });
      throw new ApiError('conflict', merged.message);
    }
    this.deps.store.undo.recordMerge(merged.record, this.deps.clock());
    const how = merged.outcome.fastForward ? 'fast-forward' : 'a merge commit';
    const target = merged.record.baseBranch;
    this.decideAll(
      review,
      'approved',
      intoNewBranch
        ? `Merged into a new branch ${target}, made from ${baseBranch} (${how}); your checkout was not touched; worktree removed.`
        : `Merged into ${target} (${how}); worktree removed.`,
    );
  }

  /** Undo of a merge: the target branch, its checkout's files and the run's worktree as before. */
  async undoMerge(runId: string): Promise<Run> {
    if (this.deciding.has(runId)) {
      throw new ApiError('conflict', 'A decision on this run is already being carried out.');
    }
    this.deciding.add(runId);
    try {
      const record = this.deps.store.undo.merge(runId);
      if (!record) throw new ApiError('conflict', 'This run has no merge that can be undone.');
      const outcome = await undoMerge(record);
      if (!outcome.ok) throw new ApiError('conflict', outcome.message);
      this.deps.store.undo.markMergeUndone(runId, this.deps.clock());
      for (const before of record.reviews) {
        this.change(before.runId, {
          status: before.status,
          conflictFiles: before.conflictFiles,
          message: before.runId === runId ? outcome.message : before.message,
          decidedAt: before.decidedAt,
        });
      }
      return this.requireRuns().get(runId);
    } finally {
      this.deciding.delete(runId);
    }
  }

  /** The review and the others of runs continuing the same worktree. */
  private sharingWorktree(review: ReviewRecord): ReviewRecord[] {
    const others = this.deps.store.reviews
      .withWorktree()
      .filter((other) => other.worktree === review.worktree && other.runId !== review.runId);
    return [review, ...others];
  }

  private async discard(review: ReviewRecord, params: MethodParams<'runs.review'>) {
    const { worktree, repoRoot, branch } = review;
    if (worktree !== null && repoRoot !== null) {
      const kept = await keepBeforeWorktreeDiscard({
        runId: review.runId,
        stateDir: review.stateDir,
        repoRoot,
        worktree,
        branch,
      });
      await removeWorktree(repoRoot, worktree, branch);
      if (kept)
        this.deps.store.reviews.update(review.runId, {
          undoUntil: this.deps.clock() + UNDO_DISCARD_MS,
        });
      this.decideAll(review, 'discarded', 'Removed the worktree and its branch.');
      return;
    }
    if (review.snapshotsPrunedAt !== null) {
      throw new ApiError('conflict', "This run's snapshots were pruned, so it cannot be undone.");
    }
    const { message, whole } = await discardInPlace(review, () => this.events(review.runId), {
      files: params.files,
      choices: params.choices ?? [],
      hunks: params.hunks ?? [],
    });
    const undoUntil = this.deps.clock() + UNDO_DISCARD_MS;
    if (whole) {
      this.deps.store.reviews.update(review.runId, { undoUntil });
      this.decideAll(review, 'discarded', message);
      return;
    }
    this.change(review.runId, {
      status: 'pending',
      message,
      undoUntil,
      decidedAt: this.deps.clock(),
    });
  }

  /** runs.undoDiscard: puts back what the run's last discard replaced, byte for byte. */
  async undoDiscard(runId: string): Promise<Run> {
    if (!this.deps.store.runs.get(runId)) throw notFound('run', runId);
    if (this.deciding.has(runId)) {
      throw new ApiError('conflict', 'A decision on this run is already being carried out.');
    }
    this.deciding.add(runId);
    try {
      const review = this.deps.store.reviews.get(runId);
      const until = review?.undoUntil ?? null;
      if (review?.worktree != null && until !== null && until > this.deps.clock()) {
        return await this.undoWorktreeDiscard(review);
      }
      if (!review || until === null || until <= this.deps.clock() || !hasUndo(review.stateDir)) {
        throw new ApiError(
          'conflict',
          'There is no discard of this run to undo: it was undone already, a later decision on the folder came after it, or more than a day went by.',
        );
      }
      const message = undoInPlace(review);
      this.change(runId, {
        status: 'pending',
        message,
        undoUntil: null,
        decidedAt: this.deps.clock(),
      });
      return this.requireRuns().get(runId);
    } finally {
      this.deciding.delete(runId);
    }
  }

  /** The worktree and its branch come back; runs that shared it are open for review again. */
  private async undoWorktreeDiscard(review: ReviewRecord): Promise<Run> {
    const message = await restoreDiscardedWorktree(review.runId, review.stateDir);
    const now = this.deps.clock();
    for (const other of this.sharingWorktree(review)) {
      if (other.status !== 'discarded' || other.decidedAt !== review.decidedAt) continue;
      this.change(other.runId, {
        status: 'pending',
        message: other.runId === review.runId ? message : null,
        undoUntil: null,
        decidedAt: now,
      });
    }
    return this.requireRuns().get(review.runId);
  }

  /** Ends the undo of every discard in the folder (a new decision there may overlap them). */
  private endUndoIn(workdir: string): void {
    for (const runId of this.deps.store.reviews.endUndoInFolder(workdir)) {
      const updated = this.deps.store.reviews.get(runId);
      for (const review of updated ? this.publicReview(updated) : []) {
        this.deps.bus.emit('review.updated', review);
      }
    }
  }

  private requestChanges(
    run: RunRecord,
    review: ReviewRecord | undefined,
    params: MethodParams<'runs.review'>,
  ): Run {
    const prompt = feedbackPrompt(params.feedback, params.comments ?? []);
    if (prompt === null) {
      throw badInput('feedback', 'write what should change, or comment on a line');
    }
    const next = this.requireRuns().followUp({ runId: run.id, prompt });
    if (review) {
      this.change(run.id, {
        status: 'changes_requested',
        feedback: prompt,
        followUpRunId: next.id,
        message: null,
        decidedAt: this.deps.clock(),
      });
    }
    return next;
  }

  /** Runs continuing one worktree share its fate: deciding one decides the open others too. */
  private decideAll(review: ReviewRecord, status: 'approved' | 'discarded', message: string) {
    const now = this.deps.clock();
    this.change(review.runId, { status, message, conflictFiles: [], decidedAt: now });
    if (review.worktree === null) return;
    for (const other of this.deps.store.reviews.withWorktree()) {
      if (other.worktree !== review.worktree || other.runId === review.runId) continue;
      if (other.status === 'pending' || other.status === 'conflict' || other.status === 'blocked') {
        this.change(other.runId, {
          status,
          message: `${message} (with a later run)`,
          decidedAt: now,
        });
      }
    }
  }

  private needsReview(run: RunRecord, task: Task): boolean {
    if (run.parentRunId !== null) {
      const parent = this.deps.store.reviews.get(run.parentRunId);
      if (parent?.followUpRunId === run.id) return true;
    }
    return (
      task.reviewEachRun ?? (task.isolation === 'worktree' || UNATTENDED.includes(run.trigger.kind))
    );
  }

  /**
   * A run that failed or stopped before changing anything leaves no worktree behind (a resume
   * starts a fresh one). Its own: a follow-up's worktree is its parent's, with work in it.
   */
  private async releaseIfEmpty(review: ReviewRecord): Promise<void> {
    const { repoRoot, worktree, branch } = review;
    if (repoRoot === null || worktree === null) return;
    const shared = this.deps.store.reviews
      .withWorktree()
      .some((other) => other.worktree === worktree && other.runId !== review.runId);
    if (shared) return;
    await releaseEmptyWorktree(repoRoot, worktree, branch);
  }

  private change(runId: string, patch: ReviewPatch): void {
    this.deps.store.reviews.update(runId, patch);
    const updated = this.deps.store.reviews.get(runId);
    const shown = updated ? this.publicReview(updated) : [];
    for (const review of shown) this.deps.bus.emit('review.updated', review);
  }

  private publicReview(record: ReviewRecord): RunReview[] {
    const { status } = record;
    if (status === null) return [];
    const mergeUndoable =
      status === 'approved' && this.deps.store.undo.merge(record.runId) !== undefined;
    return [{ ...toPublicReview({ ...record, status }), mergeUndoable }];
  }

  private events(runId: string) {
    return this.deps.store.runs.events(runId);
  }

  private requireRuns(): RunService {
    if (!this.runs) throw new Error('ReviewService used before attachRuns');
    return this.runs;
  }
}

function reviewBefore(record: ReviewRecord): ReviewBefore {
  return {
    runId: record.runId,
    status: record.status,
    message: record.message,
    conflictFiles: record.conflictFiles,
    decidedAt: record.decidedAt,
  };
}

/** The follow-up prompt: the person's feedback, then each line comment with where it points. */
export function feedbackPrompt(
  feedback: string | undefined,
  comments: LineComment[],
): string | null {
  const parts: string[] = [];
  if (feedback?.trim()) parts.push(feedback.trim());
  if (comments.length > 0) {
    const lines = comments.map(
      (c) =>
        `- ${c.path}, line ${c.line}${c.side === 'old' ? ' (before your change)' : ''}: ${c.text}`,
    );
    parts.push(`Comments on your changes:\n${lines.join('\n')}`);
  }
  if (parts.length === 0) return null;
  return `Changes requested on your last run.\n\n${parts.join('\n\n')}`;
}
