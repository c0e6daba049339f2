import fc from 'fast-check';
import { describe } from 'vitest';
import { designedTerms, filterTerm, filterTerms, globalPageLimit, LIMIT_MAX } from '../../generators/list-queries.ts';
import { holds } from '../../src/harness/property.ts';
import { describeQuery, listAll, listPage } from '../../src/harness/query-runner.ts';
import { check } from '../../src/harness/requirement-test.ts';
import { scopedDataset } from '../../src/harness/scoped-dataset.ts';
import { violation } from '../../src/harness/verify.ts';
import { formatTerm, missingUsers, soundnessProblems } from '../../src/oracles/filter-oracle.ts';

describe('get_users filterBy', () => {
  // Any data, one page per query: soundness needs no exact answer, so other writers do not matter.
  check('get_users/filter/terms-satisfied', 'one term, any data', async ({ client }) => {
    const sample = (await listPage(client, { terms: [] }, 0, 50)).body;
    await holds(
      fc.tuple(filterTerm(sample), globalPageLimit),
      async ([term, limit]) => {
        const page = await listPage(client, { terms: [term] }, 0, limit);
        const [problem] = soundnessProblems(page.body, [term]);
        if (problem) violation(`${problem.user.username} does not satisfy ${formatTerm(term)}`, { exchange: page });
      },
      ([term, limit]) => describeQuery({ terms: [term], limit }),
      designedTerms(sample).map((t) => [t, 50] as [typeof t, number]),
    );
  });

  check(['get_users/filter/terms-anded', 'get_users/filter/terms-satisfied'], async ({ client, run }) => {
    const ds = await scopedDataset(run);
    await holds(
      filterTerms(ds.users, 3),
      async (terms) => {
        const q = { terms: [ds.scope, ...terms] };
        const page = await listPage(client, q, 0, LIMIT_MAX);
        const [problem] = soundnessProblems(page.body, q.terms);
        if (problem) {
          violation(`${problem.user.username} does not satisfy ${problem.failed.map(formatTerm).join(', ')}`, {
            requirement: problem.orLike ? 'get_users/filter/terms-anded' : 'get_users/filter/terms-satisfied',
            exchange: page,
          });
        }
      },
      (terms) => describeQuery({ terms: [ds.scope, ...terms] }),
      designedTerms(ds.users).map((t) => [t]),
    );
  });

  // The run's scoping term goes anywhere among the others (AND does not care where): a server
  // that reads the first term, or one kind of term, apart from the rest shows it.
  const scopedAt = <T>(terms: T[], scope: T, at: number) => {
    const i = at % (terms.length + 1);
    return [...terms.slice(0, i), scope, ...terms.slice(i)];
  };
  check('get_users/filter/complete', async ({ client, run }) => {
    const ds = await scopedDataset(run);
    await holds(
      fc.tuple(filterTerms(ds.users, 2), fc.nat()),
      async ([terms, at]) => {
        const q = { terms: scopedAt(terms, ds.scope, at) };
        const { users, pages } = await listAll(client, q, LIMIT_MAX, 3);
        const missing = missingUsers(ds.users, q.terms, users);
        if (missing.length) {
          violation(`${missing.length} matching run user(s) missing, e.g. ${JSON.stringify(missing[0])}`, {
            exchange: pages[0],
          });
        }
      },
      ([terms, at]) => describeQuery({ terms: scopedAt(terms, ds.scope, at) }),
      // Designed terms come before the scope, each first in its query.
      designedTerms(ds.users).map((t) => [[t], 1] as [(typeof t)[], number]),
    );
  });
});
