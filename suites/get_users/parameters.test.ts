import { describe } from 'vitest';
import { nonIntegers, notInEnum, outOfBounds, patternBreakingTerms } from '../../generators/spec-violations.ts';
import { check } from '../../src/harness/requirement-test.ts';
import { expectStatus, verify } from '../../src/harness/verify.ts';
import { filterByPattern, parameter } from '../../src/spec/openapi.ts';

describe('get_users', () => {
  check('get_users/success/ok-200', async ({ client }) => {
    const ex = expectStatus(await client.get_users({ limit: 5 }), 200);
    verify(Array.isArray(ex.body), 'list body is not an array', { exchange: ex });
  });

  const limit = parameter('get_users', 'limit').schema;
  for (const value of outOfBounds(limit)) {
    check('get_users/params/limit-bounds-400', `limit=${value}`, async ({ client }) => {
      expectStatus(await client.get_users({ limit: value }), 400);
    });
  }

  for (const name of ['limit', 'offset']) {
    for (const value of nonIntegers) {
      check('get_users/params/integer-type-400', `${name}=${value}`, async ({ client }) => {
        expectStatus(await client.get_users({ [name]: value }), 400);
      });
    }
  }

  for (const value of notInEnum(parameter('get_users', 'sortBy').schema)) {
    check('get_users/params/sort-by-enum-400', `sortBy=${value}`, async ({ client }) => {
      expectStatus(await client.get_users({ sortBy: value }), 400);
    });
  }

  for (const value of notInEnum(parameter('get_users', 'sortOrder').schema)) {
    check('get_users/params/sort-order-enum-400', `sortOrder=${value}`, async ({ client }) => {
      expectStatus(await client.get_users({ sortOrder: value }), 400);
    });
  }

  for (const term of patternBreakingTerms(filterByPattern('get_users'), 'username')) {
    check('get_users/params/filter-by-pattern-400', `filterBy=${term}`, async ({ client }) => {
      expectStatus(await client.get_users({ filterBy: [term] }), 400);
    });
  }
});
