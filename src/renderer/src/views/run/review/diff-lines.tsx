// Drawing one row of a file's diff: a hunk header, a line (unified) or a pair of lines (side by
// side), each line number a button that opens a comment on that line, and the words a changed line
// changed marked within it.
import type { HunkState } from '../../../../../shared/domain';
import type { DiffLine, HunkRow, SplitRow, UnifiedRow } from './diff-model';
import { anchorOf } from './diff-model';
import { wordSegments } from './word-diff';

export interface LineActions {
  /** Colours a line's text (HTML), once the highlighter has loaded. */
  highlight: ((text: string) => string) | null;
  onComment: (side: 'old' | 'new', line: number) => void;
  /** Takes back one hunk of the file (only where the review allows it). */
  onTakeBack?: (hunk: number) => void;
  /** Where each hunk stands now (runs.diff's `hunks`); the button shows only where it applies. */
  hunkStates?: readonly HunkState[];
  /** A take-back is being carried out: the buttons wait. */
  takingBack?: boolean;
}

const HUNK_STATE_TEXT: Record<Exclude<HunkState, 'in_place'>, string> = {
  taken_back: 'Taken back',
  changed: 'Changed since the run',
};

function Hunk(props: { row: HunkRow; actions: LineActions }) {
  const { row, actions } = props;
  const { onTakeBack } = actions;
  const state = row.index >= 0 ? actions.hunkStates?.[row.index] : undefined;
  return (
    <div className="rd-hunk">
      <span>{row.header}</span>
      {onTakeBack && state !== undefined && state !== 'in_place' && (
        <span className="rd-hunk-state">{HUNK_STATE_TEXT[state]}</span>
      )}
      {onTakeBack && state === 'in_place' && (
        <button
          type="button"
          className="button small rd-take-back"
          disabled={actions.takingBack}
          aria-label={`Take back change ${row.index + 1} (${row.header})`}
          title="Take back only this change of the file (you can undo it)"
          onClick={() => onTakeBack(row.index)}
        >
          Take back this change
        </button>
      )}
    </div>
  );
}

const MARK = { add: '+', del: '-', context: ' ' } as const;

function Code(props: { line: DiffLine; highlight: LineActions['highlight'] }) {
  const { line, highlight } = props;
  const segments = wordSegments(line);
  if (segments !== null) {
    // Each segment coloured on its own: a token cut by a changed word may lose its colour there.
    return (
      <code className="rd-code">
        {segments.map((segment, index) => {
          const inner =
            highlight === null ? (
              segment.text
            ) : (
              <span dangerouslySetInnerHTML={{ __html: highlight(segment.text) }} />
            );
          return segment.changed ? (
            <mark key={index} className="rd-word">
              {inner}
            </mark>
          ) : (
            <span key={index}>{inner}</span>
          );
        })}
      </code>
    );
  }
  if (highlight === null) return <code className="rd-code">{line.text}</code>;
  // highlight.js escapes the text; only its own token spans are added.
  return <code className="rd-code" dangerouslySetInnerHTML={{ __html: highlight(line.text) }} />;
}

function Gutter(props: { line: DiffLine; number: number | null; actions: LineActions }) {
  const { line, number, actions } = props;
  const anchor = anchorOf(line);
  if (number === null || anchor === null) return <span className="rd-ln" />;
  return (
    <button
      type="button"
      className="rd-ln"
      aria-label={`Comment on line ${anchor.line}`}
      title="Comment on this line"
      onClick={() => actions.onComment(anchor.side, anchor.line)}
    >
      {number}
    </button>
  );
}

export function UnifiedLine(props: { row: UnifiedRow; actions: LineActions }) {
  const { row, actions } = props;
  if (row.kind === 'hunk') return <Hunk row={row} actions={actions} />;
  return (
    <div className={`rd-line rd-${row.type}`} data-line={row.newLine ?? row.oldLine ?? ''}>
      <Gutter line={row} number={row.oldLine} actions={actions} />
      <Gutter line={row} number={row.newLine} actions={actions} />
      <span className="rd-mark" aria-hidden="true">
        {MARK[row.type]}
      </span>
      <Code line={row} highlight={actions.highlight} />
    </div>
  );
}

function Half(props: { line: DiffLine | null; side: 'old' | 'new'; actions: LineActions }) {
  const { line, side, actions } = props;
  if (line === null) return <div className="rd-half rd-empty" />;
  const type = line.type === 'context' ? 'context' : line.type;
  return (
    <div className={`rd-half rd-${type}`}>
      <Gutter line={line} number={side === 'old' ? line.oldLine : line.newLine} actions={actions} />
      <span className="rd-mark" aria-hidden="true">
        {MARK[line.type]}
      </span>
      <Code line={line} highlight={actions.highlight} />
    </div>
  );
}

export function SplitLine(props: { row: SplitRow; actions: LineActions }) {
  const { row, actions } = props;
  if (row.kind === 'hunk') return <Hunk row={row} actions={actions} />;
  return (
    <div className="rd-pair">
      <Half line={row.left} side="old" actions={actions} />
      <Half line={row.right} side="new" actions={actions} />
    </div>
  );
}
