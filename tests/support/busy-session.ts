// The events of a busy session, as the engine records them: the long-transcript e2e test and the
// benchmarks fill 50,000-event runs with these.
import type { EventDraft } from '../../src/main/engine/runs/transcript-normalizer';

/** A busy session: per step some text, a Bash call with its output, and now and then thinking. */
export function busySessionEvent(index: number): EventDraft {
  const step = Math.floor(index / 6);
  switch (index % 6) {
    case 0:
      return { type: 'text', blockId: `m${step}:0`, text: `Step ${step}: ` };
    case 1:
      return { type: 'text', blockId: `m${step}:0`, text: 'looking at the **next** file.' };
    case 2:
      return {
        type: 'tool_use',
        toolUseId: `tu${step}`,
        name: 'Bash',
        input: { command: `wc -l file-${step}.txt` },
      };
    case 3:
      return {
        type: 'tool_result',
        toolUseId: `tu${step}`,
        content: `${step} file-${step}.txt\n`.repeat(3),
        isError: false,
      };
    case 4:
      return { type: 'thinking', blockId: `m${step}:1`, text: `Thinking about step ${step}.` };
    default:
      return { type: 'text', blockId: `m${step}:2`, text: `Done with step ${step}.` };
  }
}
