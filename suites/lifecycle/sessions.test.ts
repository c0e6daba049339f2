import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe } from 'vitest';
import {
  aliveUsers,
  designedSequence,
  modelIds,
  runSequence,
  type SessionJudge,
  type SessionModel,
  type SessionReal,
  seedSessions,
  sessionCommands,
} from '../../generators/session-commands.ts';
import { observedCommands, observeWholeState, type Readings } from '../../generators/whole-state.ts';
import { registerSecret } from '../../src/client/secrets.ts';
import { holds } from '../../src/harness/property.ts';
import { check } from '../../src/harness/requirement-test.ts';
import { grant, loggedInRunUser, refusal, refusedWith4xx } from '../../src/harness/run-users.ts';
import { advise, expectStatus, notApplicable, verify } from '../../src/harness/verify.ts';

const judge: SessionJudge = {
  status: expectStatus,
  holds: verify,
  advises: (condition, message, options) => void advise(condition, message, options),
};
let runs = 0;

// Sequential: the logout of the second test must not land in the middle of the model's sequences.
describe.sequential('several users, several sessions (where created users can log in)', () => {
  check(
    [
      'common/isolation/other-users-untouched',
      'change_user_password/login/old-password-rejected',
      'create_user/success/email-reusable-after-delete',
      'common/state/fields-as-predicted',
      'get_users/state/list-matches-get',
    ],
    'random sequences of logins, logouts, resets, password changes and deletes, the whole state read after each',
    async (t) => {
      // Not applicable where created users cannot log in (unless the target declared they can).
      await loggedInRunUser(t.run, 'probe');
      const act: SessionReal['act'] = {
        login: (username, password) => grant(t.run, { grantType: 'password', username, password }),
        refresh: (refreshToken) => grant(t.run, { grantType: 'refresh_token', refreshToken }),
        accepts: async (access) => (await t.client.count_users({}, { as: { bearer: access } })).response.status !== 401,
      };
      const fresh = (): [SessionModel, SessionReal] => [
        { alive: new Map(), freed: new Set() },
        { client: t.client, judge, act, prefix: `${t.run.prefix}s${(runs++).toString(36)}-` },
      ];
      // Every user of a sequence logs in (the isolation checks log the others in): any of their times may move.
      const observer =
        (readings: Readings) => async (m: SessionModel, r: SessionReal, command: object, target?: string) => {
          const alive = aliveUsers(m);
          const action = command.toString();
          await observeWholeState({ ...r, alive, action, target, touched: () => true }, readings);
        };
      const [designedModel, designedReal] = fresh();
      try {
        await runSequence(designedModel, designedReal, observedCommands(designedSequence(), observer(new Map())));
      } finally {
        await Promise.all(modelIds(designedModel).map((id) => t.client.delete_user_by_id(id).catch(() => undefined)));
      }
      await holds(
        sessionCommands,
        async (commands) => {
          // A fresh prefix per sequence: its users are exactly the model's.
          const [model, real] = fresh();
          try {
            await seedSessions(model, real);
            await fc.asyncModelRun(() => ({ model, real }), observedCommands(commands, observer(new Map())));
          } finally {
            await Promise.all(modelIds(model).map((id) => t.client.delete_user_by_id(id).catch(() => undefined)));
          }
        },
        (commands) => commands.toString(),
        [],
        0.25,
      );
    },
  );

  check(['logout_user/session/refresh-revoked', 'common/auth/refresh-token-grants'], async (t) => {
    const user = await loggedInRunUser(t.run, 'refresh');
    const tokens = await grant(t.run, { grantType: 'password', username: user.username, password: user.password });
    // A refresh token of no characters is still one the login answered: it must work as any other.
    if (tokens?.refresh === undefined) notApplicable('the target issues no refresh token with the password grant');
    // Another user logs in after it: a refresh token must stay its own user's, whoever logged in last.
    const other = await loggedInRunUser(t.run, 'refresh');
    await grant(t.run, { grantType: 'password', username: other.username, password: other.password });
    // Before the logout it works: otherwise its refusal after the logout would prove nothing.
    const refreshToken = tokens.refresh;
    const working = await grant(t.run, { grantType: 'refresh_token', refreshToken });
    verify(working !== undefined, 'the refresh token the login answered gives no access token, even before logout', {
      requirement: 'common/auth/refresh-token-grants',
    });
    // The token it gives is the user's: it changes the user's own password (with the user's current one).
    const newPassword = `Rf-${randomBytes(12).toString('base64url')}`;
    registerSecret(newPassword);
    const changed = await t.client.change_user_password(
      { currentPassword: user.password, newPassword },
      { as: { bearer: working?.access ?? '' } },
    );
    expectStatus(changed, 200, 'common/auth/refresh-token-grants');
    expectStatus(await t.client.logout_user(user.id), 200, 'logout_user/success/ok-200');
    const refreshed = await grant(t.run, { grantType: 'refresh_token', refreshToken });
    verify(!refreshed, 'a refresh token from before the logout still gives an access token', {
      requirement: 'logout_user/session/refresh-revoked',
    });
  });

  check('common/authz/deleted-user-refresh-refused', async (t) => {
    const user = await loggedInRunUser(t.run, 'refresh');
    const tokens = await grant(t.run, { grantType: 'password', username: user.username, password: user.password });
    if (tokens?.refresh === undefined) notApplicable('the target issues no refresh token with the password grant');
    // It works before the delete (the latest one, where a grant rotates it): its refusal after proves the delete.
    const working = await grant(t.run, { grantType: 'refresh_token', refreshToken: tokens.refresh });
    if (!working) notApplicable('the refresh grant gives no token even before the delete (refresh-token-grants)');
    const refreshToken = working.refresh ?? tokens.refresh;
    expectStatus(await t.client.delete_user_by_id(user.id), 204, 'delete_user_by_id/success/deleted-204');
    const status = await refusal(t.run, { grantType: 'refresh_token', refreshToken });
    verify(
      refusedWith4xx(status),
      status === undefined
        ? "the deleted user's refresh token still gives an access token"
        : `the deleted user's refresh token was answered ${status}, not refused with a 4xx`,
    );
  });
});
