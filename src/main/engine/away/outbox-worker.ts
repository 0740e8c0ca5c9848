// Delivers the outbox: each channel's items in order, the oldest first. A failed delivery is
// retried with doubling backoff (kept in the store, so it goes on after a restart) and holds the
// channel's later items behind it; the channel's last error is kept for Settings.
import type { AwayStore, OutboxItem } from '../store/away-store';

export interface ChannelDelivery {
  /**
   * Sends one item; returns the channel's id for it (a message id), or null. `signal` aborts at
   * stop, so stopping does not wait for a slow server to answer.
   */
  deliver(item: OutboxItem, signal: AbortSignal): Promise<string | null>;
  /** False while the channel cannot send at all (no token, no pairing): items wait. */
  ready(): boolean;
}

export interface OutboxTimings {
  /** The first retry's delay; later ones double it. */
  retryBaseMs: number;
  /** The longest wait between two tries. */
  retryMaxMs: number;
}

export const DEFAULT_OUTBOX_TIMINGS: OutboxTimings = {
  retryBaseMs: 5_000,
  retryMaxMs: 10 * 60_000,
};

export class OutboxWorker {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  /** Aborts a delivery in flight at stop. */
  private readonly inFlight = new AbortController();

  constructor(
    private readonly deps: {
      store: AwayStore;
      channels: ReadonlyMap<string, ChannelDelivery>;
      clock: () => number;
      timings: OutboxTimings;
      /** A channel's state changed (sent, failed): Settings and the inbox refresh. */
      onChange: (channel: string) => void;
      setTimer?: (fn: () => void, ms: number) => ReturnType<typeof setTimeout>;
      clearTimer?: (timer: ReturnType<typeof setTimeout>) => void;
    },
  ) {}

  /** Delivers what is due now, then waits for the next due item. */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain().finally(() => {
      this.running = null;
      if (this.again) {
        this.again = false;
        this.kick();
      } else this.schedule();
    });
  }

  /** Resolves once the current pass is over (tests, stop). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.inFlight.abort();
    if (this.timer) (this.deps.clearTimer ?? clearTimeout)(this.timer);
    this.timer = null;
    await this.idle();
  }

  private async drain(): Promise<void> {
    for (const [name, channel] of this.deps.channels) {
      if (!channel.ready()) continue;
      for (;;) {
        if (this.stopped) return;
        const item = this.deps.store.head(name);
        if (!item || item.nextAttemptAt > this.deps.clock()) break;
        if (!(await this.deliverOne(name, channel, item))) break;
      }
    }
  }

  private async deliverOne(
    name: string,
    channel: ChannelDelivery,
    item: OutboxItem,
  ): Promise<boolean> {
    const { store, clock, timings } = this.deps;
    try {
      const ref = await channel.deliver(item, this.inFlight.signal);
      store.markSent(item.id, clock(), ref);
      store.updateChannel(name, { lastSentAt: clock(), lastError: null, lastErrorAt: null });
      this.deps.onChange(name);
      return true;
    } catch (error) {
      // Cut short by stop: not a failure of the channel; it goes on the next start, untouched.
      if (this.stopped) return false;
      const message = error instanceof Error ? error.message : String(error);
      if (error instanceof Undeliverable) {
        store.drop(item.id, clock(), message);
        this.deps.onChange(name);
        return true;
      }
      const delay = Math.min(timings.retryBaseMs * 2 ** item.attempts, timings.retryMaxMs);
      store.markFailed(item.id, message, clock() + delay);
      store.updateChannel(name, { lastError: message, lastErrorAt: clock() });
      this.deps.onChange(name);
      return false;
    }
  }

  private schedule(): void {
    if (this.stopped) return;
    if (this.timer) (this.deps.clearTimer ?? clearTimeout)(this.timer);
    this.timer = null;
    let next: number | null = null;
    for (const [name, channel] of this.deps.channels) {
      if (!channel.ready()) continue;
      const head = this.deps.store.head(name);
      if (head && (next === null || head.nextAttemptAt < next)) next = head.nextAttemptAt;
    }
    if (next === null) return;
    const wait = Math.max(0, next - this.deps.clock());
    this.timer = (this.deps.setTimer ?? setTimeout)(() => {
      this.timer = null;
      this.kick();
    }, wait);
    this.timer.unref();
  }
}

/** An item that can never go (its message is gone, say): dropped, not retried. */
export class Undeliverable extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'Undeliverable';
  }
}
