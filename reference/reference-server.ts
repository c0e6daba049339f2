/**
 * The embedded reference implementation: the in-memory Users API (`request-handler.ts`) and its
 * token endpoint on a loopback port, with what the self-tests set around it (latency, a rate
 * limit, TLS, the variants' other writer and gateways) and what it hands the harness. None of
 * this file is an operation of the contract, so the mutation run leaves it out.
 */

import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { bomResponses, brokenFraming, jwtIssuer, opaqueId, sharedCacheable } from './fault-behaviours.ts';
import type { FaultId } from './faults.ts';
import { gzipResponses, refuseOversized } from './gateway.ts';
import { HttpError, readJsonBody, sendJson } from './http-util.ts';
import { errorWriter, usersApi } from './request-handler.ts';
import { seedUsers } from './seed-users.ts';
import type { Switches } from './switches.ts';
import { type Client, isTokenRequest, tokenEndpoint } from './token-endpoint.ts';
import { type StoredUser, UserStore } from './user-store.ts';
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
  /** Wraps the request handler (a mutation run traces which test each request came from, or mutates the wire). */
  wrapHandler?: (
    handle: (req: IncomingMessage, res: ServerResponse) => Promise<void>,
    store: UserStore,
  ) => typeof handle;
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

/** The foreign-writers variant: another client creating and deleting its own users all along. */
function startForeignWriter(store: UserStore): NodeJS.Timeout {
  let n = 0;
  const mine: StoredUser[] = [];
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
      }),
    );
    const gone = mine.length > 20 ? mine.splice(Math.floor(Math.random() * mine.length), 1)[0] : undefined;
    if (gone) store.remove(gone);
  }, 25);
}

/** The requests per second of the rate-limited-no-retry-after variant, as a user's gateway had it. */
const QUIET_LIMIT_RPS = 40;

/** At most `limit` requests in each second, for the rate limit. */
function rateLimiter(limit: number): () => boolean {
  let window = { second: 0, count: 0 };
  return () => {
    const second = Math.floor(Date.now() / 1000);
    if (window.second !== second) window = { second, count: 0 };
    return ++window.count > limit;
  };
}

const tooManyRequests = (res: ServerResponse, retryAfter?: string) => {
  res.writeHead(429, {
    'content-type': 'application/json',
    ...(retryAfter === undefined ? {} : { 'retry-after': retryAfter }),
  });
  res.end(JSON.stringify({ code: 429, message: 'Too many requests.' }));
};

export async function startReference(options: ReferenceOptions = {}): Promise<RunningReference> {
  const store = new UserStore();
  const on: Switches = new Set([...(options.faults ?? []), ...(options.variants ?? [])]);
  if (on.has('opaque-ids')) store.newId = opaqueId;
  if (on.has('jwt-tokens') || on.has('jwt-signature-unchecked')) store.newToken = jwtIssuer();
  const lifetime = options.tokenLifetimeSeconds ?? 3600;
  seedUsers(store, on.has('empty') ? 0 : on.has('large') ? 20_000 : (options.seedUsers ?? 300), options.seed);
  const writer = on.has('foreign-writers') ? startForeignWriter(store) : undefined;
  const [low, high] = options.latencyMs ?? (on.has('latency') ? [20, 20] : [0, 0]);
  // The rate-limited-no-retry-after variant: a gateway's limit whose 429s say nothing of when to come back.
  const quiet = on.has('rate-limited-no-retry-after');
  const rate = options.rateLimit ?? (quiet ? QUIET_LIMIT_RPS : undefined);
  const overLimit = rate ? rateLimiter(rate) : () => false;
  const secret = () => randomBytes(18).toString('base64url');
  const clients: Record<string, Client> = {
    'conformance-admin': { secret: secret(), role: 'admin', subject: 'admin@reference.local' },
    'conformance-viewer': { secret: secret(), role: 'viewer', subject: 'viewer@reference.local' },
  };
  for (const c of Object.values(clients)) store.issuedSecrets.push(c.secret);
  const issueToken = tokenEndpoint(store, clients, on, lifetime);
  const api = usersApi(store, on);
  const writeError = errorWriter(on);
  let requests = 0;
  /** Requests the transient-errors variant refused, by what a retry of them sends again. */
  const refused = new Set<string>();
  const requestKey = (req: IncomingMessage) => `${req.method} ${req.url} ${req.headers.authorization ?? ''}`;

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    // The security header fields of every answer (ASVS 14.4.4, 14.4.5); the answers-without-nosniff fault drops one.
    if (!on.has('answers-without-nosniff')) res.setHeader('x-content-type-options', 'nosniff');
    // Over http HSTS means nothing (RFC 6797 8.1), and mutation runs serve http: the TLS e2e runs see this line.
    // Stryker disable next-line ConditionalExpression,StringLiteral,BlockStatement: see above
    if (options.tls) res.setHeader('strict-transport-security', 'max-age=31536000');
    // The cors-reflects-origin fault: any Origin is echoed back as allowed, with credentials.
    if (on.has('cors-reflects-origin') && req.headers.origin)
      res
        .setHeader('access-control-allow-origin', req.headers.origin)
        .setHeader('access-control-allow-credentials', 'true');
    if (on.has('gzip-gateway')) gzipResponses(res);
    if (on.has('json-bom')) bomResponses(res);
    // The answers-without-date fault: a server that never dates its answers.
    if (on.has('answers-without-date')) res.sendDate = false;
    if (on.has('answers-shared-cacheable')) sharedCacheable(res);
    // The faults of broken framing: every count, every logout answered in a message HTTP/1.1 cannot frame.
    if (on.has('chunk-size-not-hex') && String(req.url).split('?')[0]?.endsWith('/users/count'))
      brokenFraming(res, 'chunk-size');
    if (on.has('length-with-chunked') && String(req.url).split('?')[0]?.endsWith('/logout'))
      brokenFraming(res, 'length-and-chunked');
    if (on.has('size-limited-gateway') && refuseOversized(req, res)) return;
    try {
      // The accept-wildcard-500 fault: a server that chokes on a request that does not name JSON.
      // The media-type-case-sensitive fault: a media type in other letter case (RFC 9110 8.3.1) is refused.
      if (on.has('media-type-case-sensitive') && /json/i.test(String(req.headers['content-type'] ?? '')))
        if (!String(req.headers['content-type']).startsWith('application/json'))
          throw new HttpError(400, 'Unsupported content type.');
      if (on.has('accept-wildcard-500') && /^(\*\/\*)?$/.test(String(req.headers.accept ?? '')))
        throw new Error('no representation chosen');
      // A server's request always has its target, the path and query to read.
      const url = new URL(String(req.url), 'http://reference');
      if (isTokenRequest(req.method, url)) {
        sendJson(res, 200, issueToken(await readJsonBody(req, on)));
        return;
      }
      if (high > 0) await new Promise((r) => setTimeout(r, low + Math.random() * (high - low)));
      // The slow-writes variant: every write takes a while longer than a read.
      if (on.has('slow-writes') && req.method !== 'GET') await new Promise((r) => setTimeout(r, 40));
      // A rate limit: requests past it within a second are answered 429 with Retry-After.
      if (overLimit()) return tooManyRequests(res, quiet ? undefined : '1');
      // Transient trouble before any processing, as a proxy or an overloaded server would answer. It
      // passes: a request refused once is answered when it comes again, however the count falls.
      const turn = on.has('transient-errors') && !refused.delete(requestKey(req)) ? ++requests % 25 : undefined;
      if (turn === 0 || turn === 12) {
        refused.add(requestKey(req));
        if (turn === 12) return tooManyRequests(res, '0');
        sendJson(res, 503, { code: 503, message: 'Please try again in few minutes.' });
        return;
      }
      await api(req, res, url);
      // A request the API left unanswered (a handler that never answers) is a server fault, answered so.
      if (!res.headersSent) throw new Error('no answer');
    } catch (error) {
      if (res.headersSent) return void res.end();
      if (error instanceof HttpError) {
        for (const [name, value] of Object.entries(error.headers)) res.setHeader(name, value);
        writeError(res, error.status, error.message);
      } else writeError(res, 500, 'unexpected error');
    }
  };
  // Served over TLS when given a key and certificate (the self-tests of private CAs and proxies).
  const served = options.wrapHandler?.(handle, store) ?? handle;
  const server: Server = options.tls ? createHttpsServer(options.tls, served) : createServer(served);
  server.keepAliveTimeout = 30_000;

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const credentialsOf = (id: string) => {
    const client = clients[id];
    if (!client) throw new Error(`no client ${id}`);
    const token = store.issueToken({ role: client.role, subject: client.subject });
    return { clientId: id, clientSecret: client.secret, token };
  };
  return {
    url: `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    store,
    on,
    capabilities: on.has('no-password-login') ? [] : ['password-login'],
    admin: credentialsOf('conformance-admin'),
    viewer: credentialsOf('conformance-viewer'),
    close: () =>
      new Promise<void>((resolve) => {
        if (writer) clearInterval(writer);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
