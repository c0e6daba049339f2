import { describe } from 'vitest';
import { invalidBody, singleMutations } from '../../generators/invalid-bodies.ts';
import { holds } from '../../src/harness/property.ts';
import { check } from '../../src/harness/requirement-test.ts';
import { loggedInRunUser } from '../../src/harness/run-users.ts';
import { expectStatus } from '../../src/harness/verify.ts';
import { requestBodyPointer } from '../../src/spec/openapi.ts';

const pointer = requestBodyPointer('change_user_password');

describe('change_user_password bodies', () => {
  check('change_user_password/body/invalid-rejected-400', async ({ client, run }) => {
    const user = await loggedInRunUser(run, 'pwbad');
    const { token } = user;
    const valid = () => ({ currentPassword: user.password, newPassword: `Next-${user.password}-2` });
    await holds(
      invalidBody(pointer, valid),
      async ({ body }) => {
        expectStatus(await client.change_user_password(body, { as: { bearer: token } }), 400);
      },
      ({ description }) => description,
      singleMutations(pointer, valid()),
    );
  });
});
