// Benchmarks for reviewing a big change. Targets (printed, not asserted): turning a 5,000-line
// file patch into unified rows < 50 ms and into side-by-side rows < 50 ms; the engine's git diff
// of a 5,000-line change (three git calls and parsing) < 1,000 ms.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTwoFilesPatch } from 'diff';
import { describe, it } from 'vitest';
import { diffCommits } from '../src/main/engine/review/git-diff';
import { splitRows, unifiedRows } from '../src/renderer/src/views/run/review/diff-model';
import { measure } from './measure';

const before = Array.from({ length: 5_000 }, (_, i) => `const value${i} = ${i};`).join('\n');
const after = Array.from({ length: 5_000 }, (_, i) =>
  i % 3 === 0 ? `const value${i} = ${i * 2}; // changed` : `const value${i} = ${i};`,
).join('\n');
const patch = createTwoFilesPatch('a/big.ts', 'b/big.ts', before, after);

describe('diff rows in the panel', () => {
  it('parses a 5,000-line patch', () => {
    measure('unified rows of a 5,000-line file patch', 50, () => unifiedRows(patch));
    const rows = unifiedRows(patch);
    measure('side-by-side rows of the same patch', 50, () => splitRows(rows));
  });
});

describe('git diff in the engine', () => {
  it('diffs a 5,000-line change', async () => {
    const repo = mkdtempSync(join(tmpdir(), 'sb-bench-git-'));
    const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, encoding: 'utf8' });
    git('init', '-q');
    writeFileSync(join(repo, 'big.ts'), before);
    git('add', '-A');
    git('-c', 'user.name=b', '-c', 'user.email=b@example.com', 'commit', '-q', '-m', 'a');
    writeFileSync(join(repo, 'big.ts'), after);
    git('add', '-A');
    git('-c', 'user.name=b', '-c', 'user.email=b@example.com', 'commit', '-q', '-m', 'b');
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const started = performance.now();
      await diffCommits(repo, 'HEAD~1', 'HEAD');
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    const median = times[2] ?? 0;
    console.log(
      `[bench] git diff of a 5,000-line change: ${median.toFixed(2)} ms (target ≤ 1000 ms) — ${median <= 1000 ? 'within target' : 'OVER TARGET'}`,
    );
  });
});
