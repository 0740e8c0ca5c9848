// Keeps a run's events complete and in seq order: loads them page by page, then applies pushed
// events, ignoring ones it already has and fetching any gap (afterSeq) before moving on.
import type { RunEvent } from '../../../../shared/domain';

const PAGE_SIZE = 10_000;

export class TranscriptSync {
  /** All events so far, in seq order. Mutated in place; `version` says when it changed. */
  readonly events: RunEvent[] = [];
  version = 0;
  private readonly early = new Map<number, RunEvent>();
  private fetching = false;
  private fetchAgain = false;
  private stopped = false;

  constructor(
    private readonly fetchAfter: (afterSeq: number, limit: number) => Promise<RunEvent[]>,
    private readonly onChange: () => void,
  ) {}

  get lastSeq(): number {
    return this.events.at(-1)?.seq ?? 0;
  }

  stop(): void {
    this.stopped = true;
  }

  push(event: RunEvent): void {
    if (this.stopped || event.seq <= this.lastSeq) return;
    if (event.seq === this.lastSeq + 1 && !this.fetching) {
      this.events.push(event);
      this.takeEarly();
      this.changed();
      return;
    }
    // Out of order, or a load is in flight: keep it until the events before it are here.
    this.early.set(event.seq, event);
    if (!this.fetching) void this.catchUp();
  }

  /** Fetches everything after the last event held (first load, a gap, a reconnect). */
  async catchUp(): Promise<void> {
    if (this.fetching) {
      this.fetchAgain = true;
      return;
    }
    this.fetching = true;
    let fetchedAny = false;
    try {
      for (;;) {
        const page = await this.fetchAfter(this.lastSeq, PAGE_SIZE);
        if (this.stopped) return;
        for (const event of page) if (event.seq > this.lastSeq) this.events.push(event);
        fetchedAny ||= page.length > 0;
        if (page.length < PAGE_SIZE) break;
      }
    } finally {
      this.fetching = false;
    }
    const before = this.version;
    this.takeEarly();
    if (this.early.size > 0 && !fetchedAny) {
      // The server has nothing between: take what was pushed rather than wait forever.
      const rest = [...this.early.values()].sort((a, b) => a.seq - b.seq);
      this.early.clear();
      for (const event of rest) if (event.seq > this.lastSeq) this.events.push(event);
    }
    if (fetchedAny || this.version !== before || this.version === 0) this.changed();
    if (this.fetchAgain || this.early.size > 0) {
      this.fetchAgain = false;
      await this.catchUp();
    }
  }

  private takeEarly(): void {
    for (;;) {
      const next = this.early.get(this.lastSeq + 1);
      for (const seq of this.early.keys()) if (seq <= this.lastSeq) this.early.delete(seq);
      if (next === undefined) return;
      this.early.delete(next.seq);
      this.events.push(next);
      this.version++;
    }
  }

  private changed(): void {
    this.version++;
    this.onChange();
  }
}
