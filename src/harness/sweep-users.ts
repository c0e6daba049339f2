/**
 * Deletes the users of a run: by the ids its creates answered (so a target whose list or get
 * is broken still gets cleaned) and by the run naming scheme (for anything a create made but
 * did not report). Deletes are retried through transient trouble until a deadline; what still
 * stands is returned as leftovers. A name list that showed every user a delete found standing is
 * trusted for the rest (what it does not show is gone), so a conforming target is confirmed by one
 * list, not by a read per user and a lookup per email. Also `runai-conformance cleanup` of earlier
 * runs. Only ids the run created and usernames of the scheme are ever touched.
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

/** How one user's deletes ended: gone (`stood` when a delete answered 2xx, not 404), or why not. */
interface DeleteEnd {
  reason?: string;
  stood?: boolean;
}

/** Deletes one user, retrying 429, 5xx and transport failures until it is gone or the deadline passes. */
async function deleteUntilGone(client: UsersClient, id: string, deadline: number): Promise<DeleteEnd> {
  let reason = 'not attempted';
  for (let attempt = 0; attempt < DELETE_ATTEMPTS && Date.now() < deadline; attempt++) {
    try {
      const res = await client.delete_user_by_id(id);
      if (gone(res.response.status)) return { stood: res.response.status !== 404 };
      reason = `delete answered ${res.response.status}`;
      if (res.response.status !== 429 && res.response.status < 500) return { reason };
    } catch (error) {
      if (!(error instanceof InconclusiveError)) return { reason: (error as Error).message };
      reason = error.message;
    }
    if (attempt < DELETE_ATTEMPTS - 1) await sleep(Math.min(backoffMs(attempt), Math.max(0, deadline - Date.now())));
  }
  return { reason };
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

type Entry = [id: string, username: string];

/**
 * One sweep: the users it aims at, what the name list showed, and whether that list can be
 * trusted to show every user of the scheme. It can once it missed none of the tracked users a
 * delete showed standing (2xx, not 404): then a user of the scheme it does not show is gone,
 * and an email of the scheme needs no lookup of its own. A list that missed one, or could not
 * be read, leaves every email looked up and every delete confirmed by a read.
 */
class Sweep {
  readonly targets = new Map<string, string>();
  readonly stood = new Set<string>();
  readonly result: SweepResult = { deleted: [], leftovers: [] };
  private listed?: Set<string>;
  private readonly deadline: number;

  constructor(
    private readonly client: UsersClient,
    private readonly options: SweepOptions,
  ) {
    this.deadline = Date.now() + (options.deadlineMs ?? 60_000);
  }

  /** Whether a username is one the name list shows, whatever the server's case rules for `=@`. */
  ofScheme(username: string): boolean {
    return username.includes(this.options.contains);
  }

  get listSound(): boolean {
    const listed = this.listed;
    if (!listed) return false;
    return [...this.stood].every((id) => listed.has(id) || !this.ofScheme(this.targets.get(id) ?? id));
  }

  /** The scheme's users the list shows, adopted as targets; undefined (and listError) when it cannot be read. */
  async list(): Promise<User[] | undefined> {
    try {
      const users = await findUsers(this.client, this.options.contains, this.options.accept);
      this.listed ??= new Set(users.map((u) => u.id));
      return users;
    } catch (error) {
      // A re-list that fails only leaves the confirmations to reads; the first one is the name sweep.
      if (!this.listed) this.result.listError = (error as Error).message;
      return undefined;
    }
  }

  adopt(u: User): Entry {
    this.client.ownership.adopt(u.id, u.username);
    this.targets.set(u.id, u.username);
    return [u.id, u.username];
  }

  /** Deletes `pending` and confirms `unconfirmed` (deleted already), round after round, until each is settled. */
  async remove(first: Entry[], alreadyDeleted: Entry[] = []): Promise<void> {
    let [pending, unconfirmed] = [first, alreadyDeleted];
    // Each round halves the deletes in flight: a server that loses overlapping deletes gets them one by one.
    for (let round = 0; pending.length + unconfirmed.length > 0; round++) {
      await inPool(pending, Math.max(1, CONCURRENCY >> round), async ([id, username]) => {
        const end = await deleteUntilGone(this.client, id, this.deadline);
        if (end.stood) this.stood.add(id);
        if (end.reason === undefined) unconfirmed.push([id, username]);
        else this.result.leftovers.push({ id, username, reason: end.reason });
      });
      const remaining = await this.confirm(unconfirmed);
      if (Date.now() >= this.deadline || round === MAX_ROUNDS) {
        const reason = 'still there after its delete answered 2xx';
        this.result.leftovers.push(...remaining.map(([id, username]) => ({ id, username, reason })));
        break;
      }
      [pending, unconfirmed] = [remaining, []];
    }
  }

  /** Which deleted users still stand: by one list where it can be trusted, by a read of each where not. */
  private async confirm(unconfirmed: Entry[]): Promise<Entry[]> {
    const again = this.listSound && unconfirmed.length ? await this.list() : undefined;
    const shown = again && new Set(again.map((u) => u.id));
    const suspects = shown ? unconfirmed.filter(([id, name]) => shown.has(id) || !this.ofScheme(name)) : unconfirmed;
    const remaining: Entry[] = [];
    await inPool(suspects, CONCURRENCY, async (entry) => {
      if (await stillThere(this.client, entry[0])) remaining.push(entry);
    });
    const standing = new Set(remaining.map(([id]) => id));
    for (const [id, username] of unconfirmed) if (!standing.has(id)) this.result.deleted.push(username);
    return remaining;
  }
}

export async function sweepUsers(client: UsersClient, options: SweepOptions): Promise<SweepResult> {
  const sweep = new Sweep(client, options);
  for (const t of options.tracked ?? []) {
    client.ownership.claim(t.id);
    sweep.targets.set(t.id, t.email ?? t.id);
  }
  const listed = new Set((await sweep.list())?.map((u) => sweep.adopt(u)[1].toLowerCase()));
  const known = new Set([...sweep.targets.values()].map((name) => name.toLowerCase()));
  const all = [...sweep.targets];
  // Deletes already answered 2xx go straight to the confirmation.
  await sweep.remove(
    all.filter(([id]) => !options.deleted?.has(id)),
    all.filter(([id]) => options.deleted?.has(id)),
  );
  // Emails no create answered and no list showed: looked up one by one, unless a trusted list would have shown them.
  const trusted = sweep.listSound;
  const unseen = (options.sent ?? []).filter(
    (e) => !listed.has(e.toLowerCase()) && !known.has(e.toLowerCase()) && !(trusted && sweep.ofScheme(e)),
  );
  const found = (await findByEmail(client, unseen)).filter(
    (u) => options.accept(u.username) && !sweep.targets.has(u.id),
  );
  await sweep.remove(found.map((u) => sweep.adopt(u)));
  return sweep.result;
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
