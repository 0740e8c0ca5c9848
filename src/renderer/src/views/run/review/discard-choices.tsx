// What a discard of a run in place will do, chosen file by file: each of the run's changes can be
// left out; a file both the run and someone else changed asks what to do with it (keep mine,
// take back only the run's part when that applies cleanly, or restore the start); files changed
// only by someone else are listed as left alone.
import { useState } from 'react';
import type { BothChoice, DiffFile } from '../../../../../shared/domain';

export interface DiscardSelection {
  files: string[];
  choices: { path: string; choice: BothChoice }[];
}

/** The selection state of the discard dialog, starting with every one of the run's files. */
export function useDiscardSelection(files: DiffFile[]) {
  const runFiles = files.filter((file) => file.attribution !== 'other');
  const [left, setLeft] = useState<ReadonlySet<string>>(new Set());
  const [choices, setChoices] = useState<ReadonlyMap<string, BothChoice>>(new Map());
  const selection: DiscardSelection = {
    files: runFiles.filter((file) => !left.has(file.path)).map((file) => file.path),
    choices: runFiles
      .filter((file) => file.attribution === 'both' && !left.has(file.path))
      .map((file) => ({ path: file.path, choice: choices.get(file.path) ?? 'keep' })),
  };
  return {
    runFiles,
    others: files.filter((file) => file.attribution === 'other'),
    selection,
    /** How many files the discard will change (a file both changed and kept is not one). */
    takeBackCount:
      selection.files.length - selection.choices.filter((c) => c.choice === 'keep').length,
    /** Every one of the run's files is chosen (a whole discard). */
    whole: left.size === 0,
    included: (path: string) => !left.has(path),
    include(path: string, on: boolean) {
      setLeft((current) => {
        const next = new Set(current);
        if (on) next.delete(path);
        else next.add(path);
        return next;
      });
    },
    choice: (path: string) => choices.get(path) ?? 'keep',
    choose(path: string, choice: BothChoice) {
      setChoices((current) => new Map(current).set(path, choice));
    },
  };
}

type Selection = ReturnType<typeof useDiscardSelection>;

export function DiscardChoices(props: { state: Selection }) {
  const { state } = props;
  return (
    <>
      <p>Each file you keep ticked goes back to how it was before the run:</p>
      <ul className="review-file-list discard-list">
        {state.runFiles.map((file) => (
          <li key={file.path} data-discard-file={file.path}>
            <label className="discard-file">
              <input
                type="checkbox"
                checked={state.included(file.path)}
                onChange={(event) => state.include(file.path, event.target.checked)}
              />
              <span className="path">{file.path}</span>
              {file.attribution === 'both' && (
                <span className="attribution-badge">also changed by someone else</span>
              )}
            </label>
            {file.attribution === 'both' && state.included(file.path) && (
              <BothChoices file={file} state={state} />
            )}
          </li>
        ))}
      </ul>
      {state.others.length > 0 && (
        <p className="quiet">
          {state.others.length} file{state.others.length === 1 ? '' : 's'} changed while the run was
          going, not by the run, {state.others.length === 1 ? 'is' : 'are'} left as{' '}
          {state.others.length === 1 ? 'it is' : 'they are'}.
        </p>
      )}
      <p className="quiet">
        A file only the run changed that changed again since the run ended is left alone. You can
        undo the discard afterwards.
      </p>
    </>
  );
}

function BothChoices(props: { file: DiffFile; state: Selection }) {
  const { file, state } = props;
  const name = `both-${file.path}`;
  const reversible = file.runPart?.reversible ?? false;
  const reasonId = `${name}-reason`;
  const option = (choice: BothChoice, label: string, disabled = false) => (
    <label className={disabled ? 'both-choice disabled' : 'both-choice'}>
      <input
        type="radio"
        name={name}
        value={choice}
        checked={state.choice(file.path) === choice}
        disabled={disabled}
        aria-describedby={disabled ? reasonId : undefined}
        onChange={() => state.choose(file.path, choice)}
      />
      {label}
    </label>
  );
  return (
    <fieldset className="both-choices">
      <legend>Both the run and someone else changed this file:</legend>
      {option('keep', 'Keep mine (leave it as it is)')}
      {option('take_back_run', 'Take back the run’s part', !reversible)}
      {!reversible && (
        <span id={reasonId} className="quiet both-reason">
          {file.runPart?.reason ?? 'The run’s part cannot be taken back alone.'}
        </span>
      )}
      {option('restore_start', 'Restore it as it was when the run started')}
    </fieldset>
  );
}
