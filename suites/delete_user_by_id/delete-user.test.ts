import { describe } from 'vitest';
import { check } from '../../src/harness/requirement-test.ts';
import { createRunUser } from '../../src/harness/run-users.ts';
import { expectStatus } from '../../src/harness/verify.ts';

describe('delete_user_by_id', () => {
  check('delete_user_by_id/success/deleted-204', async ({ client, run }) => {
    const user = await createRunUser(run, 'del');
    expectStatus(await client.delete_user_by_id(user.id), 204);
    expectStatus(await client.get_user_by_id(user.id), 404);
  });

  check('delete_user_by_id/not-found/unknown-id-404', 'an id no server issued', async ({ client }) => {
    expectStatus(await client.delete_user_by_id(client.ownership.unknownId()), 404);
  });

  check('delete_user_by_id/not-found/unknown-id-404', 'a user deleted once already', async ({ client, run }) => {
    const user = await createRunUser(run, 'del2');
    expectStatus(await client.delete_user_by_id(user.id), 204, 'delete_user_by_id/success/deleted-204');
    expectStatus(await client.delete_user_by_id(user.id), 404);
  });
});

describe('delete_user_by_id collateral', () => {
  check(
    'delete_user_by_id/success/only-target-deleted',
    'its neighbours in username order',
    async ({ client, run }) => {
      // Three names adjacent in every collation: nothing else can sort between them.
      const [local, domain] = run.email('adj').split('@');
      const [a, b, c] = await Promise.all(
        ['a', 'b', 'c'].map(
          async (x) =>
            expectStatus(
              await client.create_user({ email: `${local}${x}@${domain}` }),
              201,
              'create_user/success/created-201',
            ).body,
        ),
      );
      if (!a || !b || !c) throw new Error('three users were created');
      expectStatus(await client.delete_user_by_id(b.id), 204, 'delete_user_by_id/success/deleted-204');
      for (const other of [a, c]) expectStatus(await client.get_user_by_id(other.id), 200);
    },
  );
});
