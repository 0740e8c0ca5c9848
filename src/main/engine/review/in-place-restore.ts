// Discarding a run that worked in the task's own folder: each file it changed goes back to how it
// was when the run started (from the start commit, in the folder's repository or its shadow one,
// or the copy saved outside git). A file changed
// again since the run ended is left alone and named, so nobody's later work is lost.
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { DiffFile } from '../../../shared/domain';
import type { ReviewRecord } from '../store/review-store';
import { folderRelative, readEndCopies } from './files-diff';
import { git } from './git';
import { repoEnv, topOf } from './run-diff';
import { readManifest } from './touched-files';

export interface RestoreOutcome {
  restored: string[];
  /** Changed since the run ended (or not restorable); left as they are. */
  skipped: string[];
}

export async function restoreInPlace(
  review: ReviewRecord,
  files: DiffFile[],
): Promise<RestoreOutcome> {
  return review.source === 'files' && review.shadowGitDir === null
    ? restoreSavedFiles(review)
    : restoreFromGit(review, files);
}

async function restoreFromGit(review: ReviewRecord, files: DiffFile[]): Promise<RestoreOutcome> {
  const { startRef, endRef } = review;
  if (startRef === null || endRef === null)
    return { restored: [], skipped: files.map((f) => f.path) };
  const top = await topOf(review);
  const env = repoEnv(review);
  const outcome: RestoreOutcome = { restored: [], skipped: [] };
  for (const file of files) {
    const atEnd = await blob(top, endRef, file.path, env);
    if (!sameContent(readOrNull(join(top, file.path)), atEnd)) {
      outcome.skipped.push(file.path);
      continue;
    }
    const original = file.oldPath ?? file.path;
    const atStart = await blob(top, startRef, original, env);
    if (file.oldPath !== null) rmSync(join(top, file.path), { force: true });
    write(join(top, original), atStart);
    outcome.restored.push(file.path);
  }
  return outcome;
}

function restoreSavedFiles(review: ReviewRecord): RestoreOutcome {
  const manifest = readManifest(review.stateDir);
  const ends = readEndCopies(review.stateDir) ?? [];
  const outcome: RestoreOutcome = { restored: [], skipped: [] };
  manifest.files.forEach((file, index) => {
    const endName = ends[index] ?? null;
    const atEnd = endName === null ? null : readFileSync(join(review.stateDir, 'end', endName));
    const shown = folderRelative(review.workdir, file.path);
    if (file.notSaved || !sameContent(readOrNull(file.path), atEnd)) {
      outcome.skipped.push(shown);
      return;
    }
    const original =
      file.original === null
        ? null
        : readFileSync(join(review.stateDir, 'originals', file.original));
    write(file.path, original);
    outcome.restored.push(shown);
  });
  return outcome;
}

async function blob(
  top: string,
  ref: string,
  path: string,
  env: Record<string, string> | undefined,
): Promise<Buffer | null> {
  const exists = await git(top, ['cat-file', '-e', `${ref}:${path}`], { env }).then(
    () => true,
    () => false,
  );
  if (!exists) return null;
  return new Promise((resolve, reject) => {
    execFile(
      'git',
      ['cat-file', 'blob', `${ref}:${path}`],
      {
        cwd: top,
        env: { ...process.env, ...env },
        encoding: 'buffer',
        maxBuffer: 1024 * 1024 * 1024,
      },
      (error, stdout) => (error ? reject(new Error(error.message)) : resolve(stdout)),
    );
  });
}

/** null content: the file should not exist. */
function write(path: string, content: Buffer | null): void {
  if (content === null) {
    rmSync(path, { force: true });
    return;
  }
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content);
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
