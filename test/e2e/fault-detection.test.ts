import { describe, expect, it } from 'vitest';
import { faults } from '../../reference/faults.ts';
import { requirement } from '../../spec/requirements.ts';
import { runCli, failedIds } from '../support/run-cli.ts';

// Each fault switched on in the embedded reference must fail at least one of the
// requirements it names; the run is non-conformant (exit 1) when one of those is a MUST.
describe.concurrent('each reference fault is caught by its requirement', () => {
  for (const fault of faults) {
    it(`${fault.id}: ${fault.description}`, async () => {
      const run = await runCli(['run', '--reference-faults', fault.id]);
      const failed = failedIds(run);
      const caught = failed.filter((id) => (fault.caughtBy as readonly string[]).includes(id));
      expect(caught, `failed: ${failed.join(', ') || 'nothing'}`).not.toEqual([]);
      expect(run.code).toBe(caught.some((id) => requirement(id).level === 'MUST') ? 1 : 0);
    });
  }
});
