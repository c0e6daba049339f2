import { describe } from 'vitest';
import { check } from '../../src/harness/requirement-test.ts';
import { createRunUser } from '../../src/harness/run-users.ts';
import { expectStatus } from '../../src/harness/verify.ts';

describe('logout_user', () => {
  check('logout_user/success/ok-200', async ({ client, run }) => {
    const user = await createRunUser(run, 'logout');
    expectStatus(await client.logout_user(user.id), 200);
  });

  check('logout_user/not-found/unknown-id-404', 'an id no server issued', async ({ client }) => {
    expectStatus(await client.logout_user(client.ownership.unknownId()), 404);
  });
});
