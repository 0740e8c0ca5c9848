// runs.diff of an open in-place review says where each hunk of a file only the run changed stands
// now (as the run left it, taken back, changed since), so the panel offers "Take back this change"
// only where it would work. Big diffs and big files go without: the whole-file discard remains.
import { join } from 'node:path';
import type { RunDiff } from '../../../shared/domain';
import type { ReviewRecord } from '../store/review-store';
import { hunkStates } from './hunk-restore';
import { topOf } from './run-diff';
import { readCurrent } from './snapshot-files';

const MAX_FILES = 500;
const MAX_FILE_BYTES = 1024 * 1024;

export async function withHunkStates(review: ReviewRecord, diff: RunDiff): Promise<RunDiff> {
  // Outside git without a shadow repository, changes are kept (and taken back) as whole files.
  if (review.source === 'files' && review.shadowGitDir === null) return diff;
  const candidates = diff.files.filter((file) => file.attribution === 'run' && file.patch !== null);
  if (candidates.length === 0 || candidates.length > MAX_FILES) return diff;
  const top = await topOf(review);
  const files = diff.files.map((file) => {
    if (file.attribution !== 'run' || file.patch === null) return file;
    const current = readCurrent(join(top, file.path));
    if (current !== null && current.length > MAX_FILE_BYTES) return file;
    return { ...file, hunks: hunkStates(current, file.patch) };
  });
  return { ...diff, files };
}
