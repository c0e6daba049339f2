/**
 * Before a run against a remote target: can it be reached, and are the credentials what they
 * claim to be? The admin's must manage users, proven without creating anything: a create with
 * an empty body must be refused for its body (400), not for want of rights. The viewer's must
 * be another identity than the admin's (not the same token, not the same subject in it). Those
 * "no"s are the user's mistake: a one-line reason naming the setting, and exit 2. What a
 * distinct viewer may do is the server's business: one that may write, or whose valid token a
 * write refuses as unknown (401), is a broken MUST the run reports, never a reason not to run.
 */

import { AuthenticationFailed, requestToken } from '../client/auth.ts';
import { Transport, TransportFailure } from '../client/transport.ts';
import { headerRecord, type RunConfig } from '../config/run-config.ts';
import { SuiteError } from '../model/errors.ts';

export class PreflightError extends SuiteError {
  readonly code = 'preflight';
}

/** POST /api/v1/users with an empty body: refused by any server, for the body or for the caller's rights. */
async function emptyCreate(transport: Transport, bearer: string): Promise<number> {
  const res = await transport.send({
    method: 'POST',
    path: '/api/v1/users',
    headers: { authorization: `Bearer ${bearer}`, accept: 'application/json', 'content-type': 'application/json' },
    body: '{}',
  });
  return res.status;
}

/** The claims of a JWT, when the token is one; other tokens are opaque. */
function jwtClaims(token: string): Record<string, unknown> | undefined {
  const payload = token.split('.')[1];
  if (token.split('.').length !== 3 || !payload) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    return claims && typeof claims === 'object' ? claims : undefined;
  } catch {
    return undefined;
  }
}

/** Why two tokens are one identity ("the same token", "the same user (sub ...)"), or undefined. */
export function sameIdentity(admin: string, viewer: string): string | undefined {
  if (admin === viewer) return 'the same token';
  const [a, v] = [jwtClaims(admin), jwtClaims(viewer)];
  for (const claim of ['sub', 'preferred_username', 'email'])
    if (typeof a?.[claim] === 'string' && a[claim] === v?.[claim]) return `the same user (${claim} in both)`;
  return undefined;
}

export async function preflight(config: RunConfig): Promise<void> {
  const { baseUrl, clientId = '', clientSecret = '' } = config;
  if (!baseUrl) throw new PreflightError('preflight needs a base URL');
  const host = new URL(baseUrl).host;
  // One attempt: an unreachable target must not cost the retry budget.
  const transport = new Transport({
    baseUrl,
    timeoutMs: config.timeoutMs,
    maxAttempts: 1,
    maxRetryWaitMs: 0,
    maxBodyBytes: 1024 * 1024,
    connections: 1,
    network: { caCertFiles: config.caCert ? [config.caCert] : undefined, insecure: config.insecure },
    extraHeaders: headerRecord(config.headers),
  });
  try {
    let token = config.token;
    if (!token) {
      try {
        token = (
          await requestToken(transport, {
            grantType: 'client_credentials',
            clientId,
            clientSecret,
          })
        ).accessToken;
      } catch (error) {
        if (error instanceof AuthenticationFailed) throw new PreflightError(`credentials rejected: ${error.message}`);
        throw error;
      }
    }
    const admin = config.token ? 'the admin token (--token, RUNAI_TOKEN)' : 'the client credentials (--client-id)';
    const count = (bearer: string) =>
      transport.send({
        method: 'GET',
        path: '/api/v1/users/count',
        headers: { authorization: `Bearer ${bearer}`, accept: 'application/json' },
      });
    const res = await count(token ?? '');
    if (res.status === 401 || res.status === 403)
      throw new PreflightError(`${admin} was refused: GET /api/v1/users/count answered ${res.status}`);
    if (res.status === 404) {
      const hint = /\/api(\/v1)?\/?$/.test(new URL(baseUrl).pathname)
        ? ' (the base URL ends in /api/v1: give the address without it)'
        : '';
      throw new PreflightError(`no Users API at ${baseUrl}: GET /api/v1/users/count answered 404${hint}`);
    }
    // A read-only run sends no write, not even one bound to be refused.
    if (config.readOnly) return;
    const admins = await emptyCreate(transport, token ?? '');
    if (admins === 401 || admins === 403)
      throw new PreflightError(
        `${admin} cannot manage users: an empty create answered ${admins}, not 400 (a viewer's token?)`,
      );
    if (config.viewerToken) {
      const sameAs = sameIdentity(token ?? '', config.viewerToken);
      if (sameAs)
        throw new PreflightError(
          `the viewer token (--viewer-token, RUNAI_VIEWER_TOKEN) is ${sameAs} as ${admin}: ` +
            'give a token of a user without user-management rights (or none, and the viewer checks are not run)',
        );
      const viewerRead = (await count(config.viewerToken)).status;
      if (viewerRead === 401)
        throw new PreflightError('the viewer token (--viewer-token, RUNAI_VIEWER_TOKEN) was refused: 401');
    }
  } catch (error) {
    if (error instanceof TransportFailure) {
      const reason = error.message.replace(/^\S+ \S+: /, '');
      // A certificate no public authority signed: say how to trust it.
      const plainPort = /EPROTO|wrong version number|packet length too long|SSL routines/i.test(reason);
      const hint = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|certificate/i.test(reason)
        ? ' (a private certificate authority? --ca-cert FILE)'
        : plainPort && baseUrl.startsWith('https:')
          ? ` (a plain HTTP port? try ${baseUrl.replace(/^https:/, 'http:')})`
          : '';
      throw new PreflightError(`cannot reach ${host}: ${reason}${hint}`);
    }
    throw error;
  } finally {
    await transport.close();
  }
}
