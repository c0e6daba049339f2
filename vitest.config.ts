/**
 * The conformance run: suites/ against the target. The CLI (`npm run conformance`) runs
 * this configuration; `npx vitest run` works too and writes the same reports.
 */

import { defineConfig } from 'vitest/config';
import { runReporters, runSetupFiles } from './reporters/run-reporters.ts';

const reportDir = process.env.RUNAI_REPORT_DIR || 'reports';

export default defineConfig({
  test: {
    include: ['suites/**/*.test.ts'],
    globalSetup: ['src/harness/global-setup.ts'],
    setupFiles: runSetupFiles,
    pool: 'forks',
    // Files in flight at once: RUNAI_WORKERS (--workers); more than cores pays off against a slow target.
    maxWorkers: Number(process.env.RUNAI_WORKERS) || 4,
    fileParallelism: true,
    // Tests of a file run together (the lifecycle says describe.sequential): on a remote target
    // latency, not CPU, is the cost, and the network budget (RUNAI_CONCURRENCY) bounds the load.
    sequence: { concurrent: true },
    maxConcurrency: 8,
    // Files share modules within a worker: one client pool and one Ajv per worker, not per file.
    isolate: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
    teardownTimeout: 60_000,
    reporters: runReporters(reportDir),
  },
});
