// Taking a folder's snapshot in slices: the same files as a scan in one go, while the event loop
// keeps turning (a timer fires during the scan of a large folder).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  createPathFilter,
  scanFolder,
  scanFolderInSlices,
} from '../../../../src/main/engine/triggers/folder-snapshot';
import { tempDir } from '../../../support/claude-env';

describe('scanning a folder in slices', () => {
  it('finds what a scan in one go finds, and lets timers run meanwhile', async () => {
    const folder = tempDir('slices');
    for (let d = 0; d < 40; d++) {
      const sub = join(folder, `d${d}`);
      mkdirSync(sub);
      for (let f = 0; f < 50; f++) writeFileSync(join(sub, `f${f}.md`), 'x');
      writeFileSync(join(sub, 'skip.txt'), 'x');
    }
    const filter = createPathFilter(folder, '*.md', []);
    let ticks = 0;
    const timer = setInterval(() => ticks++, 0);
    const sliced = await scanFolderInSlices(folder, filter, 0);
    clearInterval(timer);
    expect(ticks).toBeGreaterThan(0);
    expect(sliced.size).toBe(2_000);
    expect([...sliced.keys()].sort()).toEqual([...scanFolder(folder, filter).keys()].sort());
  });
});
