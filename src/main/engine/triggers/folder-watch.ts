// One watched folder: file events (chokidar, plus a periodic mtime/size rescan for what it
// misses) collected into batches that settle before they are handed on, and a missing folder
// reported instead of crashing, then picked up again when it comes back.
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { watch } from 'chokidar';
import type { WatchEvent } from '../../../shared/domain';
import {
  createPathFilter,
  diffSnapshots,
  mergeEvents,
  sameStamp,
  scanFolder,
  scanFolderInSlices,
  stampOf,
  type FileStamp,
  type FolderChange,
  type PathFilter,
  type Snapshot,
} from './folder-snapshot';

export interface FileWatcher {
  close(): Promise<void>;
}

/** Starts watching `folder` recursively; events for files only, after writes have settled. */
export type WatcherFactory = (
  folder: string,
  options: { ignored: (path: string) => boolean; stabilityMs: number },
  onEvent: (event: WatchEvent, path: string) => void,
  onError: (error: unknown) => void,
) => FileWatcher;

export const chokidarWatcher: WatcherFactory = (folder, options, onEvent, onError) => {
  const watcher = watch(folder, {
    ignoreInitial: true,
    ignored: (path: string) => options.ignored(path),
    // Half-written files are reported only once their size has stopped changing.
    awaitWriteFinish: { stabilityThreshold: options.stabilityMs, pollInterval: 100 },
  });
  watcher.on('add', (path) => onEvent('add', path));
  watcher.on('change', (path) => onEvent('change', path));
  watcher.on('unlink', (path) => onEvent('unlink', path));
  // The watched folder itself went away: the owner looks again and reports it.
  watcher.on('unlinkDir', (path) => {
    if (resolve(path) === resolve(folder)) onError(new Error(`${folder} was removed`));
  });
  watcher.on('error', onError);
  return { close: () => watcher.close() };
};

export interface FolderWatchOptions {
  folder: string;
  glob: string | null;
  ignore: string[];
  events: WatchEvent[];
  /** A batch is handed on once no change arrived for this long. */
  settleMs: number;
  /** How long a file's size must stay the same before its write counts as finished. */
  stabilityMs: number;
  rescanMs: number;
  missingRecheckMs: number;
  /** A steady stream of changes still produces a batch this often. */
  maxBatchMs: number;
  /** While true, changes are not collected (they are the trigger's own run's). */
  isQuiet: () => boolean;
  onBatch: (changes: FolderChange[]) => void;
  /** null: watching; a sentence: why not. */
  onStatus: (error: string | null) => void;
  watcher?: WatcherFactory;
  clock?: () => number;
}

interface PendingChange {
  event: WatchEvent;
  stamp: FileStamp | null;
}

export class FolderWatch {
  private readonly filter: PathFilter;
  private readonly clock: () => number;
  private snapshot: Snapshot = new Map();
  private readonly pending = new Map<string, PendingChange>();
  private batchStartedAt: number | null = null;
  private watcher: FileWatcher | null = null;
  private settleTimer: NodeJS.Timeout | undefined;
  private pollTimer: NodeJS.Timeout | undefined;
  private error: string | null | undefined;
  private stopped = false;
  /** Bumped when the baseline is retaken, so a rescan begun before it is thrown away. */
  private baseline = 0;
  /** Files the watcher reported while a rescan was under way: the watcher's word stands. */
  private touchedDuringScan: Set<string> | undefined;

  constructor(private readonly options: FolderWatchOptions) {
    this.filter = createPathFilter(options.folder, options.glob, options.ignore);
    this.clock = options.clock ?? Date.now;
  }

  start(): void {
    this.check();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.settleTimer);
    clearTimeout(this.pollTimer);
    this.pending.clear();
    await this.closeWatcher();
  }

  /** Takes the folder as it is now as the new baseline (after the trigger's own run). */
  rebaseline(): void {
    if (this.watcher === null) return;
    this.baseline++;
    this.snapshot = scanFolder(this.options.folder, this.filter);
  }

  /** Compares the folder with the last snapshot; what differs counts as changes. */
  rescan(): void {
    void this.rescanInSlices();
  }

  private async rescanInSlices(): Promise<void> {
    if (this.stopped) return;
    if (this.folderProblem() !== null) {
      this.check();
      return;
    }
    const baseline = this.baseline;
    const touched = new Set<string>();
    this.touchedDuringScan = touched;
    const current = await scanFolderInSlices(this.options.folder, this.filter);
    this.touchedDuringScan = undefined;
    // stop() and check() may have run while the scan awaited.
    if (this.isStopped()) return;
    if (baseline !== this.baseline) {
      clearTimeout(this.pollTimer);
      this.pollTimer = setTimeout(() => this.rescan(), this.options.rescanMs);
      return;
    }
    for (const path of touched) {
      const stamp = this.snapshot.get(path);
      if (stamp) current.set(path, stamp);
      else current.delete(path);
    }
    const changes = this.options.isQuiet() ? [] : diffSnapshots(this.snapshot, current);
    this.snapshot = current;
    for (const change of changes) {
      this.collect(change.event, change.path, current.get(change.path) ?? null);
    }
    clearTimeout(this.pollTimer);
    this.pollTimer = setTimeout(() => this.rescan(), this.options.rescanMs);
  }

  private check(): void {
    if (this.stopped) return;
    clearTimeout(this.pollTimer);
    const problem = this.folderProblem();
    if (problem !== null) {
      void this.closeWatcher();
      this.pending.clear();
      clearTimeout(this.settleTimer);
      this.setError(problem);
      this.pollTimer = setTimeout(() => this.check(), this.options.missingRecheckMs);
      return;
    }
    if (this.watcher === null) {
      // Files already there (at start, or in a folder that came back) are the baseline, not news.
      this.baseline++;
      this.snapshot = scanFolder(this.options.folder, this.filter);
      this.watcher = (this.options.watcher ?? chokidarWatcher)(
        this.options.folder,
        { ignored: (path) => this.filter.ignored(path), stabilityMs: this.options.stabilityMs },
        (event, path) => this.onEvent(event, path),
        () => this.check(),
      );
      this.setError(null);
    }
    this.pollTimer = setTimeout(() => this.rescan(), this.options.rescanMs);
  }

  private onEvent(event: WatchEvent, path: string): void {
    if (this.stopped || !this.filter.included(path)) return;
    this.touchedDuringScan?.add(path);
    const stamp = event === 'unlink' ? null : stampOf(path);
    if (stamp) this.snapshot.set(path, stamp);
    else this.snapshot.delete(path);
    if (this.options.isQuiet()) return;
    this.collect(event, path, stamp);
  }

  private collect(event: WatchEvent, path: string, stamp: FileStamp | null): void {
    const merged = mergeEvents(this.pending.get(path)?.event, event);
    if (merged === null) this.pending.delete(path);
    else this.pending.set(path, { event: merged, stamp });
    this.batchStartedAt ??= this.clock();
    this.armSettle();
  }

  /** Waits for the settle time, but never past maxBatchMs from the batch's first change. */
  private armSettle(): void {
    clearTimeout(this.settleTimer);
    const age = this.clock() - (this.batchStartedAt ?? this.clock());
    const delay = Math.max(0, Math.min(this.options.settleMs, this.options.maxBatchMs - age));
    this.settleTimer = setTimeout(() => this.flush(), delay);
  }

  private flush(): void {
    if (this.stopped) return;
    if (this.folderProblem() !== null) {
      // The folder itself went away: that is reported on the trigger, not sent to the agent.
      this.check();
      return;
    }
    // A file still being written waits for the next round (unless the batch is already too old).
    const overdue = this.clock() - (this.batchStartedAt ?? this.clock()) >= this.options.maxBatchMs;
    let growing = false;
    for (const [path, change] of this.pending) {
      if (change.event === 'unlink') continue;
      const now = stampOf(path);
      if (!sameStamp(now, change.stamp)) {
        growing = true;
        change.stamp = now;
        if (now) this.snapshot.set(path, now);
      }
    }
    if (growing && !overdue) {
      this.armSettle();
      return;
    }
    const changes = [...this.pending]
      .filter(([, change]) => this.options.events.includes(change.event))
      .map(([path, change]) => ({ path, event: change.event }))
      .sort((a, b) => a.path.localeCompare(b.path));
    this.pending.clear();
    this.batchStartedAt = null;
    if (changes.length > 0) this.options.onBatch(changes);
  }

  private isStopped(): boolean {
    return this.stopped;
  }

  private folderProblem(): string | null {
    try {
      if (!statSync(this.options.folder).isDirectory()) {
        return `${this.options.folder} is not a folder`;
      }
      return null;
    } catch {
      return `Folder ${this.options.folder} does not exist`;
    }
  }

  private setError(error: string | null): void {
    if (this.error === error) return;
    this.error = error;
    this.options.onStatus(error);
  }

  private async closeWatcher(): Promise<void> {
    const watcher = this.watcher;
    this.watcher = null;
    if (watcher) await watcher.close().catch(() => undefined);
  }
}
