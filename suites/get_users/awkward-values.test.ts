import { describe } from 'vitest';
import { LIMIT_MAX } from '../../generators/list-queries.ts';
import { fetchListedUser } from '../../src/harness/listed-user.ts';
import { listPage } from '../../src/harness/query-runner.ts';
import { check } from '../../src/harness/requirement-test.ts';
import { scopedDataset } from '../../src/harness/scoped-dataset.ts';
import { expectStatus, notRun, verify } from '../../src/harness/verify.ts';

describe('awkward but allowed values', () => {
  // The spec leaves these open (no minimum for offset, int64-sized numbers, commas inside a
  // value, non-ASCII text): any 2xx or 4xx is fine, a server error is not.
  const UNICODE_TERM = 'username=@ü名';
  const tolerated: [string, string][] = [
    ['a negative offset', 'offset=-1'],
    ['an offset past int32', 'offset=2147483648'],
    ['a comma inside a filter value', `filterBy=${encodeURIComponent('username==a,b')}`],
    ['Unicode in =@ and search', `filterBy=${encodeURIComponent(UNICODE_TERM)}&search=${encodeURIComponent('😀')}`],
    [
      'an exploded filterBy',
      `filterBy=${encodeURIComponent('isLocal==true')}&filterBy=${encodeURIComponent('username=@a')}`,
    ],
    ['the deprecated filter parameter', 'filter=username'],
  ];
  for (const [name, query] of tolerated) {
    check('common/robustness/no-server-error', name, async ({ client }) => {
      const ex = await client.get_users({}, { rawQuery: query });
      verify(ex.response.status < 500, `answered ${ex.response.status}`, { exchange: ex });
    });
  }

  for (const value of ['yesterday', '2024-13-45T00:00:00Z', '1700000000']) {
    check('get_users/params/filter-date-format-400', `creationTime>=${value}`, async ({ client }) => {
      expectStatus(await client.get_users({ filterBy: [`creationTime>=${value}`] }), 400);
    });
  }

  check('get_users/filter/metacharacters-literal', async ({ client, run }) => {
    const ds = await scopedDataset(run);
    for (const char of ['%', '_', '.', '+', '-']) {
      const page = await listPage(
        client,
        { terms: [ds.scope, { field: 'username', op: '=@', value: `ab${char}c` }] },
        0,
        LIMIT_MAX,
      );
      const expected = ds.users
        .filter((u) => u.username.includes(`ab${char}c`))
        .map((u) => u.id)
        .sort();
      const got = page.body.map((u) => u.id).sort();
      verify(
        got.join() === expected.join(),
        `username=@ab${char}c returned ${got.length} users, ${expected.length} hold it literally`,
        { exchange: page },
      );
    }
  });

  check('common/authz/viewer-reads-allowed', async ({ client }) => {
    if (!client.hasViewer) notRun('no RUNAI_VIEWER_TOKEN given');
    expectStatus(await client.count_users({}, { as: 'viewer' }), 200);
    const user = await fetchListedUser(client, { as: 'viewer' });
    if (user) expectStatus(user.fetched, 200);
  });
});
