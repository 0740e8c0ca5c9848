// Benchmarks run as their own vitest project: they print figures against targets, never assert
// on timing, and are not part of `npm test`.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['bench/**/*.bench.ts'],
    fileParallelism: false,
    // A loaded machine stretches the 10 start pairs well past their usual 2–3 minutes.
    testTimeout: 900_000,
  },
});
