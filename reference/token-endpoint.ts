/**
 * The reference's token endpoint (`POST /api/v1/token`): client credentials for the admin and
 * viewer clients, the password grant for created users, and refresh tokens. It is no operation
 * of the contract, but a client sees it (logins, refresh, near-miss secrets): the mutation run
 * mutates it like the API.
 */
import { randomBytes } from 'node:crypto';
import { looseLogin } from './fault-behaviours.ts';
import { HttpError } from './http-util.ts';
import type { Switches } from './switches.ts';
import type { Role, UserStore } from './user-store.ts';

export interface Client {
  secret: string;
  role: Role;
  subject: string;
}

// Stryker disable next-line BlockStatement: a login that answers no refresh token is a target without them (N/A)
function issueRefreshToken(store: UserStore, userId: string): string {
  const token = `refresh.${randomBytes(24).toString('base64url')}`;
  store.issuedSecrets.push(token);
  store.refreshTokens.set(token, { userId, issuedAt: store.now() });
  return token;
}

/** Whether a request is one for the token endpoint (its path, POST only). */
export const isTokenRequest = (method: string | undefined, url: URL) =>
  // Stryker disable next-line ConditionalExpression: a token request by another method is refused either way (4xx)
  url.pathname === '/api/v1/token' && method === 'POST';

/** Answers a token request's body with the token it grants, or throws the HttpError it gets. */
export function tokenEndpoint(
  store: UserStore,
  clients: Record<string, Client>,
  on: Switches,
  lifetime: number,
): (raw: unknown) => Record<string, unknown> {
  // Tokens it grants end with their lifetime (the harness's own tokens outlive any run).
  const issue = (session: Parameters<UserStore['issueToken']>[0]) => {
    const token = store.issueToken(session);
    // Stryker disable next-line ArrowFunction: a token's end (an hour) comes after any run: never observed in one
    setTimeout(() => store.sessions.delete(token), lifetime * 1000).unref();
    return token;
  };
  return (raw) => {
    const body = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
    const grant = body.grantType;
    // The run's own client credentials: a grant that refuses them leaves no run to make (exit 2), and its
    // refusals of near misses are held to a 4xx (common/auth/near-miss-client-secret-refused).
    // Stryker disable next-line ConditionalExpression,BlockStatement,StringLiteral: the run's own grant (exit 2)
    if (grant === 'client_credentials') {
      // Stryker disable all: the run's own grant: refusing its credentials leaves no run to make (exit 2)
      const client = clients[String(body.clientId ?? body.clientID)];
      const secretHolds =
        client?.secret === body.clientSecret ||
        (on.has('client-secret-case-insensitive') &&
          client?.secret.toLowerCase() === String(body.clientSecret).toLowerCase());
      if (!client || !secretHolds) throw new HttpError(401, 'Invalid client credentials.');
      // Stryker restore all
      // Stryker disable next-line all: the run's own grant: refusing its credentials leaves no run to make (exit 2)
      return { accessToken: issue({ role: client.role, subject: client.subject }), expiresIn: lifetime };
    }
    if (grant === 'password') {
      const user =
        store.loginUser(String(body.username), String(body.password)) ??
        looseLogin(store, String(body.username), String(body.password), on);
      // The login-enumerates-users fault: an unknown username is told apart from a wrong password.
      if (!user && on.has('login-enumerates-users') && !store.findByUsername(String(body.username).toLowerCase()))
        throw new HttpError(404, 'No such user.');
      if (!user) throw new HttpError(401, 'Invalid user credentials.');
      // The no-password-login variant: temporary passwords must be changed elsewhere before a login.
      if (on.has('no-password-login')) throw new HttpError(400, 'Account is not fully set up.');
      user.lastLogin = store.now();
      return {
        // Stryker disable next-line StringLiteral: a user token's role: whether a user with no role reads users is open
        accessToken: issue({ role: 'user', subject: user.username, userId: user.id }),
        refreshToken: issueRefreshToken(store, user.id),
        expiresIn: lifetime,
      };
    }
    // Stryker disable next-line ConditionalExpression: an unknown grant refused 401, not 400, is refused either way
    if (grant === 'refresh_token') {
      const known = store.refreshTokens.get(String(body.refreshToken));
      const user = known && store.users.get(known.userId);
      if (known && !user && on.has('deleted-user-refresh-500')) throw new Error(`no user ${known.userId}`);
      if (known && !user && on.has('deleted-user-refresh-grants'))
        return {
          accessToken: issue({ role: 'user', subject: known.userId, userId: known.userId }),
          expiresIn: lifetime,
        };
      if (!known || !user) throw new HttpError(401, 'Invalid refresh token.');
      // Logout revokes refresh tokens issued before it (unless the logout-keeps-refresh fault is on).
      // Stryker disable next-line EqualityOperator: the reference's clock never gives a login and a logout one instant
      if (!on.has('logout-keeps-refresh') && known.issuedAt < user.revokedBefore)
        throw new HttpError(401, 'Invalid refresh token.');
      // Stryker disable next-line StringLiteral: a user token's role: whether a user with no role reads users is open
      return { accessToken: issue({ role: 'user', subject: user.username, userId: user.id }), expiresIn: lifetime };
    }
    throw new HttpError(400, 'Unsupported grantType.');
  };
}
