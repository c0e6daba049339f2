import { describe } from 'vitest';
import type { Identity } from '../../src/client/users-client.ts';
import { refusedCall, takesUserId } from '../../src/harness/operation-calls.ts';
import { check } from '../../src/harness/requirement-test.ts';
import type { RunContext } from '../../src/harness/run-context.ts';
import { grant, loggedInRunUser } from '../../src/harness/run-users.ts';
import { expectStatus, notApplicable } from '../../src/harness/verify.ts';
import { callerOperations, createOperations, operation, operations } from '../../src/spec/openapi.ts';

/**
 * Credentials a client can hold beyond the admin's and the viewer's, each with what every
 * operation must answer it. Built per cell: a created user logs in (not applicable where the
 * target offers no password login).
 */
interface Credential {
  requirement: string;
  name: string;
  /** Whether the cell applies to an operation. */
  applies: (operationId: string) => boolean;
  expected: number[];
  present: (run: RunContext) => Promise<Identity>;
}

async function tokensOf(run: RunContext) {
  const user = await loggedInRunUser(run, 'cred');
  const tokens = await grant(run, { grantType: 'password', username: user.username, password: user.password });
  if (!tokens) notApplicable('the target gives no tokens to a created user');
  return { user, tokens };
}

/** The write that names no user and creates none: a user's change of its own password. */
const changesOwnPassword = (operationId: string) =>
  !takesUserId(operationId) && !createOperations.includes(operationId);
const writes = [...operations.values()].filter((op) => op.method !== 'GET').map((op) => op.operationId);

const CREDENTIALS: Credential[] = [
  {
    requirement: 'common/authz/user-token-not-admin',
    name: "a created user's own access token",
    // Its own password is the one thing it may change.
    applies: (id) => writes.includes(id) && !changesOwnPassword(id),
    expected: [401, 403],
    present: async (run) => ({ bearer: (await tokensOf(run)).tokens.access }),
  },
  {
    requirement: 'common/authz/user-token-read-status',
    name: "a created user's own access token, reading",
    // Whether a user reads users is open; that it is refused as an authorization is not.
    applies: (id) => operation(id).method === 'GET',
    expected: [200, 401, 403],
    present: async (run) => ({ bearer: (await tokensOf(run)).tokens.access }),
  },
  {
    requirement: 'common/authz/application-has-no-account',
    name: "the run's own token, on the caller's own account",
    // A wrong current password goes with it: whoever the token is, nothing may change.
    applies: (id) => callerOperations.includes(id),
    expected: [400, 401, 403, 404],
    present: async () => 'admin',
  },
  {
    requirement: 'common/authz/refresh-token-not-bearer',
    name: 'a refresh token as the bearer token',
    applies: () => true,
    expected: [401],
    present: async (run) => {
      const { tokens } = await tokensOf(run);
      if (!tokens.refresh) notApplicable('the target issues no refresh token with the password grant');
      return { bearer: tokens.refresh };
    },
  },
  {
    requirement: 'common/authz/deleted-user-token-401',
    name: "a deleted user's access token",
    applies: () => true,
    expected: [401],
    present: async (run) => {
      const { user, tokens } = await tokensOf(run);
      expectStatus(await run.client.delete_user_by_id(user.id), [200, 204]);
      return { bearer: tokens.access };
    },
  },
];

for (const credential of CREDENTIALS) {
  describe(credential.name, () => {
    for (const op of operations.values()) {
      if (!credential.applies(op.operationId)) continue;
      check(credential.requirement, `${op.method} ${op.path}`, async ({ run, client }) => {
        const identity = await credential.present(run);
        await refusedCall(client, run, op.operationId, identity, credential.expected, credential.requirement);
      });
    }
  });
}
