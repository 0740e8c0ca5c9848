// The find bar above the transcript: the text to find, "3 of 17", previous/next and close.
// Enter goes to the next match, Shift+Enter to the previous one, Escape closes.
import { useEffect, useRef } from 'react';
import { MAX_MATCHES } from './transcript-find';
import type { TranscriptFind } from './use-transcript-find';

export function FindBar(props: { find: TranscriptFind }) {
  const { find } = props;
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    input.current?.focus();
    input.current?.select();
  }, [find.focusRequest]);
  const count = find.matches.length;
  const countText =
    find.query.trim() === ''
      ? ''
      : count === 0
        ? 'No matches'
        : `${find.current < 0 ? 0 : find.current + 1} of ${count}${count >= MAX_MATCHES ? '+' : ''}`;
  return (
    <div className="find-bar" role="search" aria-label="Find in transcript">
      <input
        ref={input}
        type="search"
        className="find-input"
        aria-label="Find in transcript"
        placeholder="Find in transcript"
        value={find.query}
        onChange={(event) => find.setQuery(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter') {
            event.preventDefault();
            if (event.shiftKey) find.previous();
            else find.next();
          } else if (event.key === 'Escape') {
            event.preventDefault();
            event.stopPropagation();
            find.close();
          }
        }}
      />
      <span className="find-count" role="status" aria-live="polite" data-testid="find-count">
        {countText}
      </span>
      <FindButton
        label="Previous match"
        keys="Shift+Enter"
        onClick={find.previous}
        disabled={count === 0}
      >
        ↑
      </FindButton>
      <FindButton label="Next match" keys="Enter" onClick={find.next} disabled={count === 0}>
        ↓
      </FindButton>
      <FindButton label="Close find" keys="Escape" onClick={find.close}>
        ✕
      </FindButton>
    </div>
  );
}

/** A small icon button of the find bar, named for screen readers, its key in the tooltip. */
function FindButton(props: {
  label: string;
  keys: string;
  onClick: () => void;
  disabled?: boolean;
  children: string;
}) {
  return (
    <button
      type="button"
      className="button small"
      onClick={props.onClick}
      disabled={props.disabled}
      aria-label={props.label}
      title={`${props.label} (${props.keys})`}
    >
      {props.children}
    </button>
  );
}
