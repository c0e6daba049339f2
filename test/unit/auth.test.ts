import { describe, expect, it } from 'vitest';
import { AuthenticationFailed, ClientCredentials } from '../../src/client/auth.ts';
import { redactText } from '../../src/client/secrets.ts';
import type { RawRequest, Transport } from '../../src/client/transport.ts';

/** A token endpoint that issues numbered tokens living `expiresIn` seconds. */
function tokenEndpoint(expiresIn: number, status = 200) {
  const requests: RawRequest[] = [];
  const transport = {
    async send(req: RawRequest) {
      requests.push(req);
      const body =
        status === 200 ? { accessToken: `token-number-${requests.length}`, expiresIn } : { code: 401, message: 'no' };
      return { status, headers: {}, text: JSON.stringify(body), bytes: 0, attempts: 1, ms: 1, startedAt: '' };
    },
  } as unknown as Transport;
  return { transport, requests };
}

describe('client credentials', () => {
  it('posts the documented body, shares one token, and renews it before it expires', async () => {
    const { transport, requests } = tokenEndpoint(1);
    const auth = new ClientCredentials(transport, 'client-a', 'secret-of-client-a');
    const [a, b] = await Promise.all([auth.token(), auth.token()]);
    expect([a, b]).toEqual(['token-number-1', 'token-number-1']);
    expect(requests).toHaveLength(1);
    expect(JSON.parse(requests[0]?.body ?? '')).toEqual({
      grantType: 'client_credentials',
      clientId: 'client-a',
      clientSecret: 'secret-of-client-a',
    });
    await new Promise((r) => setTimeout(r, 600));
    expect(await auth.token()).toBe('token-number-2');
    expect(redactText('secret-of-client-a token-number-2')).not.toMatch(/secret-of|token-number/);
  });

  it('reports rejected credentials', async () => {
    const { transport } = tokenEndpoint(60, 401);
    await expect(new ClientCredentials(transport, 'x', 'wrong-secret').token()).rejects.toThrow(AuthenticationFailed);
  });
});
