import { describe } from 'vitest';
import { registerSecret } from '../../src/client/secrets.ts';
import type { CallOptions } from '../../src/client/users-client.ts';
import { check } from '../../src/harness/requirement-test.ts';
import type { RunContext } from '../../src/harness/run-context.ts';
import { loggedInRunUser } from '../../src/harness/run-users.ts';
import { notApplicable, verify } from '../../src/harness/verify.ts';

const REQUIREMENT = 'common/auth/token-only-in-authorization';

/**
 * Every place other than the Authorization header a bearer token could travel in: the query
 * (RFC 6750 2.3) and the cookies a browser would send along (a token read from a cookie is a
 * CSRF; one read from the URL ends up in logs). The form body (2.2) needs a form-encoded write,
 * which no operation of the contract takes.
 */
const PLACES: { name: string; options: (token: string) => CallOptions }[] = [
  { name: 'the query parameter access_token', options: (t) => ({ rawQuery: `access_token=${encoded(t)}` }) },
  { name: 'a cookie access_token', options: (t) => ({ headers: { cookie: `access_token=${encoded(t)}` } }) },
  { name: 'a cookie token', options: (t) => ({ headers: { cookie: `token=${encoded(t)}` } }) },
  {
    name: 'a cookie holding the header value',
    options: (t) => ({ headers: { cookie: `authorization=${encoded(`Bearer ${t}`)}` } }),
  },
];

/** The token as a query or cookie value carries it; that form is a secret too. */
function encoded(token: string): string {
  const value = encodeURIComponent(token);
  registerSecret(value);
  return value;
}

/**
 * A created user's own token, never the run's: a token sent in a URL may stay in a gateway's
 * logs, and this one dies with its user at the end of the run. What the header gets with it
 * (200, or 403 where users do not read users) is told apart from what no credential gets.
 */
async function observeBaseline(run: RunContext) {
  const user = await loggedInRunUser(run, 'place');
  const withHeader = (await run.client.count_users({}, { as: { bearer: user.token } })).response.status;
  const without = (await run.client.count_users({}, { as: 'none' })).response.status;
  if (withHeader === without) notApplicable(`the header's token and no credential both get ${without}`);
  return { token: user.token, withHeader };
}

// One user and one baseline for every place: the places' tests run together.
let observed: ReturnType<typeof observeBaseline> | undefined;
const baseline = (run: RunContext) => {
  observed ??= observeBaseline(run);
  return observed;
};

describe('a bearer token anywhere but the Authorization header', () => {
  for (const place of PLACES) {
    check(REQUIREMENT, place.name, async ({ run, client }) => {
      const { token, withHeader } = await baseline(run);
      const ex = await client.count_users({}, { as: 'none', ...place.options(token) });
      const status = ex.response.status;
      verify(
        status >= 400 && status !== withHeader,
        `with no Authorization header and the token in ${place.name}, count answered ${status}, as it answers ` +
          `the token in the header (${withHeader}): the token was read from there`,
        { exchange: ex },
      );
    });
  }
});
