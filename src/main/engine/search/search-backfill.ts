// Indexes the events stored before search existed, newest first, a batch at a time in the
// background; the mark it keeps in the store makes it resume after a restart where it stopped.
import type { SearchStore } from '../store/search-store';

/** Events per transaction: about 100 ms at 1 M indexed events on a busy 2-core machine (bench/search.bench.ts measured 383 ms for 2,000), so the engine stays responsive. */
const BATCH = 500;
/** Pause between batches, so runs' own writes and the API come first. */
const PAUSE_MS = 25;

export interface SearchBackfillDeps {
  store: Pick<SearchStore, 'backfillStep' | 'backfillPending'>;
  batch?: number;
  pauseMs?: number;
  /** Told once every older event is indexed. */
  onDone?: () => void;
}

export class SearchBackfill {
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(private readonly deps: SearchBackfillDeps) {}

  start(): void {
    if (!this.deps.store.backfillPending()) return;
    this.schedule();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  private schedule(): void {
    this.timer = setTimeout(() => this.step(), this.deps.pauseMs ?? PAUSE_MS);
    this.timer.unref();
  }

  private step(): void {
    if (this.stopped) return;
    try {
      const indexed = this.deps.store.backfillStep(this.deps.batch ?? BATCH);
      if (indexed === 0) {
        this.deps.onDone?.();
        return;
      }
    } catch (error) {
      // Searching still works for everything indexed; the next start tries again.
      console.warn('[search] could not index older events:', error);
      return;
    }
    this.schedule();
  }
}
