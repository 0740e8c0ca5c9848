// runs.review's discard of a run in place, and runs.undoDiscard: checks the person's selection
// against the run's diff, takes back what was chosen (in-place-restore.ts) and says what it did.
import type { BothChoice, DiffFile, RunEvent } from '../../../shared/domain';
import { ApiError, badInput } from '../../../shared/errors';
import type { ReviewRecord } from '../store/review-store';
import { discardMessage, undoMessage } from './discard-message';
import { undoDiscard } from './discard-undo';
import { folderRelative } from './files-diff';
import { hunkCount } from './hunk-restore';
import { restoreInPlace } from './in-place-restore';
import { diffWithRunParts } from './run-diff';
import { readScanRecord } from './unkept-files';

export interface DiscardInput {
  files: string[] | undefined;
  choices: { path: string; choice: BothChoice }[];
  /** Of a file only the run changed: which of its patch's hunks to take back. */
  hunks: { path: string; hunks: number[] }[];
}

/** message: what was done; whole: every file of the run was in the selection. */
export async function discardInPlace(
  review: ReviewRecord,
  events: () => RunEvent[],
  input: DiscardInput,
): Promise<{ message: string; whole: boolean }> {
  const { diff, runParts } = await diffWithRunParts(review, events, review.runId);
  const listed = new Set(diff.files.map((file) => file.path));
  const unknown = input.files?.find((path) => !listed.has(path));
  if (unknown !== undefined) badFile('files', unknown);
  const choices = new Map(input.choices.map((c) => [c.path, c.choice]));
  for (const path of choices.keys()) {
    const file = diff.files.find((f) => f.path === path);
    if (file?.attribution !== 'both') badFile('choices', path, 'is not a file both changed');
  }
  if (input.hunks.length > 0 && review.source === 'files' && review.shadowGitDir === null) {
    throw badInput(
      'hunks',
      'this run’s changes were kept as whole files (outside git), so they are taken back whole',
    );
  }
  const hunks = checkedHunks(diff.files, input);
  const outcome = await restoreInPlace(
    review,
    diff.files,
    { files: input.files, choices, hunks },
    runParts,
  );
  const runFiles = diff.files.filter((file) => file.attribution !== 'other');
  const chosen = input.files === undefined ? null : new Set(input.files);
  const whole =
    hunks.size === 0 && (chosen === null || runFiles.every((file) => chosen.has(file.path)));
  const unseen =
    readScanRecord(review.stateDir)?.complete === false
      ? ' What commands changed in this folder could not be seen (it is too big to scan), so none of it was taken back.'
      : '';
  return { message: discardMessage(outcome) + unseen, whole };
}

/**
 * The hunk selections, checked against the diff: each names a file only the run changed, among
 * those discarded, with a patch, and hunks it has. A selection of every hunk is the whole file.
 */
function checkedHunks(files: DiffFile[], input: DiscardInput): Map<string, number[]> {
  const selected = new Map<string, number[]>();
  for (const { path, hunks } of input.hunks) {
    const file = files.find((f) => f.path === path);
    if (file === undefined) badFile('hunks', path);
    if (file.attribution !== 'run') {
      badFile('hunks', path, 'was not changed by the run alone: choose for it with choices');
    }
    if (input.files !== undefined && !input.files.includes(path)) {
      badFile('hunks', path, 'is not among the files to discard');
    }
    if (selected.has(path)) badFile('hunks', path, 'is named twice');
    const count = file.patch === null ? 0 : hunkCount(file.patch);
    if (count === 0) badFile('hunks', path, 'has no text changes to choose from');
    const wanted = [...new Set(hunks)].sort((a, b) => a - b);
    const beyond = wanted.find((index) => index >= count);
    if (beyond !== undefined) {
      badFile('hunks', path, `has ${count} change${count === 1 ? '' : 's'}; there is no ${beyond}`);
    }
    if (wanted.length < count) selected.set(path, wanted);
  }
  return selected;
}

/** Puts back what the last discard replaced; returns what it did, in words. */
export function undoInPlace(review: ReviewRecord): string {
  const outcome = undoDiscard(review.stateDir);
  if (outcome === null) throw new ApiError('conflict', 'What the discard replaced is gone.');
  return undoMessage(outcome, (path) => folderRelative(review.workdir, path));
}

function badFile(
  field: string,
  path: string,
  why = 'is not among the files runs.diff lists',
): never {
  throw badInput(field, `${path} ${why}`);
}
