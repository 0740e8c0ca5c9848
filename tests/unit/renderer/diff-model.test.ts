// The diff viewer's rows: line numbers on both sides, changed lines paired side by side, and
// where a comment on a line points.
import { describe, expect, it } from 'vitest';
import {
  anchorOf,
  splitRows,
  unifiedRows,
} from '../../../src/renderer/src/views/run/review/diff-model';

const PATCH = [
  'diff --git a/f.ts b/f.ts',
  '--- a/f.ts',
  '+++ b/f.ts',
  '@@ -1,4 +1,3 @@',
  ' keep',
  '-old two',
  '-old three',
  '+new two',
  ' four',
  '\\ No newline at end of file',
  '',
].join('\n');

describe('diff rows', () => {
  it('numbers old and new lines and skips the no-newline marker', () => {
    const rows = unifiedRows(PATCH);
    expect(
      rows.map((r) => (r.kind === 'hunk' ? 'hunk' : `${r.type}:${r.oldLine}:${r.newLine}`)),
    ).toEqual(['hunk', 'context:1:1', 'del:2:null', 'del:3:null', 'add:null:2', 'context:4:3']);
  });

  it('shows a patch it cannot read as one note instead of failing', () => {
    expect(unifiedRows('@@ -1,1 +1,1 @@\n-a\n-b\n')).toEqual([
      { kind: 'hunk', header: 'This patch could not be read.', index: -1 },
    ]);
  });

  it('pairs deleted and added lines of one change side by side', () => {
    const pairs = splitRows(unifiedRows(PATCH)).flatMap((row) =>
      row.kind === 'pair' ? [[row.left?.text ?? null, row.right?.text ?? null]] : [],
    );
    expect(pairs).toEqual([
      ['keep', 'keep'],
      ['old two', 'new two'],
      ['old three', null],
      ['four', 'four'],
    ]);
  });

  it('anchors a comment on the new line when there is one, else the old', () => {
    const lines = unifiedRows(PATCH).flatMap((row) => (row.kind === 'line' ? [row] : []));
    expect(lines.map((line) => anchorOf(line))).toEqual([
      { side: 'new', line: 1 },
      { side: 'old', line: 2 },
      { side: 'old', line: 3 },
      { side: 'new', line: 2 },
      { side: 'new', line: 3 },
    ]);
  });
});
