// Discarding a run that worked in the task's own folder: each file it changed goes back to how it
// was when the run started (from the start commit, in the folder's repository or its shadow one,
// or the copy saved outside git), with its mode (executable or not) and as a symlink if it was
// one. A file changed again since the run ended is left alone and named, so nobody's later work is
// lost; a file whose content the snapshots could not keep is named as not taken back.
import { execFile } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
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
  /** Changed by the run, but their content was never kept (too big, or a folder past limits). */
  unkept: string[];
}

/** A file as git records it: its content (a symlink's target) and mode. */
interface Entry {
  mode: '100644' | '100755' | '120000';
  content: Buffer;
}

export async function restoreInPlace(
  review: ReviewRecord,
  files: DiffFile[],
): Promise<RestoreOutcome> {
  const unkept = files.filter((file) => file.notKept !== undefined).map((file) => file.path);
  const kept = files.filter((file) => file.notKept === undefined);
  const outcome =
    review.source === 'files' && review.shadowGitDir === null
      ? restoreSavedFiles(review)
      : await restoreFromGit(review, kept);
  return { ...outcome, unkept: [...new Set([...outcome.unkept, ...unkept])] };
}

async function restoreFromGit(review: ReviewRecord, files: DiffFile[]): Promise<RestoreOutcome> {
  const { startRef, endRef } = review;
  if (startRef === null || endRef === null)
    return { restored: [], skipped: files.map((f) => f.path), unkept: [] };
  const top = await topOf(review);
  const env = repoEnv(review);
  const outcome: RestoreOutcome = { restored: [], skipped: [], unkept: [] };
  for (const file of files) {
    const atEnd = await entryAt(top, endRef, file.path, env);
    const original = file.oldPath ?? file.path;
    const atStart = await entryAt(top, startRef, original, env);
    if (
      atEnd === 'other' ||
      atStart === 'other' ||
      !sameEntry(onDisk(join(top, file.path)), atEnd)
    ) {
      outcome.skipped.push(file.path);
      continue;
    }
    if (file.oldPath !== null) rmSync(join(top, file.path), { force: true });
    writeEntry(join(top, original), atStart);
    outcome.restored.push(file.path);
  }
  return outcome;
}

function restoreSavedFiles(review: ReviewRecord): RestoreOutcome {
  const manifest = readManifest(review.stateDir);
  const ends = readEndCopies(review.stateDir) ?? [];
  const outcome: RestoreOutcome = { restored: [], skipped: [], unkept: [] };
  manifest.files.forEach((file, index) => {
    const endName = ends[index] ?? null;
    const atEnd = endName === null ? null : readFileSync(join(review.stateDir, 'end', endName));
    const shown = folderRelative(review.workdir, file.path);
    if (file.notSaved) {
      outcome.unkept.push(shown);
      return;
    }
    if (!sameContent(readOrNull(file.path), atEnd)) {
      outcome.skipped.push(shown);
      return;
    }
    if (isSymlink(file.path)) rmSync(file.path, { force: true });
    if (file.original === null) rmSync(file.path, { force: true });
    else {
      mkdirSync(dirname(file.path), { recursive: true });
      // The saved copy kept the file's mode; copying it back keeps it again.
      copyFileSync(join(review.stateDir, 'originals', file.original), file.path);
    }
    outcome.restored.push(shown);
  });
  return outcome;
}

/** The file at `path` in commit `ref`: null when it has none, 'other' for a submodule. */
async function entryAt(
  top: string,
  ref: string,
  path: string,
  env: Record<string, string> | undefined,
): Promise<Entry | null | 'other'> {
  const listed = await git(top, ['ls-tree', '-z', '--full-tree', ref, '--', path], {
    env: { ...env, GIT_LITERAL_PATHSPECS: '1' },
  });
  const line = listed.split('\0').find((entry) => entry.endsWith(`\t${path}`));
  if (line === undefined) return null;
  const [mode = '', type = '', id = ''] = line.slice(0, line.indexOf('\t')).split(' ');
  if (type !== 'blob' || (mode !== '100644' && mode !== '100755' && mode !== '120000')) {
    return 'other';
  }
  return { mode, content: await blob(top, id, env) };
}

async function blob(
  top: string,
  id: string,
  env: Record<string, string> | undefined,
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    execFile(
      'git',
      ['cat-file', 'blob', id],
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

/** The file at `path` as git would record it; null when there is none, 'other' for a folder. */
function onDisk(path: string): Entry | null | 'other' {
  let stat;
  try {
    stat = lstatSync(path);
  } catch {
    return null;
  }
  if (stat.isSymbolicLink()) return { mode: '120000', content: Buffer.from(readlinkSync(path)) };
  if (!stat.isFile()) return 'other';
  return { mode: stat.mode & 0o111 ? '100755' : '100644', content: readFileSync(path) };
}

/**
 * Same content and kind (file or symlink). The executable bit alone does not count as a later
 * change: it is restored, not guarded.
 */
function sameEntry(a: Entry | null | 'other', b: Entry | null): boolean {
  if (a === 'other') return false;
  if (a === null || b === null) return a === b;
  return (a.mode === '120000') === (b.mode === '120000') && a.content.equals(b.content);
}

/** Puts `entry` at `path` (null: nothing there), never writing through a symlink. */
function writeEntry(path: string, entry: Entry | null): void {
  const before = onDisk(path);
  if (
    entry === null ||
    entry.mode === '120000' ||
    (before !== null && before !== 'other' && before.mode === '120000')
  ) {
    rmSync(path, { force: true });
  }
  if (entry === null) return;
  mkdirSync(dirname(path), { recursive: true });
  if (entry.mode === '120000') {
    symlinkSync(entry.content.toString(), path);
    return;
  }
  const executable = entry.mode === '100755';
  writeFileSync(path, entry.content, { mode: executable ? 0o777 : 0o666 });
  // An existing file keeps its permissions but for the executable bits, set as they were.
  const mode = lstatSync(path).mode & 0o777;
  const wanted = executable ? mode | ((mode & 0o444) >> 2) : mode & ~0o111;
  if (wanted !== mode) chmodSync(path, wanted);
}

function isSymlink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
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
