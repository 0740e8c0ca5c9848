// The words that changed within a changed line (intra-line highlight): the line as segments, each
// marked when it is not in the line's other self. Lines that share little are not marked at all:
// every word would be, which says nothing the line's colour does not.
import { diffWordsWithSpace } from 'diff';
import type { DiffLine } from './diff-model';

export interface WordSegment {
  text: string;
  changed: boolean;
}

/** Longer lines are drawn plain: a word diff of minified code would cost more than it shows. */
const MAX_CHARS = 2_000;
/** Past this share of the line changed, marking words says nothing more. */
const MOST_CHANGED = 0.6;

export function wordSegments(line: DiffLine): WordSegment[] | null {
  const { partner } = line;
  if (partner === undefined || line.type === 'context') return null;
  if (line.text.length > MAX_CHARS || partner.length > MAX_CHARS) return null;
  const [before, after] = line.type === 'del' ? [line.text, partner] : [partner, line.text];
  const segments: WordSegment[] = [];
  let changedChars = 0;
  for (const part of diffWordsWithSpace(before, after)) {
    // A deleted line shows what was removed; an added one what was added.
    if (line.type === 'del' ? part.added : part.removed) continue;
    const changed = line.type === 'del' ? part.removed : part.added;
    if (changed) changedChars += part.value.length;
    segments.push({ text: part.value, changed });
  }
  if (changedChars === 0 || changedChars > line.text.length * MOST_CHANGED) return null;
  return segments;
}
