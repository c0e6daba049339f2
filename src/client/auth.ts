/**
 * Where the admin bearer token comes from: a static RUNAI_TOKEN, or client credentials
 * exchanged at POST /api/v1/token and renewed before `expiresIn` runs out.
 */
import { SuiteError } from '../model/errors.ts';
import { isSecretKey, registerSecret } from './secrets.ts';
import type { Transport } from './transport.ts';

export interface TokenSource {
  token(): Promise<string>;
}

export class StaticToken implements TokenSource {
  constructor(private readonly value: string) {
    registerSecret(value);
  }
  async token(): Promise<string> {
    return this.value;
  }
}

export class AuthenticationFailed extends SuiteError {
  readonly code = 'authentication';
  constructor(
    message: string,
    /** The status the token endpoint refused with, when it answered. */
    readonly status?: number,
  ) {
    super(message);
  }
}

const RENEW_MARGIN_MS = 30_000;

/** POST /api/v1/token with a JSON body; returns the access token and its lifetime in seconds. */
export async function requestToken(
  transport: Transport,
  body: Record<string, string>,
): Promise<{ accessToken: string; refreshToken?: string; expiresIn?: number }> {
  for (const [k, v] of Object.entries(body)) if (isSecretKey(k)) registerSecret(v);
  const res = await transport.send({
    method: 'POST',
    path: '/api/v1/token',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(body),
  });
  let parsed:
    | { accessToken?: unknown; refreshToken?: unknown; idToken?: unknown; expiresIn?: unknown; message?: unknown }
    | undefined;
  try {
    parsed = JSON.parse(res.text);
  } catch {
    parsed = undefined;
  }
  if (res.status !== 200 || typeof parsed?.accessToken !== 'string') {
    const message = typeof parsed?.message === 'string' ? `: ${parsed.message}` : '';
    throw new AuthenticationFailed(`token request (${body.grantType}) answered ${res.status}${message}`, res.status);
  }
  registerSecret(parsed.accessToken);
  for (const other of [parsed.refreshToken, parsed.idToken]) if (typeof other === 'string') registerSecret(other);
  return {
    accessToken: parsed.accessToken,
    refreshToken: typeof parsed.refreshToken === 'string' ? parsed.refreshToken : undefined,
    expiresIn: typeof parsed.expiresIn === 'number' ? parsed.expiresIn : undefined,
  };
}

export class ClientCredentials implements TokenSource {
  private current?: { value: string; renewAt: number };
  private pending?: Promise<string>;

  constructor(
    private readonly transport: Transport,
    private readonly clientId: string,
    private readonly clientSecret: string,
  ) {
    registerSecret(clientSecret);
  }

  async token(): Promise<string> {
    if (this.current && Date.now() < this.current.renewAt) return this.current.value;
    // One renewal at a time: concurrent callers share it.
    this.pending ??= this.renew().finally(() => (this.pending = undefined));
    return this.pending;
  }

  private async renew(): Promise<string> {
    const { accessToken, expiresIn } = await requestToken(this.transport, {
      grantType: 'client_credentials',
      clientId: this.clientId,
      clientSecret: this.clientSecret,
    });
    const lifetimeMs = (expiresIn ?? 300) * 1000;
    this.current = { value: accessToken, renewAt: Date.now() + Math.max(lifetimeMs - RENEW_MARGIN_MS, lifetimeMs / 2) };
    return accessToken;
  }
}
