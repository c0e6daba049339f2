import { describe } from 'vitest';
import { lengthBreakingEmails, patternBreakingEmails } from '../../generators/spec-violations.ts';
import { check } from '../../src/harness/requirement-test.ts';
import { createRunUser } from '../../src/harness/run-users.ts';
import { expectStatus, verify } from '../../src/harness/verify.ts';
import { EMAIL_DOMAIN } from '../../src/model/run-naming.ts';
import { componentSchema, propertyOf } from '../../src/spec/openapi.ts';

const emailSchema = propertyOf(componentSchema('UserCreationRequest1'), 'email');

describe('create_user', () => {
  check('create_user/success/created-201', async ({ client, run }) => {
    // Upper-case domain: the username may come back lower-cased, and must still be the email.
    const email = run.email('create').replace(/@.*/, (domain) => domain.toUpperCase());
    const ex = expectStatus(await client.create_user({ email }), 201);
    verify(typeof ex.body.id === 'string' && ex.body.id.length > 0, 'id is empty', { exchange: ex });
    verify(ex.body.username?.toLowerCase() === email.toLowerCase(), `username "${ex.body.username}" is not the email`, {
      exchange: ex,
    });
    verify(typeof ex.body.tempPassword === 'string' && ex.body.tempPassword.length > 0, 'tempPassword is empty', {
      exchange: ex,
    });
  });

  check('create_user/body/email-required-400', async ({ client }) => {
    expectStatus(await client.create_user({ notify: false }), 400);
  });

  for (const email of patternBreakingEmails(emailSchema, 'rc-x-')) {
    check('create_user/body/email-pattern-400', `email "${email}"`, async ({ client, run }) => {
      expectStatus(await client.create_user({ email: email.replace('rc-x-', run.prefix) }), 400);
    });
  }

  check('create_user/body/email-length-400', async ({ client, run }) => {
    const emails = lengthBreakingEmails(emailSchema, run.prefix, EMAIL_DOMAIN);
    verify(emails.length > 0, 'the spec declares no email length bound to break');
    for (const email of emails) expectStatus(await client.create_user({ email }), 400);
  });

  check('create_user/body/field-types-400', async ({ client, run }) => {
    expectStatus(await client.create_user({ email: 12345 }), 400);
    expectStatus(await client.create_user({ email: run.email('types'), resetPassword: 'yes' }), 400);
    expectStatus(await client.create_user({ email: run.email('types'), notify: 1 }), 400);
  });

  check('create_user/conflict/duplicate-email-409', async ({ client, run }) => {
    const user = await createRunUser(run, 'dup');
    expectStatus(await client.create_user({ email: user.email }), 409);
    const count = expectStatus(await client.count_users({ filterBy: [`username==${user.username}`] }), 200);
    verify(count.body.count === 1, `${count.body.count} users named ${user.username} after the duplicate create`, {
      exchange: count,
    });
  });

  check('create_user/conflict/duplicate-email-case-409', async ({ client, run }) => {
    const user = await createRunUser(run, 'dupcase');
    expectStatus(await client.create_user({ email: user.email.toUpperCase() }), 409);
  });
});
