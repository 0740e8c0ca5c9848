// One engine per data directory: a lock file naming the holder, so the desktop app and `serve`
// started on the same folder cannot both fire schedules or write the same runs.
import { openSync, readFileSync, rmSync, writeSync, closeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { ApiError } from '../../../shared/errors';
import { announcedApi } from './api-announcement';
import { isAlive } from './process-reaper';

interface LockHolder {
  pid: number;
  kind: string;
  host: string;
  startedAt: number;
}

export class EngineLock {
  private constructor(private readonly file: string) {}

  static acquire(dataDir: string, kind: string): EngineLock {
    const file = join(dataDir, 'engine.lock');
    const holder: LockHolder = { pid: process.pid, kind, host: hostname(), startedAt: Date.now() };
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const fd = openSync(file, 'wx');
        writeSync(fd, JSON.stringify(holder));
        closeSync(fd);
        return new EngineLock(file);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        const existing = readHolder(file);
        if (
          existing &&
          existing.pid !== process.pid &&
          existing.host === hostname() &&
          isAlive(existing.pid)
        ) {
          const since = new Date(existing.startedAt).toLocaleString();
          const api = announcedApi(dataDir, existing.pid);
          const where = api
            ? ` Its local API is at ${api}/ (the sign-in link is in its Settings, or in what it printed).`
            : '';
          throw new ApiError(
            'conflict',
            `Another Switchboard engine (${existing.kind}, pid ${existing.pid}, since ${since}) is using ${dataDir}.${where} Stop it first, or set SWITCHBOARD_DATA_DIR to another folder.`,
          );
        }
        // The holder is gone (it crashed): the lock is stale.
        rmSync(file, { force: true });
      }
    }
    throw new ApiError('conflict', `Could not lock ${dataDir}`);
  }

  release(): void {
    const existing = readHolder(this.file);
    if (existing?.pid === process.pid) rmSync(this.file, { force: true });
  }
}

function readHolder(file: string): LockHolder | null {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<LockHolder>;
    return typeof parsed.pid === 'number'
      ? {
          pid: parsed.pid,
          kind: parsed.kind ?? 'engine',
          host: parsed.host ?? hostname(),
          startedAt: parsed.startedAt ?? 0,
        }
      : null;
  } catch {
    return null;
  }
}
