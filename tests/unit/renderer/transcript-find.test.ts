// Find in transcript on the data: every item's readable text counts (tool input and output, long
// answers whole), and a match in a long answer shown in full lands on the chunk row holding it.
import { describe, expect, it } from 'vitest';
import { withLongTexts } from '../../../src/renderer/src/views/run/long-text-rows';
import { findMatches, rowOfMatch } from '../../../src/renderer/src/views/run/transcript-find';
import type { TranscriptItem } from '../../../src/renderer/src/views/run/transcript-model';

const longAnswer = Array.from({ length: 450 }, (_, i) =>
  i === 349 ? 'the Needle' : `line ${i}`,
).join('\n');

const items: TranscriptItem[] = [
  { kind: 'prompt', key: 'e1', text: 'Find the needle', files: [] },
  {
    kind: 'tool',
    key: 'e2',
    toolUseId: 'tu1',
    name: 'Bash',
    input: { command: 'grep needle notes.txt', description: 'Look' },
    result: { content: 'a needle here\nand a NEEDLE there', isError: false },
    approvalIds: [],
    startedAt: 0,
    endedAt: 10,
  },
  { kind: 'thinking', key: 'e3', blockId: 'b1', text: 'No needles in thinking? One needle.' },
  { kind: 'text', key: 'e4', blockId: 'b2', text: longAnswer },
];

describe('findMatches', () => {
  it('counts each match in order, case-insensitively, with what must open to show it', () => {
    const matches = findMatches(items, 'needle');
    expect(matches.map((m) => `${m.key}#${m.nth}`)).toEqual([
      'e1#0',
      'e2#0',
      'e2#1',
      'e2#2',
      'e3#0',
      'e3#1',
      'e4#0',
    ]);
    expect(matches[1]?.reveal).toEqual({ tool: 'tu1' });
    expect(matches[4]?.reveal).toEqual({ thinking: true });
    expect(matches[6]?.reveal).toEqual({ longText: 'b2' });
    expect(findMatches(items, '   ')).toEqual([]);
  });
});

describe('rowOfMatch', () => {
  it('finds the chunk row of a long answer shown in full, and the item row otherwise', () => {
    const match = findMatches(items, 'needle').at(-1);
    if (!match) throw new Error('no match');
    const folded = withLongTexts(items, new Set());
    expect(rowOfMatch(folded, match, 'needle')).toEqual({ index: 3, nth: 0 });
    const shown = withLongTexts(items, new Set(['b2']));
    // Head row, then chunks of 100 lines: line 350 is in the fourth chunk.
    const row = rowOfMatch(shown, match, 'needle');
    expect(row).toEqual({ index: 3 + 4, nth: 0 });
    const chunk = shown[row?.index ?? -1];
    expect(chunk?.kind === 'text-chunk' && chunk.text.includes('the Needle')).toBe(true);
  });
});
