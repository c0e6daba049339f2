/**
 * The conformance run: suites/ against the target. The CLI (`npm run conformance`) runs
 * this configuration; `npx vitest run` works too and writes the same reports.
 */

import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

const reportDir = process.env.RUNAI_REPORT_DIR || 'reports';

export default defineConfig({
  test: {
    include: ['suites/**/*.test.ts'],
    globalSetup: ['src/harness/global-setup.ts'],
    // Listed explicitly so that sharded runs (blob reports) keep the Allure runtime.
    setupFiles: ['allure-vitest/setup'],
    pool: 'forks',
    // Files in flight at once: RUNAI_WORKERS (--workers); more than cores pays off against a slow target.
    maxWorkers: Number(process.env.RUNAI_WORKERS) || 2,
    fileParallelism: true,
    // Files share modules within a worker: one client pool and one Ajv per worker, not per file.
    isolate: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
    teardownTimeout: 60_000,
    reporters: [
      'default',
      './reporters/outcome-reporter.ts',
      ['junit', { outputFile: join(reportDir, 'junit.xml') }],
      // Matchers off: every expect() inside a property would become a step.
      ['allure-vitest/reporter', { resultsDir: join(reportDir, 'allure-results'), reportMatchers: false }],
    ],
  },
});
