import { describe } from 'vitest';
import { designedTerms } from '../../generators/list-queries.ts';
import type { CallOptions } from '../../src/client/users-client.ts';
import { callOperation, takesUserId } from '../../src/harness/operation-calls.ts';
import { check } from '../../src/harness/requirement-test.ts';
import type { RunContext } from '../../src/harness/run-context.ts';
import { createRunUser } from '../../src/harness/run-users.ts';
import { verify } from '../../src/harness/verify.ts';
import { formatTerm } from '../../src/oracles/filter-oracle.ts';
import { type OperationSpec as Operation, operations, userMutations } from '../../src/spec/openapi.ts';

const REQUIREMENT = 'common/robustness/request-forms';

/** Percent-encodes only what a query value cannot carry as it is (space, %, &, #, +). */
const minimal = (value: string) => value.replace(/[ %&#+]/g, (c) => encodeURIComponent(c));

/** A query each list operation takes, from the spec: every filter field's designed terms and a search. */
function queryOf(op: Operation, run: RunContext): Record<string, string> {
  const names = op.parameters.filter((p) => p.in === 'query').map((p) => p.name);
  const query: Record<string, string> = {};
  if (names.includes('filterBy')) query.filterBy = designedTerms([]).slice(0, 3).map(formatTerm).join(',');
  if (names.includes('search')) query.search = run.prefix;
  return query;
}

const hasBody = (op: Operation) => op.requestBody !== undefined;

/**
 * How real clients send a request: each form changes one thing of the suite's own way (full
 * percent-encoding, Accept: application/json, lower-case names, Content-Type without parameters,
 * the auth-scheme and media type as the suite spells them).
 */
const FORMS: { name: string; applies: (op: Operation) => boolean; options: (op: Operation) => CallOptions }[] = [
  { name: 'no Accept header', applies: () => true, options: () => ({ omitHeaders: ['accept'] }) },
  { name: 'Accept: */*', applies: () => true, options: () => ({ headers: { accept: '*/*' } }) },
  {
    name: 'Accept with q-values',
    applies: () => true,
    options: () => ({ headers: { accept: 'application/json;q=0.9, */*;q=0.1' } }),
  },
  {
    name: 'header names in capitals',
    applies: () => true,
    options: (op) => ({
      omitHeaders: ['accept', 'content-type'],
      headers: { ACCEPT: 'application/json', ...(hasBody(op) ? { 'CONTENT-TYPE': 'application/json' } : {}) },
    }),
  },
  // RFC 9110 11.1 and 8.3.1: an auth-scheme and a media type are case-insensitive.
  { name: 'the auth-scheme in lower case', applies: () => true, options: () => ({ authScheme: 'bearer' }) },
  { name: 'the auth-scheme in capitals', applies: () => true, options: () => ({ authScheme: 'BEARER' }) },
  {
    name: 'the media type in other letter case',
    applies: hasBody,
    options: () => ({ contentType: 'Application/JSON' }),
  },
  {
    name: 'Content-Type with a charset',
    applies: hasBody,
    options: () => ({ contentType: 'application/json; charset=utf-8' }),
  },
  {
    name: 'Content-Type with charset=UTF-8',
    applies: hasBody,
    options: () => ({ contentType: 'application/json;charset=UTF-8' }),
  },
];

/** One call of `op` as `options` say; a mutation gets a fresh run user, so both forms meet the same state. */
async function call(run: RunContext, op: Operation, options: CallOptions = {}) {
  // A read names a run user where the profile writes, else an id no server issued (404 both ways).
  const owned = takesUserId(op.operationId) && (op.method !== 'GET' || run.includes('standard'));
  const userId = owned ? (await createRunUser(run, 'form')).id : undefined;
  return callOperation(run.client, run, op.operationId, { identity: 'admin', userId, options });
}

for (const op of operations.values()) {
  const writes = op.method !== 'GET';
  describe(`${op.operationId} sent as clients send it`, () => {
    for (const form of FORMS.filter((f) => f.applies(op))) {
      check(
        REQUIREMENT,
        `${op.method} ${op.path} with ${form.name}`,
        async ({ run }) => {
          const [plain, other] = [await call(run, op), await call(run, op, form.options(op))];
          verify(other.response.status < 500, `${form.name}: answered ${other.response.status}`, { exchange: other });
          verify(
            other.response.status === plain.response.status,
            `${form.name}: answered ${other.response.status}, the plain request ${plain.response.status}`,
            { exchange: other },
          );
        },
        { profile: writes || userMutations.includes(op.operationId) ? 'standard' : 'smoke' },
      );
    }
    if (!op.parameters.some((p) => p.in === 'query' && (p.name === 'filterBy' || p.name === 'search'))) return;
    check(REQUIREMENT, `${op.method} ${op.path} with query values encoded minimally`, async ({ run }) => {
      const values = queryOf(op, run);
      const raw = Object.entries(values)
        .map(([k, v]) => `${k}=${minimal(v)}`)
        .join('&');
      const plain = await run.client.call(op.operationId, { query: values });
      const other = await run.client.call(op.operationId, {}, { rawQuery: raw });
      verify(other.response.status < 500, `minimal encoding: answered ${other.response.status}`, { exchange: other });
      verify(
        other.response.status === plain.response.status,
        `minimal encoding: answered ${other.response.status}, full percent-encoding ${plain.response.status}`,
        { exchange: other },
      );
    });
  });
}
