// The Changes tab of the run view: the review bar, the list of changed files with their counts,
// and the selected file's diff (unified or side by side) where lines can be commented on.
import { useState } from 'react';
import {
  FINISHED_STATUSES,
  type DiffFile,
  type LineComment,
  type Run,
  type RunDiff,
  type RunReview,
} from '../../../../../shared/domain';
import { ErrorNote } from '../../../components/error-note';
import type { ApiData } from '../../../hooks/use-api-data';
import { FileDiff, type DiffLayout } from './file-diff';
import { ReviewBar, reviewOpen } from './review-bar';
import { useTakeBack } from './use-discard-undo';

const STATUS_LETTER: Record<DiffFile['status'], string> = {
  added: 'A',
  modified: 'M',
  deleted: 'D',
  renamed: 'R',
};

export interface RunChangesProps {
  run: Run;
  diff: ApiData<RunDiff>;
  review: ApiData<RunReview | null>;
}

export function RunChanges(props: RunChangesProps) {
  const { run, diff, review } = props;
  const [selected, setSelected] = useState<string | null>(null);
  const [layout, setLayout] = useState<DiffLayout>('unified');
  const [comments, setComments] = useState<LineComment[]>([]);
  /** A file both changed shows the run's part unless the person asks for all its changes. */
  const [allOfBoth, setAllOfBoth] = useState(false);
  const takeBack = useTakeBack(run, () => {
    diff.reload();
    review.reload();
  });

  if (diff.error) return <ErrorNote error={diff.error} onRetry={diff.reload} />;
  if (!diff.data) return <div className="transcript-empty">Loading changes…</div>;
  const files = diff.data.files;
  const finished = FINISHED_STATUSES.includes(run.status);
  if (files.length === 0) {
    return (
      <div className="transcript-empty">
        {finished ? 'This run changed no files.' : 'Changes show here once the run ends.'}
        {diff.data.note && <p className="quiet">{diff.data.note}</p>}
      </div>
    );
  }
  const ours = files.filter((f) => f.attribution !== 'other');
  const others = files.filter((f) => f.attribution === 'other');
  const file = files.find((f) => f.path === selected) ?? ours[0] ?? files[0];
  const runPatch = file?.runPart?.patch ?? null;
  const onlyRunPart = runPatch !== null && !allOfBoth;
  const shown = file && onlyRunPart ? { ...file, patch: runPatch } : file;
  const canComment = finished && reviewOpen(review.data ?? null);
  // One change at a time can be taken back of a file only the run changed in place (runs.diff
  // says where each stands).
  const canTakeBack = canComment && file?.hunks !== undefined && !onlyRunPart;
  return (
    <div className="changes">
      {finished && (
        <ReviewBar
          run={run}
          diff={diff.data}
          review={review.data ?? null}
          comments={comments}
          onSent={() => setComments([])}
        />
      )}
      {diff.data.note && <p className="changes-note quiet">{diff.data.note}</p>}
      {takeBack.error !== undefined && <ErrorNote error={takeBack.error} />}
      <div className="changes-body">
        <nav className="rd-files" aria-label="Changed files">
          <FileGroup
            title={others.length > 0 ? 'The run’s changes' : null}
            files={ours}
            current={file?.path}
            onSelect={setSelected}
          />
          {others.length > 0 && (
            <FileGroup
              title="Changed while the run was going, not by the run"
              files={others}
              current={file?.path}
              onSelect={setSelected}
            />
          )}
        </nav>
        {file && (
          <section className="rd-file" aria-label={`Diff of ${file.path}`}>
            <div className="rd-toolbar">
              <span className="path rd-file-path">{file.path}</span>
              {file.attribution !== 'run' && (
                <span className={`attribution-badge attribution-${file.attribution}`}>
                  {ATTRIBUTION_TEXT[file.attribution]}
                </span>
              )}
              {runPatch !== null && (
                <div className="segmented" role="group" aria-label="Which changes">
                  <button
                    type="button"
                    aria-pressed={onlyRunPart}
                    onClick={() => setAllOfBoth(false)}
                  >
                    The run’s part
                  </button>
                  <button
                    type="button"
                    aria-pressed={!onlyRunPart}
                    onClick={() => setAllOfBoth(true)}
                  >
                    All changes since it started
                  </button>
                </div>
              )}
              {comments.some((c) => c.path === file.path) && (
                <span className="quiet">
                  {comments.filter((c) => c.path === file.path).length} comment(s)
                </span>
              )}
              <div className="segmented" role="group" aria-label="Diff layout">
                <button
                  type="button"
                  aria-pressed={layout === 'unified'}
                  onClick={() => setLayout('unified')}
                >
                  Unified
                </button>
                <button
                  type="button"
                  aria-pressed={layout === 'split'}
                  onClick={() => setLayout('split')}
                >
                  Side by side
                </button>
              </div>
            </div>
            <FileDiff
              key={`${file.path}:${onlyRunPart ? 'run' : 'all'}`}
              file={shown ?? file}
              layout={layout}
              comments={comments}
              canComment={canComment}
              onAddComment={(comment) => setComments((list) => [...list, comment])}
              onRemoveComment={(comment) =>
                setComments((list) => list.filter((c) => c !== comment))
              }
              {...(canTakeBack
                ? {
                    onTakeBack: (hunk: number) => void takeBack.takeBack(file.path, hunk),
                    takingBack: takeBack.busy,
                  }
                : {})}
            />
          </section>
        )}
      </div>
    </div>
  );
}

const ATTRIBUTION_TEXT = {
  both: 'Changed by the run and by someone else',
  other: 'Not by the run',
} as const;

/** One group of the file list: the run's changes, or those of someone else. */
function FileGroup(props: {
  title: string | null;
  files: DiffFile[];
  current: string | undefined;
  onSelect: (path: string) => void;
}) {
  const list = (
    <ul>
      {props.files.map((f) => (
        <li key={f.path}>
          <button
            type="button"
            className="rd-file-button"
            aria-current={f.path === props.current || undefined}
            onClick={() => props.onSelect(f.path)}
            title={f.oldPath ? `${f.oldPath} → ${f.path}` : f.path}
          >
            <span className={`rd-status rd-status-${f.status}`} aria-label={f.status}>
              {STATUS_LETTER[f.status]}
            </span>
            <span className="rd-file-name">{shortPath(f.path)}</span>
            {f.attribution === 'both' && (
              <span className="rd-both" title="Changed by the run and by someone else">
                both
              </span>
            )}
            <span className="rd-counts">
              <span className="rd-plus">+{f.additions}</span>{' '}
              <span className="rd-minus">−{f.deletions}</span>
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
  if (props.title === null) return list;
  return (
    <section className="rd-file-group" aria-label={props.title}>
      <h3 className="rd-group-title">{props.title}</h3>
      {list}
    </section>
  );
}

/** Long paths keep their end (the file name) visible. */
function shortPath(path: string): string {
  const parts = path.split('/');
  return parts.length > 3 ? `…/${parts.slice(-3).join('/')}` : path;
}
