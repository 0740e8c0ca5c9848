// /inbox: everything that needs the person (changes to review, then pending requests and
// questions, oldest first), answerable in place by mouse or keyboard (j/k select, a allow, d deny,
// Enter open or answer). After a decision the focus moves to the next item itself, never to one
// of its buttons; a deny waits for its Undo first (decision-undo).
import { useEffect, useMemo, useState } from 'react';
import type { Approval } from '../../../../shared/domain';
import { useApi } from '../../api/api-context';
import { ApprovalCard } from '../../approvals/approval-card';
import { useDecisionUndo } from '../../approvals/decision-undo';
import { useFocusNextPending } from '../../approvals/focus-next';
import { itemElement } from '../../approvals/item-focus';
import { EmptyState } from '../../components/empty-state';
import { ErrorNote } from '../../components/error-note';
import { usePendingApprovals } from '../../hooks/pending-approvals';
import { useNow } from '../../hooks/use-now';
import { inboxItems, itemKeys } from './inbox-items';
import { useInboxKeys } from './inbox-keys';
import { ReviewItems } from './review-items';
import { InboxWait } from './inbox-wait';
import { useSiblingRunNotes } from './sibling-runs';
import { AwayNote, useAwayNotes } from './away-notes';

export function InboxView() {
  const api = useApi();
  const { approvals, reviews, loaded, error, reload } = usePendingApprovals();
  const items = useMemo(() => inboxItems(reviews, approvals), [reviews, approvals]);
  // The selection remembers its place, so when its item is answered the next one takes over.
  const [selection, setSelection] = useState<{ id: string | null; index: number }>({
    id: null,
    index: 0,
  });
  const [actionError, setActionError] = useState<unknown>(undefined);
  const undo = useDecisionUndo();
  const deciding = useFocusNextPending(useMemo(() => items.map((item) => item.id), [items]));
  const now = useNow(15_000, approvals.length > 0);
  const runNotes = useSiblingRunNotes(approvals);
  const awayNotes = useAwayNotes(approvals);

  const found = items.findIndex((item) => item.id === selection.id);
  const selectedIndex =
    found >= 0 ? found : Math.max(0, Math.min(selection.index, items.length - 1));
  const selected = items[selectedIndex];
  const selectId = (id: string) => {
    const index = items.findIndex((item) => item.id === id);
    if (index >= 0) setSelection({ id, index });
  };

  useEffect(() => {
    if (selected) itemElement(selected.id)?.scrollIntoView({ block: 'nearest' });
  }, [selected]);

  const allow = (approval: Approval) => {
    setActionError(undefined);
    deciding(approval.id);
    api
      .call('approvals.decide', { approvalId: approval.id, decision: 'allow' })
      .catch(setActionError);
  };
  const deny = (approval: Approval) => {
    setActionError(undefined);
    deciding(approval.id);
    undo.queueDeny(approval);
  };
  const keys = selected ? itemKeys(selected, { allow, deny }) : undefined;
  useInboxKeys({
    move: (delta) => {
      const next = items[Math.min(items.length - 1, Math.max(0, selectedIndex + delta))];
      if (next) selectId(next.id);
    },
    allow: keys?.allow,
    deny: keys?.deny,
    enter: keys?.enter,
  });

  const approvalItems = items.flatMap((item) => (item.kind === 'approval' ? [item] : []));
  return (
    <div className="page inbox">
      <div className="page-head">
        <h1>Inbox</h1>
        <p className="keyboard-help" aria-label="Keyboard shortcuts">
          <kbd>j</kbd>/<kbd>k</kbd> move · <kbd>a</kbd> allow · <kbd>d</kbd> deny · <kbd>Enter</kbd>{' '}
          open or answer
        </p>
      </div>
      <ErrorNote error={error} onRetry={reload} />
      <ErrorNote error={actionError} />
      <ReviewItems reviews={reviews} selectedId={selected?.id} onSelect={selectId} />
      {loaded && items.length === 0 ? (
        <EmptyState title="Nothing needs you">
          When a run asks to use a tool, asks you a question or has changes to review, it shows up
          here.
        </EmptyState>
      ) : (
        <div className="card-list">
          {approvalItems.map(({ approval }) => (
            <div key={approval.id} className="inbox-item">
              <InboxWait approval={approval} now={now} />
              <AwayNote note={awayNotes.get(approval.id)} />
              <ApprovalCard
                approval={approval}
                showRun
                selected={approval.id === selected?.id}
                runNote={runNotes.get(approval.id)}
                onSelect={() => selectId(approval.id)}
              />
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
