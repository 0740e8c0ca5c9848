// The pure parts of what snapshots could not keep: comparing two scans of a folder, listing files
// over the size cap that changed, the files only a scan saw, and the words the review uses.
import { describe, expect, it } from 'vitest';
import { compareScans, type FileStat } from '../../../../src/main/engine/review/folder-scan';
import {
  formatSize,
  overLimitsNote,
  oversizeNote,
  withOversizeFiles,
  withScannedFiles,
} from '../../../../src/main/engine/review/unkept-files';
import type { DiffFile } from '../../../../src/shared/domain';

const MB = 1024 * 1024;
const stat = (size: number, mtimeMs = 1, mode = 0o100644): FileStat => ({ size, mtimeMs, mode });

function file(path: string, status: DiffFile['status'] = 'modified'): DiffFile {
  return {
    path,
    oldPath: null,
    status,
    additions: 1,
    deletions: 0,
    binary: false,
    tooLarge: false,
    patch: '@@',
    attribution: 'run',
    runPart: null,
  };
}

describe('compareScans', () => {
  it('finds added, deleted and changed paths by size, time and mode, in path order', () => {
    const before = new Map([
      ['same.txt', stat(1)],
      ['grown.txt', stat(1)],
      ['touched.txt', stat(1, 1)],
      ['chmod.sh', stat(1, 1, 0o100644)],
      ['gone.txt', stat(1)],
    ]);
    const after = new Map([
      ['same.txt', stat(1)],
      ['grown.txt', stat(2)],
      ['touched.txt', stat(1, 2)],
      ['chmod.sh', stat(1, 1, 0o100755)],
      ['a/new.txt', stat(1)],
    ]);
    expect(compareScans(before, after)).toEqual([
      { path: 'a/new.txt', status: 'added' },
      { path: 'chmod.sh', status: 'modified' },
      { path: 'gone.txt', status: 'deleted' },
      { path: 'grown.txt', status: 'modified' },
      { path: 'touched.txt', status: 'modified' },
    ]);
  });
});

describe('withOversizeFiles', () => {
  const record = (start: [string, number, number][], end: [string, number, number][] | null) => ({
    maxFileBytes: 10 * MB,
    start: start.map(([path, size, mtimeMs]) => ({ path, size, mtimeMs })),
    end: end?.map(([path, size, mtimeMs]) => ({ path, size, mtimeMs })) ?? null,
  });

  it('lists big files that changed, in place of what the snapshots said of them', () => {
    const files = [file('small.txt', 'added'), file('grew.bin', 'deleted')];
    const listed = withOversizeFiles(
      files,
      record(
        [
          ['unchanged.bin', 20 * MB, 5],
          ['touched.bin', 40 * MB, 5],
        ],
        [
          ['unchanged.bin', 20 * MB, 5],
          ['touched.bin', 40 * MB, 6],
          ['grew.bin', 12 * MB, 6],
          ['new.bin', 11.5 * MB, 6],
        ],
      ),
    );
    expect(listed.map((f) => [f.path, f.status, f.notKept ?? null])).toEqual([
      ['grew.bin', 'modified', 'grew.bin (12 MB) was not kept: over the 10 MB limit.'],
      ['new.bin', 'added', 'new.bin (12 MB) was not kept: over the 10 MB limit.'],
      ['small.txt', 'added', null],
      ['touched.bin', 'modified', 'touched.bin (40 MB) was not kept: over the 10 MB limit.'],
    ]);
    expect(listed.every((f) => f.notKept === undefined || f.patch === null)).toBe(true);
    expect(oversizeNote(listed, record([], []))).toBeNull();
    expect(oversizeNote(listed, record([['touched.bin', 40 * MB, 5]], []))).toBe(
      'touched.bin (40 MB) was not kept: over the 10 MB limit.',
    );
  });

  it('changes nothing while the run has not ended, or when nothing was left out', () => {
    const files = [file('a.txt')];
    expect(withOversizeFiles(files, null)).toBe(files);
    expect(withOversizeFiles(files, record([['big.bin', 20 * MB, 1]], null))).toBe(files);
    expect(withOversizeFiles(files, record([], []))).toBe(files);
  });
});

describe('a folder past the snapshot limits', () => {
  const limits = { files: 20_000, bytes: 512 * MB };

  it('lists what only the scan saw, after what the file tools kept', () => {
    const files = withScannedFiles([file('written.txt', 'added')], {
      limits,
      complete: true,
      changes: [
        { path: 'written.txt', status: 'added' },
        { path: 'by-bash.txt', status: 'added' },
        { path: 'removed.txt', status: 'deleted' },
      ],
    });
    expect(files.map((f) => [f.path, f.status, f.notKept !== undefined])).toEqual([
      ['by-bash.txt', 'added', true],
      ['removed.txt', 'deleted', true],
      ['written.txt', 'added', false],
    ]);
  });

  it('says so in words, whatever was found', () => {
    expect(overLimitsNote({ limits, complete: true, changes: [] }, 0)).toBe(
      'This folder is over the snapshot limits (20,000 files or 512 MB), so only the changes made with the file tools (Write, Edit) were kept with their content.',
    );
    expect(overLimitsNote({ limits, complete: true, changes: [] }, 2)).toMatch(
      /2 more paths changed while the run went on \(seen by size and time\); they are listed, but their content was not kept, so discard cannot take them back\.$/,
    );
    expect(overLimitsNote({ limits, complete: false, changes: null }, 0)).toMatch(
      /too big even to list what commands changed/,
    );
  });

  it('writes sizes as people read them', () => {
    expect(formatSize(40 * MB)).toBe('40 MB');
    expect(formatSize(1.5 * MB)).toBe('1.5 MB');
    expect(formatSize(2048)).toBe('2 KB');
    expect(formatSize(12)).toBe('12 bytes');
  });
});
