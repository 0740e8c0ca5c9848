// runs.diff: what one run changed. Worktree runs: everything on the worktree since it forked.
// In place (in the folder's repository, or its shadow repository outside git): every file that
// changed between the run's start and end commits, each attributed to the run, to someone else,
// or to both, from the snapshots taken around each of the run's tool calls.
import { existsSync } from 'node:fs';
import type { DiffFile, RunDiff, RunEvent } from '../../../shared/domain';
import type { ReviewRecord } from '../store/review-store';
import { attributeFiles } from './attributed-diff';
import type { Interval } from './attribution';
import { readTimeline, type CallTimeline } from './call-snapshots';
import { diffSavedFiles } from './files-diff';
import { diffCommits } from './git-diff';
import { git } from './git';
import { repoRelative } from './run-baseline';
import { shadowEnv } from './shadow-repo';
import { storeEnv } from './snapshot-store';
import { FILE_TOOLS, READ_ONLY_TOOLS } from './file-changing-tools';
import { readManifest } from './touched-files';
import {
  overLimitsNote,
  oversizeNote,
  readScanRecord,
  readSkipped,
  withOversizeFiles,
  withScannedFiles,
} from './unkept-files';

/** Tools that change no files, or only the ones their input names. */
const ATTRIBUTABLE_TOOLS = new Set<string>([...FILE_TOOLS, ...READ_ONLY_TOOLS]);

export async function computeRunDiff(
  review: ReviewRecord | undefined,
  events: () => RunEvent[],
  runId: string,
): Promise<RunDiff> {
  return (await diffWithRunParts(review, events, runId)).diff;
}

/** The diff, and for each path the run changed in place the intervals it changed it in. */
export async function diffWithRunParts(
  review: ReviewRecord | undefined,
  events: () => RunEvent[],
  runId: string,
): Promise<{ diff: RunDiff; runParts: Map<string, Interval[]> }> {
  const runParts = new Map<string, Interval[]>();
  const diff = await diffOf(review, events, runId, runParts);
  return { diff, runParts };
}

/** No files, and why (a review's source and worktree, when there is one). */
export function emptyDiff(runId: string, note: string, review?: ReviewRecord): RunDiff {
  return {
    runId,
    source: review?.source ?? 'none',
    base: null,
    worktree: review !== undefined && review.worktree !== null,
    files: [],
    note,
  };
}

async function diffOf(
  review: ReviewRecord | undefined,
  events: () => RunEvent[],
  runId: string,
  runParts: Map<string, Interval[]>,
): Promise<RunDiff> {
  if (!review) return emptyDiff(runId, 'This run recorded no changes.');
  if (review.snapshotsPrunedAt !== null) {
    return emptyDiff(
      runId,
      "This run's snapshots were pruned (its review was settled long enough ago, or its task was deleted), so its changes can no longer be shown.",
      review,
    );
  }
  if (review.source === 'files' && review.shadowGitDir === null) {
    return savedFilesDiff(review, runId, ranOtherTools(events()));
  }
  const repo = review.source === 'files' ? review.workdir : (review.repoRoot ?? review.workdir);
  // git started in a folder that is gone fails as "spawn git ENOENT": say what happened instead.
  if (!existsSync(repo)) {
    return emptyDiff(
      runId,
      `The folder this run worked in, ${repo}, is gone, so its changes can no longer be shown.`,
      review,
    );
  }
  const env = repoEnv(review);
  // A shadow repository's commits mean nothing to the person: no base is shown.
  const source = review.source;
  const from = review.worktree !== null ? review.baseCommit : review.startRef;
  const to = review.endRef;
  const base = source === 'files' ? null : from;
  if (from === null || to === null) {
    const note = to === null ? 'The run has not ended yet.' : 'The run started without a commit.';
    return { runId, source, base, worktree: review.worktree !== null, files: [], note };
  }
  const skipped = readSkipped(review.stateDir);
  const all = withOversizeFiles(await diffCommits(repo, from, to, env), skipped);
  if (review.worktree !== null) {
    return { runId, source, base, worktree: true, files: all, note: oversizeNote(all, skipped) };
  }
  const top = await topOf(review);
  const timeline = readTimeline(review.stateDir);
  let files: DiffFile[];
  if (timeline !== null && !timeline.broken) {
    const attributed = await attributeFiles({ top, env, start: from, end: to, timeline, all });
    // A file the snapshots could not keep was never in them either: whose change it is is unknown.
    files = attributed.files.map((file) =>
      file.notKept === undefined
        ? file
        : {
            ...file,
            attribution: 'both' as const,
            runPart: { reversible: false, reason: file.notKept, patch: null },
          },
    );
    for (const [path, spans] of attributed.runParts) runParts.set(path, spans);
  } else {
    files = attributeWithoutTimeline(all, events(), top, review);
  }
  const note = joinNotes(othersNote(files, timeline), oversizeNote(files, skipped));
  return { runId, source, base, worktree: false, files, note };
}

/**
 * Runs recorded before tool calls were snapshotted (or whose snapshots failed): a file a file tool
 * named is the run's; after a command nothing can be told apart, so every file is both's and
 * discard keeps each unless the person chooses otherwise.
 */
function attributeWithoutTimeline(
  all: DiffFile[],
  events: RunEvent[],
  top: string,
  review: ReviewRecord,
): DiffFile[] {
  if (ranOtherTools(events)) {
    const runPart = { reversible: false, reason: UNRECORDED, patch: null };
    return all.map((file) => ({ ...file, attribution: 'both', runPart }));
  }
  const touched = new Set(
    readManifest(review.stateDir).files.map((f) => repoRelative(top, f.path)),
  );
  return all.map((file) => ({
    ...file,
    attribution: touched.has(file.path) || touched.has(file.oldPath ?? '') ? 'run' : 'other',
  }));
}

const UNRECORDED =
  'This run’s commands were not recorded one by one, so its part cannot be told apart from other changes.';

function othersNote(files: DiffFile[], timeline: CallTimeline | null): string | null {
  if (timeline === null || timeline.broken) {
    if (files.some((file) => file.attribution === 'both')) {
      return 'The agent ran commands whose changes were not recorded one by one, so every change made in the folder while it ran is listed as both the run’s and someone else’s.';
    }
  }
  const others = files.filter((file) => file.attribution === 'other').length;
  if (others === 0) return null;
  return `${others} file${others === 1 ? '' : 's'} changed while the run was going, not by the run.`;
}

function ranOtherTools(events: RunEvent[]): boolean {
  return events.some((event) => event.type === 'tool_use' && !ATTRIBUTABLE_TOOLS.has(event.name));
}

/**
 * Outside git, past the snapshot limits: the file tools' saved files, and when the agent also ran
 * commands, every other path the start and end scans saw change (content not kept).
 */
function savedFilesDiff(review: ReviewRecord, runId: string, commands: boolean): RunDiff {
  const saved = diffSavedFiles(review.stateDir, review.workdir);
  const scan = readScanRecord(review.stateDir);
  const scanned = scan === null ? saved : withScannedFiles(saved, scan);
  const others = scanned.length - saved.length;
  const files = commands ? scanned : saved;
  let note: string | null = null;
  if (scan !== null) {
    note = overLimitsNote(scan, commands ? others : 0);
    if (!commands && others > 0) {
      note += ` ${others} other path${others === 1 ? '' : 's'} changed in the folder during the run, not by the agent.`;
    }
  }
  return { runId, source: 'files', worktree: false, base: null, files, note };
}

function joinNotes(...notes: (string | null)[]): string | null {
  const said = notes.filter((note): note is string => note !== null);
  return said.length === 0 ? null : said.join(' ');
}

/**
 * git's environment for the review's commits: the shadow repository outside git, the
 * repository's snapshot store in it, or (runs from before stores) the repository itself.
 */
export function repoEnv(review: ReviewRecord): Record<string, string> | undefined {
  if (review.shadowGitDir === null) return undefined;
  return review.source === 'files'
    ? shadowEnv(review.shadowGitDir, review.workdir)
    : storeEnv(review.shadowGitDir);
}

/** The top of the review's working tree (the folder itself with a shadow repository). */
export async function topOf(review: ReviewRecord): Promise<string> {
  if (review.source === 'files') return review.workdir;
  return (await git(review.workdir, ['rev-parse', '--show-toplevel'])).trim();
}
