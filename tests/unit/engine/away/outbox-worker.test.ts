// The outbox delivers each channel's messages in order, retries a failure with doubling backoff
// (held in the store, so a new worker after a restart picks it up), keeps the channel's last error
// until a delivery succeeds, and drops an item that can never go.
import { describe, expect, it } from 'vitest';
import {
  OutboxWorker,
  Undeliverable,
  type ChannelDelivery,
} from '../../../../src/main/engine/away/outbox-worker';
import type { OutboxItem } from '../../../../src/main/engine/store/away-store';
import { tempDir } from '../../../support/claude-env';
import { closeStore, openStore } from '../../../support/store-fixtures';

class FakeChannel implements ChannelDelivery {
  failing: Error | null = null;
  delivered: string[] = [];
  ready(): boolean {
    return true;
  }
  deliver(item: OutboxItem): Promise<string | null> {
    if (this.failing) return Promise.reject(this.failing);
    this.delivered.push(String(item.payload.text));
    return Promise.resolve(String(this.delivered.length));
  }
}

function worker(store: ReturnType<typeof openStore>, channel: FakeChannel, clock: () => number) {
  const timers: { fn: () => void; ms: number }[] = [];
  const outbox = new OutboxWorker({
    store: store.away,
    channels: new Map([['telegram', channel]]),
    clock,
    timings: { retryBaseMs: 1_000, retryMaxMs: 8_000 },
    onChange: () => undefined,
    // No real waiting: the test moves the clock and kicks the worker itself.
    setTimer: (fn, ms) => {
      timers.push({ fn, ms });
      return setTimeout(() => undefined, 0);
    },
    clearTimer: (timer) => clearTimeout(timer),
  });
  return { outbox, timers };
}

function enqueue(store: ReturnType<typeof openStore>, text: string, at: number) {
  return store.away.enqueue({
    channel: 'telegram',
    kind: 'send',
    approvalId: null,
    runId: null,
    payload: { text },
    at,
  });
}

describe('OutboxWorker', () => {
  it('delivers in order and retries a failure with doubling backoff, holding later items', async () => {
    const store = openStore();
    let now = 10_000;
    const channel = new FakeChannel();
    const { outbox, timers } = worker(store, channel, () => now);
    enqueue(store, 'one', now);
    enqueue(store, 'two', now);
    channel.failing = new Error('Could not reach api.telegram.org: ECONNREFUSED');

    outbox.kick();
    await outbox.idle();
    const first = store.away.head('telegram');
    expect(first).toMatchObject({
      attempts: 1,
      nextAttemptAt: now + 1_000,
      lastError: /ECONNREFUSED/,
    });
    expect(store.away.channel('telegram').lastError).toMatch(/ECONNREFUSED/);
    expect(timers.at(-1)?.ms).toBe(1_000);

    now += 1_000;
    outbox.kick();
    await outbox.idle();
    expect(store.away.head('telegram')).toMatchObject({ attempts: 2, nextAttemptAt: now + 2_000 });
    // Not due yet: nothing is tried early.
    now += 1_000;
    outbox.kick();
    await outbox.idle();
    expect(store.away.head('telegram')?.attempts).toBe(2);

    channel.failing = null;
    now += 1_000;
    outbox.kick();
    await outbox.idle();
    expect(channel.delivered).toEqual(['one', 'two']);
    expect(store.away.queued('telegram')).toEqual([]);
    expect(store.away.channel('telegram')).toMatchObject({ lastError: null, lastSentAt: now });
  });

  it('caps the backoff', async () => {
    const store = openStore();
    let now = 0;
    const channel = new FakeChannel();
    channel.failing = new Error('down');
    const { outbox } = worker(store, channel, () => now);
    enqueue(store, 'one', now);
    for (let attempt = 0; attempt < 6; attempt++) {
      now = store.away.head('telegram')?.nextAttemptAt ?? now;
      outbox.kick();
      await outbox.idle();
    }
    const head = store.away.head('telegram');
    expect(head?.attempts).toBe(6);
    expect((head?.nextAttemptAt ?? 0) - now).toBe(8_000);
  });

  it('picks up what was queued before a restart', async () => {
    const dir = tempDir('outbox-restart');
    const before = openStore(dir);
    enqueue(before, 'kept', 5);
    closeStore(before);

    const after = openStore(dir);
    const channel = new FakeChannel();
    const { outbox } = worker(after, channel, () => 10);
    outbox.kick();
    await outbox.idle();
    expect(channel.delivered).toEqual(['kept']);
  });

  it('drops an item that can never go, keeping why, and goes on with the next', async () => {
    const store = openStore();
    const channel = new FakeChannel();
    const { outbox } = worker(store, channel, () => 1);
    const gone = enqueue(store, 'gone', 1);
    enqueue(store, 'next', 1);
    let first = true;
    channel.deliver = (item) => {
      if (first) {
        first = false;
        return Promise.reject(new Undeliverable('The chat it was meant for is no longer paired.'));
      }
      channel.delivered.push(String(item.payload.text));
      return Promise.resolve(null);
    };
    outbox.kick();
    await outbox.idle();
    expect(store.away.get(gone)).toMatchObject({ droppedAt: 1, lastError: /no longer paired/ });
    expect(channel.delivered).toEqual(['next']);
  });

  it('aborts a delivery in flight at stop, without counting it as a failure', async () => {
    const store = openStore();
    const hanging: ChannelDelivery = {
      ready: () => true,
      // A server that never answers: only the signal ends it.
      deliver: (_item, signal) =>
        new Promise((_resolve, reject) => {
          signal.addEventListener('abort', () => reject(new Error('aborted')), { once: true });
        }),
    };
    const outbox = new OutboxWorker({
      store: store.away,
      channels: new Map([['telegram', hanging]]),
      clock: () => 5,
      timings: { retryBaseMs: 1_000, retryMaxMs: 8_000 },
      onChange: () => undefined,
      setTimer: () => setTimeout(() => undefined, 0),
      clearTimer: (timer) => clearTimeout(timer),
    });
    const id = enqueue(store, 'slow', 5);
    outbox.kick();
    await outbox.stop();
    expect(store.away.get(id)).toMatchObject({ attempts: 0, sentAt: null, lastError: null });
    expect(store.away.channel('telegram').lastError).toBeNull();
    closeStore(store);
  });
});
