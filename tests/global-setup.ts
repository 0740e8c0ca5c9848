// Builds the app once before the suites that start `out/main/serve.js` (integration and e2e).
import { buildApp } from './support/build-app';

export default function setup(): void {
  // For quick local runs of suites that do not start `serve` (unit, in-process engine).
  if (process.env.SWITCHBOARD_TEST_SKIP_BUILD === '1') return;
  buildApp();
}
