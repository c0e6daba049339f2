import { beforeAll, describe, expect, it } from 'vitest';
import type { RunResults } from '../../reporters/outcomes.ts';
import { cleanRun, faults, scoreFault, scoreVariant, variants } from '../../src/scoring/score.ts';

// The score, kept from regressing: every catalogued fault is caught by one of its
// requirements (exit 1 when that one is a MUST), and every conforming variant passes.
let clean: RunResults;
beforeAll(async () => {
  const { row, results } = await cleanRun();
  expect(row.ok, `clean run: ${row.by.join(', ')}`).toBe(true);
  if (!results) throw new Error('the clean run left no results');
  clean = results;
});

describe.concurrent('each reference fault is caught by its requirement', () => {
  for (const fault of faults) {
    it(`${fault.id}: ${fault.description}`, async () => {
      const row = await scoreFault(clean, fault, '10');
      expect(row.outcome).toBe('caught');
      expect(row.exitCode).toBe(row.expectedExit);
    });
  }
});

describe.concurrent('every conforming variant passes (no false alarm)', () => {
  for (const variant of variants) {
    it(`${variant.id}: ${variant.description}`, async () => {
      // Fewer random runs than for faults: designed examples always run, and every variant runs the whole suite.
      const row = await scoreVariant(variant, '4');
      expect(row.by, 'failed requirements').toEqual([]);
      expect(row.exitCode).toBe(0);
    });
  }
});
