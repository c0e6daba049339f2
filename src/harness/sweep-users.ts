/**
 * Deletes the users of a run: by the ids its creates answered (so a target whose list or get
 * is broken still gets cleaned) and by the run naming scheme (for anything a create made but
 * did not report). Deletes are retried through transient trouble until a deadline; what still
 * stands is returned as leftovers. Also `runai-conformance cleanup` of earlier runs. Only ids
 * the run created and usernames of the scheme are ever touched.
 */
import { backoffMs } from '../client/transport.ts';
import type { UsersClient } from '../client/users-client.ts';
import { InconclusiveError } from '../model/errors.ts';
import { ANY_RUN_USERNAME, EMAIL_DOMAIN } from '../model/run-naming.ts';
import type { User } from '../model/user.ts';
import type { CreatedUser, LeftoverUser, RunLog } from './created-users.ts';
import { inPool } from './in-pool.ts';

const PAGE = 500;
/** Deletes handed to the transport at once; its in-flight budget (RUNAI_CONCURRENCY) is the real bound. */
const CONCURRENCY = 64;
/** Tries per user (backing off up to 4 s), on top of the transport's own 429/503 retries. */
const DELETE_ATTEMPTS = 6;
/** Rounds of delete-and-confirm: from 64 in flight down to one at a time, and one more. */
const MAX_ROUNDS = 8;

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

export type Leftover = LeftoverUser;

export interface SweepResult {
  deleted: string[];
  leftovers: Leftover[];
  /** Why the name sweep could not run, when it could not (the tracked ids were still deleted). */
  listError?: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const gone = (status: number) => (status >= 200 && status < 300) || status === 404;

/** Deletes one user, retrying 429, 5xx and transport failures until it is gone or the deadline passes. */
async function deleteUntilGone(client: UsersClient, id: string, deadline: number): Promise<string | undefined> {
  let reason = 'not attempted';
  for (let attempt = 0; attempt < DELETE_ATTEMPTS && Date.now() < deadline; attempt++) {
    try {
      const res = await client.delete_user_by_id(id);
      if (gone(res.response.status)) return undefined;
      reason = `delete answered ${res.response.status}`;
      if (res.response.status !== 429 && res.response.status < 500) return reason;
    } catch (error) {
      if (!(error instanceof InconclusiveError)) return (error as Error).message;
      reason = error.message;
    }
    if (attempt < DELETE_ATTEMPTS - 1) await sleep(Math.min(backoffMs(attempt), Math.max(0, deadline - Date.now())));
  }
  return reason;
}

/** Whether a read still finds the user: a delete that answered 2xx is trusted only once a read agrees. */
async function stillThere(client: UsersClient, id: string): Promise<boolean> {
  try {
    // Only a 200 proves it is there; a target whose get is broken cannot say, and the name sweep looked too.
    return (await client.get_user_by_id(id)).response.status === 200;
  } catch {
    return false;
  }
}

/** Users a lookup by each email finds (exact filter, else search): creates whose answer was lost made them too. */
async function findByEmail(client: UsersClient, emails: string[]): Promise<User[]> {
  const found: User[] = [];
  await inPool(emails, CONCURRENCY, async (email) => {
    const same = (u: User | undefined) => u?.username?.toLowerCase() === email.toLowerCase();
    try {
      // The exact filter first; a server that stored another letter case, or refuses the term, is searched.
      let page = await client.get_users({ filterBy: [`username==${email.toLowerCase()}`] });
      if (page.response.status !== 200 || !Array.isArray(page.body) || !page.body.some(same))
        page = await client.get_users({ search: email });
      if (page.response.status !== 200 || !Array.isArray(page.body)) return;
      for (const u of page.body) if (same(u)) found.push(u);
    } catch {
      // Transient trouble: the other lookups still ran; what stays is in no list, hence no leftover to name.
    }
  });
  return found;
}

export interface SweepOptions {
  /** Ids the run's creates answered. */
  tracked?: CreatedUser[];
  /** Of those, the ids whose delete answered 2xx: confirmed by a read, deleted again if still there. */
  deleted?: Set<string>;
  /** Every email the run's creates asked for, answered or not: looked up unless the name sweep saw it. */
  sent?: string[];
  /** Text every username of the scheme contains, for the list filter. */
  contains: string;
  /** Which listed usernames belong to the scheme. */
  accept: (username: string) => boolean;
  /** How long deletes may keep retrying. */
  deadlineMs?: number;
}

export async function sweepUsers(client: UsersClient, options: SweepOptions): Promise<SweepResult> {
  const deadline = Date.now() + (options.deadlineMs ?? 60_000);
  const targets = new Map<string, string>();
  const adopt = (u: User) => {
    client.ownership.adopt(u.id, u.username);
    targets.set(u.id, u.username);
  };
  for (const t of options.tracked ?? []) {
    client.ownership.claim(t.id);
    targets.set(t.id, t.email ?? t.id);
  }
  let listError: string | undefined;
  const listed = new Set<string>();
  try {
    for (const u of await findUsers(client, options.contains, options.accept)) {
      adopt(u);
      listed.add(u.username.toLowerCase());
    }
  } catch (error) {
    listError = (error as Error).message;
  }
  const known = new Set([...targets.values()].map((name) => name.toLowerCase()));
  const unseen = (options.sent ?? []).filter((e) => !listed.has(e.toLowerCase()) && !known.has(e.toLowerCase()));
  for (const u of await findByEmail(client, unseen)) if (options.accept(u.username)) adopt(u);

  const result: SweepResult = { deleted: [], leftovers: [], listError };
  // Deletes already answered 2xx go straight to the read that confirms them.
  let pending = [...targets].filter(([id]) => !options.deleted?.has(id));
  let unconfirmed = [...targets].filter(([id]) => options.deleted?.has(id));
  // Each round halves the deletes in flight: a server that loses overlapping deletes gets them one by one.
  for (let round = 0; pending.length + unconfirmed.length > 0; round++) {
    await inPool(pending, Math.max(1, CONCURRENCY >> round), async ([id, username]) => {
      const reason = await deleteUntilGone(client, id, deadline);
      if (reason === undefined) unconfirmed.push([id, username]);
      else result.leftovers.push({ id, username, reason });
    });
    const remaining: [string, string][] = [];
    await inPool(unconfirmed, CONCURRENCY, async (entry) => {
      if (await stillThere(client, entry[0])) remaining.push(entry);
      else result.deleted.push(entry[1]);
    });
    if (Date.now() >= deadline || round === MAX_ROUNDS) {
      const reason = 'still there after its delete answered 2xx';
      result.leftovers.push(...remaining.map(([id, username]) => ({ id, username, reason })));
      break;
    }
    [pending, unconfirmed] = [remaining, []];
  }
  return result;
}

/** Every user of one run: the prefix alone decides (bad-email checks may have created odd names under it). */
export const sweepRun = (client: UsersClient, prefix: string, log: RunLog, deadlineMs?: number) =>
  sweepUsers(client, {
    tracked: log.created,
    deleted: log.deleted,
    sent: log.sent,
    contains: prefix,
    accept: (username) => username.toLowerCase().startsWith(prefix),
    deadlineMs,
  });

/**
 * Leftovers of any run, for the cleanup command: by the scheme, by ids a run listed or journalled,
 * and by every email a journalled create asked for, whatever its domain (probes of odd addresses).
 */
export const sweepAllRuns = (
  client: UsersClient,
  tracked: CreatedUser[] = [],
  sent: string[] = [],
  accept = (username: string) => ANY_RUN_USERNAME.test(username.toLowerCase()),
) =>
  sweepUsers(client, {
    tracked,
    sent,
    contains: `@${EMAIL_DOMAIN}`,
    accept,
  });
