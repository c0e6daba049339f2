import { describe } from 'vitest';
import { bodySlots } from '../../generators/input-slots.ts';
import { stringForms } from '../../generators/string-forms.ts';
import { inPool } from '../../src/harness/in-pool.ts';
import { check } from '../../src/harness/requirement-test.ts';
import { loggedInRunUser, loginAs } from '../../src/harness/run-users.ts';
import { verify } from '../../src/harness/verify.ts';

const AS_SENT = 'change_user_password/login/new-password-as-sent';
/** Users changing their passwords at once. */
const IN_FLIGHT = 6;

// A password is read back by logging in with it: every form the schema admits, from the spec.
const slot = bodySlots('change_user_password', {}).find((s) => s.name === 'newPassword');
const forms = slot ? stringForms(slot.schema, slot.pointer) : [];

describe('change_user_password: a new password is kept as it was sent', () => {
  check(AS_SENT, `${forms.length} forms of newPassword`, async ({ client, run }) => {
    const lost: string[] = [];
    await inPool(forms, IN_FLIGHT, async (form) => {
      const user = await loggedInRunUser(run, 'pwf');
      const password = String(form.value);
      const changed = await client.change_user_password(
        { currentPassword: user.password, newPassword: password },
        { as: { bearer: user.token } },
      );
      // A password policy may refuse a form (the contract names none); one it accepted must log in as sent.
      if (changed.response.status !== 200) return;
      if ((await loginAs(run, user.username, password)) === undefined) lost.push(form.label);
    });
    verify(lost.length === 0, `accepted as the new password, then no login with it: ${lost.join('; ')}`, {
      requirement: AS_SENT,
    });
  });
});
