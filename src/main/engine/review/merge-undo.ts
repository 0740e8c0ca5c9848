// A worktree merge that can be taken back. Before the merge moves the target branch it notes what
// it replaces: the target's commit, the run's branch before its leftovers were committed and the
// worktree's index. Undo puts the target branch (and the files of the checkout it is in) back, and
// the run's branch and worktree as they were, when nothing else moved the target since.
import { existsSync } from 'node:fs';
import type { MergeUndoRecord, ReviewBefore } from '../store/undo-store';
import { git, GitError, gitOk } from './git';
import {
  checkoutOf,
  commitForMerge,
  mergeWorktree,
  removeWorktree,
  type MergeOutcome,
  type MergeRequest,
} from './worktree-merge';

export type RecordedMerge =
  | { ok: true; outcome: Extract<MergeOutcome, { ok: true }>; record: MergeUndoRecord }
  | Extract<MergeOutcome, { ok: false }>;

/**
 * Merges the run's branch into `baseBranch` (or into `newBranch`, made at baseBranch's tip, which
 * leaves every checkout alone), removes its worktree and branch, and returns what undo needs.
 */
export async function mergeKeepingUndo(
  request: MergeRequest & { runId: string; newBranch?: string; reviews: ReviewBefore[] },
): Promise<RecordedMerge> {
  const worktreeBefore = await commitForMerge(request.worktree, request.message);
  let target = request.baseBranch;
  if (request.newBranch !== undefined) {
    if (
      await gitOk(request.repoRoot, [
        'rev-parse',
        '-q',
        '--verify',
        `refs/heads/${request.newBranch}`,
      ])
    ) {
      return refusal(`A branch named ${request.newBranch} already exists; nothing was merged.`);
    }
    await git(request.repoRoot, ['branch', request.newBranch, request.baseBranch]);
    target = request.newBranch;
  }
  const outcome = await mergeWorktree({ ...request, baseBranch: target });
  if (!outcome.ok) {
    if (request.newBranch !== undefined) {
      await git(request.repoRoot, ['branch', '-D', request.newBranch]).catch(() => undefined);
    }
    return outcome;
  }
  await removeWorktree(request.repoRoot, request.worktree, request.branch);
  return {
    ok: true,
    outcome,
    record: {
      runId: request.runId,
      repoRoot: request.repoRoot,
      baseBranch: target,
      before: request.newBranch === undefined ? outcome.before : null,
      after: outcome.commit,
      checkout: outcome.checkout,
      worktree: request.worktree,
      branch: request.branch,
      ...worktreeBefore,
      reviews: request.reviews,
    },
  };
}

function refusal(message: string): Extract<MergeOutcome, { ok: false }> {
  return {
    ok: false,
    reason: 'conflict',
    conflictFiles: [],
    blockingFiles: [],
    checkout: null,
    message,
  };
}

export type UndoOutcome = { ok: true; message: string } | { ok: false; message: string };

export async function undoMerge(record: MergeUndoRecord): Promise<UndoOutcome> {
  const { repoRoot, baseBranch, after, branch, worktree } = record;
  const short = (commit: string) => commit.slice(0, 8);
  const now = (
    await git(repoRoot, ['rev-parse', '-q', '--verify', `refs/heads/${baseBranch}`]).catch(() => '')
  ).trim();
  if (now !== after) {
    return {
      ok: false,
      message: now
        ? `${baseBranch} moved since the merge (it is at ${short(now)}, the merge left it at ${short(after)}), so undoing would throw those commits away. Nothing was changed. To take the merge back by hand, revert it: git revert ${record.before === null ? short(after) : `-m 1 ${short(after)}`} (or git reset to ${short(record.before ?? after)} if you mean to drop what came after).`
        : `${baseBranch} no longer exists, so there is no merge to undo. Nothing was changed.`,
    };
  }
  if (await gitOk(repoRoot, ['rev-parse', '-q', '--verify', `refs/heads/${branch}`])) {
    return {
      ok: false,
      message: `A branch named ${branch} exists again, so the run's branch cannot come back under its name. Nothing was changed; rename or delete that branch, then undo again.`,
    };
  }
  if (existsSync(worktree)) {
    return {
      ok: false,
      message: `Something is at ${worktree}, where the run's worktree goes back. Nothing was changed; move it away, then undo again.`,
    };
  }
  const moved = await moveTargetBack(record);
  if (!moved.ok) return moved;
  await restoreWorktree(record);
  return {
    ok: true,
    message:
      record.before === null
        ? `Merge undone: the branch ${baseBranch} it made is deleted, and the run's worktree and branch are back.`
        : `Merge undone: ${baseBranch} is back at ${short(record.before)}, and the run's worktree and branch are back.`,
  };
}

/** The target branch back where it was; the files of the checkout it is in follow it. */
async function moveTargetBack(record: MergeUndoRecord): Promise<UndoOutcome> {
  const { repoRoot, baseBranch, before, after } = record;
  if (before === null) {
    await git(repoRoot, ['update-ref', '-d', `refs/heads/${baseBranch}`, after]);
    return { ok: true, message: '' };
  }
  const checkout = await checkoutOf(repoRoot, baseBranch);
  if (checkout === null) {
    await git(repoRoot, ['update-ref', `refs/heads/${baseBranch}`, before, after]);
    return { ok: true, message: '' };
  }
  try {
    // --merge: files the merge changed go back; the person's other uncommitted edits stay, and
    // an edit to a file the merge changed stops it before anything moves.
    await git(checkout, ['reset', '-q', '--merge', before]);
    return { ok: true, message: '' };
  } catch (error) {
    const stderr = error instanceof GitError ? error.stderr : String(error);
    const files = [...stderr.matchAll(/Entry '(.+?)' not uptodate/g)].map((m) => m[1] ?? '');
    const named = files.length > 0 ? files.join(', ') : 'files the merge changed';
    return {
      ok: false,
      message: `You changed ${named} in ${checkout} since the merge, so putting ${baseBranch} back would overwrite that. Nothing was changed. Commit or stash those changes, then undo again.`,
    };
  }
}

/** The run's branch and worktree as they were before the merge: same commit, index and files. */
async function restoreWorktree(record: MergeUndoRecord): Promise<void> {
  const { repoRoot, worktree, branch } = record;
  await git(repoRoot, ['branch', branch, record.branchAfter]);
  await git(repoRoot, ['worktree', 'add', '-q', worktree, branch]);
  if (record.branchAfter !== record.branchBefore) {
    // The files stay as the leftovers commit holds them; branch and index go back before it.
    await git(worktree, ['reset', '-q', '--soft', record.branchBefore]);
  }
  await git(worktree, ['read-tree', record.indexTree]);
}
