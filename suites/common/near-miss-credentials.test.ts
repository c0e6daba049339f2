import { randomBytes } from 'node:crypto';
import { describe } from 'vitest';
import { type NearMiss, nearMisses, tokenForgeries } from '../../generators/near-miss-credentials.ts';
import { registerSecret } from '../../src/client/secrets.ts';
import { callOperation, takesUserId } from '../../src/harness/operation-calls.ts';
import { check } from '../../src/harness/requirement-test.ts';
import { createRunUser, grant, loggedInRunUser } from '../../src/harness/run-users.ts';
import { expectStatus, notApplicable, notRun, verify } from '../../src/harness/verify.ts';
import { operations, userMutations } from '../../src/spec/openapi.ts';

const requirement = 'common/auth/near-miss-token-401';
/** The operation that meets every near miss in every profile; the others one of each class but in full. */
const WHOLE = 'count_users';
/** Every change, or the first of each class: a server compares tokens in one place, so a class meets it. */
const sample = (misses: NearMiss[], every: boolean) =>
  every ? misses : misses.filter((m, i) => misses.findIndex((x) => x.change === m.change) === i);

/** The tokens the run holds, by the variable a curl line names them with. */
const HELD = [
  { name: "the admin's token", variable: 'RUNAI_TOKEN', viewer: false },
  { name: "the viewer's token", variable: 'RUNAI_VIEWER_TOKEN', viewer: true },
] as const;

for (const held of HELD) {
  describe(`near misses of ${held.name}`, () => {
    for (const op of operations.values()) {
      const writes = op.method !== 'GET';
      // Writes only where the profile writes; a refused write must leave its user as it was.
      check(
        requirement,
        `${op.method} ${op.path}`,
        async ({ client, run }) => {
          if (held.viewer && !client.hasViewer) notRun('no RUNAI_VIEWER_TOKEN given');
          const source = held.viewer ? client.options.viewer : client.options.admin;
          const token = await source?.token();
          if (!token) notRun(`no ${held.variable}`);
          const user =
            takesUserId(op.operationId) && run.includes('standard') ? await createRunUser(run, 'near') : undefined;
          const before =
            user && userMutations.includes(op.operationId) ? await client.get_user_by_id(user.id) : undefined;
          // Every change at once: each is an unknown token, so none may change anything.
          await Promise.all(
            sample(
              [...nearMisses(token), ...tokenForgeries(token)],
              run.includes('full') || op.operationId === WHOLE,
            ).map(async (miss) => {
              // As secret as the token it comes from: redacted wherever it would be recorded.
              registerSecret(miss.value);
              const answer = await callOperation(client, run, op.operationId, {
                identity: { bearer: miss.value },
                userId: user?.id,
              });
              verify(
                answer.response.status === 401,
                `${held.name} with its ${miss.change} changed was answered ` +
                  `${answer.response.status}, not 401: the comparison is loose`,
                { requirement, exchange: answer },
              );
            }),
          );
          if (!user || !before) return;
          const after = expectStatus(await client.get_user_by_id(user.id), 200, requirement);
          verify(JSON.stringify(after.body) === JSON.stringify(before.body), 'a near-miss token changed the user', {
            requirement,
            exchange: after,
          });
        },
        { profile: writes ? 'standard' : 'smoke' },
      );
    }
  });
}

describe('near misses of a password, at the password grant', () => {
  check(
    'common/auth/near-miss-password-refused',
    async ({ client, run }) => {
      const user = await loggedInRunUser(run, 'nmpw');
      // Longer than the 72 bytes bcrypt reads, so a change past them is one of the near misses.
      const password = `Nm-${randomBytes(60).toString('base64url')}`.slice(0, 80);
      registerSecret(password);
      const changed = await client.change_user_password(
        { currentPassword: user.password, newPassword: password },
        { as: { bearer: user.token } },
      );
      expectStatus(changed, 200, 'common/auth/near-miss-password-refused');
      const login = (p: string) => grant(run, { grantType: 'password', username: user.username, password: p });
      if (!(await login(password))) notApplicable('a changed password does not log in: nothing to compare with');
      // Together: each is a wrong password of the run's own user, whatever the others are.
      const misses = nearMisses(password);
      for (const miss of misses) registerSecret(miss.value);
      const answers = await Promise.all(misses.map((miss) => login(miss.value)));
      for (const [i, miss] of misses.entries())
        verify(answers[i] === undefined, `the password with its ${miss.change} changed logged in`, {
          requirement: 'common/auth/near-miss-password-refused',
        });
    },
    { profile: 'standard' },
  );
});

describe('near misses of the client secret, at the client-credentials grant', () => {
  check('common/auth/near-miss-client-secret-refused', async ({ run }) => {
    const { clientId, clientSecret } = run.target;
    // A run that authenticates with a token uses no client-credentials grant: there is nothing to hold it to.
    if (!clientId || !clientSecret) notApplicable('the run authenticates with a token, not client credentials');
    registerSecret(clientSecret);
    const misses = nearMisses(clientSecret);
    for (const miss of misses) registerSecret(miss.value);
    const answers = await Promise.all(
      misses.map((miss) => grant(run, { grantType: 'client_credentials', clientId, clientSecret: miss.value })),
    );
    for (const [i, miss] of misses.entries())
      verify(answers[i] === undefined, `the client secret with its ${miss.change} changed got a token`, {
        requirement: 'common/auth/near-miss-client-secret-refused',
      });
  });
});
