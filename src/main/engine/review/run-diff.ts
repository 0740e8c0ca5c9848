// runs.diff: what one run changed. Worktree runs: everything on the worktree since it forked.
// In place (in the folder's repository, or its shadow repository outside git): the run's start
// and end commits, narrowed to the files the agent's tools touched
// unless it also ran commands (then git cannot tell its changes from the person's own edits).
import type { DiffFile, RunDiff, RunEvent } from '../../../shared/domain';
import type { ReviewRecord } from '../store/review-store';
import { diffSavedFiles } from './files-diff';
import { diffCommits } from './git-diff';
import { git } from './git';
import { repoRelative } from './run-baseline';
import { shadowEnv } from './shadow-repo';
import { FILE_TOOLS, READ_ONLY_TOOLS } from './file-changing-tools';
import { readManifest } from './touched-files';

/** Tools that change no files, or only the ones their input names. */
const ATTRIBUTABLE_TOOLS = new Set<string>([...FILE_TOOLS, ...READ_ONLY_TOOLS]);

export async function computeRunDiff(
  review: ReviewRecord | undefined,
  events: () => RunEvent[],
  runId: string,
): Promise<RunDiff> {
  if (!review) {
    return {
      runId,
      source: 'none',
      base: null,
      worktree: false,
      files: [],
      note: 'This run recorded no changes.',
    };
  }
  if (review.snapshotsPrunedAt !== null) {
    return {
      runId,
      source: review.source,
      base: null,
      worktree: review.worktree !== null,
      files: [],
      note: "This run's snapshots were pruned (its review was settled and it is older than transcripts are kept, or its task was deleted), so its changes can no longer be shown.",
    };
  }
  if (review.source === 'files' && review.shadowGitDir === null) {
    return {
      runId,
      source: 'files',
      worktree: false,
      base: null,
      files: diffSavedFiles(review.stateDir, review.workdir),
      note: null,
    };
  }
  const repo = review.shadowGitDir !== null ? review.workdir : (review.repoRoot ?? review.workdir);
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
  const all = await diffCommits(repo, from, to, env);
  if (review.worktree !== null) {
    return { runId, source, base, worktree: true, files: all, note: null };
  }
  const ranOtherTools = events().some(
    (event) => event.type === 'tool_use' && !ATTRIBUTABLE_TOOLS.has(event.name),
  );
  if (ranOtherTools) {
    return {
      runId,
      source,
      base,
      worktree: false,
      files: all,
      note: 'The agent ran commands, so this lists every change made in the folder while it ran.',
    };
  }
  const top = await topOf(review);
  const touched = new Set(
    readManifest(review.stateDir).files.map((f) => repoRelative(top, f.path)),
  );
  const files = all.filter(
    (file: DiffFile) => touched.has(file.path) || touched.has(file.oldPath ?? ''),
  );
  const hidden = all.length - files.length;
  const note =
    hidden > 0
      ? `${hidden} other file${hidden === 1 ? '' : 's'} changed in the folder during the run, not by the agent.`
      : null;
  return { runId, source, base, worktree: false, files, note };
}

/** git's environment for the review's repository: the shadow one outside git. */
export function repoEnv(review: ReviewRecord): Record<string, string> | undefined {
  return review.shadowGitDir === null ? undefined : shadowEnv(review.shadowGitDir, review.workdir);
}

/** The top of the review's working tree (the folder itself with a shadow repository). */
export async function topOf(review: ReviewRecord): Promise<string> {
  if (review.shadowGitDir !== null) return review.workdir;
  return (await git(review.workdir, ['rev-parse', '--show-toplevel'])).trim();
}
