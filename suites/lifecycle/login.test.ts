import { describe } from 'vitest';
import { check } from '../../src/harness/requirement-test.ts';
import { loggedInRunUser, loginAs, refusal } from '../../src/harness/run-users.ts';
import { advise, expectStatus, notApplicable, verify } from '../../src/harness/verify.ts';
import { documentedStatuses } from '../../src/spec/openapi.ts';

const documented4xx = documentedStatuses('change_user_password')
  .map(Number)
  .filter((s) => s >= 400 && s < 500);

describe('login-dependent checks (optional capability)', () => {
  check('create_user/login/temp-password-works', async (t) => {
    await loggedInRunUser(t.run);
  });

  check('reset_user_password/login/old-password-rejected', async (t) => {
    const user = await loggedInRunUser(t.run);
    const reset = expectStatus(
      await t.client.reset_user_password(user.id),
      200,
      'reset_user_password/success/new-temp-password',
    );
    verify(
      (await loginAs(t.run, user.username, user.password)) === undefined,
      'the password from before the reset still logs in',
    );
    verify(
      (await loginAs(t.run, user.username, reset.body.tempPassword ?? '')) !== undefined,
      'the new temporary password does not log in',
      { exchange: reset },
    );
  });

  check('common/auth/login-no-enumeration', async (t) => {
    const user = await loggedInRunUser(t.run, 'enum');
    const password = `Wrong-${user.password}`;
    // A username no user has (the run's scheme, never created), beside a known one with a wrong password.
    const unknown = await refusal(t.run, { grantType: 'password', username: t.run.email('nobody'), password });
    const wrong = await refusal(t.run, { grantType: 'password', username: user.username, password });
    advise(
      unknown === wrong,
      `the password grant answers ${unknown ?? 'a token'} for an unknown username and ${wrong ?? 'a token'} ` +
        'for a wrong password: it tells who has an account',
      { requirement: 'common/auth/login-no-enumeration' },
    );
  });

  check('change_user_password/body/wrong-current-rejected', async (t) => {
    const user = await loggedInRunUser(t.run);
    const proposed = `Proposed-${user.password}-1`;
    const ex = await t.client.change_user_password(
      { currentPassword: `Wrong-${user.password}`, newPassword: proposed },
      { as: { bearer: user.token } },
    );
    verify(
      documented4xx.includes(ex.response.status),
      `answered ${ex.response.status}; expected one of ${documented4xx.join(', ')}`,
      { exchange: ex },
    );
    verify(
      (await loginAs(t.run, user.username, proposed)) === undefined,
      'the proposed password logs in after a refused change',
      { exchange: ex },
    );
  });

  check('logout_user/session/tokens-revoked', async (t) => {
    const user = await loggedInRunUser(t.run);
    expectStatus(await t.client.logout_user(user.id), 200, 'logout_user/success/ok-200');
    expectStatus(await t.client.count_users({}, { as: { bearer: user.token } }), 401);
  });

  check('common/capabilities/declared-honoured', async (t) => {
    if (!t.run.target.capabilities.length) notApplicable('the target declares no optional capability');
    // password-login: a created user logs in (loggedInRunUser fails the requirement if it cannot).
    if (t.run.declares('password-login')) await loggedInRunUser(t.run, 'declared');
  });
});
