// Find in transcript: Ctrl/Cmd+F opens it, matches come from the data (transcript-find), and
// going to a match opens what hides it (a folded long answer, a closed card, thinking), scrolls
// the virtualised list to its row, then the match itself into view, highlighted.
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { clearHighlights, rangesIn, scrollRangeIntoView, showHighlights } from './find-highlight';
import type { TranscriptRowItem } from './long-text-rows';
import { findMatches, lastMatchUpTo, rowOfMatch, type FindMatch } from './transcript-find';
import type { TranscriptItem } from './transcript-model';

/** Frames to wait for a row to be drawn after scrolling to it, before giving up. */
const MAX_ATTEMPTS = 20;
/**
 * How long a placed match is kept in view: rows measured after the scroll change the heights
 * above it, and the list's own scrolling settles over a few frames.
 */
const SETTLE_MS = 800;

export interface FindTargets {
  items: readonly TranscriptItem[];
  rows: readonly TranscriptRowItem[];
  scroller: () => HTMLElement | null;
  scrollToRow: (index: number) => void;
  /** Scrolls the list to a pixel offset, through the virtualiser. */
  scrollTo: (top: number) => void;
  showLongText: (blockId: string) => void;
  openTools: (toolUseIds: readonly string[]) => void;
  /** The person moved through matches: the list stops following new output. */
  onNavigate: () => void;
  /** False while earlier pages of the transcript are still being fetched. */
  complete: boolean;
  /** Open with these words and go to their match in this event (a search hit opened here). */
  initial?: { query: string; seq: number } | null;
}

export interface TranscriptFind {
  isOpen: boolean;
  query: string;
  setQuery: (query: string) => void;
  matches: readonly FindMatch[];
  /** Index of the current match, or -1. */
  current: number;
  next: () => void;
  previous: () => void;
  open: () => void;
  close: () => void;
  /** Goes up each time the find box should take the focus (Ctrl+F again, too). */
  focusRequest: number;
}

export function useTranscriptFind(targets: FindTargets): TranscriptFind {
  const initial = targets.initial ?? null;
  const [isOpen, setOpen] = useState(initial !== null);
  const [query, setQueryState] = useState(initial?.query ?? '');
  const [current, setCurrent] = useState(-1);
  const [, redraw] = useState(0);
  const [focusRequest, setFocusRequest] = useState(0);
  const returnFocus = useRef<Element | null>(null);
  const pending = useRef<{ attempts: number } | null>(null);
  const located = useRef<{ key: string; nth: number; settleUntil: number } | null>(null);
  const goToFirst = useRef(initial !== null);
  /** The event a search hit named: its match is the first one gone to. */
  const goToSeq = useRef(initial?.seq ?? null);
  const latest = useRef(targets);

  const matches = useMemo(
    () => (isOpen ? findMatches(targets.items, query) : []),
    [isOpen, targets.items, query],
  );
  const matchesRef = useRef(matches);
  const currentRef = useRef(current);
  // Handlers run later than the render that made them: they read the latest through refs.
  useLayoutEffect(() => {
    latest.current = targets;
    matchesRef.current = matches;
    currentRef.current = current;
  });

  const goTo = useCallback((index: number) => {
    const match = matchesRef.current[index];
    setCurrent(match ? index : -1);
    located.current = null;
    if (!match) return;
    const { reveal } = match;
    if (reveal && 'longText' in reveal) latest.current.showLongText(reveal.longText);
    if (reveal && 'tool' in reveal) latest.current.openTools([reveal.tool]);
    latest.current.onNavigate();
    pending.current = { attempts: 0 };
    redraw((n) => n + 1);
  }, []);

  const setQuery = useCallback((next: string) => {
    setQueryState(next);
    // The first match of the new text, once the matches for it are known (next render).
    pending.current = null;
    setCurrent(-1);
    goToFirst.current = next.trim() !== '';
    goToSeq.current = null;
  }, []);
  // The first match is the run's first: with pages still coming in above, it waits for them.
  useEffect(() => {
    if (!goToFirst.current || !targets.complete) return;
    goToFirst.current = false;
    const seq = goToSeq.current;
    goToSeq.current = null;
    goTo(seq === null ? 0 : Math.max(0, lastMatchUpTo(matches, seq)));
  }, [matches, goTo, targets.complete]);

  const step = useCallback(
    (by: 1 | -1) => {
      const count = matchesRef.current.length;
      if (count === 0) return;
      const index = currentRef.current;
      goTo(index < 0 ? (by > 0 ? 0 : count - 1) : (index + by + count) % count);
    },
    [goTo],
  );

  const open = useCallback(() => {
    if (!isOpen) returnFocus.current = document.activeElement;
    setOpen(true);
    setFocusRequest((n) => n + 1);
  }, [isOpen]);

  const close = useCallback(() => {
    setOpen(false);
    setCurrent(-1);
    pending.current = null;
    located.current = null;
    clearHighlights();
    const back = returnFocus.current;
    returnFocus.current = null;
    if (back instanceof HTMLElement && back.isConnected) back.focus();
    else latest.current.scroller()?.focus();
  }, []);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 'f') {
        event.preventDefault();
        open();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open]);

  useEffect(() => clearHighlights, []);

  // After every draw (scrolling redraws the virtual rows): place the pending match, then mark
  // every match in the rows now drawn.
  useLayoutEffect(() => {
    const scroller = targets.scroller();
    if (!isOpen || !scroller || query.trim() === '') {
      clearHighlights();
      return;
    }
    const match = current >= 0 ? matches[current] : undefined;
    const state = pending.current;
    if (state && match) {
      const place = locateMatch(scroller, targets.rows, match, query);
      if (place && 'range' in place) {
        scrollRangeIntoView(place.range, scroller, targets.scrollTo);
        located.current = {
          key: place.key,
          nth: place.nth,
          settleUntil: performance.now() + SETTLE_MS,
        };
        pending.current = null;
      } else if (!place || ++state.attempts > MAX_ATTEMPTS) {
        pending.current = null;
      } else {
        // Not drawn yet (virtualised away, or just opened): scroll to its row and look again.
        targets.scrollToRow(place.rowIndex);
        requestAnimationFrame(() => redraw((n) => n + 1));
      }
    }
    const rows = scroller.querySelectorAll<HTMLElement>('.transcript-row');
    const all: Range[] = [];
    let currentRange: Range | null = null;
    for (const row of rows) {
      const ranges = rangesIn(row, query);
      all.push(...ranges);
      if (located.current && row.dataset['key'] === located.current.key)
        currentRange = ranges[located.current.nth] ?? ranges.at(-1) ?? null;
    }
    showHighlights(all, currentRange);
    const placed = located.current;
    if (placed && performance.now() < placed.settleUntil) {
      if (currentRange) scrollRangeIntoView(currentRange, scroller, targets.scrollTo);
      else if (match) pending.current = { attempts: 0 };
      requestAnimationFrame(() => redraw((n) => n + 1));
    }
  });

  return {
    isOpen,
    query,
    setQuery,
    matches,
    current,
    next: () => step(1),
    previous: () => step(-1),
    open,
    close,
    focusRequest,
  };
}

/** The match's range if its row is drawn; else the row to scroll to; null if it has no row. */
function locateMatch(
  scroller: HTMLElement,
  rows: readonly TranscriptRowItem[],
  match: FindMatch,
  query: string,
): { range: Range; key: string; nth: number } | { rowIndex: number } | null {
  const target = rowOfMatch(rows, match, query);
  const rowItem = target ? rows[target.index] : undefined;
  if (!target || !rowItem) return null;
  const row = scroller.querySelector<HTMLElement>(
    `.transcript-row[data-key="${CSS.escape(rowItem.key)}"]`,
  );
  if (!row) return { rowIndex: target.index };
  // Thinking is folded in a <details>: open it where the match is.
  const details = row.querySelector('details');
  if (details && match.reveal && 'thinking' in match.reveal) details.open = true;
  const range = rangesIn(row, query)[target.nth];
  if (!range || range.getClientRects().length === 0) return { rowIndex: target.index };
  return { range, key: rowItem.key, nth: target.nth };
}
