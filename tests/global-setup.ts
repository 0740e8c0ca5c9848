// Builds the app once before the suites that start `out/main/serve.js` (integration and e2e).
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

export default function setup(): void {
  // For quick local runs of suites that do not start `serve` (unit, in-process engine).
  if (process.env.SWITCHBOARD_TEST_SKIP_BUILD === '1') return;
  const root = resolve(import.meta.dirname, '..');
  execFileSync(
    process.execPath,
    [resolve(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
}
