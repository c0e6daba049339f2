import fc from 'fast-check';
import { describe } from 'vitest';
import { invalidBody, singleMutations } from '../../generators/invalid-bodies.ts';
import { lengthBreakingEmails, patternBreakingEmails } from '../../generators/spec-violations.ts';
import { holds } from '../../src/harness/property.ts';
import { check } from '../../src/harness/requirement-test.ts';
import { expectStatus } from '../../src/harness/verify.ts';
import { EMAIL_DOMAIN } from '../../src/model/run-naming.ts';
import { componentSchema, propertyOf, requestBodyPointer } from '../../src/spec/openapi.ts';

const pointer = requestBodyPointer('create_user');
const emailSchema = propertyOf(componentSchema('UserCreationRequest1'), 'email');

describe('create_user bodies', () => {
  check('create_user/body/invalid-rejected-400', async ({ client, run }) => {
    // Bad emails keep the run prefix: a server that wrongly accepts one creates a user the run cleans up.
    const badStrings = {
      email: [
        ...patternBreakingEmails(emailSchema, run.prefix),
        ...lengthBreakingEmails(emailSchema, run.prefix, EMAIL_DOMAIN),
      ],
    };
    const valid = () => ({ email: run.email('bad') });
    await holds(
      invalidBody(pointer, valid, badStrings),
      async ({ body }) => {
        expectStatus(await client.create_user(body), 400);
      },
      ({ description }) => description,
      singleMutations(pointer, valid(), badStrings),
    );
  });

  check('create_user/body/optional-fields-accepted', async ({ client, run }) => {
    const values = fc.constantFrom(true, false, null);
    await holds(fc.record({ resetPassword: values, notify: values }), async (extra) => {
      expectStatus(await client.create_user({ email: run.email('opt'), ...extra }), 201);
    });
  });
});
