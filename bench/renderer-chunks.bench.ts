// What the panel's first screen loads: the built renderer's entry script and the chunks its
// index.html preloads, against every script chunk. Reads `out/renderer` (run `npm run build`
// first); the target is half of the single 1,128 kB chunk the panel shipped before code-splitting.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { it } from 'vitest';
import { report } from './support';

const OUT = resolve(import.meta.dirname, '../out/renderer');
const BEFORE_KB = 1_128.22;

it('loads less than half of the old main chunk on the first screen', () => {
  const html = readFileSync(join(OUT, 'index.html'), 'utf8');
  const firstScreen = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map(
    (match) => match[1] ?? '',
  );
  const kb = (file: string) => statSync(join(OUT, file)).size / 1_000;
  const firstKb = firstScreen.reduce((sum, file) => sum + kb(file), 0);
  const all = readdirSync(join(OUT, 'assets')).filter((file) => file.endsWith('.js'));
  const totalKb = all.reduce((sum, file) => sum + kb(join('assets', file)), 0);
  const largest = all
    .map((file) => ({ file, size: kb(join('assets', file)) }))
    .sort((a, b) => b.size - a.size)
    .slice(0, 5);
  report('renderer first screen (entry + preloaded chunks)', firstKb, 'kB', {
    max: BEFORE_KB / 2,
  });
  report('renderer every script chunk', totalKb, 'kB');
  for (const chunk of largest) report(`  chunk ${chunk.file}`, chunk.size, 'kB');
});
