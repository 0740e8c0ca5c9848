// The data folder is private to the person: the folder and everything in it can be read by its
// owner only (0700 folders, 0600 files; executables keep their owner x bit). New files are made
// that way where Switchboard creates them; a sweep at start fixes what an older version left.
import {
  chmodSync,
  closeSync,
  copyFileSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
} from 'node:fs';
import { join } from 'node:path';

/** Folders whose contents are the person's own checkouts: private by their folder alone. */
const NOT_SWEPT = new Set(['worktrees']);

export function makePrivateFolder(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
}

/** Creates `file` (empty) if missing, owner-only either way. */
export function makePrivateFile(file: string): void {
  closeSync(openSync(file, 'a', 0o600));
  chmodSync(file, 0o600);
}

/** A copy of one of the person's files kept in the data folder (a review's original), owner-only. */
export function privateCopy(from: string, to: string): void {
  copyFileSync(from, to);
  chmodSync(to, 0o600);
}

/** Takes group and other permissions off the data folder and what is in it. */
export function privatizeDataFolder(dataDir: string): void {
  makePrivateFolder(dataDir);
  sweep(dataDir, true);
}

function sweep(dir: string, top: boolean): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isSymbolicLink()) continue;
    if (entry.isDirectory()) {
      chmodSync(path, 0o700);
      if (!(top && NOT_SWEPT.has(entry.name))) sweep(path, false);
    } else if (entry.isFile()) {
      const mode = lstatSync(path).mode & 0o777;
      if ((mode & 0o077) !== 0) chmodSync(path, mode & 0o700);
    }
  }
}
