import { describe } from 'vitest';
import { LIMIT_MAX, searchText } from '../../generators/list-queries.ts';
import { holds } from '../../src/harness/property.ts';
import { countOf, describeQuery, listPage } from '../../src/harness/query-runner.ts';
import { check } from '../../src/harness/requirement-test.ts';
import { scopedDataset } from '../../src/harness/scoped-dataset.ts';
import { advise, verify } from '../../src/harness/verify.ts';

/** Whether any string field of a user holds the text, in either letter case (case rules are left open). */
const holdsText = (user: object, text: string) =>
  Object.values(user).some(
    (v) =>
      typeof v === 'string' &&
      (v.toLowerCase().includes(text.toLowerCase()) || v.toUpperCase().includes(text.toUpperCase())),
  );

describe('get_users search', () => {
  check(
    [
      'get_users/search/narrows',
      'get_users/search/sound',
      'count_users/search/matches-list',
      'get_users/search/matches-username',
    ],
    async ({ client, run }) => {
      const ds = await scopedDataset(run);
      const all = new Set(ds.users.map((u) => u.id));
      await holds(
        searchText(ds.users),
        async (search) => {
          const q = { terms: [ds.scope], search };
          const page = await listPage(client, q, 0, LIMIT_MAX);
          const outside = page.body.find((u) => !all.has(u.id));
          verify(!outside, `search added ${outside?.username}, which the filter alone does not return`, {
            requirement: 'get_users/search/narrows',
            exchange: page,
          });
          const unsound = page.body.find((u) => !holdsText(u, search));
          verify(!unsound, `search=${search} returned ${unsound?.username}, none of whose fields holds the text`, {
            requirement: 'get_users/search/sound',
            exchange: page,
          });
          const { count, exchange } = await countOf(client, q);
          verify(count === page.body.length, `count with search says ${count}, the list returns ${page.body.length}`, {
            requirement: 'count_users/search/matches-list',
            exchange,
          });
          const returned = new Set(page.body.map((u) => u.id));
          const missed = ds.users.find((u) => u.username.includes(search) && !returned.has(u.id));
          advise(!missed, `search=${search} misses ${missed?.username}`, {
            requirement: 'get_users/search/matches-username',
            exchange: page,
          });
        },
        (search) => describeQuery({ terms: [ds.scope], search }),
        // A username and one character more: a search that ignores any of its text returns that user.
        ds.users.slice(0, 2).map((u) => `${u.username}#`),
      );
    },
  );
});
