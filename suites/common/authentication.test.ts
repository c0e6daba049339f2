import { randomBytes } from 'node:crypto';
import { describe } from 'vitest';
import type { Identity } from '../../src/client/users-client.ts';
import { callOperation, refusedCall, takesUserId } from '../../src/harness/operation-calls.ts';
import type { CheckContext } from '../../src/harness/requirement-test.ts';
import { check } from '../../src/harness/requirement-test.ts';
import { expectStatus, verify } from '../../src/harness/verify.ts';
import { operations } from '../../src/spec/openapi.ts';

const unknownToken = () => `${randomBytes(16).toString('base64url')}.${randomBytes(24).toString('base64url')}`;
const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
/** A well-formed JWT that expired long ago, signed with nothing the server knows. */
const expiredJwt = () => {
  const header = b64({ alg: 'HS256', typ: 'JWT' });
  const claims = b64({ sub: 'conformance', exp: 1_000_000_000, iat: 999_999_000 });
  return `${header}.${claims}.${randomBytes(32).toString('base64url')}`;
};

/** Credentials that are not credentials: each must be answered 401. */
const badCredentials: { name: string; identity: () => Identity }[] = [
  { name: 'an unknown bearer token', identity: () => ({ bearer: unknownToken() }) },
  { name: 'an expired-looking JWT', identity: () => ({ bearer: expiredJwt() }) },
  { name: 'Bearer with no token', identity: () => ({ authorization: 'Bearer' }) },
  { name: 'a malformed Authorization header', identity: () => ({ authorization: `Bearer ${unknownToken()} extra` }) },
  {
    name: 'the Basic scheme',
    identity: () => ({ authorization: `Basic ${Buffer.from('admin:admin').toString('base64')}` }),
  },
];

/** Each is refused with 401 and leaves the user it names as it was. */
const rejectedCall = (t: CheckContext, operationId: string, identity: Identity, requirement: string) =>
  refusedCall(t.client, t.run, operationId, identity, 401, requirement);

for (const op of operations.values()) {
  if (!op.responses['401']) continue;
  const id = op.operationId;
  describe(id, () => {
    check(`${id}/auth/missing-token-401`, `${op.method} ${op.path}`, (t) =>
      rejectedCall(t, id, 'none', `${id}/auth/missing-token-401`),
    );
    // Authentication comes before the lookup: an id no user has tells a caller with no token nothing.
    if (takesUserId(id))
      check(`${id}/auth/missing-token-401`, `${op.method} ${op.path}, an id no user has`, async (t) => {
        expectStatus(
          await callOperation(t.client, t.run, id, { identity: 'none' }),
          401,
          `${id}/auth/missing-token-401`,
        );
      });
    // HEAD is GET without content (RFC 9110 9.3.2): without a token it reads nothing either (405 if not taken).
    if (op.method === 'GET')
      check(`${id}/auth/missing-token-401`, `HEAD ${op.path}`, async (t) => {
        const userId = t.client.ownership.unknownId();
        const path = op.path.replace('{userId}', encodeURIComponent(userId));
        const head = await t.client.call(
          id,
          { pathParams: { userId } },
          { as: 'none', offTheMap: { method: 'HEAD', path } },
        );
        verify(head.response.status < 200 || head.response.status >= 300, `HEAD ${op.path} with no token got a 2xx`, {
          requirement: `${id}/auth/missing-token-401`,
          exchange: head,
        });
      });
    for (const bad of badCredentials) {
      check(`${id}/auth/invalid-token-401`, `${op.method} ${op.path} with ${bad.name}`, (t) =>
        rejectedCall(t, id, bad.identity(), `${id}/auth/invalid-token-401`),
      );
    }
  });
}
