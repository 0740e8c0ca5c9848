// The transcript as a virtualised list (only rows near the viewport exist; heights are measured)
// that follows new output at the bottom until the person scrolls up, then offers "Jump to latest".
// Near the top it asks for the earlier events; rows put in above keep the view where it was.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { Approval } from '../../../../shared/domain';
import { CHUNK_LINES, withLongTexts } from './long-text-rows';
import type { TranscriptItem } from './transcript-model';
import { TranscriptRow } from './transcript-row';

/** How close to the bottom still counts as "at the bottom". */
const BOTTOM_SLACK_PX = 48;
/** After the list scrolls itself, shrinking rows may nudge it up; that is not the person. */
const SELF_SCROLL_GRACE_MS = 150;
/** Earlier events are asked for once the first rows drawn are this close to the top. */
const NEAR_TOP_ROWS = 10;

export interface TranscriptListProps {
  items: readonly TranscriptItem[];
  approvals: ReadonlyMap<string, Approval>;
  runActive: boolean;
  /** Earlier events exist that are not loaded yet. */
  hasEarlier?: boolean;
  onNearTop?: () => void;
}

export function TranscriptList(props: TranscriptListProps) {
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(() => new Set());
  const items = useMemo(() => withLongTexts(props.items, expanded), [props.items, expanded]);
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
  const scrollRef = useRef<HTMLDivElement>(null);
  const [showJump, setShowJump] = useState(false);
  const lastTop = useRef(0);
  const selfScrollUntil = useRef(0);

  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is used as documented
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: (index) => (items[index]?.kind === 'text-chunk' ? CHUNK_LINES * 19 : 72),
    overscan: 8,
    paddingStart: 12,
    paddingEnd: 24,
    getItemKey: (index) => items[index]?.key ?? index,
    // Rows put in above (earlier events) keep the row in view where it was, not the offset.
    anchorTo: 'end',
  });

  const firstDrawn = virtualizer.range?.startIndex ?? 0;
  const { hasEarlier, onNearTop } = props;
  useEffect(() => {
    if (hasEarlier && firstDrawn < NEAR_TOP_ROWS) onNearTop?.();
  }, [hasEarlier, firstDrawn, onNearTop, items.length]);

  const scrollToBottom = useCallback(() => {
    const element = scrollRef.current;
    if (!element) return;
    selfScrollUntil.current = performance.now() + SELF_SCROLL_GRACE_MS;
    element.scrollTop = element.scrollHeight;
  }, []);

  const totalSize = virtualizer.getTotalSize();
  useLayoutEffect(() => {
    if (following.current) scrollToBottom();
  }, [totalSize, items, scrollToBottom]);

  const onScroll = () => {
    const element = scrollRef.current;
    if (!element) return;
    const top = element.scrollTop;
    const atBottom = element.scrollHeight - top - element.clientHeight < BOTTOM_SLACK_PX;
    const movedUp = top < lastTop.current - 2 && performance.now() > selfScrollUntil.current;
    lastTop.current = top;
    if (atBottom) following.current = true;
    else if (movedUp) following.current = false;
    setShowJump(!following.current);
  };

  const jumpToLatest = () => {
    following.current = true;
    setShowJump(false);
    virtualizer.scrollToIndex(items.length - 1, { align: 'end' });
    requestAnimationFrame(scrollToBottom);
  };

  return (
    <div className="transcript">
      <div
        ref={scrollRef}
        className="transcript-scroll"
        onScroll={onScroll}
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
                ref={virtualizer.measureElement}
                className="transcript-row"
                style={{ transform: `translateY(${row.start}px)` }}
              >
                <TranscriptRow
                  item={item}
                  approvals={props.approvals}
                  runActive={props.runActive}
                  onToggleLongText={toggleLongText}
                />
              </div>
            );
          })}
        </div>
      </div>
      {showJump && (
        <button type="button" className="button jump-latest" onClick={jumpToLatest}>
          ↓ Jump to latest
        </button>
      )}
    </div>
  );
}
