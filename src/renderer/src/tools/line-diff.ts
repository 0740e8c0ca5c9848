// An edit as a list of kept, removed and added lines with their line numbers, computed by jsdiff
// (Myers, O((n+m)·d)); a diff too costly to compute shows as all lines out, then all lines in.
import { diffArrays } from 'diff';

export interface DiffLine {
  kind: 'same' | 'removed' | 'added';
  text: string;
  /** 1-based line number in the old text; null for an added line. */
  oldLine: number | null;
  /** 1-based line number in the new text; null for a removed line. */
  newLine: number | null;
}

/** Past this many differing lines the diff is not worth the render thread's time. */
const MAX_EDIT_LENGTH = 5_000;
/** …nor past this many milliseconds, whatever the count. */
const TIMEOUT_MS = 200;

export function diffLines(before: string, after: string): DiffLine[] {
  const a = before === '' ? [] : before.split('\n');
  const b = after === '' ? [] : after.split('\n');
  const changes = diffArrays(a, b, { maxEditLength: MAX_EDIT_LENGTH, timeout: TIMEOUT_MS }) ?? [
    { value: a, added: false, removed: true, count: a.length },
    { value: b, added: true, removed: false, count: b.length },
  ];
  const lines: DiffLine[] = [];
  let oldLine = 1;
  let newLine = 1;
  for (const change of changes) {
    for (const text of change.value) {
      if (change.removed) lines.push({ kind: 'removed', text, oldLine: oldLine++, newLine: null });
      else if (change.added) lines.push({ kind: 'added', text, oldLine: null, newLine: newLine++ });
      else lines.push({ kind: 'same', text, oldLine: oldLine++, newLine: newLine++ });
    }
  }
  return lines;
}
