import fc from 'fast-check';
import { describe } from 'vitest';
import { filterTerms, globalPageLimit, LIMIT_MAX, sortSpec } from '../../generators/list-queries.ts';
import { holds } from '../../src/harness/property.ts';
import { describeQuery, listAll, listPage } from '../../src/harness/query-runner.ts';
import { check } from '../../src/harness/requirement-test.ts';
import { scopedDataset } from '../../src/harness/scoped-dataset.ts';
import { verify, violation } from '../../src/harness/verify.ts';
import { distinctlyKeyed, orderProblems } from '../../src/oracles/sort-oracle.ts';
import { sortFields, sortOrders } from '../../src/oracles/user-fields.ts';

const orderOf = (order: string | undefined) => order ?? 'asc';
/** A page of the designed examples: enough users for an order to show, far from the whole dataset. */
const DESIGNED_PAGE = Math.min(100, LIMIT_MAX);

describe('get_users sorting', () => {
  check('get_users/sort/ordered', 'one page of any data', async ({ client }) => {
    await holds(
      fc.record({ sort: sortSpec, limit: globalPageLimit }),
      async ({ sort, limit }) => {
        const page = await listPage(client, { terms: [], ...sort }, 0, limit);
        const [problem] = orderProblems(page.body, sort.sortBy, orderOf(sort.sortOrder));
        if (problem) violation(problem.message, { exchange: page });
      },
      ({ sort, limit }) => describeQuery({ terms: [], ...sort, limit }),
      // Every field in each order, whatever chance draws: a field sorted by another agrees on few users.
      sortFields.flatMap((sortBy) =>
        sortOrders.map((sortOrder) => ({ sort: { sortBy, sortOrder }, limit: DESIGNED_PAGE })),
      ),
    );
  });

  check(
    'get_users/sort/ordered',
    'run users across pages',
    async ({ client, run }) => {
      const ds = await scopedDataset(run);
      await holds(
        fc.record({ sort: sortSpec, limit: fc.integer({ min: 3, max: 12 }), terms: filterTerms(ds.users, 1) }),
        async ({ sort, limit, terms }) => {
          const { users, pages } = await listAll(
            client,
            { terms: [ds.scope, ...terms], ...sort },
            limit,
            ds.users.length + 2,
            ds.users.length,
          );
          const [problem] = orderProblems(users, sort.sortBy, orderOf(sort.sortOrder));
          if (problem) violation(problem.message, { exchange: pages[Math.floor(problem.index / limit)] ?? pages[0] });
        },
        ({ sort, limit, terms }) => describeQuery({ terms: [ds.scope, ...terms], ...sort, limit }),
      );
    },
    { profile: 'standard' },
  );

  check('get_users/sort/desc-reverses-asc', async ({ client, run }) => {
    const ds = await scopedDataset(run);
    await holds(
      fc.constantFrom(...sortFields),
      async (sortBy) => {
        const fixed = new Set(distinctlyKeyed(ds.users, sortBy).map((u) => u.id));
        if (fixed.size < 2) return;
        const asc = await listPage(client, { terms: [ds.scope], sortBy, sortOrder: 'asc' }, 0, LIMIT_MAX);
        const desc = await listPage(client, { terms: [ds.scope], sortBy, sortOrder: 'desc' }, 0, LIMIT_MAX);
        const a = asc.body.filter((u) => fixed.has(u.id)).map((u) => u.id);
        const d = desc.body.filter((u) => fixed.has(u.id)).map((u) => u.id);
        verify(
          d.join() === [...a].reverse().join(),
          `sortBy=${sortBy}: desc is not the reverse of asc for ${fixed.size} distinct keys`,
          { exchange: desc },
        );
      },
      (sortBy) => describeQuery({ terms: [ds.scope], sortBy }),
    );
  });
});
