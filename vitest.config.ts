// Test runner setup: three projects, run in order by `npm test` (what CI runs).
// - unit: no build, no real Claude Code, no real time; files run in parallel (`npm run test:unit`).
// - integration: real Claude Code against the fake Anthropic API, real git, SQLite and files.
// - e2e: the built app (`out/main/serve.js`) driven through Chromium.
// The last two start real processes, two files at a time: each file has its own data folder,
// Claude Code config folder, keychain service and ports (0: the system picks), and most of a
// file's time is spent waiting on those processes. Their global setup builds the app once
// (SWITCHBOARD_TEST_SKIP_BUILD=1 skips it).
import { defineConfig } from 'vitest/config';

// Projects run in groupOrder, unit first. Orders start at 1: Vitest moves a one-worker project
// left at order 0 into a group of its own that runs after all the others.
const shared = {
  setupFiles: ['tests/setup-failure-report.ts'],
  // expect.poll gives up after 1 s by default: shorter than a reconnecting push stream's backoff
  // or a page's next read on a loaded machine. A poll still ends at its first passing check.
  expect: { poll: { timeout: 10_000 } },
};

// Files that start real processes: two at a time (SWITCHBOARD_TEST_WORKERS=1 for one at a time,
// e.g. to tell a race between two files from a bug in one).
const twoAtATime = {
  fileParallelism: true,
  maxWorkers: Number(process.env.SWITCHBOARD_TEST_WORKERS) || 2,
};

export default defineConfig({
  test: {
    projects: [
      {
        extends: true,
        test: {
          ...shared,
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          fileParallelism: true,
          // One worker per core: Vitest's default (cores - 1) is a single worker on two cores.
          maxWorkers: '100%',
          // Generous for a unit test: the two cores are often shared with other suites.
          testTimeout: 30_000,
          hookTimeout: 30_000,
          sequence: { groupOrder: 1 },
        },
      },
      {
        extends: true,
        test: {
          ...shared,
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          ...twoAtATime,
          testTimeout: 60_000,
          hookTimeout: 120_000,
          globalSetup: ['tests/global-setup.ts'],
          sequence: { groupOrder: 2 },
        },
      },
      {
        extends: true,
        test: {
          ...shared,
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts', 'tests/e2e-electron/**/*.test.ts'],
          ...twoAtATime,
          testTimeout: 60_000,
          hookTimeout: 120_000,
          globalSetup: ['tests/global-setup.ts'],
          sequence: { groupOrder: 3 },
        },
      },
    ],
  },
});
