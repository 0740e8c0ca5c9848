// The palette's matching: exact words first, in the order items have; then fuzzy label matches.
import { describe, expect, it } from 'vitest';
import { filterItems, fuzzyScore } from '../../../src/renderer/src/palette/palette-filter';

function item(id: string, label: string, detail?: string) {
  return { id, label, detail };
}

const ITEMS = [
  item('go:/', 'Home'),
  item('task:a', 'Open task: Changelog writer'),
  item('task:b', 'Open task: Check the weather'),
  item('run:r1', 'Open run: Changelog writer · Mon 17:07', 'Succeeded · write the notes'),
];

describe('palette matching', () => {
  it('finds a task by a fuzzy query, best match first', () => {
    const found = filterItems(ITEMS, 'chgwriter', new Set()).map((entry) => entry.id);
    expect(found.slice(0, 2).sort()).toEqual(['run:r1', 'task:a']);
    expect(found).not.toContain('go:/');
    expect(found).not.toContain('task:b');
  });

  it('keeps exact word matches first and in their order', () => {
    const found = filterItems(ITEMS, 'open changelog', new Set()).map((entry) => entry.id);
    expect(found).toEqual(['task:a', 'run:r1']);
  });

  it('scores letters that start words or follow each other higher', () => {
    const tight = fuzzyScore('cw', 'changelog writer') ?? 0;
    const loose = fuzzyScore('ce', 'changelog writer') ?? 0;
    expect(tight).toBeGreaterThan(loose);
    expect(fuzzyScore('xyz', 'changelog writer')).toBeNull();
  });
});
