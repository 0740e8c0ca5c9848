// How a long answer reads: folded to its first and last lines with "Show all" and Copy, or its
// header above the chunk rows once shown all. Plain text keeps its line breaks; nothing is parsed.
import { CopyButton } from '../../components/copy-button';
import { formatBytes, headLines, tailLines } from '../../components/text-lines';

/** Lines shown at each end while folded. */
export const FOLDED_LINES = 30;
const FOLDED_MAX_CHARS = 6_000;

export function LongTextHead(props: {
  text: string;
  lineCount: number;
  expanded: boolean;
  /** Left out where the text is only previewed (an earlier turn): no Show all there. */
  onToggle?: () => void;
}) {
  const { text, lineCount, expanded } = props;
  const folded = !expanded && lineCount > FOLDED_LINES * 2;
  const head = folded ? headLines(text, FOLDED_LINES, FOLDED_MAX_CHARS) : '';
  const tail = folded ? tailLines(text, FOLDED_LINES, FOLDED_MAX_CHARS) : '';
  return (
    <div className="entry entry-text long-text">
      <div className="long-text-bar">
        <span className="long-text-size">
          Long answer · {lineCount.toLocaleString('en')} lines · {formatBytes(text.length)}
        </span>
        {props.onToggle && (
          <button
            type="button"
            className="button small"
            onClick={props.onToggle}
            aria-expanded={expanded}
          >
            {expanded ? 'Fold' : `Show all ${lineCount.toLocaleString('en')} lines`}
          </button>
        )}
        <CopyButton text={() => text} label="Copy all" />
      </div>
      {folded ? (
        <>
          <pre className="long-text-lines">{head}</pre>
          <button
            type="button"
            className="long-text-gap"
            onClick={props.onToggle}
            disabled={!props.onToggle}
          >
            ⋯ {(lineCount - FOLDED_LINES * 2).toLocaleString('en')} more lines ⋯
          </button>
          <pre className="long-text-lines">{tail}</pre>
        </>
      ) : (
        !expanded && <pre className="long-text-lines">{text.slice(0, FOLDED_MAX_CHARS * 2)}</pre>
      )}
    </div>
  );
}

export function TextChunk(props: { text: string; last: boolean }) {
  return (
    <div className={props.last ? 'entry long-text-chunk last' : 'entry long-text-chunk'}>
      <pre className="long-text-lines">{props.text}</pre>
    </div>
  );
}
