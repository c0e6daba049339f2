import { describe, expect, it } from 'vitest';
import { faults } from '../../reference/faults.ts';
import { runCli, failedIds } from '../support/run-cli.ts';

// Each fault switched on in the embedded reference must make the run non-conformant and
// fail at least one of the requirements the fault names.
describe.concurrent('each reference fault is caught by its requirement', () => {
  for (const fault of faults) {
    it(`${fault.id}: ${fault.description}`, async () => {
      const run = await runCli(['run', '--reference-faults', fault.id]);
      const failed = failedIds(run);
      expect(failed.filter((id) => (fault.caughtBy as readonly string[]).includes(id)), `failed: ${failed.join(', ')}`).not.toEqual([]);
      expect(run.code).toBe(1);
    });
  }
});
