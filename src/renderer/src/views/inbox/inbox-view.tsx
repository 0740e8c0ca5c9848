// /inbox: every pending approval and question, oldest first, answerable in place by mouse or
// keyboard (j/k select, a allow, d deny, Enter answer a question). After a decision the focus
// moves to the next item; a deny waits for its Undo first (decision-undo).
import { useEffect, useMemo, useState } from 'react';
import { useApi } from '../../api/api-context';
import { ApprovalCard } from '../../approvals/approval-card';
import { focusRequest, useDecisionUndo } from '../../approvals/decision-undo';
import { useFocusNextPending } from '../../approvals/focus-next';
import { EmptyState } from '../../components/empty-state';
import { ErrorNote } from '../../components/error-note';
import { usePendingApprovals } from '../../hooks/pending-approvals';
import { useNow } from '../../hooks/use-now';
import { useInboxKeys } from './inbox-keys';
import { ReviewItems, usePendingReviews } from './review-items';
import { InboxWait } from './inbox-wait';
import { useSiblingRunNotes } from './sibling-runs';

export function InboxView() {
  const api = useApi();
  const { approvals, loaded, error, reload } = usePendingApprovals();
  const reviews = usePendingReviews();
  const reviewList = reviews.data ?? [];
  // The selection remembers its place, so when its request is answered the next one takes over.
  const [selection, setSelection] = useState<{ id: string | null; index: number }>({
    id: null,
    index: 0,
  });
  const [actionError, setActionError] = useState<unknown>(undefined);
  const undo = useDecisionUndo();
  const deciding = useFocusNextPending(useMemo(() => approvals.map((a) => a.id), [approvals]));
  const now = useNow(15_000, approvals.length > 0);
  const runNotes = useSiblingRunNotes(approvals);

  const found = approvals.findIndex((a) => a.id === selection.id);
  const selectedIndex =
    found >= 0 ? found : Math.max(0, Math.min(selection.index, approvals.length - 1));
  const selected = approvals[selectedIndex];
  const select = (index: number) => {
    const next = approvals[index];
    if (next) setSelection({ id: next.id, index });
  };

  useEffect(() => {
    if (!selected) return;
    document
      .querySelector(`[data-approval-id="${selected.id}"]`)
      ?.scrollIntoView({ block: 'nearest' });
  }, [selected]);

  const decide = (decision: 'allow' | 'deny') => {
    if (!selected) return;
    // A folder's settings are trusted only with the card's own buttons, never by a key.
    if (selected.kind === 'folder_trust') return;
    if (decision === 'allow' && selected.kind === 'question') {
      focusAnswer();
      return;
    }
    setActionError(undefined);
    deciding(selected.id);
    if (decision === 'deny' && selected.kind === 'tool') {
      undo.queueDeny(selected);
      return;
    }
    api.call('approvals.decide', { approvalId: selected.id, decision }).catch(setActionError);
  };
  const focusAnswer = () => {
    if (selected) focusRequest(selected.id);
  };
  useInboxKeys({
    move: (delta) => select(Math.min(approvals.length - 1, Math.max(0, selectedIndex + delta))),
    allow: () => decide('allow'),
    deny: () => decide('deny'),
    focusAnswer,
  });

  return (
    <div className="page inbox">
      <div className="page-head">
        <h1>Inbox</h1>
        <p className="keyboard-help" aria-label="Keyboard shortcuts">
          <kbd>j</kbd>/<kbd>k</kbd> move · <kbd>a</kbd> allow · <kbd>d</kbd> deny · <kbd>Enter</kbd>{' '}
          answer
        </p>
      </div>
      <ErrorNote error={error} onRetry={reload} />
      <ErrorNote error={actionError} />
      <ReviewItems reviews={reviewList} />
      {loaded && approvals.length === 0 && reviewList.length === 0 ? (
        <EmptyState title="Nothing needs you">
          When a run asks to use a tool, asks you a question or has changes to review, it shows up
          here.
        </EmptyState>
      ) : (
        <div className="card-list">
          {approvals.map((approval, index) => (
            <div key={approval.id} className="inbox-item">
              <InboxWait approval={approval} now={now} />
              <ApprovalCard
                approval={approval}
                showRun
                selected={approval.id === selected?.id}
                runNote={runNotes.get(approval.id)}
                onSelect={() => select(index)}
              />
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
