// Test runner setup: unit, integration and e2e suites share one run of `npm test`.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // The integration and e2e suites drive real Claude Code processes and Chromium: on two cores
    // running files one at a time keeps timings predictable.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    globalSetup: ['tests/global-setup.ts'],
    setupFiles: ['tests/setup-failure-report.ts'],
  },
});
