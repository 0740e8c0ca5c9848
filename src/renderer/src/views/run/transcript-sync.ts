// Keeps a run's events in seq order, loaded from the end: the last page first (so a long run
// paints at once), earlier pages when the person scrolls up; pushed events are applied on top,
// ignoring ones already held and fetching any gap (afterSeq) before moving on.
import type { RunEvent } from '../../../../shared/domain';

/** The first load: enough for several screens of the run's end. */
const TAIL_PAGE = 1_000;
/** Each earlier page, and each page when catching up forward. */
const PAGE_SIZE = 10_000;

export interface EventPages {
  /** Events after `afterSeq`, oldest first. */
  after(afterSeq: number, limit: number): Promise<RunEvent[]>;
  /** The last `limit` events before `beforeSeq` (the very last without it), oldest first. */
  before(beforeSeq: number | undefined, limit: number): Promise<RunEvent[]>;
}

export class TranscriptSync {
  /** The events held, in seq order. Mutated in place; `version` says when it changed. */
  readonly events: RunEvent[] = [];
  version = 0;
  /** Earlier events exist that are not held yet (loadEarlier fetches them). */
  hasEarlier = false;
  private opened = false;
  private readonly early = new Map<number, RunEvent>();
  private fetching = false;
  private fetchAgain = false;
  private earlier: Promise<void> | undefined;
  private stopped = false;

  constructor(
    private readonly pages: EventPages,
    private readonly onChange: () => void,
  ) {}

  get lastSeq(): number {
    return this.events.at(-1)?.seq ?? 0;
  }

  /** The events worth showing: without a text block that may have begun before them. */
  shown(): readonly RunEvent[] {
    const start = this.hasEarlier ? openBlockLength(this.events) : 0;
    return start === 0 ? this.events : this.events.slice(start);
  }

  stop(): void {
    this.stopped = true;
  }

  push(event: RunEvent): void {
    if (this.stopped || event.seq <= this.lastSeq) return;
    if (event.seq === this.lastSeq + 1 && !this.fetching && this.opened) {
      this.events.push(event);
      this.takeEarly();
      this.changed();
      return;
    }
    // Out of order, or a load is in flight: keep it until the events before it are here.
    this.early.set(event.seq, event);
    if (!this.fetching) void this.catchUp();
  }

  /** The first load (from the end), or everything after the last event held (a gap, a reconnect). */
  async catchUp(): Promise<void> {
    if (this.fetching) {
      this.fetchAgain = true;
      return;
    }
    this.fetching = true;
    let fetchedAny = false;
    try {
      // Opening reads the end; what is written after that read arrives as pushes.
      if (!this.opened) fetchedAny = await this.openAtEnd();
      else {
        for (;;) {
          const page = await this.pages.after(this.lastSeq, PAGE_SIZE);
          if (this.stopped) return;
          for (const event of page) if (event.seq > this.lastSeq) this.events.push(event);
          fetchedAny ||= page.length > 0;
          if (page.length < PAGE_SIZE) break;
        }
      }
      if (this.stopped) return;
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

  /** Fetches the page before the first event held (the person scrolled up to it). */
  loadEarlier(): Promise<void> {
    if (!this.hasEarlier || this.stopped) return Promise.resolve();
    this.earlier ??= this.prependPage()
      .then(() => {
        if (!this.stopped) this.changed();
      })
      .finally(() => (this.earlier = undefined));
    return this.earlier;
  }

  /**
   * The last page; then, while all it holds is one text block that may have begun earlier (a
   * long answer), the pages before it, so the first thing shown is never half a block.
   */
  private async openAtEnd(): Promise<boolean> {
    const page = await this.pages.before(undefined, TAIL_PAGE);
    if (this.stopped) return false;
    this.events.push(...page);
    this.hasEarlier = page.length === TAIL_PAGE && (page[0]?.seq ?? 1) > 1;
    this.opened = true;
    while (this.hasEarlier && this.shown().length === 0) {
      if (!(await this.prependPage())) break;
    }
    return page.length > 0;
  }

  /** False when the sync was stopped meanwhile (nothing was added). */
  private async prependPage(): Promise<boolean> {
    const first = this.events[0]?.seq;
    const page = await this.pages.before(first, PAGE_SIZE);
    if (this.stopped) return false;
    const older = first === undefined ? page : page.filter((event) => event.seq < first);
    this.events.unshift(...older);
    this.hasEarlier = page.length === PAGE_SIZE && (older[0]?.seq ?? 1) > 1;
    return true;
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

/** How many events at the start belong to the text or thinking block the first one is part of. */
function openBlockLength(events: readonly RunEvent[]): number {
  const first = events[0];
  if (first?.type !== 'text' && first?.type !== 'thinking') return 0;
  let count = 0;
  for (const event of events) {
    if (event.type !== first.type || event.blockId !== first.blockId) break;
    count++;
  }
  return count;
}
