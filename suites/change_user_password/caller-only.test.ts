import { describe } from 'vitest';
import { check } from '../../src/harness/requirement-test.ts';
import { grant, loggedInRunUser } from '../../src/harness/run-users.ts';
import { expectStatus, verify } from '../../src/harness/verify.ts';

const requirement = 'change_user_password/body/caller-only';

describe('change_user_password acts on the caller only', () => {
  check(requirement, async ({ client, run }) => {
    const [a, b] = await Promise.all([loggedInRunUser(run, 'cpa'), loggedInRunUser(run, 'cpb')]);
    const next = `Next-${a.password}`;
    // The body names B as an object-level attacker would: by id and by name, beside A's own passwords.
    const body = { currentPassword: a.password, newPassword: next, userId: b.id, id: b.id, username: b.username };
    const changed = await client.change_user_password(body, { as: { bearer: a.token } });
    expectStatus(changed, [200, 400], requirement);
    const login = (username: string, password: string) => grant(run, { grantType: 'password', username, password });
    verify((await login(b.username, b.password)) !== undefined, "B's password stopped working: A's change reached B", {
      requirement,
      exchange: changed,
    });
    if (changed.response.status === 200)
      verify((await login(a.username, next)) !== undefined, "A's new password does not log A in", {
        requirement,
        exchange: changed,
      });
  });
});
