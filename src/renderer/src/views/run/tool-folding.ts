// Which tool cards are open: each card's own choice, else what "Expand all"/"Collapse all" said,
// else its default (errors, denials, todo lists, questions and cards decided on while the page was
// open stay open; the rest are one line). Kept by the list, not the card, because a virtualised
// card is unmounted when scrolled away.
import { useCallback, useState } from 'react';
import type { Approval } from '../../../../shared/domain';
import type { TranscriptItem } from './transcript-model';

export type ToolItem = Extract<TranscriptItem, { kind: 'tool' }>;
export type ToolCardState = 'waiting' | 'denied' | 'working' | 'done' | 'error' | 'ended';

/** Tools whose content is the conversation itself, not output: they read best open. */
const OPEN_TOOLS = new Set(['TodoWrite', 'AskUserQuestion']);

export function toolCardState(
  item: ToolItem,
  approvals: ReadonlyMap<string, Approval>,
  runActive: boolean,
): ToolCardState {
  const linked = item.approvalIds.flatMap((id) => approvals.get(id) ?? []);
  if (linked.some((approval) => approval.status === 'pending')) return 'waiting';
  if (linked.some((approval) => approval.status === 'denied')) return 'denied';
  if (item.result) return item.result.isError ? 'error' : 'done';
  return runActive ? 'working' : 'ended';
}

function openByDefault(item: ToolItem, state: ToolCardState): boolean {
  return (
    state === 'waiting' || state === 'error' || state === 'denied' || OPEN_TOOLS.has(item.name)
  );
}

export interface ToolFolding {
  isOpen: (item: ToolItem, state: ToolCardState) => boolean;
  toggle: (toolUseId: string, open: boolean) => void;
  /** Opens these cards (a find match inside them). */
  open: (toolUseIds: readonly string[]) => void;
  setAll: (open: boolean) => void;
  /** What the last "Expand all"/"Collapse all" said; null before either. */
  all: boolean | null;
}

export function useToolFolding(approvals: ReadonlyMap<string, Approval>): ToolFolding {
  const [choices, setChoices] = useState<ReadonlyMap<string, boolean>>(() => new Map());
  const [all, setAllState] = useState<boolean | null>(null);
  // Requests this list has shown waiting. Not a time: the browser's clock need not agree with the
  // server's that stamps decisions (a panel on another machine).
  const [seenPending, setSeenPending] = useState<ReadonlySet<string>>(() => new Set());
  const waiting = [...approvals.values()].filter((a) => a.status === 'pending').map((a) => a.id);
  if (waiting.some((id) => !seenPending.has(id))) {
    // Kept from render to render, as React documents for information from earlier renders.
    setSeenPending(new Set([...seenPending, ...waiting]));
  }

  const toggle = useCallback((toolUseId: string, open: boolean) => {
    setChoices((current) => new Map(current).set(toolUseId, open));
  }, []);
  const open = useCallback((toolUseIds: readonly string[]) => {
    setChoices((current) => {
      if (toolUseIds.every((id) => current.get(id) === true)) return current;
      const next = new Map(current);
      for (const id of toolUseIds) next.set(id, true);
      return next;
    });
  }, []);
  const setAll = useCallback((value: boolean) => {
    setChoices(new Map());
    setAllState(value);
  }, []);
  // A card decided on while the page was open stays open, where the decision's outcome shows.
  const decidedHere = useCallback(
    (item: ToolItem) =>
      item.approvalIds.some(
        (id) => seenPending.has(id) && (approvals.get(id)?.status ?? 'pending') !== 'pending',
      ),
    [approvals, seenPending],
  );
  const isOpen = useCallback(
    (item: ToolItem, state: ToolCardState) =>
      state === 'waiting' ||
      (choices.get(item.toolUseId) ?? all ?? (openByDefault(item, state) || decidedHere(item))),
    [choices, all, decidedHere],
  );
  return { isOpen, toggle, open, setAll, all };
}
