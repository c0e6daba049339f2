/**
 * A user the list shows, fetched by id, for checks of get on "any existing user". Other
 * writers (this run's own tests among them) may delete a listed user in between, so users of
 * conformance runs are avoided, and a 404 counts only if the user is still listed afterwards.
 */
import type { CallOptions, UsersClient } from '../client/users-client.ts';
import type { Exchange } from '../model/exchange.ts';
import { RUNS_PREFIX } from '../model/run-naming.ts';
import type { User } from '../model/user.ts';
import { expectStatus } from './verify.ts';

const PAGE = 20;

/** Undefined when the target lists no user, or the one picked vanished before it was fetched. */
export async function fetchListedUser(
  client: UsersClient,
  opts: CallOptions = {},
): Promise<{ listed: User; fetched: Exchange<User> } | undefined> {
  const list = expectStatus(await client.get_users({ limit: PAGE }, opts), 200, 'get_users/success/ok-200');
  const listed = list.body.find((u) => !u.username.toLowerCase().startsWith(RUNS_PREFIX)) ?? list.body[0];
  if (!listed) return undefined;
  const fetched = await client.get_user_by_id(listed.id, opts);
  if (fetched.response.status === 404) {
    const again = await client.get_users({ filterBy: [`username==${listed.username}`] }, opts);
    if (again.response.status === 200 && !again.body.some((u) => u.id === listed.id)) return undefined;
  }
  return { listed, fetched };
}
