// The run view's keyboard: a allows and d denies the run's oldest pending request (a question's
// a goes to its answer instead); a deny waits for its Undo (decision-undo). The focus then moves
// to the next request still waiting (focus-next). A request that has just arrived ignores both
// keys for a moment (arrival).
import { useMemo } from 'react';
import type { Approval } from '../../../../shared/domain';
import { useApi } from '../../api/api-context';
import { justArrived, useNoteShown } from '../../approvals/arrival';
import { useDecisionUndo } from '../../approvals/decision-undo';
import { useFocusNextPending } from '../../approvals/focus-next';
import { focusAnswer } from '../../approvals/item-focus';
import { useShortcutKeys } from '../../hooks/use-shortcut-keys';

export function useRunKeys(
  approvals: ReadonlyMap<string, Approval>,
  onError: (e: unknown) => void,
) {
  const api = useApi();
  const undo = useDecisionUndo();
  const pending = useMemo(
    () =>
      [...approvals.values()]
        .filter((approval) => approval.status === 'pending' && !undo.queuedDenials.has(approval.id))
        .sort((a, b) => a.createdAt - b.createdAt),
    [approvals, undo.queuedDenials],
  );
  const deciding = useFocusNextPending(useMemo(() => pending.map((a) => a.id), [pending]));
  const first = pending[0];
  // The oldest request may be scrolled out of the drawn list: it counts as shown once listed.
  useNoteShown(first ? [first.id] : []);
  const decide = (key: 'a' | 'd') => {
    if (!first || justArrived(first.id)) return;
    if (first.kind === 'question' || first.kind === 'secret') {
      if (key === 'a') focusAnswer(first.id);
      return;
    }
    // A folder's settings are trusted only with the card's own buttons, never by a key.
    if (first.kind === 'folder_trust') return;
    deciding(first.id);
    if (key === 'd') {
      undo.queueDeny(first);
      return;
    }
    api
      .call('approvals.decide', { approvalId: first.id, decision: 'allow' })
      .catch((failure: unknown) => onError(failure));
  };
  useShortcutKeys(() => (first ? { a: () => decide('a'), d: () => decide('d') } : {}));
}
