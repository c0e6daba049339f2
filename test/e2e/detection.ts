import { beforeAll, describe, expect, it } from 'vitest';
import type { RunResults } from '../../reporters/outcomes.ts';
import { cleanRun, faults, scoreFault, scoreVariant, variantGroups } from '../../src/scoring/score.ts';

/**
 * The score, kept from regressing: every catalogued fault is caught by one of its requirements
 * (exit 1 when that one is a MUST), and every conforming variant passes. Shared by two test files,
 * each taking every other fault and variant group, so both of the self-tests' workers score.
 */
export function scoreShare(share: 0 | 1): void {
  const mine = <T>(list: readonly T[]) => list.filter((_, i) => i % 2 === share);
  let clean: RunResults;
  beforeAll(async () => {
    const { row, results } = await cleanRun();
    expect(row.ok, `clean run: ${row.by.join(', ')}`).toBe(true);
    if (!results) throw new Error('the clean run left no results');
    clean = results;
  });

  describe.concurrent('each reference fault is caught by its requirement', () => {
    for (const fault of mine(faults)) {
      it(`${fault.id}: ${fault.description}`, async () => {
        const row = await scoreFault(clean, fault, '10');
        expect(row.outcome).toBe('caught');
        expect(row.exitCode).toBe(row.expectedExit);
      });
    }
  });

  describe.concurrent('every conforming variant passes (no false alarm)', () => {
    for (const group of mine(variantGroups)) {
      // Time for taking a failing group apart, one variant after another.
      it(group.map((v) => v.id).join(' + '), { timeout: 900_000 }, async () => {
        // Fewer random runs than for faults: designed examples always run, and every variant runs the whole suite.
        const row = await scoreVariant(group, '4');
        // A group that fails is taken apart, so the failure names the variant that caused it.
        const culprits: string[] = [];
        if (!row.ok && group.length > 1)
          for (const v of group) if (!(await scoreVariant(v, '4')).ok) culprits.push(v.id);
        expect({ failed: row.by, culprits, error: row.error }).toEqual({ failed: [], culprits: [], error: undefined });
        expect(row.exitCode).toBe(0);
      });
    }
  });
}
