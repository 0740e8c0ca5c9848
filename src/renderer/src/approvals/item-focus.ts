// Where the focus goes among the things that need the person (requests, questions, plans,
// reviews, and any other kind of item): an item's container carries `data-item-id` and takes the
// focus itself, never one of its decision buttons, so a key pressed next cannot decide by accident.
// A question's answer is focused only when asked for (Enter, or a on a question).

export const ITEM_ATTR = 'data-item-id';

/** The attributes an item's container carries: focusable by script, not a Tab stop of its own. */
export function itemProps(itemId: string) {
  return { [ITEM_ATTR]: itemId, tabIndex: -1 } as const;
}

export function itemElement(itemId: string): HTMLElement | null {
  return document.querySelector<HTMLElement>(`[${ITEM_ATTR}="${CSS.escape(itemId)}"]`);
}

/** The id of the item holding the focus (or holding what holds it). */
export function focusedItemId(target: EventTarget | null = document.activeElement): string | null {
  if (!(target instanceof Element)) return null;
  return target.closest(`[${ITEM_ATTR}]`)?.getAttribute(ITEM_ATTR) ?? null;
}

/** Focuses an item's container, wherever the page shows it. */
export function focusItem(itemId: string): boolean {
  const element = itemElement(itemId);
  element?.focus();
  return element !== null;
}

/** Focuses a question's answer (its first option or its answer field). */
export function focusAnswer(itemId: string): boolean {
  const target = itemElement(itemId)?.querySelector<HTMLElement>('[data-answer-focus]');
  target?.focus();
  return target !== null && target !== undefined;
}
