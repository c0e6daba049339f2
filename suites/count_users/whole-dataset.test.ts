import { describe } from 'vitest';
import { LIMIT_MAX } from '../../generators/list-queries.ts';
import { countOf, listAll } from '../../src/harness/query-runner.ts';
import { check } from '../../src/harness/requirement-test.ts';
import { scopedDataset } from '../../src/harness/scoped-dataset.ts';
import { verify, violation } from '../../src/harness/verify.ts';
import { idSet, notIn } from '../../src/oracles/set-relations.ts';

// A file of its own: on a large dataset the walk is the heaviest check, and another worker takes it.
describe('count_users against a walk of the whole dataset', () => {
  // Other writers may be at work. The run's own users, which exist throughout the walk, must all
  // be reached; the number reached must equal count when counts before and after the walk agree.
  check('count_users/agreement/whole-dataset', async ({ client, run }) => {
    const own = run.includes('standard') ? (await scopedDataset(run)).users : [];
    for (let attempt = 0; attempt < 2; attempt++) {
      const before = await countOf(client, { terms: [] });
      const maxPages = Math.ceil((before.count * 1.5) / LIMIT_MAX) + 2;
      const { users, pages } = await listAll(client, { terms: [] }, LIMIT_MAX, maxPages, before.count);
      const after = await countOf(client, { terms: [] });
      const lastPage = pages[pages.length - 1] ?? after.exchange;
      const unreached = notIn(own, users);
      verify(!unreached.length, `paging the whole dataset never reaches ${unreached[0]?.username}, which exists`, {
        exchange: lastPage,
      });
      if (before.count !== after.count) continue;
      const reached = idSet(users).size;
      if (reached === before.count) return;
      if (attempt === 1) {
        violation(`count says ${before.count} (before and after), paging with limit=${LIMIT_MAX} reached ${reached}`, {
          exchange: lastPage,
        });
      }
    }
  });
});
