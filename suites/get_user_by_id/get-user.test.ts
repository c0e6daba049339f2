import { describe } from 'vitest';
import { fetchListedUser } from '../../src/harness/listed-user.ts';
import { check } from '../../src/harness/requirement-test.ts';
import { createRunUser } from '../../src/harness/run-users.ts';
import { expectStatus, notApplicable, verify } from '../../src/harness/verify.ts';

describe('get_user_by_id', () => {
  check('get_user_by_id/success/existing-200', async ({ client }) => {
    const user = await fetchListedUser(client);
    if (!user) notApplicable('the target lists no user that stays long enough to be fetched');
    const ex = expectStatus(user.fetched, 200);
    verify(ex.body.id === user.listed.id, `asked for ${user.listed.id}, got ${ex.body.id}`, { exchange: ex });
  });

  check('get_user_by_id/success/matches-created-200', async ({ client, run }) => {
    const user = await createRunUser(run, 'get');
    const ex = expectStatus(await client.get_user_by_id(user.id), 200);
    verify(ex.body.id === user.id, `asked for ${user.id}, got ${ex.body.id}`, { exchange: ex });
    verify(
      ex.body.username?.toLowerCase() === user.email.toLowerCase(),
      `username ${ex.body.username} is not ${user.email}`,
      { exchange: ex },
    );
    verify(ex.body.isLocal === true, `isLocal is ${ex.body.isLocal} for a created local user`, { exchange: ex });
  });

  check('get_user_by_id/not-found/unknown-id-404', 'an id no server issued', async ({ client }) => {
    expectStatus(await client.get_user_by_id(client.ownership.unknownId()), 404);
  });

  check(
    'get_user_by_id/not-found/unknown-id-404',
    'a deleted user',
    async ({ client, run }) => {
      const user = await createRunUser(run, 'gone');
      expectStatus(await client.delete_user_by_id(user.id), 204, 'delete_user_by_id/success/deleted-204');
      expectStatus(await client.get_user_by_id(user.id), 404);
    },
    { profile: 'standard' },
  );
});
