/**
 * Before a run against a remote target: can it be reached, and are the credentials good?
 * Any "no" becomes a one-line reason and exit 2, within one request timeout.
 */

import { AuthenticationFailed, requestToken } from '../client/auth.ts';
import { Transport, TransportFailure } from '../client/transport.ts';
import type { RunConfig } from '../config/run-config.ts';
import { SuiteError } from '../model/errors.ts';

export class PreflightError extends SuiteError {
  readonly code = 'preflight';
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
    const res = await transport.send({
      method: 'GET',
      path: '/api/v1/users/count',
      headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
    });
    if (res.status === 401 || res.status === 403)
      throw new PreflightError(`token rejected: GET /api/v1/users/count answered ${res.status}`);
    if (res.status === 404)
      throw new PreflightError(`no Users API at ${baseUrl}: GET /api/v1/users/count answered 404`);
  } catch (error) {
    if (error instanceof TransportFailure) {
      const reason = error.message.replace(/^\S+ \S+: /, '');
      // A certificate no public authority signed: say how to trust it.
      const hint = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|certificate/i.test(reason)
        ? ' (a private certificate authority? --ca-cert FILE)'
        : '';
      throw new PreflightError(`cannot reach ${host}: ${reason}${hint}`);
    }
    throw error;
  } finally {
    await transport.close();
  }
}
