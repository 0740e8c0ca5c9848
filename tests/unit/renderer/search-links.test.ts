// Where a search hit leads: its run at its event with the matched word, and there the match
// nearest at or before that event (the palette's entries are covered by e2e/search and e2e/export).
import { describe, expect, it } from 'vitest';
import type { SearchHit } from '../../../src/shared/domain';
import { lastMatchUpTo } from '../../../src/renderer/src/views/run/transcript-find';
import { hitPath } from '../../../src/renderer/src/views/search/search-filter';

describe('search hits', () => {
  it('open the run at the event, finding the word that matched there', () => {
    const hit = {
      runId: 'run/1',
      seq: 42,
      snippet: [
        { text: 'found ', match: false },
        { text: 'Quokka', match: true },
      ],
    } as SearchHit;
    expect(hitPath(hit)).toBe('/runs/run%2F1?event=42&find=Quokka');
  });

  it('go to the first match of the nearest item at or before the event', () => {
    const matches = [
      { key: 'e3', nth: 0, reveal: null },
      { key: 'e10', nth: 0, reveal: null },
      { key: 'e10', nth: 1, reveal: null },
      { key: 'e50', nth: 0, reveal: null },
    ];
    // A tool's output (seq 12) belongs to the card its call (seq 10) opened.
    expect(lastMatchUpTo(matches, 12)).toBe(1);
    expect(lastMatchUpTo(matches, 50)).toBe(3);
    expect(lastMatchUpTo(matches, 2)).toBe(-1);
  });
});
