import fc from 'fast-check';
import { describe } from 'vitest';
import { filterTerms, LIMIT_DEFAULT, LIMIT_MAX, limit, searchText, sortSpec } from '../../generators/list-queries.ts';
import { holds } from '../../src/harness/property.ts';
import { countOf, describeQuery, listAll, listPage } from '../../src/harness/query-runner.ts';
import { check } from '../../src/harness/requirement-test.ts';
import { scopedDataset } from '../../src/harness/scoped-dataset.ts';
import { verify, violation } from '../../src/harness/verify.ts';
import type { User } from '../../src/model/user.ts';
import { duplicatesAndGaps } from '../../src/oracles/set-relations.ts';
import { distinctlyKeyed } from '../../src/oracles/sort-oracle.ts';
import { sortOrders } from '../../src/oracles/user-fields.ts';

const ids = (users: User[]) => users.map((u) => u.id);

describe('get_users paging', () => {
  check(
    ['get_users/paging/limit-respected', 'get_users/paging/offset-respected'],
    'the page at (offset, limit) is that slice of the whole result',
    async ({ client, run }) => {
      const ds = await scopedDataset(run);
      const n = ds.plainUsers.length;
      // Paging with a search too: a server may page a searched list by another path.
      const arb = fc.record({
        sortOrder: fc.constantFrom(...sortOrders),
        offset: fc.nat({ max: n + 2 }),
        limit,
        terms: filterTerms(ds.plainUsers, 1),
        search: fc.option(searchText(ds.plainUsers), { nil: undefined }),
      });
      await holds(
        arb,
        async ({ sortOrder, offset, limit, terms, search }) => {
          const q = { terms: [ds.plainScope, ...terms], sortBy: 'username', sortOrder, search };
          const full = (await listPage(client, q, 0, LIMIT_MAX)).body;
          const page = await listPage(client, q, offset, limit);
          const expected = full.slice(offset, offset + limit);
          verify(
            page.body.length === expected.length,
            `${page.body.length} users on the page, expected min(${limit}, ${full.length} - ${offset}) = ` +
              `${expected.length}`,
            { requirement: 'get_users/paging/limit-respected', exchange: page },
          );
          verify(
            ids(page.body).join() === ids(expected).join(),
            `the page is not users [${offset}, ${offset + limit}) of the full result`,
            { requirement: 'get_users/paging/offset-respected', exchange: page },
          );
        },
        (v) => describeQuery({ ...v, terms: [ds.plainScope, ...v.terms], sortBy: 'username' }),
        // A search every plain user matches, paged from its middle: chance rarely draws a search that wide.
        [
          {
            sortOrder: sortOrders[0] ?? 'asc',
            offset: Math.floor(n / 2),
            limit: Math.min(LIMIT_MAX, Math.max(1, Math.floor(n / 4))),
            terms: [],
            search: String(ds.plainScope.value),
          },
        ],
      );
    },
  );

  check('get_users/paging/default-limit', async ({ client, run }) => {
    // Whole dataset: tolerate writers between the two calls by judging only clear cases.
    const { count } = await countOf(client, { terms: [] });
    const page = await listPage(client, { terms: [] });
    verify(
      page.body.length <= LIMIT_DEFAULT,
      `${page.body.length} users without limit; the default is ${LIMIT_DEFAULT}`,
      { exchange: page },
    );
    if (count >= LIMIT_DEFAULT + 20)
      verify(page.body.length === LIMIT_DEFAULT, `${page.body.length} users without limit while count is ${count}`, {
        exchange: page,
      });
    if (run.includes('standard')) {
      const ds = await scopedDataset(run);
      const scoped = await listPage(client, { terms: [ds.scope] });
      verify(
        scoped.body.length === Math.min(LIMIT_DEFAULT, ds.users.length),
        `${scoped.body.length} of ${ds.users.length} run users without limit`,
        { exchange: scoped },
      );
    }
  });

  check('get_users/paging/consistent-total-order', async ({ client, run }) => {
    const ds = await scopedDataset(run);
    await holds(
      fc.record({ sort: sortSpec, limit: fc.integer({ min: 1, max: 7 }) }),
      async ({ sort, limit }) => {
        // Only where the order is fully fixed: every key distinct under every collation.
        if (distinctlyKeyed(ds.plainUsers, sort.sortBy).length !== ds.plainUsers.length) return;
        const { users, pages } = await listAll(
          client,
          { terms: [ds.plainScope], ...sort },
          limit,
          ds.plainUsers.length + 2,
          ds.plainUsers.length,
        );
        const problem = duplicatesAndGaps(users, ds.plainUsers);
        if (problem) violation(problem, { exchange: pages[pages.length - 1] });
      },
      ({ sort, limit }) => describeQuery({ terms: [ds.plainScope], ...sort, limit }),
    );
  });

  check('get_users/paging/consistent-default-order', async ({ client, run }) => {
    const ds = await scopedDataset(run);
    await holds(
      fc.integer({ min: 1, max: 9 }),
      async (limit) => {
        const { users, pages } = await listAll(
          client,
          { terms: [ds.scope] },
          limit,
          ds.users.length + 2,
          ds.users.length,
        );
        const problem = duplicatesAndGaps(users, ds.users);
        if (problem) violation(problem, { exchange: pages[pages.length - 1] });
      },
      (limit) => describeQuery({ terms: [ds.scope], limit }),
    );
  });
});
