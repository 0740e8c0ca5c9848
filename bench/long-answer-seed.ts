// A run whose one answer is 20,000 lines (~2 MB), recorded as the engine records a streamed answer:
// one text event per streamed line, one block. Shared by the long-answer and panel benchmarks.
import { Store } from '../src/main/engine/store';
import { bigLine } from '../tests/fixtures/fake-anthropic/scenarios-big';
import { tempDir } from '../tests/support/claude-env';
import { newRun, taskRecord } from '../tests/support/records';

export const LONG_ANSWER_LINES = 20_000;
export const LONG_ANSWER_RUN_ID = 'run_big_answer';

export function seedLongAnswer(dataDir: string): void {
  const store = Store.open(dataDir);
  const now = Date.now();
  const runId = LONG_ANSWER_RUN_ID;
  store.tasks.insert(taskRecord({ id: 'task_big', title: 'Dump the log', cwd: tempDir('work') }));
  store.runs.insert(newRun({ id: runId, taskId: 'task_big', createdAt: now - 60_000 }));
  store.transaction(() => {
    store.runs.appendEvent({ runId, ts: now, type: 'prompt', text: 'Dump it.', files: [] });
    for (let n = 1; n <= LONG_ANSWER_LINES; n++) {
      const text = bigLine(n, LONG_ANSWER_LINES) + (n < LONG_ANSWER_LINES ? '\n' : '');
      store.runs.appendEvent({ runId, ts: now, type: 'text', blockId: 'm1:0', text });
    }
  });
  store.runs.update(runId, { status: 'succeeded', startedAt: now - 60_000, endedAt: now });
  store.close();
}
