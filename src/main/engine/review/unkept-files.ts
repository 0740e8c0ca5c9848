// What a run's snapshots could not keep, and how the review says so: files over the per-file size
// cap (left out of the start or end snapshot, with their size and time), and, in a folder too big
// for a shadow repository, the paths a scan of sizes and times saw change. Both are listed as
// changed with their content not kept, so the diff is never silently short, and discard names
// them as what it cannot take back.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DiffFile } from '../../../shared/domain';
import type { ScanChange } from './folder-scan';
import type { SkippedFile } from './git-snapshot';

export interface SkippedRecord {
  /** The cap in force when the snapshots were taken. */
  maxFileBytes: number;
  start: SkippedFile[];
  end: SkippedFile[] | null;
}

export interface ScanRecord {
  limits: { files: number; bytes: number };
  /** Paths that changed between the start and end scans; null while the run goes on. */
  changes: ScanChange[] | null;
  /** False when the folder had more files than a scan keeps: changes could not be listed. */
  complete: boolean;
}

const SKIPPED = 'skipped.json';
const SCAN = 'scan.json';

export function recordSkipped(
  stateDir: string,
  which: 'start' | 'end',
  skipped: SkippedFile[],
  maxFileBytes: number,
): void {
  const record = readSkipped(stateDir) ?? { maxFileBytes, start: [], end: null };
  record[which] = skipped;
  writeFileSync(join(stateDir, SKIPPED), JSON.stringify(record), { mode: 0o600 });
}

export function readSkipped(stateDir: string): SkippedRecord | null {
  return readJson(join(stateDir, SKIPPED)) as SkippedRecord | null;
}

export function recordScan(stateDir: string, record: ScanRecord): void {
  writeFileSync(join(stateDir, SCAN), JSON.stringify(record), { mode: 0o600 });
}

export function readScanRecord(stateDir: string): ScanRecord | null {
  return readJson(join(stateDir, SCAN)) as ScanRecord | null;
}

/**
 * The diff with each file over the cap that changed during the run listed as changed, content
 * not kept (in place of what the snapshots alone would say of it: nothing, or a deletion).
 */
export function withOversizeFiles(files: DiffFile[], record: SkippedRecord | null): DiffFile[] {
  if (record?.end == null) return files;
  const start = new Map(record.start.map((file) => [file.path, file]));
  const end = new Map(record.end.map((file) => [file.path, file]));
  const listed = new Map(files.map((file) => [file.path, file]));
  const limit = formatSize(record.maxFileBytes);
  const unkept: DiffFile[] = [];
  for (const path of new Set([...start.keys(), ...end.keys()])) {
    const before = start.get(path);
    const after = end.get(path);
    if (before && after && before.size === after.size && before.mtimeMs === after.mtimeMs) continue;
    const inDiff = listed.get(path);
    const status =
      inDiff !== undefined || (before && after) ? 'modified' : after ? 'added' : 'deleted';
    const size = after?.size ?? before?.size ?? 0;
    listed.delete(path);
    unkept.push(
      notKeptFile(
        path,
        status,
        `${path} (${formatSize(size)}) was not kept: over the ${limit} limit.`,
      ),
    );
  }
  return unkept.length === 0 ? files : sortByPath([...listed.values(), ...unkept]);
}

/** The files only the scan saw change (commands), after those the file tools kept. */
export function withScannedFiles(files: DiffFile[], record: ScanRecord | null): DiffFile[] {
  if (record?.changes == null) return files;
  const listed = new Set(files.map((file) => file.path));
  const scanned = record.changes
    .filter((change) => !listed.has(change.path))
    .map((change) =>
      notKeptFile(
        change.path,
        change.status,
        `${change.path} changed while the run went on; its content was not kept (the folder is over the snapshot limits).`,
      ),
    );
  return scanned.length === 0 ? files : sortByPath([...files, ...scanned]);
}

/** The review's words for a folder past the limits, whatever else it lists. */
export function overLimitsNote(record: ScanRecord, listedByScan: number): string {
  const limits = `${record.limits.files.toLocaleString('en-US')} files or ${formatSize(record.limits.bytes)}`;
  const parts = [
    `This folder is over the snapshot limits (${limits}), so only the changes made with the file tools (Write, Edit) were kept with their content.`,
  ];
  if (!record.complete) {
    parts.push('It is too big even to list what commands changed in it.');
  } else if (listedByScan > 0) {
    parts.push(
      `${listedByScan} more path${listedByScan === 1 ? '' : 's'} changed while the run went on (seen by size and time); they are listed, but their content was not kept, so discard cannot take them back.`,
    );
  }
  return parts.join(' ');
}

/** "big.bin (40 MB) was not kept: over the 10 MB limit." for each such file the diff lists. */
export function oversizeNote(files: DiffFile[], record: SkippedRecord | null): string | null {
  if (record === null) return null;
  const over = new Set([...record.start, ...(record.end ?? [])].map((file) => file.path));
  const lines = files.flatMap((file) =>
    file.notKept !== undefined && over.has(file.path) ? [file.notKept] : [],
  );
  return lines.length === 0 ? null : lines.join(' ');
}

export function formatSize(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  if (mb >= 1) return `${mb >= 10 ? Math.round(mb) : Number(mb.toFixed(1))} MB`;
  const kb = bytes / 1024;
  return kb >= 1 ? `${Math.round(kb)} KB` : `${bytes} bytes`;
}

function notKeptFile(path: string, status: DiffFile['status'], notKept: string): DiffFile {
  return {
    path,
    oldPath: null,
    status,
    additions: 0,
    deletions: 0,
    binary: false,
    tooLarge: false,
    patch: null,
    notKept,
    // Seen by size and time only: nothing says whose change it was.
    attribution: 'both',
    runPart: { reversible: false, reason: notKept, patch: null },
  };
}

function sortByPath(files: DiffFile[]): DiffFile[] {
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** The file's JSON as written by this module (null when there is none or it is unreadable). */
function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as unknown;
  } catch {
    return null;
  }
}
