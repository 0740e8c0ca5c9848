// The run view's keyboard: a allows and d denies the run's oldest pending request (a question's
// a goes to its answer instead); a deny waits for its Undo (decision-undo). The focus then moves
// to the next request still waiting (focus-next).
import { useEffect, useMemo, useRef } from 'react';
import type { Approval } from '../../../../shared/domain';
import { useApi } from '../../api/api-context';
import { focusRequest, useDecisionUndo } from '../../approvals/decision-undo';
import { useFocusNextPending } from '../../approvals/focus-next';
import { isTypingTarget } from '../inbox/inbox-keys';

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
  const latest = useRef({ pending, onError, undo, deciding });
  useEffect(() => {
    latest.current = { pending, onError, undo, deciding };
  });
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.metaKey || event.ctrlKey || event.altKey || event.defaultPrevented) return;
      if (isTypingTarget(event.target) || (event.key !== 'a' && event.key !== 'd')) return;
      const first = latest.current.pending[0];
      if (!first) return;
      event.preventDefault();
      if (first.kind === 'question') {
        if (event.key === 'a') focusRequest(first.id);
        return;
      }
      latest.current.deciding(first.id);
      if (event.key === 'd') {
        latest.current.undo.queueDeny(first);
        return;
      }
      api
        .call('approvals.decide', { approvalId: first.id, decision: 'allow' })
        .catch((failure: unknown) => latest.current.onError(failure));
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [api]);
}
