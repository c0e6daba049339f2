/** The project's own tests (`npm test`): unit tests, and the suite run against the reference. */

import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: {
    include: ['test/**/*.test.ts'],
    pool: 'forks',
    // Each end-to-end test starts whole runs: two at a time in a file. Two files at once, as many
    // tests wait (timeouts, latency, hung targets) while another one's runs keep the cores busy.
    maxWorkers: 2,
    maxConcurrency: 2,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
