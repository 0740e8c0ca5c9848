// One file's diff, unified or side by side, as a virtualised list (a 5,000-line change draws only
// what is on screen), with the person's line comments and the comment being written in between.
// Focused, ↑/↓ (or j/k) choose a line and Enter or c comments on it: no mouse needed.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { DiffFile, LineComment } from '../../../../../shared/domain';
import {
  anchorOf,
  commentKey,
  splitRows,
  unifiedRows,
  type DiffLine,
  type SplitRow,
  type UnifiedRow,
} from './diff-model';
import { SplitLine, UnifiedLine, type LineActions } from './diff-lines';
import { useHighlighter } from './highlight';

export type DiffLayout = 'unified' | 'split';

type Item =
  | { kind: 'unified'; row: UnifiedRow; key: string }
  | { kind: 'split'; row: SplitRow; key: string }
  | { kind: 'comment'; comment: LineComment; key: string }
  | { kind: 'editor'; side: 'old' | 'new'; line: number; key: string };

interface Editing {
  side: 'old' | 'new';
  line: number;
}

export interface FileDiffProps {
  file: DiffFile;
  layout: DiffLayout;
  comments: LineComment[];
  /** Comments can be added while the run's review is open. */
  canComment: boolean;
  onAddComment: (comment: LineComment) => void;
  onRemoveComment: (comment: LineComment) => void;
  /** Offered on each hunk when the run alone changed the file and its review is open. */
  onTakeBack?: (hunk: number) => void;
  takingBack?: boolean;
}

export function FileDiff(props: FileDiffProps) {
  const { file, layout, comments } = props;
  const [editing, setEditing] = useState<Editing | null>(null);
  const highlight = useHighlighter(file.path);
  const unified = useMemo(() => (file.patch ? unifiedRows(file.patch) : []), [file.patch]);
  const split = useMemo(() => (layout === 'split' ? splitRows(unified) : []), [layout, unified]);
  const items = useMemo(
    () => buildItems(file.path, layout === 'split' ? split : unified, layout, comments, editing),
    [file.path, layout, split, unified, comments, editing],
  );
  const scrollRef = useRef<HTMLDivElement>(null);
  // The lines a comment can be made on, as item indexes; `cursor` is the chosen one's place here.
  const lineItems = useMemo(() => commentableItems(items), [items]);
  const [cursor, setCursor] = useState<number | null>(null);
  const cursorItem = cursor === null ? null : (lineItems[cursor] ?? null);
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is used as documented
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: (index) => (items[index]?.kind === 'editor' ? 120 : 22),
    overscan: 30,
    getItemKey: (index) => items[index]?.key ?? index,
  });

  if (file.patch === null) {
    return (
      <p className="rd-no-patch">
        {file.notKept ??
          (file.binary
            ? 'A binary file; there is no text diff to show.'
            : 'This change is too large to show here.')}
      </p>
    );
  }
  const closeEditor = () => {
    setEditing(null);
    // Back to the line, so the next comment is one key away.
    scrollRef.current?.focus();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    // Keys typed in a comment stay there.
    if (event.target !== scrollRef.current || event.metaKey || event.ctrlKey || event.altKey)
      return;
    const step = { ArrowDown: 1, j: 1, ArrowUp: -1, k: -1 }[event.key];
    if (step !== undefined && lineItems.length > 0) {
      event.preventDefault();
      const next = cursor === null ? 0 : Math.min(lineItems.length - 1, Math.max(0, cursor + step));
      setCursor(next);
      const item = lineItems[next];
      if (item) virtualizer.scrollToIndex(item.index, { align: 'auto' });
    } else if ((event.key === 'Enter' || event.key === 'c') && cursorItem && props.canComment) {
      event.preventDefault();
      setEditing(cursorItem.anchor);
    }
  };
  const actions: LineActions = {
    highlight,
    onComment: (side, line) => {
      if (props.canComment) setEditing({ side, line });
    },
    onTakeBack: props.onTakeBack,
    hunkStates: file.hunks,
    takingBack: props.takingBack,
  };
  return (
    <>
      {props.canComment && (
        <p className="rd-keys quiet" id={`rd-keys-${file.path}`}>
          In the diff: ↑/↓ choose a line, Enter or c comments on it.
        </p>
      )}
      <div
        ref={scrollRef}
        className={`rd-scroll rd-${layout}`}
        data-testid="rd-scroll"
        tabIndex={0}
        role="group"
        aria-label={`Changes in ${file.path}`}
        aria-describedby={props.canComment ? `rd-keys-${file.path}` : undefined}
        onKeyDown={onKeyDown}
      >
        {cursorItem && (
          <span className="visually-hidden" aria-live="polite">
            Line {cursorItem.anchor.line}
            {cursorItem.anchor.side === 'old' ? ' (old)' : ''}
          </span>
        )}
        <div className="rd-inner" style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((virtual) => {
            const item = items[virtual.index];
            if (!item) return null;
            return (
              <div
                key={virtual.key}
                ref={virtualizer.measureElement}
                data-index={virtual.index}
                className={virtual.index === cursorItem?.index ? 'rd-row rd-cursor' : 'rd-row'}
                style={{ transform: `translateY(${virtual.start}px)` }}
              >
                {item.kind === 'unified' && <UnifiedLine row={item.row} actions={actions} />}
                {item.kind === 'split' && <SplitLine row={item.row} actions={actions} />}
                {item.kind === 'comment' && (
                  <div className="rd-comment">
                    <span className="rd-comment-where">
                      Line {item.comment.line}
                      {item.comment.side === 'old' ? ' (old)' : ''}
                    </span>
                    <p>{item.comment.text}</p>
                    {props.canComment && (
                      <button
                        type="button"
                        className="button small"
                        onClick={() => props.onRemoveComment(item.comment)}
                      >
                        Remove
                      </button>
                    )}
                  </div>
                )}
                {item.kind === 'editor' && (
                  <CommentEditor
                    line={item.line}
                    onCancel={closeEditor}
                    onSave={(text) => {
                      props.onAddComment({
                        path: file.path,
                        side: item.side,
                        line: item.line,
                        text,
                      });
                      closeEditor();
                    }}
                  />
                )}
              </div>
            );
          })}
        </div>
      </div>
    </>
  );
}

/** Each line row a comment can be made on: its item index and where the comment would point. */
function commentableItems(
  items: readonly Item[],
): { index: number; anchor: { side: 'old' | 'new'; line: number } }[] {
  return items.flatMap((item, index) => {
    if (item.kind !== 'unified' && item.kind !== 'split') return [];
    // A pair of lines comments on its new side when it has one, as a click on it would.
    const line = linesOf(item.row).reverse()[0];
    const anchor = line ? anchorOf(line) : null;
    return anchor ? [{ index, anchor }] : [];
  });
}

function CommentEditor(props: {
  line: number;
  onSave: (text: string) => void;
  onCancel: () => void;
}) {
  const [text, setText] = useState('');
  const save = () => {
    if (text.trim()) props.onSave(text.trim());
  };
  return (
    <div className="rd-comment-editor">
      <label htmlFor="line-comment" className="visually-hidden">
        Comment on line {props.line}
      </label>
      <textarea
        id="line-comment"
        rows={2}
        autoFocus
        value={text}
        placeholder={`What should change on line ${props.line}?`}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && (event.metaKey || event.ctrlKey)) save();
          if (event.key === 'Escape') props.onCancel();
        }}
      />
      <div className="rd-comment-actions">
        <button
          type="button"
          className="button primary small"
          disabled={!text.trim()}
          onClick={save}
        >
          Add comment
        </button>
        <button type="button" className="button small" onClick={props.onCancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}

function buildItems(
  path: string,
  rows: readonly (UnifiedRow | SplitRow)[],
  layout: DiffLayout,
  comments: LineComment[],
  editing: Editing | null,
): Item[] {
  const byAnchor = new Map<string, LineComment[]>();
  for (const comment of comments) {
    if (comment.path !== path) continue;
    const key = commentKey(path, comment.side, comment.line);
    byAnchor.set(key, [...(byAnchor.get(key) ?? []), comment]);
  }
  const items: Item[] = [];
  const placed = new Set<string>();
  rows.forEach((row, index) => {
    items.push(
      layout === 'split'
        ? { kind: 'split', row: row as SplitRow, key: `r${index}` }
        : { kind: 'unified', row: row as UnifiedRow, key: `r${index}` },
    );
    for (const line of linesOf(row)) {
      const anchor = anchorOf(line);
      if (anchor === null) continue;
      const key = commentKey(path, anchor.side, anchor.line);
      if (placed.has(key)) continue;
      placed.add(key);
      (byAnchor.get(key) ?? []).forEach((comment, n) =>
        items.push({ kind: 'comment', comment, key: `c${key}:${n}` }),
      );
      if (editing?.side === anchor.side && editing.line === anchor.line) {
        items.push({ kind: 'editor', side: anchor.side, line: anchor.line, key: `e${key}` });
      }
    }
  });
  return items;
}

function linesOf(row: UnifiedRow | SplitRow): DiffLine[] {
  if (row.kind === 'hunk') return [];
  if (row.kind === 'line') return [row];
  return [row.left, row.right].filter((line): line is DiffLine => line !== null);
}
