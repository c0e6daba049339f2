import { describe } from 'vitest';
import { type OffMapRequest, offTheMap } from '../../generators/off-the-map.ts';
import { inPool } from '../../src/harness/in-pool.ts';
import { check } from '../../src/harness/requirement-test.ts';
import { createRunUser } from '../../src/harness/run-users.ts';
import { advise, expectStatus, verify } from '../../src/harness/verify.ts';
import { operations } from '../../src/spec/openapi.ts';

const ANSWERED = 'common/robustness/off-the-map-4xx';
const ALLOW = 'common/http/405-allow';
const UNSUPPORTED = 'common/http/unsupported-method-405';
/** Requests of one group in flight at once: a few, as a client would send them. */
const IN_FLIGHT = 8;

const requests = offTheMap();
const groups = [...new Set(requests.map((r) => r.operationId))];

describe('requests off the map', () => {
  for (const operationId of groups) {
    const mine = requests.filter((r) => r.operationId === operationId);
    check([ANSWERED, ALLOW, UNSUPPORTED], `beside ${operationId}: ${mine.length} requests`, async ({ client, run }) => {
      const writing = run.includes('standard');
      const sent = mine.filter((r) => (writing || !r.writes) && (run.includes('full') || !r.fullOnly));
      const needsUser = sent.some((r) => r.path.includes('{userId}'));
      // A user of the run's own for every request that names one: whatever a server does with it, it is ours.
      const user = needsUser && writing ? await createRunUser(run, 'map') : undefined;
      const send = (r: OffMapRequest) =>
        client.call(
          r.operationId,
          { pathParams: { userId: user?.id ?? client.ownership.unknownId() } },
          {
            as: r.asAdmin ? 'admin' : 'none',
            rawBody: r.body?.(run.email('map')),
            offTheMap: {
              method: r.method,
              path: r.path.replace('{userId}', encodeURIComponent(user?.id ?? client.ownership.unknownId())),
            },
          },
        );
      await inPool(sent, IN_FLIGHT, async (r) => {
        const answer = await send(r);
        const { status, headers } = answer.response;
        verify(status < 500, `${r.name} was answered ${status}: a request off the map is the client's mistake`, {
          requirement: ANSWERED,
          exchange: answer,
        });
        if (status === 405) {
          const allowed = (headers.allow ?? '').split(',').map((m) => m.trim().toUpperCase());
          const missing = r.documented.filter((m) => !allowed.includes(m));
          verify(headers.allow !== undefined, `${r.name} was answered 405 without Allow`, {
            requirement: ALLOW,
            exchange: answer,
          });
          verify(missing.length === 0, `${r.name}: Allow leaves out ${missing.join(', ')}, which the path takes`, {
            requirement: ALLOW,
            exchange: answer,
          });
        }
        // A method the resource does not take is a 405 (a 404 where the path names a resource, or a 401
        // where no credential was sent: a server may authenticate first); HEAD and OPTIONS may be served.
        if (r.unsupportedMethod && !['HEAD', 'OPTIONS'].includes(r.method))
          advise(
            status === 405 || (status === 404 && r.path.includes('{')) || (status === 401 && !r.asAdmin),
            `${r.method} on ${r.path}, which does not take it, was answered ${status}, not 405`,
            { requirement: UNSUPPORTED, exchange: answer },
          );
      });
    });
  }
});

describe('safe methods are safe', () => {
  const SAFE = 'common/http/safe-methods-change-nothing';
  const OVERRIDES = ['x-http-method-override', 'x-method-override', 'x-http-method'];
  // Every path that names a user, and every write it takes, from the spec.
  const writesByPath = new Map<string, string[]>();
  for (const op of operations.values())
    if (op.path.includes('{userId}') && op.method !== 'GET')
      writesByPath.set(op.path, [...(writesByPath.get(op.path) ?? []), op.method]);
  check(SAFE, async ({ client, run }) => {
    await inPool([...writesByPath], 2, async ([path, methods]) => {
      const user = await createRunUser(run, 'safe');
      const before = expectStatus(await client.get_user_by_id(user.id), 200, SAFE);
      const home = [...operations.values()].find((o) => o.path === path)?.operationId ?? 'get_user_by_id';
      const spelled = path.replace('{userId}', encodeURIComponent(user.id));
      await Promise.all(
        OVERRIDES.flatMap((header) =>
          methods.map((method) =>
            client.call(
              home,
              { pathParams: { userId: user.id } },
              {
                headers: { [header]: method },
                offTheMap: { method: 'GET', path: spelled },
              },
            ),
          ),
        ),
      );
      const after = await client.get_user_by_id(user.id);
      verify(
        after.response.status === 200 && JSON.stringify(after.body) === JSON.stringify(before.body),
        `a GET to ${path} asking for ${methods.join(' or ')} by header changed the user`,
        { requirement: SAFE, exchange: after },
      );
    });
  });
});
