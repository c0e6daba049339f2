import fc from 'fast-check';
import { describe } from 'vitest';
import { filterTerm, filterTerms, LIMIT_MAX, searchText, sortSpec } from '../../generators/list-queries.ts';
import { holds } from '../../src/harness/property.ts';
import { countOf, describeQuery, listAll, listPage, type Query } from '../../src/harness/query-runner.ts';
import { check } from '../../src/harness/requirement-test.ts';
import { scopedDataset } from '../../src/harness/scoped-dataset.ts';
import { verify, violation } from '../../src/harness/verify.ts';
import { agreedOrder } from '../../src/oracles/collation.ts';
import { type FilterTerm, mayMatch } from '../../src/oracles/filter-oracle.ts';
import { duplicatesAndGaps, idSet, notIn, setDifference } from '../../src/oracles/set-relations.ts';
import { instantSpellings } from '../../src/oracles/timestamps.ts';
import { fieldValue, sortFields, sortOrders } from '../../src/oracles/user-fields.ts';

// Relations between answers, judged exactly on the run's own users (one scoped query each).
const all = async (client: Parameters<typeof listPage>[0], q: Query) => (await listPage(client, q, 0, LIMIT_MAX)).body;

describe('get_users metamorphic relations', () => {
  check('get_users/sort/permutation', async ({ client, run }) => {
    const ds = await scopedDataset(run);
    await holds(
      fc.record({ sort: sortSpec, terms: filterTerms(ds.users, 1) }),
      async ({ sort, terms }) => {
        const q = { terms: [ds.scope, ...terms] };
        const unsorted = await all(client, q);
        const sorted = await listPage(client, { ...q, ...sort }, 0, LIMIT_MAX);
        const diff = setDifference(sorted.body, unsorted, ['the sorted answer', 'the unsorted one']);
        if (diff) violation(`sortBy=${sort.sortBy} changes which users are returned: ${diff}`, { exchange: sorted });
      },
      ({ sort, terms }) => describeQuery({ terms: [ds.scope, ...terms], ...sort }),
      // Every sort field once, before the random runs.
      sortFields.map((sortBy) => ({ sort: { sortBy }, terms: [] })),
    );
  });

  check('get_users/paging/ties-partition', async ({ client, run }) => {
    const ds = await scopedDataset(run);
    // Fields on which the run's users tie: one creator, all local, none logged in.
    const tied = ['createdBy', 'type', 'lastLogin'].filter(
      (f) => new Set(ds.users.map((u) => String(fieldValue(u, f)))).size < ds.users.length / 2,
    );
    if (!tied.length) return;
    await holds(
      fc.record({
        sortBy: fc.constantFrom(...tied),
        sortOrder: fc.constantFrom(...sortOrders),
        limit: fc.integer({ min: 1, max: 7 }),
      }),
      async ({ sortBy, sortOrder, limit }) => {
        const q = { terms: [ds.scope], sortBy, sortOrder };
        const { users, pages } = await listAll(client, q, limit, ds.users.length + 2, ds.users.length);
        const problem = duplicatesAndGaps(users, ds.users);
        if (problem) violation(problem, { exchange: pages[pages.length - 1] });
      },
      (v) => describeQuery({ terms: [ds.scope], ...v }),
      // Every tied field with pages of two: many page boundaries, each a chance for an unstable tie to show.
      tied.map((sortBy, i) => ({ sortBy, sortOrder: sortOrders[i % sortOrders.length] ?? 'asc', limit: 2 })),
      // Each run pages through the whole scoped dataset: fewer runs, the same chance to catch an unstable tie.
      0.4,
    );
  });

  check('get_users/filter/equivalent-instants', async ({ client, run }) => {
    const ds = await scopedDataset(run);
    const stamps = ds.users.map((u) => u.createdAt).filter((t): t is string => t !== null);
    if (!stamps.length) return;
    await holds(
      fc.record({ at: fc.constantFrom(...stamps), op: fc.constantFrom('<=', '>=') }),
      async ({ at, op }) => {
        const [first, ...others] = instantSpellings(at);
        const ask = (value: string) => all(client, { terms: [ds.scope, { field: 'creationTime', op, value }] });
        const expected = await ask(first ?? at);
        const answers = await Promise.all(others.map(async (value) => ({ value, users: await ask(value) })));
        for (const { value, users } of answers) {
          const diff = setDifference(users, expected, [value, first ?? at]);
          verify(!diff, `creationTime${op}${value} and creationTime${op}${first} name one instant: ${diff}`);
        }
      },
      ({ at, op }) => describeQuery({ terms: [ds.scope, { field: 'creationTime', op, value: at }] }),
      [],
      // Six spellings per run: every run tries each other offset.
      0.4,
    );
  });

  check('get_users/filter/string-range', async ({ client, run }) => {
    const ds = await scopedDataset(run);
    const names = ds.plainUsers.map((u) => u.username);
    if (names.length < 2) return;
    // Bounds in the plain users' own alphabet: existing names, and names between them.
    const plain = ds.plainScope.value;
    const bound = fc.oneof(
      fc.constantFrom(...names),
      fc.stringMatching(/^[a-z]{1,4}$/).map((s) => `${plain}${s}`),
    );
    const ask = (op: string, value: string) =>
      listPage(client, { terms: [ds.plainScope, { field: 'username', op, value }] }, 0, LIMIT_MAX);
    await holds(
      fc.tuple(bound, bound),
      async ([a, b]) => {
        if (agreedOrder(a, b) === undefined) return;
        const [lo, hi] = (agreedOrder(a, b) ?? 0) <= 0 ? [a, b] : [b, a];
        const [loLte, hiLte, loGte, hiGte] = await Promise.all([
          ask('<=', lo),
          ask('<=', hi),
          ask('>=', lo),
          ask('>=', hi),
        ]);
        const uncovered = notIn(ds.plainUsers, [...loLte.body, ...loGte.body]);
        verify(!uncovered.length, `username<=${lo} and >=${lo} together miss ${uncovered[0]?.username}`, {
          exchange: loGte,
        });
        for (const [page, op, v] of [
          [loLte, '<=', lo],
          [loGte, '>=', lo],
        ] as const) {
          const equal = ds.plainUsers.find((u) => u.username === v);
          verify(!equal || idSet(page.body).has(equal.id), `username${op}${v} leaves out ${v} itself`, {
            exchange: page,
          });
          const wrong = page.body.find((u) => !mayMatch(u, { field: 'username', op, value: v }));
          verify(!wrong, `username${op}${v} returned ${wrong?.username}`, { exchange: page });
        }
        const grew = notIn(loLte.body, hiLte.body)[0] ?? notIn(hiGte.body, loGte.body)[0];
        verify(!grew, `a smaller bound returned more: ${grew?.username} (bounds ${lo} < ${hi})`, { exchange: hiLte });
      },
      undefined,
      [],
      0.5,
    );
  });

  check(['get_users/filter/narrowing', 'count_users/agreement/matches-list'], async ({ client, run }) => {
    const ds = await scopedDataset(run);
    const extra = fc.oneof(
      filterTerm(ds.users).map((term) => ({ term, search: undefined })),
      searchText(ds.users).map((search) => ({ term: undefined as FilterTerm | undefined, search })),
    );
    await holds(
      fc.record({ terms: filterTerms(ds.users, 2), extra }),
      async ({ terms, extra }) => {
        const q: Query = { terms: [ds.scope, ...terms] };
        const narrowed: Query = { terms: [...q.terms, ...(extra.term ? [extra.term] : [])], search: extra.search };
        const [wide, narrow, narrowCount] = await Promise.all([
          all(client, q),
          listPage(client, narrowed, 0, LIMIT_MAX),
          countOf(client, narrowed),
        ]);
        const added = notIn(narrow.body, wide)[0];
        verify(!added, `${describeQuery(narrowed)} returns ${added?.username}, which ${describeQuery(q)} does not`, {
          requirement: 'get_users/filter/narrowing',
          exchange: narrow,
        });
        verify(
          narrowCount.count === narrow.body.length,
          `count says ${narrowCount.count}, the list ${narrow.body.length}`,
          {
            requirement: 'count_users/agreement/matches-list',
            exchange: narrowCount.exchange,
          },
        );
      },
      ({ terms, extra }) =>
        describeQuery({ terms: [ds.scope, ...terms, ...(extra.term ? [extra.term] : [])], search: extra.search }),
      // Designed: one user picked by a term, then a search that many users match, before the random runs.
      ds.users.slice(0, 3).map((u) => ({
        terms: [{ field: 'username', op: '==', value: u.username }],
        extra: { term: undefined, search: ds.plainScope.value.slice(-2) },
      })),
    );
  });
});
