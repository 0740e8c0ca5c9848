// An edit shown as a diff: the file, then removed (−) and added (+) lines, scrolling inside its box.
import { useMemo } from 'react';
import { diffLines } from './line-diff';

const MARKS = { same: ' ', removed: '−', added: '+' } as const;

export function DiffView(props: { path?: string | undefined; before: string; after: string }) {
  const lines = useMemo(() => diffLines(props.before, props.after), [props.before, props.after]);
  return (
    <div className="diff">
      {props.path && <div className="diff-path">{props.path}</div>}
      <pre className="diff-lines" aria-label="Changes">
        {lines.map((line, index) => (
          <div key={index} className={`diff-line diff-${line.kind}`}>
            <span className="diff-mark" aria-hidden="true">
              {MARKS[line.kind]}
            </span>
            <span className="visually-hidden">{line.kind === 'same' ? '' : `${line.kind}: `}</span>
            {line.text || ' '}
          </div>
        ))}
      </pre>
    </div>
  );
}
