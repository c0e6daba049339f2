/**
 * The conformance run: suites/ against the target. The CLI (`npm run conformance`) runs
 * this configuration and adds its reporters; `npx vitest run` works too.
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['suites/**/*.test.ts'],
    globalSetup: ['src/harness/global-setup.ts'],
    pool: 'forks',
    // Requests are I/O-bound: more files in flight than cores.
    maxWorkers: 4,
    fileParallelism: true,
    testTimeout: 120_000,
    hookTimeout: 120_000,
    teardownTimeout: 60_000,
  },
});
