import { createHash } from 'node:crypto';
/**
 * The eight Users operations of the reference, written against the seed: same statuses,
 * same bodies, bounds read from the spec. Faults bend specific behaviours on purpose.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { bodySchema, type Schema } from './contract.ts';
import { assigned, keepOldPassword, persistRefused, undeclared } from './fault-behaviours.ts';
import { bearerChallenge, HttpError, readJsonBody, sendEmpty, sendJson } from './http-util.ts';
import { parseFilterBy, parseListQuery, selectUsers } from './list-query.ts';
import { sortUsers } from './sort-users.ts';
import type { Switches } from './switches.ts';
import { newPassword, type Session, type StoredUser, type UserStore } from './user-store.ts';
import { problemWith } from './validate.ts';

/**
 * How long the racy faults' window stays open, as a database's round trip would keep it: wider
 * than a loaded machine's scheduling gaps, so requests sent at once do overlap in it.
 */
const DATABASE_ROUND_TRIP_MS = 50;

export interface HandlerContext {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  session: Session;
  store: UserStore;
  on: Switches;
  /** The user id of the path as it is sent (escaped), for the operations on a user. */
  userId?: string;
  /** Notes a write to a user in the reference's audit trail. */
  audit: (user: StoredUser) => void;
}

function iso(ms: number | null, on: Switches): string | null {
  // Stryker disable next-line ConditionalExpression: the spec makes every timestamp of a user nullable
  if (ms === null) return null;
  const text = new Date(ms).toISOString();
  if (on.has('timestamps-without-offset')) return text.slice(0, -1);
  // The timestamps-local-time fault: local wall time (UTC+5) labelled as UTC.
  if (on.has('timestamps-local-time')) return new Date(ms + 5 * 3_600_000).toISOString();
  // The timestamps-plus-offset variant: UTC written as +00:00, and microseconds.
  return on.has('timestamps-plus-offset') ? text.replace('Z', '000+00:00') : text;
}

export function userView(u: StoredUser, on: Switches): Record<string, unknown> {
  const view: Record<string, unknown> = {
    id: u.id,
    username: u.username,
    createdBy: u.createdBy,
    createdAt: iso(u.createdAt, on),
    updatedAt: iso(u.updatedAt, on),
    lastLogin: iso(u.lastLogin, on),
    isLocal: u.isLocal,
    groups: u.groups,
  };
  if (on.has('user-missing-created-by')) delete view.createdBy;
  if (on.has('extra-properties'))
    Object.assign(view, { email: u.username, roles: ['viewer'], source: u.isLocal ? 'local' : 'sso' });
  if (on.has('list-leaks-temp-password')) view.tempPassword = u.password;
  // The user-objects-carry-password-hash fault: a stored hash of the password travels with the user.
  if (on.has('user-objects-carry-password-hash'))
    view.passwordHash = `sha256:${createHash('sha256').update(u.password).digest('hex')}`;
  return view;
}

function requireWrite(ctx: HandlerContext): void {
  // The user-token-resets-others fault: any logged-in user may reset another user's password.
  if (ctx.on.has('user-token-resets-others') && ctx.session.role === 'user' && ctx.url.pathname.endsWith('/password'))
    return;
  if (ctx.on.has('viewer-can-delete') && ctx.session.role === 'viewer' && ctx.req.method === 'DELETE') return;
  if (
    ctx.on.has('viewer-can-create') &&
    ctx.session.role === 'viewer' &&
    ctx.req.method === 'POST' &&
    ctx.url.pathname === '/api/v1/users'
  )
    return;
  if (ctx.on.has('viewer-write-401') && ctx.session.role === 'viewer')
    throw new HttpError(401, 'Issuer is not familiar.', bearerChallenge(ctx.on));
  if (ctx.session.role !== 'admin') throw new HttpError(403, 'You do not have sufficient permissions.');
}
// Stryker disable next-line BlockStatement: whether a user with no role may read users is not in the contract
function requireRead(ctx: HandlerContext): void {
  // Stryker disable next-line ConditionalExpression,StringLiteral: whether a user with no role reads users is open
  if (ctx.session.role === 'user') throw new HttpError(403, 'You do not have sufficient permissions.');
}

/** The user id of the request's path, as it is unescaped. */
// Stryker disable BlockStatement: a catch letting a malformed escape by names no user: 404, as fit as a 400
function pathUserId(ctx: HandlerContext): string {
  try {
    return decodeURIComponent(String(ctx.userId));
  } catch {
    throw new HttpError(400, 'Malformed user id.');
  }
}
// Stryker restore BlockStatement

function existingUser(ctx: HandlerContext): StoredUser {
  const id = pathUserId(ctx);
  if (ctx.on.has('odd-id-500') && id.includes('%')) throw new Error('malformed URI sequence');
  const user = ctx.store.users.get(id);
  if (!user) {
    // Stryker disable next-line StringLiteral: a message text: the contract leaves the wording of messages open
    const echo = ctx.on.has('error-echoes-authorization') ? ` (request ${ctx.req.headers.authorization})` : '';
    throw new HttpError(404, `Resource id not found.${echo}`);
  }
  return user;
}

/** The create body schema, bent by the faults that stop checking parts of it. */
function createSchema(on: Switches): Schema {
  const schema = bodySchema('create_user');
  const properties = { ...(schema.properties as Record<string, Schema>) };
  if (on.has('email-pattern-not-enforced')) properties.email = { ...properties.email, pattern: undefined };
  // The email-local-part-any-letter fault: the local part takes any character but @ and whitespace.
  if (on.has('email-local-part-any-letter'))
    properties.email = {
      ...properties.email,
      pattern: String(properties.email?.pattern).replace(/^\^\[[^\]]*\]/, '^[^@\\s]'),
    };
  // The email-max-length-rejected fault: maxLength taken as exclusive.
  if (on.has('email-max-length-rejected') && typeof properties.email?.maxLength === 'number')
    properties.email = { ...properties.email, maxLength: properties.email.maxLength - 1 };
  if (on.has('create-body-types-unchecked')) {
    delete properties.resetPassword;
    delete properties.notify;
  }
  return { ...schema, properties };
}

const CACHE_MS = 2000;

/** The stale-list-cache fault: answers of list and count kept by query for a while, across writes. */
function cached(ctx: HandlerContext, compute: () => unknown): unknown {
  if (!ctx.on.has('stale-list-cache')) return compute();
  const key = `${ctx.url.pathname}?${ctx.url.search}`;
  const hit = ctx.store.cache.get(key);
  if (hit && hit.until > Date.now()) return hit.value;
  const value = compute();
  ctx.store.cache.set(key, { value, until: Date.now() + CACHE_MS });
  return value;
}

export const userHandlers: Record<string, (ctx: HandlerContext) => Promise<void> | void> = {
  get_users(ctx) {
    requireRead(ctx);
    const q = parseListQuery(ctx.url.searchParams, ctx.on);
    sendJson(
      ctx.res,
      200,
      cached(ctx, () => {
        // A fault is its own branch: the conforming one holds no term a fault adds.
        const start = ctx.on.has('offset-off-by-one') && q.offset > 0 ? q.offset + 1 : q.offset;
        const end = ctx.on.has('limit-off-by-one') ? start + q.limit + 1 : start + q.limit;
        // Without a sort, in insertion order, the first `end` matches are all the page needs.
        const reordered = ctx.on.has('unstable-default-order') || ctx.on.has('default-order-newest-first');
        // Stryker disable next-line ConditionalExpression: an optimisation: the same page either way
        const matches = selectUsers(ctx.store, q.filters, q.search, ctx.on, q.sortBy || reordered ? Infinity : end);
        const all = sortUsers(matches, q.sortBy, q.sortOrder, ctx.on, end);
        // The list-skips-last fault: paging the whole dataset never reaches its last user.
        const last =
          ctx.on.has('list-skips-last') && q.filters.length === 0 && q.search === undefined && !q.sortBy
            ? ctx.store.users.size - 1
            : Infinity;
        const page = all.slice(start, Math.min(end, last)).map((u) => userView(u, ctx.on));
        // The list-stale-updated-at fault: the list shows each user's updatedAt as it was at its creation.
        if (ctx.on.has('list-stale-updated-at')) for (const v of page) v.updatedAt = v.createdAt;
        return ctx.on.has('list-wrapped') ? { users: page, total: page.length } : page;
      }),
    );
  },

  count_users(ctx) {
    requireRead(ctx);
    const filters = parseFilterBy('count_users', ctx.url.searchParams.getAll('filterBy'), ctx.on);
    const search = ctx.on.has('count-ignores-search') ? undefined : (ctx.url.searchParams.get('search') ?? undefined);
    const counted = ctx.on.has('count-ignores-filter') ? filters.slice(0, 1) : filters;
    sendJson(
      ctx.res,
      200,
      cached(ctx, () => ({ count: selectUsers(ctx.store, counted, search, ctx.on).length })),
    );
  },

  async create_user(ctx) {
    // The forbidden-create-persists fault: a create refused to its caller (403) still stores the user it names.
    if (ctx.on.has('forbidden-create-persists') && ctx.session.role !== 'admin')
      persistRefused(ctx, await readJsonBody(ctx.req, ctx.on));
    requireWrite(ctx);
    const body = await readJsonBody(ctx.req, ctx.on);
    const problem = problemWith(createSchema(ctx.on), body);
    // The refused-create-persists fault: a create refused for its body still stores the user it names.
    if (problem && ctx.on.has('refused-create-persists')) persistRefused(ctx, body);
    if (problem) throw new HttpError(400, `invalid body: ${problem}`);
    if (ctx.on.has('extra-property-refused') && undeclared(body, createSchema(ctx.on)))
      throw new HttpError(400, 'invalid body: unknown property');
    const given = String((body as { email: string }).email);
    const email = ctx.on.has('preserve-email-case') ? given : given.toLowerCase();
    // The duplicate-case-allowed fault: the duplicate check compares letter case.
    const existing = ctx.on.has('duplicate-case-allowed')
      ? [...ctx.store.users.values()].find((u) => u.username === given)
      : ctx.store.findByUsername(email);
    // The deleted-email-blocked fault: emails of deleted users stay taken.
    if (ctx.on.has('deleted-email-blocked') && ctx.store.deletedNames.has(email)) {
      throw new HttpError(409, 'Resource with this name already exists');
    }
    if (existing && !ctx.on.has('duplicate-email-allowed')) {
      throw new HttpError(409, 'Resource with this name already exists');
    }
    // The racy-duplicate-check fault: a pause between the check and the insert.
    if (ctx.on.has('racy-duplicate-check')) await new Promise((r) => setTimeout(r, DATABASE_ROUND_TRIP_MS));
    const now = ctx.store.now();
    const user = ctx.store.add({
      // The username-plus-tag-dropped fault: the part of the local part after a '+' is dropped, as mail hosts fold.
      username: ctx.on.has('username-plus-tag-dropped') ? email.replace(/\+[^@]*@/, '@') : email,
      createdBy: ctx.session.subject,
      createdAt: now,
      updatedAt: now,
      lastLogin: null,
      isLocal: true,
      groups: null,
      // The mass-assignment fault: server-owned fields a body offers are taken as given.
      ...(ctx.on.has('mass-assignment') ? assigned(body) : {}),
    });
    ctx.audit(user);
    const reply: Record<string, unknown> = { id: user.id, username: user.username, tempPassword: user.password };
    if (ctx.on.has('create-no-temp-password')) delete reply.tempPassword;
    // A temporary password is kept by no cache (ASVS 8.2.1); the temp-password-cacheable fault leaves that unsaid.
    // Stryker disable next-line StringLiteral: Cache-Control is the contract's silence: a SHOULD warns, no MUST kills
    if (!ctx.on.has('temp-password-cacheable')) ctx.res.setHeader('cache-control', 'no-store');
    sendJson(ctx.res, ctx.on.has('create-answers-200') ? 200 : 201, reply);
  },

  get_user_by_id(ctx) {
    requireRead(ctx);
    const user = existingUser(ctx);
    if (ctx.on.has('get-answers-500')) throw new Error('user view failed');
    const view = userView(user, ctx.on);
    // The last-login-number-on-get fault: GET by id writes a login time as epoch milliseconds.
    if (ctx.on.has('last-login-number-on-get') && user.lastLogin !== null) view.lastLogin = user.lastLogin;
    // The faults of a GET by id that shows users it did not create otherwise: groups gone, SSO as local.
    if (ctx.on.has('get-drops-groups') && user.groups !== null) view.groups = [];
    if (ctx.on.has('get-sso-as-local')) view.isLocal = true;
    sendJson(ctx.res, ctx.on.has('get-user-answers-202') ? 202 : 200, view);
  },

  async delete_user_by_id(ctx) {
    requireWrite(ctx);
    const user = existingUser(ctx);
    // The overlapping-deletes-lie fault: a delete that overlaps another one answers 204 and keeps the user.
    if (ctx.on.has('overlapping-deletes-lie')) {
      const started = ++ctx.store.deletesStarted;
      ctx.store.deletesInFlight++;
      await new Promise((r) => setTimeout(r, DATABASE_ROUND_TRIP_MS));
      const overlapped = ctx.store.deletesInFlight > 1 || ctx.store.deletesStarted !== started;
      ctx.store.deletesInFlight--;
      if (overlapped) return sendEmpty(ctx.res, 204);
    }
    // The delete-fails-first fault: the first delete of each user fails and deletes nothing.
    if (ctx.on.has('delete-fails-first') && !ctx.store.deleteAttempts.has(user.id)) {
      ctx.store.deleteAttempts.add(user.id);
      throw new Error('delete failed');
    }
    if (!ctx.on.has('get-after-delete-200')) ctx.store.remove(user);
    ctx.store.deletedNames.add(user.username);
    if (ctx.on.has('delete-takes-neighbour')) {
      // An index off by one: the next user in username order goes too.
      const next = [...ctx.store.users.values()]
        .filter((u) => u.username > user.username)
        .sort((a, b) => (a.username < b.username ? -1 : 1))[0];
      if (next) ctx.store.remove(next);
    }
    ctx.audit(user);
    if (ctx.on.has('delete-answers-200')) sendJson(ctx.res, 200, { deleted: user.id });
    // The delete-204-with-length fault: a 204 that states the length of a body it cannot have (RFC 9110 8.6).
    else if (ctx.on.has('delete-204-with-length')) ctx.res.writeHead(204, { 'content-length': 2 }).end('{}');
    else sendEmpty(ctx.res, 204);
  },

  logout_user(ctx) {
    requireWrite(ctx);
    const user = existingUser(ctx);
    if (!ctx.on.has('logout-keeps-sessions')) user.revokedBefore = ctx.store.now();
    // The logout-revokes-all fault: every user's sessions end.
    if (ctx.on.has('logout-revokes-all')) for (const u of ctx.store.users.values()) u.revokedBefore = ctx.store.now();
    ctx.audit(user);
    sendEmpty(ctx.res, 200);
  },

  reset_user_password(ctx) {
    requireWrite(ctx);
    const user = existingUser(ctx);
    if (ctx.on.has('old-password-still-valid')) keepOldPassword(user);
    // The overlapping-resets-both-work fault: a reset that overlaps another on the user keeps its password working.
    if (ctx.on.has('overlapping-resets-both-work')) {
      if (ctx.store.now() - (ctx.store.lastReset.get(user.id) ?? 0) < 250) keepOldPassword(user);
      ctx.store.lastReset.set(user.id, ctx.store.now());
    }
    if (!ctx.on.has('reset-keeps-password')) ctx.store.setPassword(user, newPassword());
    // The reset-touches-neighbour fault: users whose names share its stem get a new password too.
    if (ctx.on.has('reset-touches-neighbour')) {
      const stem = (name: string) => name.slice(0, name.lastIndexOf('-'));
      for (const u of ctx.store.users.values()) {
        if (u !== user && stem(u.username) === stem(user.username)) ctx.store.setPassword(u, newPassword());
      }
    }
    user.updatedAt = ctx.store.now();
    // The reset-rewrites-created-at fault: a reset writes the creation time too.
    if (ctx.on.has('reset-rewrites-created-at')) user.createdAt = user.updatedAt;
    ctx.audit(user);
    // Stryker disable next-line StringLiteral: Cache-Control is the contract's silence: a SHOULD warns, no MUST kills
    if (!ctx.on.has('temp-password-cacheable')) ctx.res.setHeader('cache-control', 'no-store');
    sendJson(ctx.res, 200, { tempPassword: user.password });
  },

  async change_user_password(ctx) {
    const body = await readJsonBody(ctx.req, ctx.on);
    const problem = problemWith(bodySchema('change_user_password'), body);
    if (problem) throw new HttpError(400, `invalid body: ${problem}`);
    if (ctx.on.has('extra-property-refused') && undeclared(body, bodySchema('change_user_password')))
      throw new HttpError(400, 'invalid body: unknown property');
    const user = ctx.session.userId ? ctx.store.users.get(ctx.session.userId) : undefined;
    if (!user) throw new HttpError(403, 'Only local users can change their password.');
    const { currentPassword, newPassword: next } = body as { currentPassword: string; newPassword: string };
    // The long-password-refused fault: a new password over 64 characters, which the schema admits, is refused.
    if (ctx.on.has('long-password-refused') && [...next].length > 64) throw new HttpError(400, 'Password too long.');
    if (currentPassword !== user.password && !ctx.on.has('change-password-ignores-current'))
      throw new HttpError(400, 'Current password is incorrect.');
    // The me-password-takes-user-id fault: a userId in the body names whose password changes.
    const named = (body as { userId?: unknown }).userId;
    const target =
      (ctx.on.has('me-password-takes-user-id') && typeof named === 'string' && ctx.store.users.get(named)) || user;
    if (ctx.on.has('change-password-keeps-old')) keepOldPassword(target);
    // The faults of a password kept otherwise than sent: each non-ASCII character as '?' (a latin1 column),
    // or cut at 128 characters.
    ctx.store.setPassword(
      target,
      ctx.on.has('password-non-ascii-mangled')
        ? next.replace(/\P{ASCII}/gu, '?')
        : ctx.on.has('password-truncated-at-128')
          ? next.slice(0, 128)
          : next,
    );
    target.updatedAt = ctx.store.now();
    ctx.audit(target);
    sendJson(ctx.res, 200, {});
  },
};
