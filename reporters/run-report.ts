/**
 * The reports of a finished run, computed once: the outcomes the reporter recorded, with what
 * only the end of the run knows (users left behind, failed requests, a target that stopped
 * answering, provenance), written as results.json, JUnit and Allure that all say the same.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunPolicy } from '../src/config/waivers.ts';
import { readLeftovers } from '../src/harness/created-users.ts';
import { readFailures, targetStopped } from '../src/harness/failed-requests.ts';
import { EXCHANGES, readLog } from '../src/harness/worker-logs.ts';
import { writeRequirementAllure } from './allure-requirements.ts';
import { type LoggedExchange, writeHar } from './har-export.ts';
import { junitXml } from './junit-report.ts';
import { computeOutcomes, type Provenance, type RunResults } from './outcomes.ts';
import { type CountedExchange, requestStats } from './request-stats.ts';

export const RESULTS_FILE = 'results.json';
export const JUNIT_FILE = 'junit.xml';

/** results.json and junit.xml from the same results. */
export function writeResults(reportDir: string, results: RunResults): void {
  writeFileSync(join(reportDir, RESULTS_FILE), JSON.stringify(results, null, 2));
  writeFileSync(join(reportDir, JUNIT_FILE), junitXml(results));
}

/** What only the end of the run knows, given what the reporter recorded. */
export interface RunEnd {
  policy: RunPolicy;
  provenance: Provenance;
  /** Seconds from start to end, beside the network time summed over concurrent requests. */
  wallSeconds?: number;
}

export function finishRun(reportDir: string, endOf: (recorded: RunResults) => RunEnd): RunResults {
  const recorded = JSON.parse(readFileSync(join(reportDir, RESULTS_FILE), 'utf8')) as RunResults;
  const end = endOf(recorded);
  const failures = readFailures(reportDir);
  // The exchange log is read once, for the counts and the HAR file.
  const exchanges = readLog<LoggedExchange & CountedExchange>(reportDir, EXCHANGES);
  const results: RunResults = {
    ...computeOutcomes(recorded.tests, recorded.profile, recorded.errors, {
      targetStopped: targetStopped(failures),
      policy: end.policy,
    }),
    provenance: end.provenance,
    // Users the teardown could not delete belong to the results: they make the run uncertifiable.
    leftovers: readLeftovers(reportDir),
    requests: requestStats(exchanges, failures, end.wallSeconds),
    insecure: end.provenance.insecure || undefined,
  };
  writeResults(reportDir, results);
  writeRequirementAllure(reportDir, results);
  writeHar(reportDir, exchanges, end.provenance.suite.version);
  return results;
}
