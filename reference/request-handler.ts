/**
 * The reference's Users API over HTTP: a request's route from the spec's paths, its bearer
 * token's session and the handler of its operation; and how the Error body of whatever went
 * wrong is written (by the server around the API, which catches what the API throws).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ROUTES } from './contract.ts';
import {
  FOREVER,
  looselyIssued,
  sendCode400Error,
  sendErrorWithStack,
  sendHtmlError,
  tokenElsewhere,
  unverifiedJwtSubject,
} from './fault-behaviours.ts';
import { bearerChallenge, type ErrorWriter, HttpError, sendError } from './http-util.ts';
import type { Switches } from './switches.ts';
import { type HandlerContext, userHandlers } from './user-handlers.ts';
import type { StoredUser, UserStore } from './user-store.ts';

/** How Error bodies are written: as the seed's Error, unless a fault writes them otherwise. */
// Stryker disable next-line BlockStatement: without a writer no error is answered: a target in trouble (exit 2)
export function errorWriter(on: Switches): ErrorWriter {
  if (on.has('error-body-html')) return sendHtmlError;
  if (on.has('stack-trace-in-errors')) return sendErrorWithStack;
  return on.has('error-code-mismatch') ? sendCode400Error : sendError;
}

const SCHEME = 'bearer ';
/** The token of an `Authorization: Bearer <token>` header (the scheme in any letter case, as HTTP has it). */
const bearer = (header: string | undefined): string | undefined =>
  header?.toLowerCase().startsWith(SCHEME) ? header.slice(SCHEME.length) : undefined;

export type UsersApi = (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void>;

/** Answers a request to the Users API, or throws what went wrong (an HttpError: its status) for the server to write. */
export function usersApi(store: UserStore, on: Switches): UsersApi {
  return async (req, res, url) => {
    if (on.has('trailing-slash-500') && url.pathname.endsWith('/')) throw new Error('no route for a trailing slash');
    const pathMatches = ROUTES.flatMap((r) => {
      const m = r.pattern.exec(url.pathname);
      return m ? [{ r, m }] : [];
    });
    if (pathMatches.length === 0) throw new HttpError(404, 'Not found.');
    // The method-override-honoured fault: a gateway's X-HTTP-Method-Override turns a GET into any method.
    const override = req.headers['x-http-method-override'];
    const method =
      on.has('method-override-honoured') && typeof override === 'string' ? override.toUpperCase() : req.method;
    const hit = pathMatches.find((x) => x.r.method === method);
    // The head-skips-auth fault: HEAD is routed to the GET handler past its authentication (verb tampering).
    if (on.has('head-skips-auth') && method === 'HEAD' && pathMatches.some((x) => x.r.method === 'GET'))
      return void res.writeHead(200, { 'content-type': 'application/json' }).end();
    // The lookup-before-auth fault: a path id is looked up before the token, so an unknown one answers 404 to anyone.
    if (on.has('lookup-before-auth') && pathMatches[0]?.m[1] && !store.users.has(String(pathMatches[0].m[1])))
      throw new HttpError(404, 'User not found.');
    // The faults of requests off the map: a method the path does not take, a trailing slash, crash.
    if (!hit && on.has('undocumented-method-500')) throw new Error('no handler for the method');
    // The unsupported-method-deletes fault: a PUT or PATCH on a user, refused 405, first removes the user.
    if (!hit && on.has('unsupported-method-deletes') && /^P(UT|ATCH)$/.test(String(req.method)))
      for (const user of pathMatches.flatMap((x) => store.users.get(String(x.m[1])) ?? [])) store.remove(user);
    // RFC 9110 15.5.6: a 405 names the methods the resource takes.
    if (!hit && on.has('method-not-allowed-without-allow')) throw new HttpError(405, 'Method not allowed.');
    if (!hit && on.has('unsupported-method-400')) throw new HttpError(400, 'Unsupported method.');
    if (!hit && on.has('allow-lists-one-method'))
      throw new HttpError(405, 'Method not allowed.', { allow: pathMatches[0]?.r.method ?? '' });
    if (!hit) throw new HttpError(405, 'Method not allowed.', { allow: pathMatches.map((x) => x.r.method).join(', ') });
    // The bearer-scheme-case-sensitive fault: the auth-scheme, case-insensitive in HTTP, is compared exactly.
    const scheme = on.has('bearer-scheme-case-sensitive') && !req.headers.authorization?.startsWith('Bearer ');
    const token = scheme ? undefined : (bearer(req.headers.authorization) ?? tokenElsewhere(req, url, on));
    let session = token ? store.session(token) : undefined;
    // The faults of a loose token comparison (case folded, a prefix compared).
    if (!session && token && (on.has('bearer-case-insensitive') || on.has('bearer-compared-by-prefix'))) {
      const issued = looselyIssued(store.sessions, token, on);
      if (issued) session = store.session(issued);
    }
    // The refresh-token-as-bearer fault: a refresh token is taken for an access token.
    if (!session && token && on.has('refresh-token-as-bearer')) {
      const refresh = store.refreshTokens.get(token);
      if (refresh) session = { role: 'user', subject: 'refresh', userId: refresh.userId, ...FOREVER };
    }
    // The jwt-signature-unchecked fault: a JWT no session holds is taken for its payload's subject, unverified.
    if (!session && token && on.has('jwt-signature-unchecked'))
      session = [...store.sessions.values()].find((s) => s.subject === unverifiedJwtSubject(token));
    // The deleted-user-token-valid fault: a session outlives the user it belongs to.
    if (!session && token && on.has('deleted-user-token-valid')) {
      const orphan = store.sessions.get(token);
      if (orphan?.userId && !store.users.has(orphan.userId)) session = orphan;
    }
    // The faults that let a request in without a session.
    if (
      !session &&
      ((hit.r.operationId === 'get_users' && on.has('auth-not-enforced-on-list')) ||
        (hit.r.operationId === 'reset_user_password' && on.has('auth-not-enforced-on-reset')) ||
        (hit.r.operationId === 'count_users' && token && on.has('bad-token-accepted-on-count')) ||
        (token && /^ey[\w-]+\.ey[\w-]+\.[\w-]+$/.test(token) && on.has('expired-token-accepted')))
    )
      session = { role: 'admin', subject: 'anonymous', ...FOREVER };
    // RFC 9110 15.5.2: a 401 names the scheme to authenticate with (a fault leaves it out).
    if (!session) throw new HttpError(401, 'Issuer is not familiar.', bearerChallenge(on));
    const userId = hit.m[1];
    const by = session.subject;
    // Stryker disable next-line ArrowFunction: the audit trail is the reference's own, the API never shows it
    const audit = (user: StoredUser) => store.record(hit.r.operationId, user, by);
    const ctx: HandlerContext = { req, res, url, session, store, on, userId, audit };
    await (userHandlers[hit.r.operationId] as (ctx: HandlerContext) => Promise<void> | void)(ctx);
  };
}
