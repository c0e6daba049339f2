import { beforeAll, describe, expect, it } from 'vitest';
import { faults } from '../../reference/faults.ts';
import { requirement } from '../../spec/requirements.ts';
import { runCli, failedIds } from '../support/run-cli.ts';
import { filesThatCatch } from '../support/fault-scope.ts';
import type { RunResults } from '../../src/runner/outcomes.ts';

// Each fault switched on in the embedded reference must fail at least one of the
// requirements it names; the run is non-conformant (exit 1) when one of those is a MUST.
// Only the suite files that can catch the fault run, with fewer random property runs:
// the designed examples of each property run every time.
let clean: RunResults;
beforeAll(async () => {
  const run = await runCli(['run']);
  expect(run.code).toBe(0);
  clean = run.results!;
});

describe.concurrent('each reference fault is caught by its requirement', () => {
  for (const fault of faults) {
    it(`${fault.id}: ${fault.description}`, async () => {
      const files = filesThatCatch(clean, fault.caughtBy);
      const only = files ? ['--only', files.join(',')] : [];
      const run = await runCli(['run', '--reference-faults', fault.id, ...only], { RUNAI_FC_RUNS: '10' });
      const failed = failedIds(run);
      const caught = failed.filter((id) => (fault.caughtBy as readonly string[]).includes(id));
      expect(caught, `failed: ${failed.join(', ') || 'nothing'}`).not.toEqual([]);
      expect(run.code).toBe(caught.some((id) => requirement(id).level === 'MUST') ? 1 : 0);
    });
  }
});
