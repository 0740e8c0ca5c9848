// Builds the app into out/ with electron-vite, for what starts `out/main/serve.js` or the engine
// host (the test suites' global setup, the host benchmarks).
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

export function buildApp(): void {
  const root = resolve(import.meta.dirname, '../..');
  execFileSync(
    process.execPath,
    [resolve(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'],
    { cwd: root, stdio: 'inherit' },
  );
}
