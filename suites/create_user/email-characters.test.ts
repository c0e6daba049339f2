import { describe } from 'vitest';
import { characterProbes } from '../../generators/character-probes.ts';
import { inPool } from '../../src/harness/in-pool.ts';
import { check } from '../../src/harness/requirement-test.ts';
import { expectStatus } from '../../src/harness/verify.ts';
import { componentSchema, propertyOf, specFact } from '../../src/spec/openapi.ts';

const REQUIREMENT = 'create_user/body/email-characters';
const pattern = specFact(propertyOf(componentSchema('UserCreationRequest1'), 'email').pattern, 'an email pattern');

/**
 * Positions in a run email, all after the run's prefix (a probe is still the run's user) and
 * before the top-level domain (a probe never names a real one): inside the local part, just
 * before @, just after it, and just before the last dot.
 */
const positions = (prefixLength: number) => (email: string) => {
  const at = email.indexOf('@');
  return [prefixLength, at - 1, at + 1, email.lastIndexOf('.') - 1];
};
/** Where a symbol the pattern admits may still be refused: next to @ or a dot. */
const lenient = (position: number) => position !== 0;

describe('create_user email, character by character', () => {
  const count = positions(0)('a@b.c').length;
  for (let k = 0; k < count; k++) {
    check(REQUIREMENT, `position ${k + 1} of ${count}`, async ({ client, run }) => {
      // '.p0' before the @: a probe there never spells another run email (whose counters end there).
      const sample = () => run.email('probe').replace('@', '.p0@');
      const probes = characterProbes(pattern, sample, positions(run.prefix.length))[k] ?? [];
      await inPool(probes, 8, async (probe) => {
        const ex = await client.create_user({ email: probe.value });
        const judged = !probe.valid || /[A-Za-z0-9]/.test(probe.char) || !lenient(k);
        expectStatus(ex, probe.valid ? (judged ? 201 : [201, 400]) : 400, REQUIREMENT);
      });
    });
  }
});
