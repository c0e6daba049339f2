/**
 * The embedded reference implementation: an in-memory Users API on a loopback port.
 * Routes come from the spec's paths; `POST /api/v1/token` issues tokens for the admin and
 * viewer clients (client_credentials) and for created users (password grant).
 */

import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { ROUTES } from './contract.ts';
import { opaqueId, sendCode400Error, sendHtmlError } from './fault-behaviours.ts';
import type { FaultId } from './faults.ts';
import { gzipResponses, refuseOversized } from './gateway.ts';
import { HttpError, readJsonBody, sendError, sendJson } from './http-util.ts';
import { seedUsers } from './seed-users.ts';
import type { Switches } from './switches.ts';
import { type HandlerContext, userHandlers } from './user-handlers.ts';
import { type Role, UserStore } from './user-store.ts';
import type { VariantId } from './variants.ts';

export interface ReferenceOptions {
  port?: number;
  host?: string;
  seedUsers?: number;
  seed?: number;
  faults?: ReadonlySet<FaultId>;
  variants?: ReadonlySet<VariantId>;
  tokenLifetimeSeconds?: number;
  /** Requests per second answered before 429 with Retry-After: 1 (none: no limit). */
  rateLimit?: number;
  /** PEM key and certificate: serve HTTPS instead of HTTP. */
  tls?: { key: string; cert: string };
  /** Added before every answer, drawn from [min, max]; the latency variant alone means 20 ms. */
  latencyMs?: [number, number];
  /** Wraps the request handler (a mutation run traces which test each request came from). */
  wrapHandler?: (handle: (req: IncomingMessage, res: ServerResponse) => Promise<void>) => typeof handle;
}

export interface Credentials {
  clientId: string;
  clientSecret: string;
}

export interface RunningReference {
  url: string;
  store: UserStore;
  on: Switches;
  admin: Credentials & { token: string };
  viewer: Credentials & { token: string };
  /** The optional capabilities this instance offers, as a target would declare them. */
  capabilities: string[];
  close(): Promise<void>;
}

const routes = ROUTES;
const FOREVER = { issuedAt: 0, expiresAt: Number.POSITIVE_INFINITY };

function bearer(header: string | undefined): string | undefined {
  // Stryker disable next-line Regex,StringLiteral: how strictly the header's syntax is read is not in the contract
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return m?.[1];
}

/** The foreign-writers variant: another client creating and deleting its own users all along. */
// Stryker disable all: the foreign-writers variant's other client, started only with its switch on
function startForeignWriter(store: UserStore): NodeJS.Timeout {
  let n = 0;
  const mine: string[] = [];
  return setInterval(() => {
    const now = store.now();
    mine.push(
      store.add({
        username: `writer-${n++}@example.org`,
        createdBy: 'other-client',
        createdAt: now,
        updatedAt: now,
        lastLogin: null,
        isLocal: true,
        groups: null,
      }).id,
    );
    const gone = mine.length > 20 ? mine.splice(Math.floor(Math.random() * mine.length), 1)[0] : undefined;
    if (gone) store.remove(gone);
  }, 25);
}
// Stryker restore all

// Stryker disable next-line BlockStatement: without a reference to run against, the run cannot be made (exit 2)
export async function startReference(options: ReferenceOptions = {}): Promise<RunningReference> {
  const store = new UserStore();
  // Stryker disable next-line ArrayDeclaration,LogicalOperator: no faults and no variants given: no switches either way
  const on: Switches = new Set([...(options.faults ?? []), ...(options.variants ?? [])]);
  if (on.has('opaque-ids')) store.newId = opaqueId;
  // Stryker disable next-line LogicalOperator: token lifetimes are outside the contract; a run ends within the hour
  const lifetime = options.tokenLifetimeSeconds ?? 3600;
  // Stryker disable next-line LogicalOperator: the seeded dataset's size is the reference's; the suite assumes none
  const population = on.has('empty') ? 0 : on.has('large') ? 20_000 : (options.seedUsers ?? 300);
  seedUsers(store, population, options.seed);
  const writer = on.has('foreign-writers') ? startForeignWriter(store) : undefined;
  let requests = 0;
  // Stryker disable all: latency and the rate limit are self-test settings of the reference, off in the conforming run
  const [low, high] = options.latencyMs ?? (on.has('latency') ? [20, 20] : [0, 0]);
  const latency = () => low + Math.random() * (high - low);
  const secret = () => randomBytes(18).toString('base64url');
  // One-second windows of requests, for the rate limit.
  let window = { second: 0, count: 0 };
  const overLimit = (limit: number) => {
    const second = Math.floor(Date.now() / 1000);
    if (window.second !== second) window = { second, count: 0 };
    return ++window.count > limit;
  };
  // Stryker restore all
  // Stryker disable next-line ObjectLiteral: without its clients the run cannot be made (exit 2)
  const clients: Record<string, { secret: string; role: Role; subject: string }> = {
    'conformance-admin': { secret: secret(), role: 'admin', subject: 'admin@reference.local' },
    // Stryker disable next-line all: no viewer client: the run cannot be made; its role's name is the reference's
    'conformance-viewer': { secret: secret(), role: 'viewer', subject: 'viewer@reference.local' },
  };
  for (const c of Object.values(clients)) store.issuedSecrets.push(c.secret);

  async function issueToken(raw: unknown): Promise<Record<string, unknown>> {
    const body = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
    const grant = body.grantType;
    // Stryker disable all: the embedded run is given its tokens; the grant that issues them to a client is
    // outside the contract, and a broken one makes a run impossible (exit 2), never non-conformant
    if (grant === 'client_credentials') {
      const id = String(body.clientId ?? body.clientID);
      const client = clients[id];
      if (!client || client.secret !== body.clientSecret) throw new HttpError(401, 'Invalid client credentials.');
      return {
        accessToken: store.issueToken({ role: client.role, subject: client.subject }, lifetime),
        expiresIn: lifetime,
      };
    }
    // Stryker restore all
    // Stryker disable next-line ConditionalExpression: the token endpoint is outside the contract (refresh too)
    if (grant === 'password') {
      // Stryker disable next-line ConditionalExpression: a username that is no string names no user either way
      const user = typeof body.username === 'string' ? store.findByUsername(body.username) : undefined;
      const known = user && (user.password === body.password || user.previousPasswords.includes(String(body.password)));
      // Stryker disable next-line ConditionalExpression,OptionalChaining: an SSO user has no password anyone knows
      if (user?.isLocal !== true || !known) throw new HttpError(401, 'Invalid user credentials.');
      // The no-password-login variant: temporary passwords must be changed elsewhere before a login.
      if (on.has('no-password-login')) throw new HttpError(400, 'Account is not fully set up.');
      user.lastLogin = store.now();
      return {
        // Stryker disable next-line StringLiteral: whether a user with no role may read users is not in the contract
        accessToken: store.issueToken({ role: 'user', subject: user.username, userId: user.id }, lifetime),
        refreshToken: store.issueRefreshToken(user.id),
        expiresIn: lifetime,
      };
    }
    // Stryker disable next-line all: a refresh that never works: its checks are not applicable
    if (grant === 'refresh_token') {
      const known = store.refreshTokens.get(String(body.refreshToken));
      // Stryker disable next-line ConditionalExpression: a refresh that never works: its checks are not applicable
      const user = known && store.users.get(known.userId);
      // Logout revokes refresh tokens issued before it (unless the logout-keeps-refresh fault is on).
      // Stryker disable next-line ConditionalExpression,LogicalOperator,EqualityOperator: a refresh never working: N/A
      const revoked = !on.has('logout-keeps-refresh') && known && user && known.issuedAt < user.revokedBefore;
      // Stryker disable next-line ConditionalExpression,LogicalOperator,BooleanLiteral: a refresh never working: N/A
      if (!known || !user || revoked) throw new HttpError(401, 'Invalid refresh token.');
      // Stryker disable next-line ObjectLiteral: a refresh that never works: its checks are not applicable
      return {
        // Stryker disable next-line ObjectLiteral,StringLiteral: a refresh that never works: not applicable
        accessToken: store.issueToken({ role: 'user', subject: user.username, userId: user.id }, lifetime),
        expiresIn: lifetime,
      };
    }
    throw new HttpError(400, 'Unsupported grantType.');
  }

  const writeError = on.has('error-body-html')
    ? sendHtmlError
    : on.has('error-code-mismatch')
      ? sendCode400Error
      : sendError;

  // Stryker disable next-line BlockStatement: a server that never answers is a target in trouble (exit 2)
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    if (on.has('gzip-gateway')) gzipResponses(res);
    if (on.has('size-limited-gateway') && refuseOversized(req, res)) return;
    // Stryker disable next-line BlockStatement: a server that never answers is a target in trouble (exit 2)
    try {
      // The accept-wildcard-500 fault: a server that chokes on a request that does not name JSON.
      if (on.has('accept-wildcard-500') && /^(\*\/\*)?$/.test(String(req.headers.accept ?? '')))
        throw new Error('no representation chosen');
      // A server's request always has its target, the path and query to read.
      const url = new URL(String(req.url), 'http://reference');
      // Stryker disable next-line ConditionalExpression: every request taken for a token request: no run is made
      if (url.pathname === '/api/v1/token' && req.method === 'POST') {
        sendJson(res, 200, await issueToken(await readJsonBody(req)));
        return;
      }
      // Stryker disable next-line all: latency is a self-test setting of the reference, off in the conforming run
      if (high > 0) await new Promise((r) => setTimeout(r, latency()));
      // The slow-writes variant: every write takes a while longer than a read.
      if (on.has('slow-writes') && req.method !== 'GET') await new Promise((r) => setTimeout(r, 40));
      // A rate limit: requests past it within a second are answered 429 with Retry-After.
      // Stryker disable all: the rate limit is a self-test setting of the reference, off in the conforming run
      if (options.rateLimit && overLimit(options.rateLimit)) {
        res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '1' });
        res.end(JSON.stringify({ code: 429, message: 'Too many requests.' }));
        return;
      }
      // Stryker restore all
      // Transient trouble before any processing, as a proxy or an overloaded server would answer.
      if (on.has('transient-errors') && ++requests % 25 === 0) {
        sendJson(res, 503, { code: 503, message: 'Please try again in few minutes.' });
        return;
      }
      if (on.has('transient-errors') && requests % 25 === 12) {
        res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '0' });
        res.end(JSON.stringify({ code: 429, message: 'Too many requests.' }));
        return;
      }
      const pathMatches = routes.flatMap((r) => {
        const m = r.pattern.exec(url.pathname);
        return m ? [{ r, m }] : [];
      });
      // Stryker disable next-line ConditionalExpression: a path outside the spec is no operation of the contract
      if (pathMatches.length === 0) throw new HttpError(404, 'Not found.');
      const hit = pathMatches.find((x) => x.r.method === req.method);
      // Stryker disable next-line ConditionalExpression: a method no path has in the spec: no operation of the contract
      if (!hit) throw new HttpError(405, 'Method not allowed.');
      const token = bearer(req.headers.authorization);
      let session = token ? store.session(token) : undefined;
      // The refresh-token-as-bearer fault: a refresh token is taken for an access token.
      if (!session && token && on.has('refresh-token-as-bearer')) {
        const refresh = store.refreshTokens.get(token);
        if (refresh) session = { role: 'user', subject: 'refresh', userId: refresh.userId, ...FOREVER };
      }
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
      if (!session) throw new HttpError(401, 'Issuer is not familiar.');
      let userId: string | undefined;
      // Stryker disable next-line ConditionalExpression: only the operations whose path has a user id read one
      if (hit.m[1] !== undefined) {
        // Stryker disable BlockStatement: a catch letting a malformed escape by names no user: 404, as fit as a 400
        try {
          userId = decodeURIComponent(hit.m[1]);
        } catch {
          throw new HttpError(400, 'Malformed user id.');
        }
        // Stryker restore BlockStatement
      }
      const ctx: HandlerContext = { req, res, url, session, store, on, userId };
      const handler = userHandlers[hit.r.operationId];
      // Stryker disable next-line ConditionalExpression: every operation of the spec has its handler
      if (!handler) throw new HttpError(404, 'Not found.');
      await handler(ctx);
    } catch (error) {
      // Stryker disable next-line ConditionalExpression: no conforming handler fails after it has answered
      if (res.headersSent) return void res.end();
      // Stryker disable next-line ConditionalExpression: in a conforming run nothing fails unexpectedly
      if (error instanceof HttpError) writeError(res, error.status, error.message);
      else writeError(res, 500, 'unexpected error');
    }
  };
  // Served over TLS when given a key and certificate (the self-tests of private CAs and proxies).
  // Stryker disable next-line all: test plumbing of mutation runs, not behaviour of the API
  const served = options.wrapHandler?.(handle) ?? handle;
  const server: Server = options.tls ? createHttpsServer(options.tls, served) : createServer(served);
  server.keepAliveTimeout = 30_000;

  // Stryker disable next-line ArrowFunction,LogicalOperator,StringLiteral: where it listens is the harness's (exit 2)
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  // Stryker disable all: what the reference hands the harness (tokens, capabilities): wrong, no run is made (exit 2)
  const credentialsOf = (id: string) => {
    const client = clients[id];
    if (!client) throw new Error(`no client ${id}`);
    const token = store.issueToken({ role: client.role, subject: client.subject }, 7 * 24 * 3600);
    return { clientId: id, clientSecret: client.secret, token };
  };
  return {
    // Stryker disable next-line StringLiteral: TLS is a setting of the self-tests, off in the conforming run
    url: `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    store,
    on,
    capabilities: on.has('no-password-login') ? [] : ['password-login'],
    admin: credentialsOf('conformance-admin'),
    viewer: credentialsOf('conformance-viewer'),
    // Stryker restore all
    // Stryker disable all: stopping the embedded reference is the harness's work, not the API's
    close: () =>
      new Promise<void>((resolve) => {
        if (writer) clearInterval(writer);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
    // Stryker restore all
  };
}
