import { describe } from 'vitest';
import { patternBreakingTerms } from '../../generators/spec-violations.ts';
import { check } from '../../src/harness/requirement-test.ts';
import { expectStatus, verify } from '../../src/harness/verify.ts';
import { filterByPattern } from '../../src/spec/openapi.ts';

describe('count_users', () => {
  check('count_users/success/ok-200', async ({ client }) => {
    const ex = expectStatus(await client.count_users(), 200);
    verify(Number.isInteger(ex.body?.count) && ex.body.count >= 0, 'count is not a non-negative integer', {
      exchange: ex,
    });
  });

  for (const term of patternBreakingTerms(filterByPattern('count_users'), 'username')) {
    check('count_users/params/filter-by-pattern-400', `filterBy=${term}`, async ({ client }) => {
      expectStatus(await client.count_users({ filterBy: [term] }), 400);
    });
  }
});
