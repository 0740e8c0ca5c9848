// Discarding a run that worked in the task's own folder takes back only the run's changes: a file
// only the run changed goes back to how it was when the run started (from the start commit, in
// the folder's repository or its shadow one, or the copy saved outside git); a file changed by
// someone else is never touched; a file both changed gets the person's choice (keep it, take back
// only the run's part, or restore the start). A file the run alone changed but that changed again
// since the run ended is left alone and named. Before anything is written, every path the discard
// will change is saved (discard-undo.ts), so it can be undone. A file whose content the snapshots
// could not keep (too big, or a folder past the limits) is named as not taken back.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BothChoice, DiffFile } from '../../../shared/domain';
import type { ReviewRecord } from '../store/review-store';
import { takeBackFromCurrent } from './attributed-diff';
import type { Interval } from './attribution';
import { noteDiscarded, saveBeforeDiscard } from './discard-undo';
import { hunkCount, takeBackHunks } from './hunk-restore';
import { folderRelative, readEndCopies } from './files-diff';
import { repoEnv, topOf } from './run-diff';
import {
  readCurrent,
  readEntry,
  writeContent,
  writeEntry,
  type SnapshotEntry,
} from './snapshot-files';
import { readManifest } from './touched-files';

export interface DiscardRequest {
  /** Only these files (as the diff lists them); every file when undefined. */
  files?: readonly string[];
  /** For files both changed; a file without a choice is kept as it is. */
  choices: ReadonlyMap<string, BothChoice>;
  /** Of files only the run changed: take back only these hunks of its patch (checked before). */
  hunks?: ReadonlyMap<string, readonly number[]>;
}

export interface RestoreOutcome {
  /** The run's changes taken back (whole files, or the run's part of a file both changed). */
  restored: string[];
  /** Files of which only some of the run's changes were taken back, as chosen. */
  partly: { path: string; hunks: number; of: number }[];
  /** Files both changed, kept as they are by the person's choice. */
  keptMine: string[];
  /** Files changed by someone else while the run went on: never touched. */
  others: string[];
  /** Left as they are, with why (changed since the run ended, the run's part no longer applies). */
  skipped: { path: string; reason: string }[];
  /** Changed by the run, but their content was never kept (too big, or a folder past limits). */
  unkept: string[];
}

/** One write the discard will make, planned before anything is written. */
interface Step {
  shown: string;
  /** Absolute paths the step writes. */
  paths: string[];
  apply: () => void;
  /** Only some hunks of the file: how many, of how many. */
  partly?: { hunks: number; of: number };
}

const CHANGED_SINCE = 'changed since the run ended';

export async function restoreInPlace(
  review: ReviewRecord,
  files: DiffFile[],
  request: DiscardRequest = { choices: new Map() },
  runParts: ReadonlyMap<string, Interval[]> = new Map(),
): Promise<RestoreOutcome> {
  const outcome: RestoreOutcome = {
    restored: [],
    partly: [],
    keptMine: [],
    others: [],
    skipped: [],
    unkept: [],
  };
  const selected = request.files === undefined ? null : new Set(request.files);
  const chosen = files.filter((file) => {
    if (selected !== null && !selected.has(file.path)) return false;
    if (file.notKept === undefined) return true;
    if (file.attribution !== 'other') outcome.unkept.push(file.path);
    return false;
  });
  const steps =
    review.source === 'files' && review.shadowGitDir === null
      ? planSavedFiles(review, chosen, outcome)
      : await planFromGit(review, chosen, request, runParts, outcome);
  saveBeforeDiscard(
    review.stateDir,
    steps.flatMap((step) => step.paths),
  );
  for (const step of steps) {
    step.apply();
    if (step.partly) outcome.partly.push({ path: step.shown, ...step.partly });
    else outcome.restored.push(step.shown);
  }
  noteDiscarded(review.stateDir);
  return outcome;
}

async function planFromGit(
  review: ReviewRecord,
  files: DiffFile[],
  request: DiscardRequest,
  runParts: ReadonlyMap<string, Interval[]>,
  outcome: RestoreOutcome,
): Promise<Step[]> {
  const { choices } = request;
  const { startRef, endRef } = review;
  if (startRef === null || endRef === null) {
    for (const file of files) outcome.skipped.push({ path: file.path, reason: 'not recorded' });
    return [];
  }
  const top = await topOf(review);
  const env = repoEnv(review);
  const steps: Step[] = [];
  for (const file of files) {
    if (file.attribution === 'other') {
      outcome.others.push(file.path);
      continue;
    }
    const choice =
      file.attribution === 'run' ? 'restore_start' : (choices.get(file.path) ?? 'keep');
    if (choice === 'keep') {
      outcome.keptMine.push(file.path);
      continue;
    }
    if (choice === 'take_back_run') {
      const taken = await takeBackFromCurrent(top, env, runParts.get(file.path) ?? [], file.path);
      if (!taken.ok) {
        outcome.skipped.push({ path: file.path, reason: taken.reason });
        continue;
      }
      const path = join(top, file.path);
      steps.push({
        shown: file.path,
        paths: [path],
        apply: () => writeContent(path, taken.content),
      });
      continue;
    }
    if (file.attribution === 'run') {
      const current = readCurrent(join(top, file.path));
      // Some hunks only: each must still be exactly as the run left it (its lines and context),
      // which also lets them be taken back one at a time.
      const hunks = request.hunks?.get(file.path);
      if (hunks !== undefined && file.patch !== null) {
        const step = hunksStep(top, file.path, file.patch, current, hunks);
        if ('reason' in step) outcome.skipped.push({ path: file.path, reason: step.reason });
        else steps.push(step);
        continue;
      }
      const atEnd = await readEntry(top, endRef, file.path, env);
      if (!sameContent(current, atEnd?.content ?? null)) {
        outcome.skipped.push({ path: file.path, reason: CHANGED_SINCE });
        continue;
      }
    }
    const original = file.oldPath ?? file.path;
    const atStart = await readEntry(top, startRef, original, env);
    steps.push(restoreStep(top, file, original, atStart));
  }
  return steps;
}

function hunksStep(
  top: string,
  shown: string,
  patch: string,
  current: Buffer | null,
  hunks: readonly number[],
): Step | { reason: string } {
  if (current === null) return { reason: 'deleted since the run ended' };
  const taken = takeBackHunks(current, patch, [...hunks]);
  if (!taken.ok) return { reason: taken.reason };
  const path = join(top, shown);
  return {
    shown,
    paths: [path],
    apply: () => writeContent(path, taken.content),
    partly: { hunks: hunks.length, of: hunkCount(patch) },
  };
}

function restoreStep(
  top: string,
  file: DiffFile,
  original: string,
  atStart: SnapshotEntry | null,
): Step {
  const renamed = file.oldPath !== null;
  const paths = renamed ? [join(top, file.path), join(top, original)] : [join(top, original)];
  return {
    shown: file.path,
    paths,
    apply: () => {
      if (renamed) writeEntry(join(top, file.path), null);
      writeEntry(join(top, original), atStart);
    },
  };
}

/** Outside git without a shadow repository: only the file tools' files, all the run's. */
function planSavedFiles(review: ReviewRecord, files: DiffFile[], outcome: RestoreOutcome): Step[] {
  const wanted = new Set(files.map((file) => file.path));
  const manifest = readManifest(review.stateDir);
  const ends = readEndCopies(review.stateDir) ?? [];
  const steps: Step[] = [];
  manifest.files.forEach((file, index) => {
    const shown = folderRelative(review.workdir, file.path);
    if (!wanted.has(shown)) return;
    const endName = ends[index] ?? null;
    const atEnd = endName === null ? null : readFileSync(join(review.stateDir, 'end', endName));
    if (file.notSaved) {
      if (!outcome.unkept.includes(shown)) outcome.unkept.push(shown);
      return;
    }
    if (!sameContent(readOrNull(file.path), atEnd)) {
      outcome.skipped.push({ path: shown, reason: CHANGED_SINCE });
      return;
    }
    const original =
      file.original === null
        ? null
        : readFileSync(join(review.stateDir, 'originals', file.original));
    steps.push({ shown, paths: [file.path], apply: () => writeContent(file.path, original) });
  });
  return steps;
}

function readOrNull(path: string): Buffer | null {
  try {
    return readFileSync(path);
  } catch {
    return null;
  }
}

function sameContent(a: Buffer | null, b: Buffer | null): boolean {
  return a === null || b === null ? a === b : a.equals(b);
}
