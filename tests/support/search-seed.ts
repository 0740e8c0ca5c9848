// A history to search: many runs of a few tasks, each with a prompt, an answer, a shell call and
// its output, written straight to a real store (indexed as in the engine: by the indexer's next
// step or the first search).
import type { EventDraft } from '../../src/main/engine/runs/transcript-normalizer';
import type { Store } from '../../src/main/engine/store';
import { newRun, taskRecord } from './records';

const WORDS = ['build', 'parser', 'tests', 'deploy', 'schema', 'cache', 'docs', 'lint'];

export interface SeededHistory {
  runIds: string[];
}

/**
 * `runs` runs, oldest first, one a minute before `now`; `extra(index)` adds events to run `index`
 * after its usual ones (a needle in a tool's output, say).
 */
export function seedHistory(
  store: Store,
  options: { runs: number; now: number; cwd?: string; extra?: (index: number) => EventDraft[] },
): SeededHistory {
  const runIds: string[] = [];
  store.transaction(() => {
    for (const [index, word] of WORDS.slice(0, 3).entries()) {
      store.tasks.insert(
        taskRecord({
          id: `task_${word}`,
          title: `Nightly ${word}`,
          cwd: options.cwd ?? '/',
          createdAt: options.now - 1_000_000_000 + index,
          updatedAt: options.now,
        }),
      );
    }
    for (let index = 0; index < options.runs; index++) {
      const word = WORDS[index % WORDS.length] ?? 'build';
      const taskId = `task_${WORDS[index % 3] ?? 'build'}`;
      const runId = `run_${String(index).padStart(6, '0')}`;
      const at = options.now - (options.runs - index) * 60_000;
      store.runs.insert(
        newRun({
          id: runId,
          taskId,
          prompt: `Check the ${word} again`,
          sessionId: `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
          createdAt: at,
        }),
      );
      const add = (draft: EventDraft) => store.runs.appendEvent({ runId, ts: at, ...draft });
      add({ type: 'prompt', text: `Check the ${word} again`, files: [] });
      add({ type: 'text', blockId: `m${index}:0`, text: `Looking at the ${word} step ${index}.` });
      add({
        type: 'tool_use',
        toolUseId: `tu${index}`,
        name: 'Bash',
        input: { command: `npm run ${word}` },
      });
      add({
        type: 'tool_result',
        toolUseId: `tu${index}`,
        content: `> ${word}\nok ${index} checks passed`,
        isError: false,
      });
      for (const draft of options.extra?.(index) ?? []) add(draft);
      add({ type: 'text', blockId: `m${index}:1`, text: `The ${word} is fine.` });
      store.runs.update(runId, {
        status: index % 10 === 0 ? 'failed' : 'succeeded',
        startedAt: at,
        endedAt: at + 30_000,
        result: `The ${word} is fine.`,
      });
      runIds.push(runId);
    }
  });
  store.runs.eventLog.flush();
  return { runIds };
}
