/**
 * The reference's token endpoint (`POST /api/v1/token`): client credentials for the admin and
 * viewer clients, the password grant for created users, and refresh tokens. It is no operation
 * of the contract (the harness is handed its tokens), so the mutation run leaves it out; what a
 * password login checks is the store's (`UserStore.loginUser`), which it does not.
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

function issueRefreshToken(store: UserStore, userId: string): string {
  const token = `refresh.${randomBytes(24).toString('base64url')}`;
  store.issuedSecrets.push(token);
  store.refreshTokens.set(token, { userId, issuedAt: store.now() });
  return token;
}

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
    setTimeout(() => store.sessions.delete(token), lifetime * 1000).unref();
    return token;
  };
  return (raw) => {
    const body = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
    const grant = body.grantType;
    if (grant === 'client_credentials') {
      const client = clients[String(body.clientId ?? body.clientID)];
      const secretHolds =
        client?.secret === body.clientSecret ||
        (on.has('client-secret-case-insensitive') &&
          client?.secret.toLowerCase() === String(body.clientSecret).toLowerCase());
      if (!client || !secretHolds) throw new HttpError(401, 'Invalid client credentials.');
      return { accessToken: issue({ role: client.role, subject: client.subject }), expiresIn: lifetime };
    }
    if (grant === 'password') {
      const user =
        store.loginUser(String(body.username), String(body.password)) ??
        looseLogin(store, String(body.username), String(body.password), on);
      if (!user) throw new HttpError(401, 'Invalid user credentials.');
      // The no-password-login variant: temporary passwords must be changed elsewhere before a login.
      if (on.has('no-password-login')) throw new HttpError(400, 'Account is not fully set up.');
      user.lastLogin = store.now();
      return {
        accessToken: issue({ role: 'user', subject: user.username, userId: user.id }),
        refreshToken: issueRefreshToken(store, user.id),
        expiresIn: lifetime,
      };
    }
    if (grant === 'refresh_token') {
      const known = store.refreshTokens.get(String(body.refreshToken));
      const user = known && store.users.get(known.userId);
      // Logout revokes refresh tokens issued before it (unless the logout-keeps-refresh fault is on).
      const revoked = !on.has('logout-keeps-refresh') && known && user && known.issuedAt < user.revokedBefore;
      if (!known || !user || revoked) throw new HttpError(401, 'Invalid refresh token.');
      return { accessToken: issue({ role: 'user', subject: user.username, userId: user.id }), expiresIn: lifetime };
    }
    throw new HttpError(400, 'Unsupported grantType.');
  };
}
