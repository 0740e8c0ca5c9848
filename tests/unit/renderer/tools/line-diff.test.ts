// The line diff behind the edit view: kept, removed and added lines with their line numbers.
import { describe, expect, it } from 'vitest';
import { diffLines } from '../../../../src/renderer/src/tools/line-diff';

const marks = (before: string, after: string) =>
  diffLines(before, after).map(
    (line) => `${{ same: ' ', removed: '-', added: '+' }[line.kind]}${line.text}`,
  );

describe('diffLines', () => {
  it('keeps common lines and marks the changed ones', () => {
    expect(marks('a\nb\nc\nd', 'a\nB\nc\nd\ne')).toEqual([' a', '-b', '+B', ' c', ' d', '+e']);
  });

  it('numbers lines in the old and the new text', () => {
    expect(diffLines('a\nb\nc', 'a\nc\nd')).toEqual([
      { kind: 'same', text: 'a', oldLine: 1, newLine: 1 },
      { kind: 'removed', text: 'b', oldLine: 2, newLine: null },
      { kind: 'same', text: 'c', oldLine: 3, newLine: 2 },
      { kind: 'added', text: 'd', oldLine: null, newLine: 3 },
    ]);
  });

  it('shows a new file as all added and an emptied one as all removed', () => {
    expect(marks('', 'x\ny')).toEqual(['+x', '+y']);
    expect(marks('x\ny', '')).toEqual(['-x', '-y']);
    expect(marks('', '')).toEqual([]);
  });

  it('diffs big files with few changes line by line', () => {
    const before = Array.from({ length: 50_000 }, (_, i) => `line ${i}`);
    const after = [...before];
    after[100] = 'changed';
    after.splice(40_000, 1);
    const lines = diffLines(before.join('\n'), after.join('\n'));
    expect(lines.filter((line) => line.kind !== 'same').map((line) => line.text)).toEqual([
      'line 100',
      'changed',
      'line 40000',
    ]);
    expect(lines).toHaveLength(50_001);
  });

  it('gives up on texts that differ almost everywhere: all out, then all in', () => {
    const text = (prefix: string) =>
      Array.from({ length: 6_000 }, (_, i) => (i === 3_000 ? 'shared' : `${prefix} ${i}`));
    const lines = diffLines(text('old').join('\n'), text('new').join('\n'));
    expect(lines).toHaveLength(12_000);
    expect(lines.some((line) => line.kind === 'same')).toBe(false);
    expect(lines.slice(0, 6_000).every((line) => line.kind === 'removed')).toBe(true);
    expect(lines[6_000]).toEqual({ kind: 'added', text: 'new 0', oldLine: null, newLine: 1 });
  });
});
