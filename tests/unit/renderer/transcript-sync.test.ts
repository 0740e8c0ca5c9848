// The run view's transcript loading against a real store's runs.events pages: it opens at the
// end with one small page, never starts on half a text block, loads earlier pages on request until
// it holds the whole transcript in order, and applies pushes that arrive while it loads.
import { describe, expect, it } from 'vitest';
import type { RunEvent } from '../../../src/shared/domain';
import type { Store } from '../../../src/main/engine/store';
import {
  TranscriptSync,
  type EventPages,
} from '../../../src/renderer/src/views/run/transcript-sync';
import { busySessionEvent } from '../../support/busy-session';
import { newRun, taskRecord } from '../../support/records';
import { openStore } from '../../support/store-fixtures';

const RUN_ID = 'run_1';

function storeWithRun(): Store {
  const store = openStore();
  store.tasks.insert(taskRecord({ id: 'task_1' }));
  store.runs.insert(newRun({ id: RUN_ID, taskId: 'task_1' }));
  return store;
}

/** runs.events as the engine answers it, counting what was asked for. */
function pagesOf(store: Store): EventPages & { asked: number[] } {
  const asked: number[] = [];
  return {
    asked,
    after: async (afterSeq, limit) => {
      asked.push(limit);
      return store.runs.events(RUN_ID, afterSeq, limit);
    },
    before: async (beforeSeq, limit) => {
      asked.push(limit);
      return store.runs.events(RUN_ID, 0, limit, beforeSeq ? { beforeSeq } : { tail: true });
    },
  };
}

function expectWhole(events: readonly RunEvent[], count: number): void {
  expect(events).toHaveLength(count);
  events.forEach((event, index) => expect(event.seq).toBe(index + 1));
}

describe('transcript sync', () => {
  it('opens a 50,000-event run with its last page, then earlier pages as asked', async () => {
    // So many that the last page begins on the second event of a text block.
    const count = 49_997;
    const store = storeWithRun();
    store.transaction(() => {
      for (let i = 0; i < count; i++) {
        store.runs.appendEvent({ runId: RUN_ID, ts: i, ...busySessionEvent(i) });
      }
    });
    const pages = pagesOf(store);
    let changes = 0;
    const sync = new TranscriptSync(pages, () => changes++);
    await sync.catchUp();

    expect(pages.asked).toEqual([1_000]);
    expect(sync.events).toHaveLength(1_000);
    expect(sync.events.at(-1)?.seq).toBe(count);
    expect(sync.events[0]).toMatchObject({ type: 'text', text: 'looking at the **next** file.' });
    expect(sync.hasEarlier).toBe(true);
    expect(changes).toBe(1);
    // Nothing shown starts inside a text block whose beginning is not loaded.
    const shown = sync.shown();
    const firstShown = shown[0];
    const before = store.runs.events(RUN_ID, 0, 1, { beforeSeq: firstShown?.seq ?? 1 })[0];
    expect(firstShown?.type).toBe('tool_use');
    expect(before).toMatchObject({ type: 'text', text: 'looking at the **next** file.' });

    while (sync.hasEarlier) await sync.loadEarlier();
    expectWhole(sync.events, count);
    expect(sync.shown()).toBe(sync.events);
    expect(pages.asked.slice(1).every((limit) => limit === 10_000)).toBe(true);
  });

  it('loads a long answer whole before showing it, never half of it', async () => {
    const store = storeWithRun();
    store.transaction(() => {
      store.runs.appendEvent({ runId: RUN_ID, ts: 0, type: 'prompt', text: 'Dump it.', files: [] });
      for (let n = 1; n <= 20_000; n++) {
        store.runs.appendEvent({
          runId: RUN_ID,
          ts: n,
          type: 'text',
          blockId: 'm1',
          text: `${n}\n`,
        });
      }
    });
    const sync = new TranscriptSync(pagesOf(store), () => undefined);
    await sync.catchUp();
    expect(sync.hasEarlier).toBe(false);
    expectWhole(sync.shown(), 20_001);
  });

  it('applies events pushed while it opens, in order and once', async () => {
    const store = storeWithRun();
    for (let i = 0; i < 2_500; i++) {
      store.runs.appendEvent({ runId: RUN_ID, ts: i, type: 'error', message: `e${i}` });
    }
    const pages = pagesOf(store);
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const sync = new TranscriptSync(
      {
        after: pages.after,
        before: async (beforeSeq, limit) => {
          const page = await pages.before(beforeSeq, limit);
          await gate;
          return page;
        },
      },
      () => undefined,
    );
    const opening = sync.catchUp();
    // Written after the server read the last page: two arrive as pushes, one in order, one early.
    const pushed = [2_501, 2_502, 2_503].map((n) =>
      store.runs.appendEvent({ runId: RUN_ID, ts: n, type: 'error', message: `e${n}` }),
    );
    const [first, second, third] = pushed;
    if (!first || !second || !third) throw new Error('three events');
    sync.push(third);
    sync.push(first);
    release();
    await opening;
    sync.push(second); // already fetched by the gap catch-up: ignored
    sync.push(first);
    expect(sync.events.slice(-4).map((e) => e.seq)).toEqual([2_500, 2_501, 2_502, 2_503]);
    while (sync.hasEarlier) await sync.loadEarlier();
    expectWhole(sync.events, 2_503);
  });
});
