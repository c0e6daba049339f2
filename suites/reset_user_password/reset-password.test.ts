import { describe } from 'vitest';
import { check } from '../../src/harness/requirement-test.ts';
import { createRunUser } from '../../src/harness/run-users.ts';
import { expectStatus, verify } from '../../src/harness/verify.ts';

describe('reset_user_password', () => {
  check('reset_user_password/success/new-temp-password', async ({ client, run }) => {
    const user = await createRunUser(run, 'reset');
    const first = expectStatus(await client.reset_user_password(user.id), 200);
    verify(
      typeof first.body?.tempPassword === 'string' && first.body.tempPassword.length > 0,
      'reset answered no tempPassword',
      { exchange: first },
    );
    verify(first.body.tempPassword !== user.password, 'reset returned the password given at creation', {
      exchange: first,
    });
    const second = expectStatus(await client.reset_user_password(user.id), 200);
    verify(
      second.body?.tempPassword !== first.body.tempPassword,
      'a second reset returned the same temporary password',
      { exchange: second },
    );
  });

  check('reset_user_password/not-found/unknown-id-404', 'an id no server issued', async ({ client }) => {
    expectStatus(await client.reset_user_password(client.ownership.unknownId()), 404);
  });
});
