import { describe } from 'vitest';
import { lengthBreakingStrings } from '../../generators/spec-violations.ts';
import { check } from '../../src/harness/requirement-test.ts';
import { loggedInRunUser, loginAs } from '../../src/harness/run-users.ts';
import { expectStatus, verify } from '../../src/harness/verify.ts';
import { componentSchema, propertyOf } from '../../src/spec/openapi.ts';

const body = componentSchema('UserChangePasswordRequest');

describe('change_user_password', () => {
  check('change_user_password/success/ok-200', async (t) => {
    const user = await loggedInRunUser(t.run, 'pw');
    const next = `New-${user.password}-9x`;
    expectStatus(
      await t.client.change_user_password(
        { currentPassword: user.password, newPassword: next },
        { as: { bearer: user.token } },
      ),
      200,
    );
    const token = await loginAs(t.run, user.username, next);
    verify(token !== undefined, 'the new password does not log in');
  });

  for (const bad of lengthBreakingStrings(propertyOf(body, 'newPassword'))) {
    check('change_user_password/body/length-400', `newPassword of ${bad.length} characters`, async (t) => {
      const user = await loggedInRunUser(t.run, 'pw');
      expectStatus(
        await t.client.change_user_password(
          { currentPassword: user.password, newPassword: bad },
          { as: { bearer: user.token } },
        ),
        400,
      );
    });
  }

  for (const missing of body.required as string[]) {
    check('change_user_password/body/required-fields-400', `without ${missing}`, async (t) => {
      const user = await loggedInRunUser(t.run, 'pw');
      const full: Record<string, string> = { currentPassword: user.password, newPassword: `New-${user.password}-9x` };
      delete full[missing];
      expectStatus(await t.client.change_user_password(full, { as: { bearer: user.token } }), 400);
    });
  }
});
