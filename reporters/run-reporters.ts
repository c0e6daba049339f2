/**
 * Every report a conformance run writes, as vitest reporters and setup files: the terminal
 * output, per-requirement outcomes (results.json and JUnit XML, from one computation) and
 * Allure results, whose labels and steps come from a setup file that observes each check.
 */
import { join } from 'node:path';
import type { TestUserConfig } from 'vitest/node';

/** A mutation session runs the suite once per mutant and reads results.json alone: no Allure results. */
const allure = process.env.RUNAI_MUTATION_SESSION !== '1';

export function runReporters(reportDir: string): NonNullable<TestUserConfig['reporters']> {
  return [
    // Quiet by default: a progress line, the runner's own output in run.log; --verbose shows it too.
    ...(process.env.RUNAI_VERBOSE === 'true' ? ['default'] : []),
    ['./reporters/progress-reporter.ts', { reportDir }],
    './reporters/outcome-reporter.ts',
    // Matchers off: every expect() inside a property would become a step.
    ...(allure
      ? [['allure-vitest/reporter', { resultsDir: join(reportDir, 'allure-results'), reportMatchers: false }]]
      : []),
  ] as NonNullable<TestUserConfig['reporters']>;
}

// The Allure runtime is listed explicitly so that sharded runs (blob reports) keep it.
export const runSetupFiles = allure ? ['allure-vitest/setup', './reporters/allure-labels.ts'] : [];
