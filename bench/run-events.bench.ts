// Benchmarks for the transcript path. Targets (printed, not asserted): appending 1,000 events
// < 200 ms; reading a 50,000-event transcript (runs.events) < 500 ms; normalising 10,000 stream
// deltas < 50 ms.
import type { SDKMessage } from '@anthropic-ai/claude-agent-sdk';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'vitest';
import { Store } from '../src/main/engine/store';
import { TranscriptNormalizer } from '../src/main/engine/runs/transcript-normalizer';
import { newRun, taskRecord } from '../tests/support/records';
import { measure } from './measure';
import { appendStreamedChunks } from './streamed-chunks';

const store = Store.open(mkdtempSync(join(tmpdir(), 'sb-bench-')));
store.tasks.insert(taskRecord({ id: 'task_b', title: 'bench' }));
const addRun = (id: string) => store.runs.insert(newRun({ id, taskId: 'task_b' }));

addRun('run_big');
store.transaction(() => appendStreamedChunks(store, 'run_big', 50_000));
addRun('run_append');

const deltas = Array.from({ length: 10_000 }, (_, i) => ({
  type: 'stream_event',
  event: { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: `w${i} ` } },
})) as unknown as SDKMessage[];
const start = {
  type: 'stream_event',
  event: { type: 'message_start', message: { id: 'm' } },
} as unknown as SDKMessage;

describe('transcript storage', () => {
  it('appends 1,000 events', () => {
    let n = 0;
    measure('append 1,000 events (batched, 64 per transaction)', 200, () => {
      for (let i = 0; i < 1_000; i++) {
        store.runs.appendEvent({
          runId: 'run_append',
          ts: n,
          type: 'text',
          blockId: 'b',
          text: `t${n++}`,
        });
      }
    });
  });
  it('reads a 50,000-event transcript', () => {
    measure('runs.events of 50,000 events', 500, () => store.runs.events('run_big'));
  });
});

describe('normaliser', () => {
  it('normalises 10,000 text deltas', () => {
    measure('10,000 text deltas, flushed every 20', 50, () => {
      const normalizer = new TranscriptNormalizer();
      normalizer.push(start);
      deltas.forEach((delta, i) => {
        normalizer.push(delta);
        if (i % 20 === 0) normalizer.flush();
      });
    });
  });
});
