// The inbox's keyboard: j/k move the selection, a allows, d denies, Enter opens the item (a
// question: goes to its answer). What each does on each kind of item is in inbox-items.
import { isOnControl, useShortcutKeys } from '../../hooks/use-shortcut-keys';

export interface InboxKeyActions {
  move: (delta: number) => void;
  allow?: () => void;
  deny?: () => void;
  enter?: () => void;
}

export function useInboxKeys(actions: InboxKeyActions): void {
  useShortcutKeys((event) => ({
    j: () => actions.move(1),
    k: () => actions.move(-1),
    a: actions.allow,
    d: actions.deny,
    // Enter on a focused button or link keeps its own meaning.
    Enter: isOnControl(event) ? undefined : actions.enter,
  }));
}
