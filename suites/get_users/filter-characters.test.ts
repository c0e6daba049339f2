import { describe } from 'vitest';
import { type CharacterProbe, characterProbes } from '../../generators/character-probes.ts';
import type { UsersClient } from '../../src/client/users-client.ts';
import { inPool } from '../../src/harness/in-pool.ts';
import { check } from '../../src/harness/requirement-test.ts';
import type { RunContext } from '../../src/harness/run-context.ts';
import { expectStatus } from '../../src/harness/verify.ts';
import type { Exchange } from '../../src/model/exchange.ts';
import { filterFields, filterOperators } from '../../src/oracles/user-fields.ts';
import { filterByPattern, specFact } from '../../src/spec/openapi.ts';

/**
 * The filterBy pattern, character by character: a term `field op value` with one character
 * replaced, in the field name, the operator and the value, by every character of the probe set.
 * The pattern says which terms are valid.
 */
const field = specFact(filterFields[0], 'a filterBy field');
const op = specFact(filterOperators[0], 'a filterBy operator');
const valuePart = (term: string) => term.slice(field.length + op.length);

/**
 * Positions in `field op value` (the value is the run's prefix and one more letter): the last
 * character of the field name, every operator character, both ends of the value; the full
 * profile takes every character of the field name and the middle of the value too. The count
 * takes the same parameter (one component of the spec): in the standard profile its field name
 * is left to the list's probes.
 */
const positions = (whole: boolean, fieldToo: boolean) => (term: string) => {
  const valueAt = field.length + op.length;
  const fieldAt = whole ? [...field].map((_, i) => i) : fieldToo ? [field.length - 1] : [];
  const opAt = [...op].map((_, i) => field.length + i);
  const middle = whole ? [Math.floor((valueAt + term.length) / 2)] : [];
  return [...fieldAt, ...opAt, valueAt, ...middle, term.length - 1];
};

for (const operationId of ['get_users', 'count_users'] as const) {
  const re = new RegExp(filterByPattern(operationId), 'u');
  // The array is comma-joined on the wire, so a comma in a value reads as one term or as two: the
  // contract does not say which, and a probe is judged only where both readings agree.
  const splitValid = (term: string) => term.split(',').every((item) => re.test(item));
  /** Whitespace at either end of the value may be trimmed or refused. */
  const judged = (p: CharacterProbe) =>
    p.valid === splitValid(p.value) && !(p.valid && /^\s|\s$/u.test(valuePart(p.value)));
  const probesFor = (run: RunContext) => {
    const whole = run.includes('full');
    const sample = () => `${field}${op}${run.prefix}q`;
    const at = positions(whole, operationId === 'get_users');
    return characterProbes(re.source, sample, at, { rejectedKinds: !whole }).map((position) => position.filter(judged));
  };
  const caller =
    (client: UsersClient) =>
    async (filterBy: string[]): Promise<Exchange> =>
      operationId === 'get_users' ? client.get_users({ filterBy, limit: 1 }) : client.count_users({ filterBy });

  describe(`${operationId} filterBy, character by character`, () => {
    check(`${operationId}/params/valid-query-200`, 'characters the pattern admits, at every position', async (t) => {
      const call = caller(t.client);
      await inPool(probesFor(t.run), 2, async (position) => {
        // Every term admitted at one position at once (they are ANDed); one by one only to name a refused one.
        const accepted = position.filter((p) => p.valid).map((p) => p.value);
        if (accepted.length && (await call(accepted)).response.status !== 200)
          await inPool(accepted, 4, async (term) => {
            expectStatus(await call([term]), 200);
          });
      });
    });

    check(
      `${operationId}/params/filter-by-pattern-400`,
      'characters the pattern leaves out, at every position',
      async (t) => {
        const call = caller(t.client);
        const rejected = probesFor(t.run).flatMap((position) => position.filter((p) => !p.valid));
        await inPool(rejected, 8, async (p) => {
          expectStatus(await call([p.value]), 400);
        });
      },
    );
  });
}
