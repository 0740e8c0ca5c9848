// Builds the app once before the suites that start `out/main/serve.js` (integration and e2e).
// Both projects name this setup; it runs in vitest's own process, so the second one finds the
// build already made in this run and skips it.
import { buildApp } from './support/build-app';

export default function setup(): void {
  // For quick reruns of one integration or e2e file after `npm run build`.
  if (process.env.SWITCHBOARD_TEST_SKIP_BUILD === '1') return;
  if (process.env.SWITCHBOARD_TEST_BUILT === '1') return;
  buildApp();
  process.env.SWITCHBOARD_TEST_BUILT = '1';
}
