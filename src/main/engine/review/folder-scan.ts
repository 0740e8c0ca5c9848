// A folder's files by size, time and mode, with no content: what decides whether a folder outside
// git fits a shadow repository, and, for one that does not, what still tells which paths a run's
// commands changed (start and end scans compared) when their content could not be kept.
import { readFileSync, writeFileSync } from 'node:fs';
import { lstat, opendir } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';

export interface FileStat {
  size: number;
  mtimeMs: number;
  /** Type and permission bits, as lstat gives them (a symlink is itself, not its target). */
  mode: number;
}

export interface FolderScan {
  /** Regular files, and their bytes less files over the per-file cap (never snapshotted). */
  files: number;
  bytes: number;
  /** False when the folder had more entries than a scan keeps: then `entries` is partial. */
  complete: boolean;
  /** Paths relative to the folder, with forward slashes. */
  entries: Map<string, FileStat>;
}

export interface ScanOptions {
  /** Folder names skipped wherever they are (dependency and cache folders, .git). */
  skipNames: ReadonlySet<string>;
  /** Absolute folders skipped (Switchboard's own data folder). */
  skipDirs?: readonly string[];
  /** Files above this size do not count towards the folder's bytes. */
  maxFileBytes?: number;
  /** Entries kept at most; past it the scan stops, incomplete. */
  maxEntries?: number;
}

/** Entries a scan keeps by default: a million paths is about 100 MB of memory while it runs. */
export const MAX_SCAN_ENTRIES = 1_000_000;

export type ScanChange = { path: string; status: 'added' | 'deleted' | 'modified' };

export async function scanFolder(workdir: string, options: ScanOptions): Promise<FolderScan> {
  const skipDirs = new Set((options.skipDirs ?? []).map((dir) => resolve(dir)));
  const maxEntries = options.maxEntries ?? MAX_SCAN_ENTRIES;
  const scan: FolderScan = { files: 0, bytes: 0, complete: true, entries: new Map() };
  const pending = [workdir];
  for (let dir = pending.pop(); dir !== undefined; dir = pending.pop()) {
    const listing = await opendir(dir).catch(() => null);
    if (listing === null) continue;
    for await (const entry of listing) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!options.skipNames.has(entry.name) && !skipDirs.has(resolve(path))) pending.push(path);
        continue;
      }
      const stat = await lstat(path).catch(() => null);
      if (stat === null) continue;
      if (scan.entries.size >= maxEntries) {
        scan.complete = false;
        return scan;
      }
      scan.entries.set(relative(workdir, path).split(sep).join('/'), {
        size: stat.size,
        mtimeMs: stat.mtimeMs,
        mode: stat.mode,
      });
      if (!stat.isFile()) continue;
      scan.files += 1;
      if (options.maxFileBytes === undefined || stat.size <= options.maxFileBytes) {
        scan.bytes += stat.size;
      }
    }
  }
  return scan;
}

/** What differs between two scans of one folder, by path. */
export function compareScans(
  before: ReadonlyMap<string, FileStat>,
  after: ReadonlyMap<string, FileStat>,
): ScanChange[] {
  const changes: ScanChange[] = [];
  for (const [path, was] of before) {
    const now = after.get(path);
    if (now === undefined) changes.push({ path, status: 'deleted' });
    else if (now.size !== was.size || now.mtimeMs !== was.mtimeMs || now.mode !== was.mode) {
      changes.push({ path, status: 'modified' });
    }
  }
  for (const path of after.keys()) {
    if (!before.has(path)) changes.push({ path, status: 'added' });
  }
  return changes.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

type Row = [string, number, number, number];

export function writeScan(file: string, entries: ReadonlyMap<string, FileStat>): void {
  const rows: Row[] = [...entries].map(([path, s]) => [path, s.size, s.mtimeMs, s.mode]);
  writeFileSync(file, JSON.stringify(rows), { mode: 0o600 });
}

export function readScan(file: string): Map<string, FileStat> | null {
  try {
    const rows = JSON.parse(readFileSync(file, 'utf8')) as Row[];
    return new Map(rows.map(([path, size, mtimeMs, mode]) => [path, { size, mtimeMs, mode }]));
  } catch {
    return null;
  }
}
