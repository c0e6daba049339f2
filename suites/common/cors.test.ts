import { describe } from 'vitest';
import { inPool } from '../../src/harness/in-pool.ts';
import { check } from '../../src/harness/requirement-test.ts';
import { advise } from '../../src/harness/verify.ts';
import type { Exchange } from '../../src/model/exchange.ts';
import { operations } from '../../src/spec/openapi.ts';

const CORS = 'common/http/cors-strict';
/** An origin no allow list holds, and the opaque origin of sandboxed frames and files (ASVS 14.5.3 names it). */
const ORIGINS = ['https://attacker.conformance.invalid', 'null'];
const IN_FLIGHT = 8;

/** What an answer grants a page of `origin` that no allow list of this API would hold. */
function granted(answer: Exchange, origin: string): string | undefined {
  const allowed = answer.response.headers['access-control-allow-origin']?.trim();
  const credentials = answer.response.headers['access-control-allow-credentials']?.trim().toLowerCase() === 'true';
  if (allowed === origin) return `it allows the origin ${origin}${credentials ? ', with credentials' : ''}`;
  if (allowed === '*' && credentials) return 'it allows any origin and credentials';
  return undefined;
}

describe('cross-origin requests', () => {
  // Every operation, from the spec: its preflight (as a browser sends it, no credential) and, for a read,
  // the request itself. No write is sent; a write's preflight only where the profile writes, so that a
  // smoke or read-only run shows the reads alone.
  const ops = [...operations.values()];
  check(CORS, `${ops.length} operations, ${ORIGINS.length} origins`, async ({ client, run }) => {
    const reads = ops.filter((op) => op.method === 'GET');
    const preflighted = run.includes('standard') ? ops : reads;
    const requests = [
      ...preflighted.flatMap((op) => ORIGINS.map((origin) => ({ op, origin, preflight: true }))),
      ...reads.flatMap((op) => ORIGINS.map((origin) => ({ op, origin, preflight: false }))),
    ];
    await inPool(requests, IN_FLIGHT, async ({ op, origin, preflight }) => {
      const userId = client.ownership.unknownId();
      const path = op.path.replace('{userId}', userId);
      const answer = await client.call(
        op.operationId,
        { pathParams: { userId } },
        preflight
          ? {
              as: 'none',
              headers: {
                origin,
                'access-control-request-method': op.method,
                'access-control-request-headers': 'authorization, content-type',
              },
              offTheMap: { method: 'OPTIONS', path },
            }
          : { headers: { origin } },
      );
      const grant = granted(answer, origin);
      advise(grant === undefined, `${preflight ? 'the preflight of ' : ''}${op.method} ${op.path}: ${grant}`, {
        requirement: CORS,
        exchange: answer,
      });
    });
  });
});
