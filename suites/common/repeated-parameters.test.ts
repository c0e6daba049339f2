import { describe } from 'vitest';
import { type InputSlot, queriedOperations, querySlots } from '../../generators/input-slots.ts';
import { boundaryValues, confirmed, type LabelledValue, nearMisses } from '../../generators/input-values.ts';
import type { UsersClient } from '../../src/client/users-client.ts';
import { check } from '../../src/harness/requirement-test.ts';
import { type ScopedDataset, scopedDataset } from '../../src/harness/scoped-dataset.ts';
import { notApplicable, verify } from '../../src/harness/verify.ts';
import type { Exchange } from '../../src/model/exchange.ts';
import { formatTerm } from '../../src/oracles/filter-oracle.ts';
import { distinctlyKeyed } from '../../src/oracles/sort-oracle.ts';
import { operation } from '../../src/spec/openapi.ts';

const REQUIREMENT = 'common/input/repeated-parameter';
/** Users per page where a page is asked for: fewer than the plain users, so order and offset show in who is on it. */
const PAGE = 3;

/**
 * HTTP parameter pollution (ASVS 5.1.1): a scalar query parameter sent twice. Which value a
 * server takes is open; that it takes one is not: the answer is a 400, or the answer to one of
 * the values sent alone (an invalid one alone is a 400, so only the valid one's answer counts).
 * A server that checks one value and applies the other shows here. The values come from the
 * schema: two valid ones at its bounds or enum, and one near miss past them.
 */
function candidates(slot: InputSlot): { valid: LabelledValue[]; invalid?: LabelledValue } {
  const valid = confirmed(
    slot.pointer,
    [{ label: 'sample', value: slot.sample }, ...boundaryValues(slot.schema)],
    true,
  );
  const invalid = confirmed(slot.pointer, nearMisses(slot.schema, slot.sample, { emptyString: false }), false)[0];
  return { valid, invalid };
}

/** The pairs a slot is sent with, in both orders: two valid values, and a valid one with a near miss. */
function pairsOf(slot: InputSlot, ds?: ScopedDataset): [LabelledValue, LabelledValue][] {
  let { valid, invalid } = candidates(slot);
  // A sort field on which the plain users tie has no one order to compare two answers by.
  if (slot.name === 'sortBy' && ds)
    valid = valid.filter((v) => distinctlyKeyed(ds.plainUsers, String(v.value)).length === ds.plainUsers.length);
  const [a, b] = valid;
  if (!a) return [];
  const pairs: [LabelledValue, LabelledValue][] = [];
  if (b) pairs.push([a, b], [b, a]);
  if (invalid) pairs.push([a, invalid], [invalid, a]);
  return pairs;
}

/** The rest of the query, fixed: the plain users, sorted on a distinct key, a page smaller than them. */
function baseQuery(operationId: string, slot: string, ds: ScopedDataset): string[] {
  const names = operation(operationId).parameters.map((p) => p.name);
  const base: [string, string][] = [];
  if (names.includes('filterBy') && slot !== 'filterBy') base.push(['filterBy', formatTerm(ds.plainScope)]);
  if (names.includes('sortBy') && slot !== 'sortBy') base.push(['sortBy', 'username']);
  if (names.includes('limit') && slot !== 'limit') base.push(['limit', String(PAGE)]);
  return base.map(([k, v]) => `${k}=${encodeURIComponent(v)}`);
}

/** What an answer says, to compare two: the ids in order, or the count. */
const said = (ex: Exchange<unknown>) =>
  ex.response.status !== 200
    ? `status ${ex.response.status}`
    : Array.isArray(ex.body)
      ? `users [${(ex.body as { id?: string }[]).map((u) => u.id).join(', ')}]`
      : JSON.stringify(ex.body);

async function ask(client: UsersClient, operationId: string, query: string[]): Promise<Exchange<unknown>> {
  return client.call(operationId, {}, { rawQuery: query.join('&') });
}

for (const operationId of queriedOperations) {
  describe(`${operationId}: a parameter sent twice`, () => {
    // A slot with one valid value and no near miss (free text) has nothing to send twice.
    for (const slot of querySlots(operationId).filter((s) => !s.itemized && pairsOf(s).length)) {
      check(REQUIREMENT, `${operationId} ${slot.name}`, async ({ run, client }) => {
        const ds = await scopedDataset(run);
        const base = baseQuery(operationId, slot.name, ds);
        const param = (v: LabelledValue) => `${slot.name}=${encodeURIComponent(String(v.value))}`;
        const pairs = pairsOf(slot, ds);
        if (!pairs.length) notApplicable(`no two values of ${slot.name} to send where the plain users differ`);
        const singles = [...new Set(pairs.flat())];
        const alone = new Map(
          await Promise.all(
            singles.map(async (v) => [v, said(await ask(client, operationId, [...base, param(v)]))] as const),
          ),
        );
        await Promise.all(
          pairs.map(async ([first, second]) => {
            const ex = await ask(client, operationId, [...base, param(first), param(second)]);
            const answer = said(ex);
            // An invalid value alone is refused: only a valid value's answer can be the one taken.
            const fits = [first, second].filter(
              (v) => alone.get(v) === answer && answer.startsWith('status') === false,
            );
            verify(
              ex.response.status === 400 || fits.length > 0,
              `${slot.name}=${String(first.value)}&${slot.name}=${String(second.value)} (${first.label}, then ` +
                `${second.label}) was answered neither 400 nor as one of them alone (${answer.slice(0, 80)})`,
              { exchange: ex },
            );
          }),
        );
      });
    }
  });
}
