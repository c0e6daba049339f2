/**
 * vitest reporter: gathers every test's conformance metadata at the end of the run,
 * computes per-requirement outcomes and writes `<reportDir>/results.json`, which the CLI,
 * the summary and the other reports read.
 */
import { mkdirSync } from 'node:fs';
import { relative } from 'node:path';
import type { SerializedError } from 'vitest';
import type { Reporter, TestModule } from 'vitest/node';
import { redactText, registerRedacted, registerSecret } from '../src/client/secrets.ts';
import { headerRecord, loadConfig } from '../src/config/run-config.ts';
import { redactForeignText } from '../src/model/foreign-data.ts';
import { computeOutcomes, type TestRecord } from './outcomes.ts';
import { writeResults } from './run-report.ts';

export default class OutcomeReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<SerializedError>): void {
    const config = loadConfig(process.env);
    for (const secret of [config.token, config.clientSecret, config.viewerToken]) registerSecret(secret);
    for (const value of Object.values(headerRecord(config.headers))) registerRedacted(value);
    const tests: TestRecord[] = [];
    const redact = (text: string) => redactForeignText(redactText(text));
    const errors: string[] = unhandledErrors.map((e) => redact(e.message ?? String(e)));
    for (const mod of testModules) {
      for (const e of mod.errors()) errors.push(redact(`${relative(process.cwd(), mod.moduleId)}: ${e.message}`));
      for (const testCase of mod.children.allTests()) {
        const result = testCase.result();
        tests.push({
          name: testCase.fullName,
          file: relative(process.cwd(), mod.moduleId),
          state: result.state,
          errors: (result.errors ?? []).map((e) => redact(e.message ?? '')),
          meta: testCase.meta().conformance,
          ms: testCase.diagnostic()?.duration,
        });
      }
    }
    const results = computeOutcomes(tests, config.profile, errors);
    mkdirSync(config.reportDir, { recursive: true });
    writeResults(config.reportDir, results);
  }
}
