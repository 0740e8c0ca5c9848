// The transcript as a virtualised list (only rows near the viewport exist; heights are measured)
// that follows new output at the bottom until the person scrolls up; then, while the run is live,
// "Jump to latest" shows below the list (never over it). Above it: expand/collapse all tool cards
// and find (Ctrl/Cmd+F). Near the top it asks for the earlier events; rows put in above keep the
// view where it was.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { Approval } from '../../../../shared/domain';
import { FindBar } from './find-bar';
import { CHUNK_LINES, withLongTexts } from './long-text-rows';
import { toolCardState, useToolFolding } from './tool-folding';
import type { TranscriptItem } from './transcript-model';
import { TranscriptRow } from './transcript-row';
import { useTranscriptFind } from './use-transcript-find';

/** How close to the bottom still counts as "at the bottom". */
const BOTTOM_SLACK_PX = 48;
/** After the list scrolls itself, shrinking rows may nudge it up; that is not the person. */
const SELF_SCROLL_GRACE_MS = 150;
/** Earlier events are asked for once the first rows drawn are this close to the top. */
const NEAR_TOP_ROWS = 10;
const UP_KEYS = new Set(['ArrowUp', 'PageUp', 'Home']);

export interface TranscriptListProps {
  items: readonly TranscriptItem[];
  approvals: ReadonlyMap<string, Approval>;
  runActive: boolean;
  /** Earlier events exist that are not loaded yet. */
  hasEarlier?: boolean;
  onNearTop?: () => void;
  /** The run's elapsed time once it ended, for the closing line (the header shows the same). */
  elapsedMs: number | null;
  /** What the run itself cost, for the closing line (the header shows the same). */
  costUsd: number;
  /** Find these words at this event on opening (a search hit). */
  findAt?: { query: string; seq: number } | null;
}

export function TranscriptList(props: TranscriptListProps) {
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(() => new Set());
  const items = useMemo(() => withLongTexts(props.items, expanded), [props.items, expanded]);
  const folding = useToolFolding(props.approvals);
  const following = useRef(true);
  const toggleLongText = useCallback((blockId: string) => {
    // Showing a long text in full keeps the place in view instead of following to its end.
    following.current = false;
    setExpanded((current) => {
      const next = new Set(current);
      if (!next.delete(blockId)) next.add(blockId);
      return next;
    });
  }, []);
  const showLongText = useCallback((blockId: string) => {
    setExpanded((current) => (current.has(blockId) ? current : new Set(current).add(blockId)));
  }, []);
  const scrollRef = useRef<HTMLDivElement>(null);
  const [awayFromEnd, setAwayFromEnd] = useState(false);
  const lastTop = useRef(0);
  const selfScrollUntil = useRef(0);
  const dragging = useRef(false);

  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is used as documented
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: (index) => (items[index]?.kind === 'text-chunk' ? CHUNK_LINES * 19 : 48),
    overscan: 8,
    paddingStart: 12,
    paddingEnd: 24,
    getItemKey: (index) => items[index]?.key ?? index,
    // Rows put in above (earlier events) keep the row in view where it was, not the offset.
    anchorTo: 'end',
  });

  const stopFollowing = useCallback(() => {
    following.current = false;
    setAwayFromEnd(true);
  }, []);
  const find = useTranscriptFind({
    items: props.items,
    rows: items,
    scroller: () => scrollRef.current,
    scrollToRow: (index) => virtualizer.scrollToIndex(index, { align: 'center' }),
    scrollTo: (top) => virtualizer.scrollToOffset(top),
    showLongText,
    openTools: folding.open,
    onNavigate: stopFollowing,
    complete: !props.hasEarlier,
    initial: props.findAt,
  });

  // Earlier events load as the top comes near, and all of them while find is open (it searches
  // the whole transcript, so a match far up is found too).
  const firstDrawn = virtualizer.range?.startIndex ?? 0;
  const { hasEarlier, onNearTop } = props;
  useEffect(() => {
    if (hasEarlier && (find.isOpen || firstDrawn < NEAR_TOP_ROWS)) onNearTop?.();
  }, [hasEarlier, firstDrawn, onNearTop, items.length, find.isOpen]);

  const scrollToBottom = useCallback(() => {
    const element = scrollRef.current;
    if (!element) return;
    selfScrollUntil.current = performance.now() + SELF_SCROLL_GRACE_MS;
    element.scrollTop = element.scrollHeight;
  }, []);

  const totalSize = virtualizer.getTotalSize();
  useLayoutEffect(() => {
    if (following.current && !dragging.current) scrollToBottom();
  }, [totalSize, items, scrollToBottom]);

  const onScroll = () => {
    const element = scrollRef.current;
    if (!element) return;
    const top = element.scrollTop;
    const atBottom = element.scrollHeight - top - element.clientHeight < BOTTOM_SLACK_PX;
    const movedUp =
      top < lastTop.current - 2 &&
      (dragging.current || performance.now() > selfScrollUntil.current);
    lastTop.current = top;
    if (atBottom) following.current = true;
    else if (movedUp) following.current = false;
    setAwayFromEnd(!following.current);
  };

  // While output streams the list scrolls itself every few frames, so a scroll event alone cannot
  // say who moved it: a wheel, key or scrollbar drag upwards is the person.
  const personMovesUp = () => {
    const element = scrollRef.current;
    if (element && element.scrollHeight - element.clientHeight > BOTTOM_SLACK_PX) stopFollowing();
  };
  const onKeyDown = (event: React.KeyboardEvent) => {
    if (event.target === scrollRef.current && UP_KEYS.has(event.key)) personMovesUp();
  };

  const jumpToLatest = () => {
    following.current = true;
    setAwayFromEnd(false);
    virtualizer.scrollToIndex(items.length - 1, { align: 'end' });
    requestAnimationFrame(scrollToBottom);
  };

  const hasTools = props.items.some((item) => item.kind === 'tool');
  const setAllTools = (open: boolean) => {
    // Opening or folding every card changes every height: keep the place rather than follow.
    if (!following.current) stopFollowing();
    folding.setAll(open);
  };

  return (
    <div className="transcript">
      <div className="transcript-toolbar">
        {hasTools && (
          <>
            <button
              type="button"
              className="button small"
              onClick={() => setAllTools(true)}
              aria-pressed={folding.all === true}
            >
              Expand all
            </button>
            <button
              type="button"
              className="button small"
              onClick={() => setAllTools(false)}
              aria-pressed={folding.all === false}
            >
              Collapse all
            </button>
          </>
        )}
        {find.isOpen ? (
          <FindBar find={find} />
        ) : (
          <button
            type="button"
            className="button small find-open"
            onClick={find.open}
            title="Find in transcript (Ctrl+F)"
          >
            Find…
          </button>
        )}
      </div>
      <div
        ref={scrollRef}
        className="transcript-scroll"
        onScroll={onScroll}
        onWheel={(event) => {
          if (event.deltaY < 0) personMovesUp();
        }}
        onKeyDown={onKeyDown}
        onPointerDown={(event) => {
          // On the list itself (not a row): the scrollbar, dragged by the person.
          if (event.target === scrollRef.current) dragging.current = true;
        }}
        onPointerUp={() => (dragging.current = false)}
        onPointerCancel={() => (dragging.current = false)}
        tabIndex={0}
        role="log"
        aria-label="Transcript"
        aria-live="off"
      >
        <div className="transcript-inner" style={{ height: totalSize }}>
          {virtualizer.getVirtualItems().map((row) => {
            const item = items[row.index];
            if (!item) return null;
            return (
              <div
                key={row.key}
                data-index={row.index}
                data-key={item.key}
                ref={virtualizer.measureElement}
                className="transcript-row"
                style={{ transform: `translateY(${row.start}px)` }}
              >
                <TranscriptRow
                  item={item}
                  approvals={props.approvals}
                  runActive={props.runActive}
                  onToggleLongText={toggleLongText}
                  toolOpen={
                    item.kind === 'tool' &&
                    folding.isOpen(item, toolCardState(item, props.approvals, props.runActive))
                  }
                  onToggleTool={folding.toggle}
                  elapsedMs={props.elapsedMs}
                  costUsd={props.costUsd}
                />
              </div>
            );
          })}
        </div>
      </div>
      {props.runActive && (
        // Its own strip below the list, so it never covers the last lines.
        <div className="transcript-foot">
          {awayFromEnd ? (
            <button type="button" className="button small jump-latest" onClick={jumpToLatest}>
              ↓ Jump to latest
            </button>
          ) : (
            <span className="transcript-foot-note">Following new output</span>
          )}
        </div>
      )}
    </div>
  );
}
