// What tells runs of one task apart: the words past the prompt they share (runs of one task mostly
// repeat the task's prompt; a webhook body, dropped files or a follow-up's message differ), read
// without the fence and note that wrap outside text, for Home, the Runs list and the palette.
import type { Run } from '../../../shared/domain';
import { oneLine } from './format';

type NamedRun = Pick<Run, 'id' | 'taskId' | 'prompt'>;

/** The note and fence lines around outside text (engine/untrusted): the same in every run. */
const FENCE_LINE = /^<\/?untrusted-input-[0-9a-f]+>$/;
const NOTE_LINE = /^The block below is .* any other end marker inside it is part of the data\.$/;

/** The prompt as a person reads it: outside text without the lines that wrap it. */
export function readablePrompt(prompt: string): string {
  if (!prompt.includes('untrusted-input-')) return prompt;
  return prompt
    .split('\n')
    .filter((line) => !FENCE_LINE.test(line) && !NOTE_LINE.test(line))
    .join('\n');
}

function sharedStart(texts: readonly string[]): number {
  const [first, ...rest] = texts;
  if (first === undefined) return 0;
  let end = first.length;
  for (const text of rest) {
    let i = 0;
    while (i < end && i < text.length && text[i] === first[i]) i++;
    end = i;
  }
  return end;
}

/**
 * For each run, the first words past the prompt it shares with the other runs of its task in
 * `runs` (cut back to a word's start, so no word shows half; led by … when past the start),
 * flattened to one line; '' when nothing differs (its task's only run here, or the same prompt as the others).
 */
export function runDifferences(runs: readonly NamedRun[], maxChars = 80): Map<string, string> {
  const byTask = new Map<string, NamedRun[]>();
  for (const run of runs) byTask.set(run.taskId, [...(byTask.get(run.taskId) ?? []), run]);
  const differences = new Map<string, string>();
  for (const group of byTask.values()) {
    const prompts = group.map((run) => readablePrompt(run.prompt));
    const distinct = new Set(prompts).size > 1;
    const start = distinct ? sharedStart(prompts) : 0;
    group.forEach((run, index) => {
      const prompt = prompts[index] ?? '';
      if (!distinct) {
        differences.set(run.id, '');
        return;
      }
      // Back to the start of the word the difference falls in.
      let from = start;
      while (from > 0 && !/\s/.test(prompt[from - 1] ?? ' ')) from--;
      const words = oneLine(prompt.slice(from), maxChars);
      differences.set(run.id, from > 0 && words ? `…${words}` : words);
    });
  }
  return differences;
}
