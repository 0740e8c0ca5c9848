// Deletes the transcripts of runs that ended longer ago than Settings keep them (the run's
// status, result, cost and usage stay forever), a chunk at a time, then shrinks the file. The
// same pass drops the review snapshots of settled runs as old, or settled 14 days ago
// (review/snapshot-pruning.ts).
import type { Settings } from '../../../shared/domain';
import type { SnapshotPruning } from '../review/snapshot-pruning';
import type { Store } from '../store';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Events deleted per statement; the loop yields between chunks so the engine stays responsive. */
const CHUNK = 5_000;
const HOUR_MS = 60 * 60 * 1000;

export interface TranscriptRetentionDeps {
  store: Store;
  settings: () => Settings;
  clock: () => number;
  intervalMs?: number;
  snapshots?: Pick<SnapshotPruning, 'prune'>;
}

export class TranscriptRetention {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;
  private stopped = false;

  constructor(private readonly deps: TranscriptRetentionDeps) {}

  start(): void {
    const every = this.deps.intervalMs ?? HOUR_MS;
    // The first pass waits a minute: start-up has more urgent work.
    const schedule = (ms: number) => {
      this.timer = setTimeout(() => {
        void this.prune().finally(() => {
          if (!this.stopped) schedule(every);
        });
      }, ms);
      this.timer.unref();
    };
    schedule(Math.min(every, 60_000));
  }

  /** One pass; resolves with how many events were deleted. */
  prune(): Promise<number> {
    this.running ??= this.pass().finally(() => (this.running = undefined));
    return this.running;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running?.catch(() => undefined);
  }

  private async pass(): Promise<number> {
    const days = this.deps.settings().performance.keepTranscriptsDays;
    const cutoff = days === null ? null : this.deps.clock() - days * DAY_MS;
    let deleted = 0;
    while (cutoff !== null) {
      if (this.stopped) break;
      const changes = this.deps.store.runs.eventLog.pruneEndedBefore(cutoff, CHUNK);
      deleted += changes;
      if (changes < CHUNK) break;
      await new Promise((resolve) => setImmediate(resolve));
    }
    if (deleted > 0 && !this.stopped) this.deps.store.releaseFreePages();
    if (!this.stopped) {
      await this.deps.snapshots
        ?.prune(cutoff, () => this.stopped)
        .catch((error: unknown) => {
          console.warn('[retention] could not prune review snapshots:', error);
        });
    }
    return deleted;
  }
}
