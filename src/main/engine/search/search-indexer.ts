// Indexes new events for search a little after they are written, so a run's writes never wait on
// FTS5: it looks for new events every `everyMs`, indexes up to a batch at a time, and keeps going
// with short pauses while more wait. A search indexes whatever is left first (SearchService), so
// this job only keeps that catch-up small.
import type { SearchStore } from '../store/search-store';

/** Events per transaction: about 45 ms on a busy 2-core machine (bench/search.bench.ts), so the engine stays responsive. */
const BATCH = 1_000;
/** How often to look for new events while none are known to wait. */
const EVERY_MS = 1_000;
/** Pause between batches while a backlog is worked through. */
const PAUSE_MS = 25;

export interface SearchIndexerDeps {
  store: Pick<SearchStore, 'indexNew'>;
  batch?: number;
  everyMs?: number;
  pauseMs?: number;
}

export class SearchIndexer {
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(private readonly deps: SearchIndexerDeps) {}

  start(): void {
    this.stopped = false;
    this.schedule(this.deps.everyMs ?? EVERY_MS);
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  private schedule(ms: number): void {
    this.timer = setTimeout(() => this.step(), ms);
    this.timer.unref();
  }

  private step(): void {
    if (this.stopped) return;
    const batch = this.deps.batch ?? BATCH;
    let indexed = 0;
    try {
      indexed = this.deps.store.indexNew(batch);
    } catch (error) {
      // Searching still indexes what waits before it answers; the next look tries again.
      console.warn('[search] could not index new events:', error);
    }
    this.schedule(
      indexed === batch ? (this.deps.pauseMs ?? PAUSE_MS) : (this.deps.everyMs ?? EVERY_MS),
    );
  }
}
