// After a decision, the focus moves on to the next request still waiting (in the order shown),
// so a person answering by keyboard never lands back at the top of the page. It moves only when
// the decided request held the focus (or was decided by a key press), never away from a field
// the person is in.
import { useCallback, useEffect, useRef } from 'react';
import { focusRequest } from './decision-undo';

const AWAIT_NEXT_MS = 60_000;

export function useFocusNextPending(pendingIds: readonly string[]): (approvalId: string) => void {
  const deciding = useRef<string | null>(null);
  const previous = useRef<readonly string[]>(pendingIds);

  useEffect(() => {
    const onFocusIn = (event: FocusEvent) => {
      const card =
        event.target instanceof Element ? event.target.closest('[data-approval-id]') : null;
      deciding.current = card?.getAttribute('data-approval-id') ?? null;
    };
    document.addEventListener('focusin', onFocusIn);
    return () => document.removeEventListener('focusin', onFocusIn);
  }, []);

  // Set when a decision left nothing waiting: the run's next request takes the focus if it comes
  // soon (a minute), not one that turns up while the person reads.
  const awaitingNext = useRef(0);
  const key = pendingIds.join(' ');
  useEffect(() => {
    const before = previous.current;
    previous.current = pendingIds;
    const gone = deciding.current;
    if (gone !== null && !pendingIds.includes(gone)) {
      deciding.current = null;
      if (!focusLost(gone)) return;
      const after = before.slice(before.indexOf(gone) + 1).find((id) => pendingIds.includes(id));
      const next = after ?? pendingIds[0];
      if (next) focusRequest(next);
      else awaitingNext.current = Date.now() + AWAIT_NEXT_MS;
      return;
    }
    const arrived = pendingIds.find((id) => !before.includes(id));
    if (arrived !== undefined && awaitingNext.current > Date.now()) {
      awaitingNext.current = 0;
      if (focusLost(null)) focusRequest(arrived);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `key` stands for the ids' content (a new array each render)
  }, [key]);

  /** Marks a request as being decided by a key press (the focus may be anywhere). */
  return useCallback((approvalId: string) => {
    deciding.current = approvalId;
  }, []);
}

/** Whether the focus went with the decided request (to the page body, or still on its card). */
function focusLost(decidedId: string | null): boolean {
  const active = document.activeElement;
  // The page itself (#content gets the focus after navigation) holds nothing to lose.
  if (active === null || active === document.body || active.id === 'content') return true;
  return (
    decidedId !== null && active.closest(`[data-approval-id="${CSS.escape(decidedId)}"]`) !== null
  );
}
