/** The project's own tests (`npm test`): unit tests, and the suite run against the reference. */

import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/** The fault scoring first: its files are short but run longest, and a clean clone has no timings to go by. */
class ScoringFirst extends BaseSequencer {
  async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const scoring = (f: TestSpecification) => /fault-detection/.test(f.moduleId);
    return [...sorted.filter(scoring), ...sorted.filter((f) => !scoring(f))];
  }
}

export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: {
    include: ['test/**/*.test.ts'],
    pool: 'forks',
    // Each end-to-end test starts whole runs: two at a time in a file. Two files at once, as many
    // tests wait (timeouts, latency, hung targets) while another one's runs keep the cores busy.
    maxWorkers: 2,
    sequence: { sequencer: ScoringFirst },
    maxConcurrency: 2,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
