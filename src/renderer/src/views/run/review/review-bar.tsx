// The review of a finished run: where it stands, and Approve (merge the worktree, or keep the
// changes in place), Request changes (feedback plus line comments, sent as a follow-up in the
// same session) and Discard (after a confirmation that lists what will be removed or restored).
// Escape folds the feedback box (asking first when it holds text) back onto its button.
import { useRef, useState } from 'react';
import type { LineComment, Run, RunDiff, RunReview } from '../../../../../shared/domain';
import { useApi } from '../../../api/api-context';
import { useDecisionUndo } from '../../../approvals/decision-undo';
import { useNow } from '../../../hooks/use-now';
import { ConfirmButton } from '../../../components/confirm-button';
import { escapeCloses, useDiscardQuestion } from '../../../components/discard-dialog';
import { ErrorNote } from '../../../components/error-note';
import { MessageBox } from '../../../components/message-box';
import { navigate } from '../../../router/router';
import { useRunAction } from '../run-controls';
import { DiscardChoices, useDiscardSelection } from './discard-choices';
import { useDiscardUndo } from './use-discard-undo';

const STATUS_TEXT: Record<RunReview['status'], string> = {
  pending: 'Waiting for your review',
  approved: 'Approved',
  changes_requested: 'Changes requested',
  discarded: 'Discarded',
  conflict: 'Merge conflict',
  blocked: 'Your changes are in the way',
};

export interface ReviewBarProps {
  run: Run;
  diff: RunDiff;
  review: RunReview | null;
  comments: LineComment[];
  onSent: () => void;
}

export function reviewOpen(review: RunReview | null): boolean {
  return review === null || !['approved', 'discarded'].includes(review.status);
}

export function ReviewBar(props: ReviewBarProps) {
  const api = useApi();
  const { run, diff, review, comments } = props;
  const { busy, error, act } = useRunAction();
  const [feedback, setFeedback] = useState('');
  const [writing, setWriting] = useState(false);
  const requestButton = useRef<HTMLButtonElement>(null);
  const discard = useDiscardQuestion('The feedback you wrote has not been sent.');
  const closeFeedback = () => {
    setWriting(false);
    setFeedback('');
    requestButton.current?.focus();
  };
  const { offerUndo } = useDecisionUndo();
  const discardUndo = useDiscardUndo(run.id);
  const selection = useDiscardSelection(diff.files);
  const worktree = diff.worktree;
  const runCount = selection.runFiles.length;
  const otherCount = selection.others.length;
  const open = reviewOpen(review) && runCount > 0;
  const canSend = feedback.trim() !== '' || comments.length > 0;
  const now = useNow(60_000, review?.undoUntil != null);
  const canUndo = review?.undoUntil != null && review.undoUntil > now;

  const undoMerge = async (runId: string) => {
    await api.call('runs.undoMerge', { runId });
    return 'Merge undone: the branch, your checkout and the run’s worktree are as they were.';
  };
  const approve = (intoNewBranch = false) =>
    act(async () => {
      await api.call('runs.review', {
        runId: run.id,
        decision: 'approve',
        ...(intoNewBranch ? { intoNewBranch } : {}),
      });
      if (!worktree) return;
      const merged = (await api.call('reviews.list', { runId: run.id }))[0];
      if (merged?.mergeUndoable) {
        offerUndo(merged.message ?? 'Merged.', () => undoMerge(run.id));
      }
    });
  // The review's own words say what went wrong; the same sentence is not shown twice.
  const shownError =
    error instanceof Error && review?.message != null && error.message === review.message
      ? undefined
      : error;
  const refused = review?.status === 'conflict' || review?.status === 'blocked';
  const discardChanges = () =>
    act(async () => {
      const { files, choices } = selection.selection;
      await api.call('runs.review', {
        runId: run.id,
        decision: 'discard',
        ...(worktree || selection.whole ? {} : { files }),
        ...(choices.length > 0 ? { choices } : {}),
      });
      await discardUndo.offer('Discarded.');
    });
  const send = () =>
    act(async () => {
      const next = await api.call('runs.review', {
        runId: run.id,
        decision: 'changes',
        ...(feedback.trim() ? { feedback: feedback.trim() } : {}),
        comments,
      });
      props.onSent();
      navigate(`/runs/${next.id}`);
    });

  return (
    <section className="review-bar" aria-label="Review">
      <div className="review-state">
        {review && (
          <span className={`review-status review-${review.status}`}>
            {STATUS_TEXT[review.status]}
          </span>
        )}
        <span className="review-summary">
          {runCount} file{runCount === 1 ? '' : 's'} changed by the run
          {worktree && review?.baseBranch ? ` on its branch, for ${review.baseBranch}` : ''}
          {otherCount > 0 ? `; ${otherCount} by someone else while it ran` : ''}
        </span>
        {review?.message && !refused && <span className="review-message">{review.message}</span>}
        {review?.mergeUndoable && (
          <button
            type="button"
            className="button small"
            disabled={busy}
            onClick={() => void act(() => api.call('runs.undoMerge', { runId: run.id }))}
          >
            Undo merge
          </button>
        )}
        {canUndo && (
          <button
            type="button"
            className="button small"
            disabled={busy}
            // What the undo did shows as the review's message.
            onClick={() =>
              void act(async () => {
                await discardUndo.undo();
              })
            }
          >
            Undo the discard
          </button>
        )}
        {review?.followUpRunId && (
          <a
            href={`/runs/${review.followUpRunId}`}
            onClick={(e) => {
              e.preventDefault();
              navigate(`/runs/${review.followUpRunId ?? ''}`);
            }}
          >
            Open the follow-up run →
          </a>
        )}
      </div>
      {open && (
        <div className="review-actions">
          <button
            type="button"
            className="button primary"
            disabled={busy}
            onClick={() => void approve()}
          >
            {worktree
              ? `Approve and merge${review?.baseBranch ? ` into ${review.baseBranch}` : ''}`
              : 'Approve'}
          </button>
          <button
            type="button"
            className="button"
            ref={requestButton}
            aria-expanded={writing}
            onClick={() => setWriting(!writing)}
          >
            Request changes
            {comments.length > 0
              ? ` (${comments.length} comment${comments.length === 1 ? '' : 's'})`
              : ''}
          </button>
          <ConfirmButton
            label="Discard"
            title="Discard this run's changes?"
            confirmLabel={
              worktree
                ? 'Remove worktree and branch'
                : `Take back ${selection.takeBackCount} of the run’s changes`
            }
            onConfirm={discardChanges}
          >
            {worktree ? (
              <p>
                The run's worktree and its branch are removed; uncommitted files in the worktree are
                kept with it. Your checkout is not touched. You can undo this for a day.
              </p>
            ) : (
              <DiscardChoices state={selection} />
            )}
          </ConfirmButton>
        </div>
      )}
      {open && writing && (
        <div
          className="review-feedback"
          onKeyDown={(event) =>
            escapeCloses({ dirty: feedback.trim() !== '', onClose: closeFeedback, ...discard })(
              event,
            )
          }
        >
          {discard.dialog}
          <MessageBox
            label="What should change"
            value={feedback}
            placeholder="What should change? Line comments you added go along."
            onChange={setFeedback}
            rows={3}
          />
          <button
            type="button"
            className="button primary"
            disabled={busy || !canSend}
            onClick={() => void send()}
          >
            Send back
          </button>
        </div>
      )}
      {review?.status === 'conflict' && (
        <p className="review-conflict" role="alert">
          {review.conflictFiles.length > 0
            ? `Both the run and ${review.baseBranch ?? 'the target branch'} changed ${review.conflictFiles.join(', ')}. `
            : `${review.message ?? ''} `}
          Nothing was merged. Resolve it in the run's worktree (merge {review.baseBranch ?? 'it'}{' '}
          there and commit), then approve again; or request changes.
        </p>
      )}
      {review?.status === 'blocked' && (
        <div className="review-conflict" role="alert">
          <p>
            Nothing was merged: your uncommitted changes to{' '}
            <span className="path">{review.conflictFiles.join(', ')}</span> in your checkout of{' '}
            {review.baseBranch ?? 'the target branch'} are in the way; merging would overwrite them.
          </p>
          <p>
            Commit or stash them there (<code>git stash</code>), then press Approve and merge again.
            Or merge into a new branch, which leaves your checkout alone:
          </p>
          <button
            type="button"
            className="button"
            disabled={busy}
            onClick={() => void approve(true)}
          >
            Merge into a new branch
          </button>
        </div>
      )}
      <ErrorNote error={shownError} />
    </section>
  );
}
