// After a decision, the focus moves on to the next item still waiting (in the order shown): to the
// item itself, never to one of its buttons (item-focus), so a person answering by keyboard never
// lands back at the top of the page and the next key cannot decide what they have not read. It
// moves only when the decided item held the focus (or was decided by a key press), never away from
// a field the person is in. Items are any kind the page lists, by id.
import { useCallback, useEffect, useRef } from 'react';
import { focusedItemId, focusItem, itemElement } from './item-focus';

const AWAIT_NEXT_MS = 60_000;

export function useFocusNextPending(itemIds: readonly string[]): (itemId: string) => void {
  const deciding = useRef<string | null>(null);
  const previous = useRef<readonly string[]>(itemIds);

  useEffect(() => {
    const onFocusIn = (event: FocusEvent) => {
      deciding.current = focusedItemId(event.target);
    };
    document.addEventListener('focusin', onFocusIn);
    return () => document.removeEventListener('focusin', onFocusIn);
  }, []);

  // Set when a decision left nothing waiting: the run's next request takes the focus if it comes
  // soon (a minute), not one that turns up while the person reads.
  const awaitingNext = useRef(0);
  const key = itemIds.join(' ');
  useEffect(() => {
    const before = previous.current;
    previous.current = itemIds;
    const gone = deciding.current;
    if (gone !== null && !itemIds.includes(gone)) {
      deciding.current = null;
      if (!focusLost(gone)) return;
      const after = before.slice(before.indexOf(gone) + 1).find((id) => itemIds.includes(id));
      const next = after ?? itemIds[0];
      if (next) focusItem(next);
      else awaitingNext.current = Date.now() + AWAIT_NEXT_MS;
      return;
    }
    const arrived = itemIds.find((id) => !before.includes(id));
    if (arrived !== undefined && awaitingNext.current > Date.now()) {
      awaitingNext.current = 0;
      if (focusLost(null)) focusItem(arrived);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `key` stands for the ids' content (a new array each render)
  }, [key]);

  /** Marks an item as being decided by a key press (the focus may be anywhere). */
  return useCallback((itemId: string) => {
    deciding.current = itemId;
  }, []);
}

/** Whether the focus went with the decided item (to the page body, or still on it). */
function focusLost(decidedId: string | null): boolean {
  const active = document.activeElement;
  // The page itself (#content gets the focus after navigation) holds nothing to lose.
  if (active === null || active === document.body || active.id === 'content') return true;
  if (decidedId === null) return false;
  const decided = itemElement(decidedId);
  return decided !== null ? decided.contains(active) : focusedItemId(active) === decidedId;
}
