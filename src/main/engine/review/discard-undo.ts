// Keeps what a discard replaces, so it can be undone: before the discard writes anything, each
// path it will change is saved from the folder as it is (content byte for byte, mode, a link's
// target, or that it did not exist) in the run's state folder; after it, a fingerprint of what it
// wrote. Undo puts each saved path back while it is still as the discard left it; a path changed
// since is left alone and named.
import { createHash } from 'node:crypto';
import {
  chmodSync,
  copyFileSync,
  mkdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { privateCopy } from '../store/private-files';
import { lstatOrNull } from './snapshot-files';

interface SavedPath {
  /** Absolute path in the folder. */
  path: string;
  /** How the path was before the discard. */
  kind: 'file' | 'link' | 'none';
  mode?: number;
  /** The saved copy's name under the undo folder (files). */
  copy?: string;
  target?: string;
  /** What the discard left there, for telling a later change apart. */
  written?: string;
}

interface UndoRecord {
  paths: SavedPath[];
}

const FOLDER = 'undo';

function undoDir(stateDir: string): string {
  return join(stateDir, FOLDER);
}

/** Saves each path as it is now, replacing the previous discard's record. */
export function saveBeforeDiscard(stateDir: string, paths: string[]): void {
  const dir = undoDir(stateDir);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const saved = paths.map((path, index): SavedPath => {
    const stat = lstatOrNull(path);
    if (stat === null) return { path, kind: 'none' };
    if (stat.isSymbolicLink()) return { path, kind: 'link', target: readlinkSync(path) };
    const copy = `${index}`;
    privateCopy(path, join(dir, copy));
    return { path, kind: 'file', mode: stat.mode & 0o7777, copy };
  });
  write(stateDir, { paths: saved });
}

/** Records what the discard left at each saved path. */
export function noteDiscarded(stateDir: string): void {
  const record = read(stateDir);
  if (record === null) return;
  write(stateDir, { paths: record.paths.map((p) => ({ ...p, written: fingerprint(p.path) })) });
}

export interface UndoOutcome {
  restored: string[];
  /** Changed again since the discard: left as they are. */
  skipped: string[];
}

/** Puts back what the last discard replaced; the record is used up. */
export function undoDiscard(stateDir: string): UndoOutcome | null {
  const record = read(stateDir);
  if (record === null) return null;
  const dir = undoDir(stateDir);
  const outcome: UndoOutcome = { restored: [], skipped: [] };
  for (const saved of record.paths) {
    if (saved.written !== undefined && fingerprint(saved.path) !== saved.written) {
      outcome.skipped.push(saved.path);
      continue;
    }
    putBack(dir, saved);
    outcome.restored.push(saved.path);
  }
  rmSync(dir, { recursive: true, force: true });
  return outcome;
}

export function hasUndo(stateDir: string): boolean {
  return read(stateDir) !== null;
}

function putBack(dir: string, saved: SavedPath): void {
  const stat = lstatOrNull(saved.path);
  if (stat !== null && !stat.isDirectory()) rmSync(saved.path, { force: true });
  if (saved.kind === 'none') return;
  mkdirSync(dirname(saved.path), { recursive: true });
  if (saved.kind === 'link') {
    symlinkSync(saved.target ?? '', saved.path);
    return;
  }
  copyFileSync(join(dir, saved.copy ?? ''), saved.path);
  chmodSync(saved.path, saved.mode ?? 0o644);
}

/** A path's state in one string: missing, a link and its target, or a file's mode and content. */
function fingerprint(path: string): string {
  const stat = lstatOrNull(path);
  if (stat === null) return 'none';
  if (stat.isSymbolicLink()) return `link:${readlinkSync(path)}`;
  if (!stat.isFile()) return 'other';
  const hash = createHash('sha256').update(readFileSync(path)).digest('hex');
  return `file:${(stat.mode & 0o7777).toString(8)}:${hash}`;
}

function read(stateDir: string): UndoRecord | null {
  try {
    const parsed = JSON.parse(
      readFileSync(join(undoDir(stateDir), 'undo.json'), 'utf8'),
    ) as Partial<UndoRecord>;
    return Array.isArray(parsed.paths) ? { paths: parsed.paths } : null;
  } catch {
    return null;
  }
}

function write(stateDir: string, record: UndoRecord): void {
  writeFileSync(join(undoDir(stateDir), 'undo.json'), JSON.stringify(record), { mode: 0o600 });
}
