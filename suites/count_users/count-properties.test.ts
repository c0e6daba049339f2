import fc from 'fast-check';
import { describe } from 'vitest';
import { designedTerms, filterTerms, LIMIT_MAX, limit, searchText } from '../../generators/list-queries.ts';
import { holds } from '../../src/harness/property.ts';
import { countOf, describeQuery, listAll } from '../../src/harness/query-runner.ts';
import { check } from '../../src/harness/requirement-test.ts';
import { scopedDataset } from '../../src/harness/scoped-dataset.ts';
import { verify } from '../../src/harness/verify.ts';

describe('count_users', () => {
  check('count_users/agreement/matches-list', async ({ client, run }) => {
    const ds = await scopedDataset(run);
    const arb = fc.record({
      terms: filterTerms(ds.users, 2),
      limit,
      search: fc.option(searchText(ds.users), { nil: undefined, freq: 4 }),
    });
    await holds(
      arb,
      async ({ terms, limit, search }) => {
        const q = { terms: [ds.scope, ...terms], search };
        const { count, exchange } = await countOf(client, q);
        const { users } = await listAll(client, q, limit, Math.ceil(ds.users.length / limit) + 2, count);
        verify(count === users.length, `count says ${count}, the list pages hold ${users.length}`, { exchange });
      },
      ({ terms, limit, search }) => describeQuery({ terms: [ds.scope, ...terms], search, limit }),
      designedTerms(ds.users).map((t) => ({ terms: [t], limit: LIMIT_MAX, search: undefined })),
    );
  });
});
