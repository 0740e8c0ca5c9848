// A long streamed answer for the benchmarks that read or serve a big transcript: text chunks as
// the transcript normaliser leaves them, spread over a few blocks.
import type { Store } from '../src/main/engine/store';

/** Appends `count` streamed text chunks to a run (call it inside a transaction for speed). */
export function appendStreamedChunks(store: Store, runId: string, count: number): void {
  for (let i = 0; i < count; i++) {
    store.runs.appendEvent({
      runId,
      ts: i,
      type: 'text',
      blockId: `m:${i % 7}`,
      text: `chunk ${i} of streamed output`,
    });
  }
}
