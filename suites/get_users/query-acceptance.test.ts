import fc from 'fast-check';
import { describe } from 'vitest';
import { filterTerms, globalPageLimit, searchText, sortSpec } from '../../generators/list-queries.ts';
import { holds } from '../../src/harness/property.ts';
import { countOf, describeQuery, listPage } from '../../src/harness/query-runner.ts';
import { check } from '../../src/harness/requirement-test.ts';

// Every combination within the spec is accepted: the combinations the other properties rely on.
describe('queries the spec allows', () => {
  check(
    ['get_users/params/valid-query-200', 'count_users/params/valid-query-200'],
    'any combination of filterBy, sortBy, sortOrder, offset, limit and search',
    async ({ client }) => {
      const sample = (await listPage(client, { terms: [] }, 0, 50)).body;
      const arb = fc.record({
        terms: filterTerms(sample, 3),
        sort: fc.option(sortSpec, { nil: undefined }),
        offset: fc.option(fc.nat({ max: 1000 }), { nil: undefined }),
        // Always a limit: without one a page of a large dataset holds the default (500) users.
        limit: globalPageLimit,
        search: fc.option(searchText(sample), { nil: undefined, freq: 3 }),
      });
      await holds(
        arb,
        async ({ terms, sort, offset, limit, search }) => {
          await listPage(client, { terms, ...sort, search }, offset, limit);
          await countOf(client, { terms, search });
        },
        (v) => describeQuery({ terms: v.terms, ...v.sort, search: v.search, offset: v.offset, limit: v.limit }),
      );
    },
  );
});
