// Which files of a watched folder count (glob and ignore patterns), and mtime/size snapshots of
// them, so a periodic rescan can find changes the file watcher missed.
import { readdirSync, statSync, type Dirent } from 'node:fs';
import { join, relative, sep } from 'node:path';
import picomatch from 'picomatch';
import type { WatchEvent } from '../../../shared/domain';

/** Never worth a run: version-control internals and installed packages. */
export const DEFAULT_IGNORES = ['.git', 'node_modules', '**/.git/**', '**/node_modules/**'];
/** A snapshot stops growing here, so a huge folder cannot stall the engine. */
const MAX_ENTRIES = 50_000;

export interface FileStamp {
  size: number;
  mtimeMs: number;
}
/** Absolute path → stamp, files only. */
export type Snapshot = Map<string, FileStamp>;

export interface FolderChange {
  path: string;
  event: WatchEvent;
}

export interface PathFilter {
  /** True for files and folders that are never looked at (ignore patterns, defaults). */
  ignored(absolutePath: string): boolean;
  /** True for files whose changes count (not ignored, and matching the glob if there is one). */
  included(absolutePath: string): boolean;
}

/** Patterns without a slash match a name at any depth (`*.md`); with one, the relative path. */
export function createPathFilter(
  folder: string,
  glob: string | null,
  ignore: readonly string[],
): PathFilter {
  const isIgnored = compilePatterns([...DEFAULT_IGNORES, ...ignore]);
  const isIncluded = glob === null ? () => true : compilePatterns([glob]);
  const rel = (absolutePath: string) => relative(folder, absolutePath).split(sep).join('/');
  return {
    ignored(absolutePath) {
      const path = rel(absolutePath);
      return path !== '' && !path.startsWith('..') && isIgnored(path);
    },
    included(absolutePath) {
      const path = rel(absolutePath);
      return path !== '' && !path.startsWith('..') && !isIgnored(path) && isIncluded(path);
    },
  };
}

/** picomatch's own `basename` option also applies to patterns with a slash, so split them here. */
function compilePatterns(patterns: readonly string[]): (relativePath: string) => boolean {
  const matchers = patterns.map((pattern) => {
    const matches = picomatch(pattern, { dot: true });
    return pattern.includes('/')
      ? matches
      : (path: string) => matches(path.slice(path.lastIndexOf('/') + 1));
  });
  return (path) => matchers.some((matches) => matches(path));
}

export function stampOf(path: string): FileStamp | null {
  try {
    const stats = statSync(path);
    return stats.isFile() ? { size: stats.size, mtimeMs: stats.mtimeMs } : null;
  } catch {
    return null;
  }
}

export function sameStamp(
  a: FileStamp | null | undefined,
  b: FileStamp | null | undefined,
): boolean {
  if (!a || !b) return !a && !b;
  return a.size === b.size && a.mtimeMs === b.mtimeMs;
}

/** Every included file under `folder`, with its size and mtime. */
export function scanFolder(folder: string, filter: PathFilter): Snapshot {
  const snapshot: Snapshot = new Map();
  for (const _ of scanSteps(folder, filter, snapshot)) {
    // one folder at a time, without pausing
  }
  return snapshot;
}

/**
 * The same snapshot, taken in slices: after each folder, once `sliceMs` has passed, it yields to
 * the event loop, so a folder of thousands of files never stalls the engine for long.
 */
export async function scanFolderInSlices(
  folder: string,
  filter: PathFilter,
  sliceMs = 8,
): Promise<Snapshot> {
  const snapshot: Snapshot = new Map();
  let sliceStarted = performance.now();
  for (const _ of scanSteps(folder, filter, snapshot)) {
    if (performance.now() - sliceStarted < sliceMs) continue;
    await new Promise((resolve) => setImmediate(resolve));
    sliceStarted = performance.now();
  }
  return snapshot;
}

/** Fills `snapshot`, one folder per step. */
function* scanSteps(folder: string, filter: PathFilter, snapshot: Snapshot): Generator<void> {
  const pending = [folder];
  let seen = 0;
  while (pending.length > 0 && seen < MAX_ENTRIES) {
    const dir = pending.pop();
    if (dir === undefined) break;
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      seen += 1;
      const path = join(dir, entry.name);
      if (filter.ignored(path)) continue;
      if (entry.isDirectory()) {
        pending.push(path);
        continue;
      }
      if (!filter.included(path)) continue;
      const stamp = stampOf(path);
      if (stamp) snapshot.set(path, stamp);
    }
    yield;
  }
}

/** What changed from one snapshot to the next. */
export function diffSnapshots(before: Snapshot, after: Snapshot): FolderChange[] {
  const changes: FolderChange[] = [];
  for (const [path, stamp] of after) {
    const old = before.get(path);
    if (!old) changes.push({ path, event: 'add' });
    else if (!sameStamp(old, stamp)) changes.push({ path, event: 'change' });
  }
  for (const path of before.keys()) {
    if (!after.has(path)) changes.push({ path, event: 'unlink' });
  }
  return changes;
}

/** Two events for one file within a batch collapse into what happened overall (null: nothing). */
export function mergeEvents(previous: WatchEvent | undefined, next: WatchEvent): WatchEvent | null {
  if (previous === undefined) return next;
  if (previous === 'add') return next === 'unlink' ? null : 'add';
  if (previous === 'change') return next === 'unlink' ? 'unlink' : 'change';
  return next === 'unlink' ? 'unlink' : 'change';
}
