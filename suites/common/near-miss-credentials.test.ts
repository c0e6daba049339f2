import { randomBytes } from 'node:crypto';
import { describe } from 'vitest';
import { type NearMiss, nearMisses, tokenForgeries } from '../../generators/near-miss-credentials.ts';
import { registerSecret } from '../../src/client/secrets.ts';
import { callOperation, takesUserId } from '../../src/harness/operation-calls.ts';
import { check } from '../../src/harness/requirement-test.ts';
import { createRunUser, grant, loggedInRunUser, refusal, refusedWith4xx } from '../../src/harness/run-users.ts';
import { expectStatus, notApplicable, notRun, verify } from '../../src/harness/verify.ts';
import { InconclusiveError } from '../../src/model/errors.ts';
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

/** What a near miss got, when it was not the 4xx of a refusal. */
const refusedAs = (status: number | undefined, what: string) =>
  status === undefined ? `${what} got a token` : `${what} was answered ${status}, not a 4xx: a crash is no refusal`;

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
      const answers = await Promise.all(
        misses.map((miss) => refusal(run, { grantType: 'password', username: user.username, password: miss.value })),
      );
      for (const [i, miss] of misses.entries())
        verify(refusedWith4xx(answers[i]), refusedAs(answers[i], `the password with its ${miss.change} changed`), {
          requirement: 'common/auth/near-miss-password-refused',
        });
    },
    { profile: 'standard' },
  );
});

describe('near misses of a refresh token, at the refresh grant', () => {
  check(
    'common/auth/near-miss-refresh-token-refused',
    async ({ run }) => {
      const user = await loggedInRunUser(run, 'nmrf');
      const tokens = await grant(run, { grantType: 'password', username: user.username, password: user.password });
      if (tokens?.refresh === undefined) notApplicable('the target issues no refresh token with the password grant');
      const refreshToken = tokens.refresh;
      const misses = nearMisses(refreshToken);
      for (const miss of misses) registerSecret(miss.value);
      const answers = await Promise.all(
        misses.map((miss) => refusal(run, { grantType: 'refresh_token', refreshToken: miss.value })),
      );
      for (const [i, miss] of misses.entries())
        verify(refusedWith4xx(answers[i]), refusedAs(answers[i], `the refresh token with its ${miss.change} changed`), {
          requirement: 'common/auth/near-miss-refresh-token-refused',
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
    // The secret itself gets a token, or the refusals below prove nothing (a remote run could not start).
    if (refusedWith4xx(await refusal(run, { grantType: 'client_credentials', clientId, clientSecret })))
      throw new InconclusiveError('the client secret itself gets no token: nothing to compare its near misses with');
    const misses = nearMisses(clientSecret);
    for (const miss of misses) registerSecret(miss.value);
    const answers = await Promise.all(
      misses.map((miss) => refusal(run, { grantType: 'client_credentials', clientId, clientSecret: miss.value })),
    );
    for (const [i, miss] of misses.entries())
      verify(refusedWith4xx(answers[i]), refusedAs(answers[i], `the client secret with its ${miss.change} changed`), {
        requirement: 'common/auth/near-miss-client-secret-refused',
      });
  });
});
