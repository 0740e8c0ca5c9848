// One engine per data directory: a lock file naming the holder, so the desktop app and `serve`
// started on the same folder cannot both fire schedules or write the same runs. The file is only
// ever created whole and exclusively (link fails on an existing name) and a stale one is moved aside atomically, so two engines
// starting at once cannot both take it; a holder is recognised by PID and process start time.
import { linkSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { ApiError } from '../../../shared/errors';
import { announcedApi } from './api-announcement';
import { isAlive } from '../lifecycle/process-group';
import { processStartToken } from '../lifecycle/process-start';

interface LockHolder {
  pid: number;
  kind: string;
  host: string;
  startedAt: number;
  /** processStartToken of the holder; null in locks from older versions or other platforms. */
  processStart: string | null;
}

export interface LockHooks {
  /** Called after a lock was judged stale and before it is taken over (tests use it for races). */
  beforeTakeover?: () => void;
}

const ATTEMPTS = 5;

export class EngineLock {
  private constructor(
    private readonly file: string,
    private readonly holder: LockHolder,
  ) {}

  static acquire(dataDir: string, kind: string, hooks: LockHooks = {}): EngineLock {
    const file = join(dataDir, 'engine.lock');
    const holder: LockHolder = {
      pid: process.pid,
      kind,
      host: hostname(),
      startedAt: Date.now(),
      processStart: processStartToken(process.pid),
    };
    const text = JSON.stringify(holder);
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      if (createExclusive(file, text)) return new EngineLock(file, holder);
      const existingText = readText(file);
      if (existingText === null) continue; // Released meanwhile: try again.
      const existing = parseHolder(existingText);
      if (existing && isLive(existing)) {
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
      hooks.beforeTakeover?.();
      removeIfUnchanged(file, existingText);
    }
    throw new ApiError('conflict', `Could not lock ${dataDir}: other engines keep starting there`);
  }

  release(): void {
    const text = readText(this.file);
    const existing = text === null ? null : parseHolder(text);
    if (
      existing?.pid === this.holder.pid &&
      existing.startedAt === this.holder.startedAt &&
      existing.kind === this.holder.kind
    ) {
      rmSync(this.file, { force: true });
    }
  }
}

/** Whether the recorded holder still runs: same machine, PID alive, and the same process. */
function isLive(holder: LockHolder): boolean {
  if (holder.host !== hostname()) return true; // Another machine's engine (a shared folder).
  if (!isAlive(holder.pid)) return false;
  if (holder.processStart === null) return true;
  const now = processStartToken(holder.pid);
  // A PID given to a later process (after a reboot, say) is not the holder.
  return now === null || now === holder.processStart;
}

/** Creates the lock whole or not at all: written under a private name, then linked into place. */
function createExclusive(file: string, text: string): boolean {
  const draft = `${file}.${process.pid}.${Date.now()}.new`;
  writeFileSync(draft, text, { flag: 'wx', mode: 0o600 });
  try {
    linkSync(draft, file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    rmSync(draft, { force: true });
  }
}

/**
 * Moves the stale lock aside under a name of our own, then checks that what moved is the lock
 * judged stale. If another engine took the lock over in between, its lock is put back (link
 * fails rather than overwrite, should a third have created one meanwhile).
 */
function removeIfUnchanged(file: string, staleText: string): void {
  const aside = `${file}.${process.pid}.${Date.now()}.stale`;
  try {
    renameSync(file, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  if (readText(aside) !== staleText) {
    try {
      linkSync(aside, file);
    } catch {
      // A newer lock is in place; the one we moved lost the race as well.
    }
  }
  rmSync(aside, { force: true });
}

function readText(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

function parseHolder(text: string): LockHolder | null {
  try {
    const parsed = JSON.parse(text) as Partial<LockHolder>;
    return typeof parsed.pid === 'number'
      ? {
          pid: parsed.pid,
          kind: parsed.kind ?? 'engine',
          host: parsed.host ?? hostname(),
          startedAt: parsed.startedAt ?? 0,
          processStart: typeof parsed.processStart === 'string' ? parsed.processStart : null,
        }
      : null;
  } catch {
    return null;
  }
}
