// Reading files out of snapshot commits and writing them back into the folder as they were:
// content byte for byte, the executable bit, and symbolic links as links.
import { execFile } from 'node:child_process';
import {
  chmodSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { dirname } from 'node:path';
import { git } from './git';

/** A file as a snapshot holds it; null where it did not exist. */
export interface SnapshotEntry {
  /** git's mode: 100644, 100755 or 120000 (a symbolic link, whose content is its target). */
  mode: string;
  content: Buffer;
}

type Env = Record<string, string> | undefined;

/** The paths that differ between two snapshots (renames as a deletion and an addition). */
export async function changedPaths(top: string, from: string, to: string, env: Env) {
  const out = await git(top, ['diff-tree', '-r', '--no-renames', '--name-only', '-z', from, to], {
    env,
  });
  return out.split('\0').filter((path) => path !== '');
}

export async function readEntry(
  top: string,
  commit: string,
  path: string,
  env: Env,
): Promise<SnapshotEntry | null> {
  const listed = await git(top, ['ls-tree', '-z', commit, '--', path], { env });
  const [meta] = listed.split('\t');
  const [mode = '', type = '', oid = ''] = (meta ?? '').split(' ');
  if (type !== 'blob') return null;
  return { mode, content: await blob(top, oid, env) };
}

function blob(top: string, oid: string, env: Env): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    execFile(
      'git',
      ['cat-file', 'blob', oid],
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

/** Puts `entry` at `path` (null: removes the file), with its mode or as a link. */
export function writeEntry(path: string, entry: SnapshotEntry | null): void {
  const before = lstatOrNull(path);
  const kept = before?.isFile() === true ? before.mode & 0o777 : null;
  removeFile(path);
  if (entry === null) return;
  mkdirSync(dirname(path), { recursive: true });
  if (entry.mode === '120000') {
    symlinkSync(entry.content.toString('utf8'), path);
    return;
  }
  writeFileSync(path, entry.content);
  const executable = entry.mode === '100755';
  // A file still there keeps the person's permissions but for the executable bits, set as they
  // were (git records only those).
  const mode =
    kept === null
      ? executable
        ? 0o755
        : 0o644
      : executable
        ? kept | ((kept & 0o444) >> 2)
        : kept & ~0o111;
  chmodSync(path, mode);
}

/** Writes `content` where the file is (keeping its mode) or creates it; null removes it. */
export function writeContent(path: string, content: Buffer | null): void {
  if (content === null) {
    removeFile(path);
    return;
  }
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content);
}

function removeFile(path: string): void {
  const stat = lstatOrNull(path);
  if (stat !== null && !stat.isDirectory()) rmSync(path, { force: true });
}

/** A path's content as a snapshot would hold it (a link's target); null: nothing there. */
export function readCurrent(path: string): Buffer | null {
  const stat = lstatOrNull(path);
  if (stat === null || stat.isDirectory()) return null;
  try {
    return stat.isSymbolicLink() ? Buffer.from(readlinkSync(path), 'utf8') : readFileSync(path);
  } catch {
    return null;
  }
}

export function lstatOrNull(path: string) {
  try {
    return lstatSync(path);
  } catch {
    return null;
  }
}
