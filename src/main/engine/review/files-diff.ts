// The diff of a run outside git: each file the agent's tools touched, from the copy saved before
// its first change to the copy saved when the run ended, as a unified patch (jsdiff). Paths are
// relative to the run's folder, as in every other diff.
import { createTwoFilesPatch } from 'diff';
import { readFileSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, sep } from 'node:path';
import type { DiffFile } from '../../../shared/domain';
import { MAX_PATCH_CHARS } from './git-diff';
import { readManifest } from './touched-files';

/** Files above this size are compared by content but not diffed line by line. */
const MAX_DIFF_BYTES = 1_000_000;

export function readEndCopies(stateDir: string): (string | null)[] | undefined {
  try {
    const parsed = JSON.parse(readFileSync(join(stateDir, 'end.json'), 'utf8')) as unknown;
    const ends = (parsed as { ends?: unknown }).ends;
    return Array.isArray(ends) ? (ends as (string | null)[]) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A touched file's path as the diff shows it: relative to the run's folder with forward slashes;
 * a file outside the folder keeps its absolute path, which says more than a chain of `..`.
 */
export function folderRelative(workdir: string, path: string): string {
  const inFolder = relative(workdir, path);
  const outside = inFolder === '..' || inFolder.startsWith(`..${sep}`) || isAbsolute(inFolder);
  if (inFolder === '' || outside) return path;
  return inFolder.split(sep).join('/');
}

export function diffSavedFiles(stateDir: string, workdir: string): DiffFile[] {
  const manifest = readManifest(stateDir);
  const ends = readEndCopies(stateDir) ?? [];
  const files: DiffFile[] = [];
  manifest.files.forEach((file, index) => {
    const before = file.original === null ? null : read(join(stateDir, 'originals', file.original));
    const endName = ends[index] ?? null;
    const after = endName === null ? null : read(join(stateDir, 'end', endName));
    if (before === null && after === null && !file.notSaved) return;
    if (before !== null && after !== null && before.equals(after)) return;
    const status = file.notSaved
      ? 'modified'
      : before === null
        ? 'added'
        : after === null
          ? 'deleted'
          : 'modified';
    const binary = isBinary(before) || isBinary(after);
    const tooLarge =
      !!file.notSaved ||
      (before?.length ?? 0) > MAX_DIFF_BYTES ||
      (after?.length ?? 0) > MAX_DIFF_BYTES;
    const path = folderRelative(workdir, file.path);
    // Only the run's file tools are recorded here: every file listed is the run's.
    const base = {
      path,
      oldPath: null,
      status,
      binary,
      tooLarge,
      attribution: 'run',
      runPart: null,
    } as const;
    if (binary || tooLarge) {
      files.push({ ...base, additions: 0, deletions: 0, patch: null });
      return;
    }
    const oldText = before?.toString('utf8') ?? '';
    const newText = after?.toString('utf8') ?? '';
    const patch = createTwoFilesPatch(
      before === null ? '/dev/null' : prefixed('a', path),
      after === null ? '/dev/null' : prefixed('b', path),
      oldText,
      newText,
    );
    const { additions, deletions } = countLines(patch);
    files.push({
      ...base,
      tooLarge: patch.length > MAX_PATCH_CHARS,
      additions,
      deletions,
      patch: patch.length > MAX_PATCH_CHARS ? null : patch,
    });
  });
  return files;
}

/** git's `a/…` and `b/…` patch headers. */
function prefixed(side: 'a' | 'b', path: string): string {
  return path.startsWith('/') ? `${side}${path}` : `${side}/${path}`;
}

function read(path: string): Buffer | null {
  try {
    if (!statSync(path).isFile()) return null;
    return readFileSync(path);
  } catch {
    return null;
  }
}

function isBinary(content: Buffer | null): boolean {
  return content !== null && content.subarray(0, 8000).includes(0);
}

function countLines(patch: string): { additions: number; deletions: number } {
  let additions = 0;
  let deletions = 0;
  for (const line of patch.split('\n')) {
    if (line.startsWith('+') && !line.startsWith('+++')) additions++;
    else if (line.startsWith('-') && !line.startsWith('---')) deletions++;
  }
  return { additions, deletions };
}
