import { describe } from 'vitest';
import { queriedOperations } from '../../generators/input-slots.ts';
import { validBodies, validQueries } from '../../generators/valid-inputs.ts';
import { inPool } from '../../src/harness/in-pool.ts';
import { check } from '../../src/harness/requirement-test.ts';
import { loggedInRunUser } from '../../src/harness/run-users.ts';
import { verify } from '../../src/harness/verify.ts';
import type { Exchange } from '../../src/model/exchange.ts';

// What the contract admits must be accepted: a server that refuses a valid input is as broken as
// one that takes an invalid one. Independent requests go out a few at a time.
const requirement = 'common/input/valid-forms-accepted';
const IN_FLIGHT = 8;

const accepted = (label: string, answer: Exchange, ok: number[]) =>
  verify(
    ok.includes(answer.response.status),
    `${label} was answered ${answer.response.status}: the contract admits it`,
    {
      requirement,
      exchange: answer,
    },
  );

describe('valid inputs are accepted', () => {
  for (const operationId of queriedOperations) {
    check(requirement, `${operationId} queries`, async ({ client, run }) => {
      const queries = validQueries(operationId, run.includes('full'));
      // One user a page: every form costs the same on a target with 20,000 users as on one with 20.
      await inPool(queries, IN_FLIGHT, async ({ label, query }) => {
        const limited = operationId === 'get_users' && query.limit === undefined ? { ...query, limit: 1 } : query;
        accepted(label, await client.call(operationId, { query: limited }), [200]);
      });
    });
  }

  check(
    requirement,
    'create_user: every optional property, and one the schema does not forbid',
    async ({ client, run }) => {
      await inPool(validBodies('create_user', { email: '' }), IN_FLIGHT, async ({ label, value }) => {
        // Each body its own email under the run's prefix: every user it makes is the run's own.
        const body = { ...(value as object), email: run.email('ok') };
        accepted(label, await client.create_user(body), [201]);
      });
    },
    { profile: 'standard' },
  );

  check(
    requirement,
    'change_user_password: a property the schema does not forbid (where a created user can log in)',
    async ({ client, run }) => {
      const user = await loggedInRunUser(run, 'okpw');
      let current = user.password;
      // One after another: each accepted change makes the next current password.
      for (const { label, value } of validBodies('change_user_password', { currentPassword: '', newPassword: '' })) {
        const next = `Next-${current}`.slice(0, 64);
        const body = { ...(value as object), currentPassword: current, newPassword: next };
        accepted(label, await client.change_user_password(body, { as: { bearer: user.token } }), [200]);
        current = next;
      }
    },
    { profile: 'standard' },
  );
});
