import { describe } from 'vitest';
import { type CheckContext, type CheckOptions, check } from '../../src/harness/requirement-test.ts';
import { createRunUser, type RunUser } from '../../src/harness/run-users.ts';
import { adviseStatus, expectStatus, verify } from '../../src/harness/verify.ts';
import { InconclusiveError } from '../../src/model/errors.ts';
import { compareInstants } from '../../src/oracles/timestamps.ts';

/** Latency, and the one-second resolution of the Date header. */
const TOLERANCE_MS = 2 * 60_000;

// One user through its whole life, one readable test per step. A step after a failed one
// has nothing valid to observe: it is inconclusive, not failed.
describe.sequential('user lifecycle', () => {
  let user: RunUser | undefined;
  let lastPassword: string | undefined;
  let broken: string | undefined;

  // Every step writes or depends on a write: none runs in the read-only profile.
  const step = (
    ids: string | string[],
    label: string,
    body: (t: CheckContext, u: RunUser) => Promise<void>,
    options: CheckOptions = {},
  ) =>
    check(
      ids,
      label,
      async (t) => {
        if (broken) throw new InconclusiveError(`an earlier lifecycle step failed: ${broken}`);
        if (!user) throw new InconclusiveError('the lifecycle user was not created');
        try {
          await body(t, user);
        } catch (error) {
          broken = label;
          throw error;
        }
      },
      { profile: 'standard', ...options },
    );

  check(
    'create_user/success/created-201',
    'lifecycle 1: create',
    async (t) => {
      try {
        user = await createRunUser(t.run, 'life');
        lastPassword = user.password;
      } catch (error) {
        broken = 'lifecycle 1: create';
        throw error;
      }
    },
    { profile: 'standard' },
  );

  step(
    [
      'get_user_by_id/success/matches-created-200',
      'get_user_by_id/success/timestamps-consistent',
      'get_user_by_id/success/timestamps-current',
    ],
    'lifecycle 2: get',
    async ({ client }, u) => {
      const ex = expectStatus(await client.get_user_by_id(u.id), 200, 'get_user_by_id/success/matches-created-200');
      const got = ex.body;
      verify(got.id === u.id && got.username.toLowerCase() === u.email.toLowerCase(), `got ${got.id} ${got.username}`, {
        requirement: 'get_user_by_id/success/matches-created-200',
        exchange: ex,
      });
      verify(got.isLocal === true, `isLocal is ${got.isLocal}`, {
        requirement: 'get_user_by_id/success/matches-created-200',
        exchange: ex,
      });
      if (got.createdAt && got.updatedAt)
        verify((compareInstants(got.createdAt, got.updatedAt) ?? 0) <= 0, 'updatedAt is before createdAt', {
          requirement: 'get_user_by_id/success/timestamps-consistent',
          exchange: ex,
        });
      if (got.createdAt && got.lastLogin)
        verify((compareInstants(got.createdAt, got.lastLogin) ?? 0) <= 0, 'lastLogin is before createdAt', {
          requirement: 'get_user_by_id/success/timestamps-consistent',
          exchange: ex,
        });
      // Judged against the server's own clock (the Date of its create answer), so a suite
      // machine whose clock is off raises no false alarm, and a server writing hours-off times is caught.
      const serverNow = u.createdAround ? Date.parse(u.createdAround) : Number.NaN;
      if (got.createdAt && !Number.isNaN(serverNow)) {
        const at = Date.parse(got.createdAt);
        verify(
          Math.abs(at - serverNow) <= TOLERANCE_MS,
          `createdAt ${got.createdAt} is ${Math.round((at - serverNow) / 60_000)} min from the server's Date ` +
            `(${u.createdAround}) when it created the user`,
          { requirement: 'get_user_by_id/success/timestamps-current', exchange: ex },
        );
      }
    },
  );

  step('get_users/lifecycle/created-listed', 'lifecycle 3: list and count', async ({ client }, u) => {
    const list = expectStatus(await client.get_users({ filterBy: [`username==${u.username}`] }), 200);
    verify(
      list.body.some((x) => x.id === u.id),
      'the new user is not listed',
      { exchange: list },
    );
    const count = expectStatus(await client.count_users({ filterBy: [`username==${u.username}`] }), 200);
    verify(count.body.count === 1, `count says ${count.body.count}`, { exchange: count });
  });

  step(
    ['create_user/conflict/duplicate-email-409', 'create_user/conflict/duplicate-email-case-409'],
    'lifecycle 4: create again',
    async ({ client }, u) => {
      expectStatus(await client.create_user({ email: u.email }), 409, 'create_user/conflict/duplicate-email-409');
      const other = await client.create_user({ email: u.email.toUpperCase() });
      adviseStatus(other, 409, 'create_user/conflict/duplicate-email-case-409');
      // A duplicate the server wrongly made goes at once, so the later steps see the state they expect.
      if (other.response.status === 201 && typeof other.body?.id === 'string')
        await client.delete_user_by_id(other.body.id);
    },
  );

  step('reset_user_password/success/new-temp-password', 'lifecycle 5: reset', async ({ client }, u) => {
    const ex = expectStatus(await client.reset_user_password(u.id), 200);
    verify(typeof ex.body?.tempPassword === 'string' && ex.body.tempPassword !== lastPassword, 'no new tempPassword', {
      exchange: ex,
    });
    lastPassword = ex.body.tempPassword;
  });

  step('logout_user/success/ok-200', 'lifecycle 6: logout', async ({ client }, u) => {
    expectStatus(await client.logout_user(u.id), 200);
  });

  step('delete_user_by_id/success/deleted-204', 'lifecycle 7: delete', async ({ client }, u) => {
    expectStatus(await client.delete_user_by_id(u.id), 204);
  });

  for (const op of ['get_user_by_id', 'reset_user_password', 'logout_user', 'delete_user_by_id'] as const) {
    step(`${op}/not-found/unknown-id-404`, `lifecycle 8: ${op} after delete`, async ({ client }, u) => {
      expectStatus(await client[op](u.id), 404);
    });
  }

  step('get_users/lifecycle/deleted-unlisted', 'lifecycle 9: list and count after delete', async ({ client }, u) => {
    const list = expectStatus(await client.get_users({ filterBy: [`username==${u.username}`] }), 200);
    verify(!list.body.some((x) => x.id === u.id), 'the deleted user is still listed', { exchange: list });
    const count = expectStatus(await client.count_users({ filterBy: [`username==${u.username}`] }), 200);
    // Judged by id: a duplicate the server wrongly accepted in step 4 may still carry the name.
    verify(
      count.body.count === list.body.length,
      `count says ${count.body.count}, the list holds ${list.body.length}`,
      {
        exchange: count,
      },
    );
  });

  step(
    'create_user/success/email-reusable-after-delete',
    'lifecycle 10: create again after delete',
    async ({ client }, u) => {
      const again = expectStatus(await client.create_user({ email: u.email }), 201);
      // The new user is the run's: deleted now (and by id at the end, whatever happens here).
      await client.delete_user_by_id(again.body.id);
    },
  );
});
