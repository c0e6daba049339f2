/**
 * Finds users by the run naming scheme and deletes them: after every run (whatever its
 * outcome), and for `runai-conformance cleanup` of interrupted runs. Only usernames that
 * match the scheme are ever adopted, so nothing else can be touched.
 */
import type { UsersClient } from '../client/users-client.ts';
import { ANY_RUN_USERNAME, EMAIL_DOMAIN } from '../model/run-naming.ts';
import type { User } from '../model/user.ts';
import { inPool } from './in-pool.ts';

const PAGE = 500;

export async function findUsers(
  client: UsersClient,
  contains: string,
  accept: (username: string) => boolean,
): Promise<User[]> {
  const found = new Map<string, User>();
  for (let offset = 0; ; offset += PAGE) {
    const page = await client.get_users({ filterBy: [`username=@${contains}`], limit: PAGE, offset });
    if (page.response.status !== 200 || !Array.isArray(page.body)) {
      throw new Error(`listing users for cleanup answered ${page.response.status}`);
    }
    for (const u of page.body) if (typeof u?.username === 'string' && accept(u.username)) found.set(u.id, u);
    if (page.body.length < PAGE) break;
  }
  return [...found.values()];
}

export interface SweepResult {
  deleted: string[];
  failed: { username: string; reason: string }[];
}

/** Deletes every user whose username satisfies `accept` (and contains `contains`). */
export async function sweepUsers(
  client: UsersClient,
  contains: string,
  accept: (username: string) => boolean,
  concurrency = 8,
): Promise<SweepResult> {
  const users = await findUsers(client, contains, accept);
  const result: SweepResult = { deleted: [], failed: [] };
  await inPool(users, concurrency, async (u) => {
    try {
      client.ownership.adopt(u.id, u.username);
      const res = await client.delete_user_by_id(u.id);
      if ((res.response.status >= 200 && res.response.status < 300) || res.response.status === 404)
        result.deleted.push(u.username);
      else result.failed.push({ username: u.username, reason: `delete answered ${res.response.status}` });
    } catch (error) {
      result.failed.push({ username: u.username, reason: (error as Error).message });
    }
  });
  return result;
}

/** Every user of one run: the prefix alone decides (bad-email checks may have created odd names under it). */
export const sweepRun = (client: UsersClient, prefix: string) =>
  sweepUsers(client, prefix, (username) => username.toLowerCase().startsWith(prefix));

/** Leftovers of any run, for the cleanup command. */
export const sweepAllRuns = (client: UsersClient) =>
  sweepUsers(client, `@${EMAIL_DOMAIN}`, (username) => ANY_RUN_USERNAME.test(username.toLowerCase()));
