/**
 * A rule for every test, not one suite: a request the target refused (4xx) changed nothing.
 * When a test ends, what its refused writes named is read once:
 * - an email a refused create asked for, and no create of the run was granted, names no user
 *   (one list per family of such emails, by the start they share);
 * - a user of the run that a refused write named (a delete, a reset, a method off the map)
 *   still stands, unless a read of the test showed it after the refusal.
 * Left out: a 409 (the user it conflicts with exists) and an answer that took retries (an
 * earlier attempt may have gone through). What no read shows (a password, a session) is for
 * the suites that hold the user's credentials.
 */
import { SAFE_METHODS, type UsersClient } from '../client/users-client.ts';
import type { WrittenUsers } from '../client/written-users.ts';
import type { Exchange } from '../model/exchange.ts';
import type { Finding } from '../model/finding.ts';
import { inPool } from './in-pool.ts';
import type { Recorder } from './recorder.ts';
import { findUsers } from './sweep-users.ts';

export const REFUSED_CHANGES_NOTHING = 'common/state/refused-changes-nothing';

/** Reads in flight at once, per test. */
const IN_FLIGHT = 8;
/** What a list filter's value may hold here: no comma (it separates filters), no operator. */
const FILTER_SAFE = /^[a-z0-9._@+-]$/;
/** Characters past the run's prefix a family's common start needs, so a list shows few users. */
const NARROW = 4;
/** Refusals a finding names; the rest it counts. */
const SHOWN = 3;

const refusal = (e: Exchange) => {
  const { status } = e.response;
  return status >= 400 && status < 500 && status !== 409 && e.attempts === 1 && !SAFE_METHODS.has(e.request.method);
};
const endOf = (e: Exchange) => Date.parse(e.timing.startedAt) + e.timing.ms;

export interface PendingReads {
  /** Emails (lower case) no user may have, each with the refusal that asked for it. */
  emails: Map<string, Exchange>;
  /** Users of the run that must still stand, each with the refusals that named it. */
  users: Map<string, Exchange[]>;
}

/** What the exchanges of one test leave to read: pure, from the exchanges and the run's writes. */
export function pendingReads(touched: Exchange[], written: WrittenUsers): PendingReads {
  const pending: PendingReads = { emails: new Map(), users: new Map() };
  const readSince = (id: string, refused: Exchange) =>
    touched.some(
      (r) =>
        r.request.method === 'GET' &&
        r.subject?.userId === id &&
        r.response.status === 200 &&
        Date.parse(r.timing.startedAt) >= endOf(refused),
    );
  for (const e of touched.filter(refusal)) {
    for (const email of e.subject?.emails ?? [])
      if (!written.granted(email)) pending.emails.set(email.toLowerCase(), e);
    const id = e.subject?.userId;
    if (id !== undefined && written.standing(id) && !readSince(id, e))
      pending.users.set(id, [...(pending.users.get(id) ?? []), e]);
  }
  return pending;
}

/** The longest start the texts share. */
function commonStart(texts: string[]): string {
  const [first = ''] = texts;
  let n = first.length;
  for (const t of texts) while (n > 0 && t.slice(0, n) !== first.slice(0, n)) n--;
  return first.slice(0, n);
}

/** Up to the first character a filter value may not hold. */
function filterable(text: string): string {
  let n = 0;
  while (n < text.length && FILTER_SAFE.test(text[n] ?? '')) n++;
  return text.slice(0, n);
}

/**
 * The emails as families, each with the start it shares: split by the next character until
 * each start reaches `NARROW` past the run's prefix. Emails that do not carry the prefix, or
 * reach no such start a filter can hold, are left to the run's sweep, which deletes them.
 */
export function families(emails: string[], prefix: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const split = (group: string[]) => {
    const start = commonStart(group.map(filterable));
    if (start.length >= prefix.length + NARROW || group.length === 1) {
      if (start.length >= prefix.length + NARROW) out.set(start, group);
      return;
    }
    const next = new Map<string, string[]>();
    for (const e of group) next.set(e[start.length] ?? '', [...(next.get(e[start.length] ?? '') ?? []), e]);
    // One branch only: the start ends at a character no filter can hold, and no split narrows it.
    if (next.size > 1) for (const g of next.values()) split(g);
  };
  split(emails.filter((e) => e.startsWith(prefix)));
  return out;
}

const shown = (e: Exchange) => `${e.request.method} ${new URL(e.request.url).pathname} (${e.response.status})`;
const tookEffect = (refused: Exchange[], message: string): Finding => ({
  code: 'refusal-took-effect',
  requirement: REFUSED_CHANGES_NOTHING,
  message:
    `refused: ${refused.slice(0, SHOWN).map(shown).join(', ')}` +
    `${refused.length > SHOWN ? ` and ${refused.length - SHOWN} more` : ''}; yet ${message}`,
  exchangeId: refused[0]?.id,
});

/** Reads what the test's refusals named and keeps a finding for each that changed something. */
export async function readRefusals(client: UsersClient, recorder: Recorder): Promise<void> {
  const pending = pendingReads(recorder.touched, client.written);
  const groups = [...families([...pending.emails.keys()], client.ownership.runPrefix)];
  await inPool(groups, IN_FLIGHT, async ([start, emails]) => {
    // The sweep's own list by name; one that cannot be read says nothing here.
    const listed = await findUsers(client, start, () => true).catch(() => undefined);
    for (const u of listed ?? []) {
      const email = typeof u?.username === 'string' ? u.username.toLowerCase() : '';
      const refused = emails.includes(email) ? pending.emails.get(email) : undefined;
      if (refused) recorder.keep(tookEffect([refused], `a user "${email}" exists: the create made it`), refused);
    }
  });
  await inPool([...pending.users], IN_FLIGHT, async ([id, refused]) => {
    const read = await client.get_user_by_id(id);
    if (read.response.status === 404)
      recorder.keep(tookEffect(refused, `the user ${id} they named is gone (a GET answers 404)`), refused[0]);
  });
}
