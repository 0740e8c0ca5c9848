// Taking back some of a file's changes: the chosen hunks of the run's patch (as runs.diff shows
// it), reversed and applied to the file as the run left it. Hunks are counted as the panel counts
// them (the same patch, parsed by the same library), so "the second change" means the same there.
import { applyPatch, parsePatch, reversePatch, type StructuredPatch } from 'diff';
import type { HunkState } from '../../../shared/domain';
import type { ReverseOutcome } from './reverse-patch';

function parsed(patch: string): StructuredPatch | null {
  try {
    return parsePatch(patch)[0] ?? null;
  } catch {
    return null;
  }
}

/** How many hunks a file's patch has (0 when it cannot be read). */
export function hunkCount(patch: string): number {
  return parsed(patch)?.hunks.length ?? 0;
}

/** `current` (the file as the run left it) with the chosen hunks of `patch` taken back. */
export function takeBackHunks(current: Buffer, patch: string, hunks: number[]): ReverseOutcome {
  const whole = parsed(patch);
  if (whole === null) return { ok: false, reason: 'its patch could not be read' };
  const wanted = new Set(hunks);
  const chosen = { ...whole, hunks: whole.hunks.filter((_, index) => wanted.has(index)) };
  const applied = applyPatch(current.toString('utf8'), reversePatch(chosen), { fuzzFactor: 0 });
  if (applied === false) {
    return { ok: false, reason: 'the chosen changes do not come off cleanly' };
  }
  return { ok: true, content: Buffer.from(applied, 'utf8') };
}

/**
 * Where each hunk of the run's patch stands in the file now: still as the run left it (it can be
 * taken back), taken back already, or changed since (neither applies cleanly).
 */
export function hunkStates(current: Buffer | null, patch: string): HunkState[] {
  const whole = parsed(patch);
  if (whole === null) return [];
  const text = current === null ? '' : current.toString('utf8');
  return whole.hunks.map((hunk) => {
    const one = { ...whole, hunks: [hunk] };
    if (applyPatch(text, reversePatch(one), { fuzzFactor: 0 }) !== false) return 'in_place';
    if (applyPatch(text, one, { fuzzFactor: 0 }) !== false) return 'taken_back';
    return 'changed';
  });
}
