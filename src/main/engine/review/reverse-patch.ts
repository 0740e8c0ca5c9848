// Takes back only the run's part of a file someone else changed too: the run's changes to it, one
// tool-call interval at a time, undone newest first on the file as it is now. Each undo must
// apply exactly (its lines and their context unchanged); otherwise nothing is written and the
// reason is given, so the person can keep their version or restore the start instead.
import { applyPatch, structuredPatch } from 'diff';

/** The file before and after one interval in which the run changed it; null: it did not exist. */
export interface RunPart {
  before: Buffer | null;
  after: Buffer | null;
}

export type ReverseOutcome = { ok: true; content: Buffer | null } | { ok: false; reason: string };

export function takeBackRunPart(current: Buffer | null, parts: RunPart[]): ReverseOutcome {
  let content = current;
  for (const part of [...parts].reverse()) {
    const next = undoPart(content, part);
    if (!next.ok) return next;
    content = next.content;
  }
  return { ok: true, content };
}

function undoPart(content: Buffer | null, part: RunPart): ReverseOutcome {
  const { before, after } = part;
  if (after === null) {
    // The run deleted the file: taking that back brings it back, if nobody made a new one.
    if (content !== null) {
      return {
        ok: false,
        reason: 'The run deleted this file and it has been created again since.',
      };
    }
    return { ok: true, content: before };
  }
  if (content === null) {
    return { ok: false, reason: 'The file was deleted after the run changed it.' };
  }
  if (before === null) {
    // The run created the file: taking that back removes it, only if it is still as the run left it.
    if (content.equals(after)) return { ok: true, content: null };
    return { ok: false, reason: 'The run created this file and it was changed after that.' };
  }
  if (isBinary(before) || isBinary(after) || isBinary(content)) {
    return {
      ok: false,
      reason: 'This is a binary file, so the run’s part cannot be taken back alone.',
    };
  }
  const reverse = structuredPatch('run', 'start', after.toString('utf8'), before.toString('utf8'));
  const applied = applyPatch(content.toString('utf8'), reverse, { fuzzFactor: 0 });
  if (applied === false) {
    return {
      ok: false,
      reason:
        'The lines around the run’s change were changed since, so its part does not come off cleanly.',
    };
  }
  return { ok: true, content: Buffer.from(applied, 'utf8') };
}

/** Not text this can patch: NUL bytes, or bytes that are not UTF-8 (they would not come back). */
function isBinary(content: Buffer): boolean {
  if (content.subarray(0, 8000).includes(0)) return true;
  return !Buffer.from(content.toString('utf8'), 'utf8').equals(content);
}
