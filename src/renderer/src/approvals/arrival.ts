// A request that has only just come on screen ignores decision keys (a, d, Enter or Space on its
// buttons) for ARRIVAL_GUARD_MS, so a key meant for what was there before never decides it. The
// time counts from when this page first showed (or listed) the request; a mouse click is aimed
// and is not held back.
import { useEffect, useLayoutEffect, useState, type KeyboardEvent } from 'react';
import { ARRIVAL_GUARD_MS } from './arrival-window';

export { ARRIVAL_GUARD_MS };

const firstShown = new Map<string, number>();

/** Notes that the page shows (or lists) this item now, if it had not before. */
export function noteShown(itemId: string, now = Date.now()): void {
  if (!firstShown.has(itemId)) firstShown.set(itemId, now);
}

/** How long this item still ignores decision keys (0 once it may be decided by key). */
export function arrivalLeftMs(itemId: string, now = Date.now()): number {
  const shown = firstShown.get(itemId);
  // Never shown: a key cannot be meant for it.
  if (shown === undefined) return ARRIVAL_GUARD_MS;
  return Math.max(0, shown + ARRIVAL_GUARD_MS - now);
}

export function justArrived(itemId: string, now = Date.now()): boolean {
  return arrivalLeftMs(itemId, now) > 0;
}

/**
 * Whether the item is still in its arrival moment; re-renders when the moment ends. The moment
 * starts when the item reaches the page (after layout, before paint), not when it is rendered: a
 * slow render must not eat into it.
 */
export function useJustArrived(itemId: string): boolean {
  const [, setEnded] = useState(0);
  useLayoutEffect(() => {
    noteShown(itemId);
    const timer = setTimeout(() => setEnded((count) => count + 1), arrivalLeftMs(itemId));
    return () => clearTimeout(timer);
  }, [itemId]);
  return justArrived(itemId);
}

/** Notes the items a page lists (some may not be drawn) once they are on the page. */
export function useNoteShown(itemIds: readonly string[]): void {
  const key = itemIds.join(' ');
  useEffect(() => {
    for (const id of key.split(' ')) if (id) noteShown(id);
  }, [key]);
}

/**
 * For an item's container (onKeyDownCapture and onKeyUpCapture): while the item has just arrived,
 * Enter anywhere in it and Space on its buttons do nothing (Space activates a button on key up).
 */
export function holdKeysWhileArriving(itemId: string, event: KeyboardEvent): void {
  if (!justArrived(itemId)) return;
  const onButton =
    event.target instanceof HTMLElement && ['BUTTON', 'SUMMARY'].includes(event.target.tagName);
  if (event.key === 'Enter' || (event.key === ' ' && onButton)) {
    event.preventDefault();
    event.stopPropagation();
  }
}
