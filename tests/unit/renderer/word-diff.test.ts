// Intra-line highlight: a changed line marks only the words it changed.
import { describe, expect, it } from 'vitest';
import { unifiedRows, type DiffLine } from '../../../src/renderer/src/views/run/review/diff-model';
import { wordSegments } from '../../../src/renderer/src/views/run/review/word-diff';

const PATCH = [
  '--- a/app.ts',
  '+++ b/app.ts',
  '@@ -1,3 +1,3 @@',
  ' keep();',
  '-export const limit = 10;',
  '+export const limit = 20;',
  '-totally different old text here',
  '+a wholly unrelated replacement line',
  '',
].join('\n');

const lines = () =>
  unifiedRows(PATCH).filter((row): row is DiffLine & { kind: 'line' } => row.kind === 'line');

describe('wordSegments', () => {
  it('marks the changed word on both sides of a changed line, and nothing else', () => {
    const [context, del, add] = lines();
    expect(context && wordSegments(context)).toBeNull();
    expect(del && wordSegments(del)).toEqual([
      { text: 'export const limit = ', changed: false },
      { text: '10', changed: true },
      { text: ';', changed: false },
    ]);
    expect(add && wordSegments(add)).toEqual([
      { text: 'export const limit = ', changed: false },
      { text: '20', changed: true },
      { text: ';', changed: false },
    ]);
  });

  it('leaves a line that shares little with its other self unmarked', () => {
    const [, , , del, add] = lines();
    expect(del?.partner).toBe('a wholly unrelated replacement line');
    expect(del && wordSegments(del)).toBeNull();
    expect(add && wordSegments(add)).toBeNull();
  });

  it('marks nothing on a line added or deleted alone', () => {
    const alone = unifiedRows(
      ['--- a/x', '+++ b/x', '@@ -1,1 +1,2 @@', ' a', '+b c', ''].join('\n'),
    ).filter((row): row is DiffLine & { kind: 'line' } => row.kind === 'line');
    expect(alone[1]?.partner).toBeUndefined();
    expect(alone[1] && wordSegments(alone[1])).toBeNull();
  });
});
