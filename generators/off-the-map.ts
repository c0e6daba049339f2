/**
 * Requests off the map, from the spec: every documented path with every method it does not
 * take, every documented path spelled otherwise, and bodies of every operation that takes one
 * past the depth and size a server is written for. None is an operation of the contract; each
 * must be answered below 500 (and a 405 with Allow). What a request needs that only the run
 * knows (a user id of its own, an email) is filled in by the suite.
 */
import { type OperationSpec, operations } from '../src/spec/openapi.ts';

/** Every method a client can send; HEAD and OPTIONS change nothing and are sent in every profile. */
export const METHODS = ['GET', 'HEAD', 'OPTIONS', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
const SAFE = new Set<string>(['GET', 'HEAD', 'OPTIONS']);

export interface OffMapRequest {
  /** What is off the map, for the finding. */
  name: string;
  /** The documented operation whose path it goes to. */
  operationId: string;
  method: string;
  /** The path with `{userId}` still to fill in. */
  path: string;
  /** A body to send instead of the operation's own (a body off the map). */
  body?: (email: string) => string;
  /** The methods the spec documents for the path: what an Allow header must list. */
  documented: string[];
  /** A method the documented path does not take (not another spelling or body). */
  unsupportedMethod: boolean;
  /** Sent in the full profile only. */
  fullOnly?: boolean;
  /** Whether it may change something: sent only where the profile writes. */
  writes: boolean;
  /**
   * Sent with the admin's token only where whatever it may do falls on a user of the run's own (a
   * path naming one, or a create); elsewhere with no credential at all, so that no write of a
   * server's own invention (a DELETE of the whole collection) can touch anyone else.
   */
  asAdmin: boolean;
}

/** Documented paths and the methods each takes. */
function paths(): Map<string, OperationSpec[]> {
  const byPath = new Map<string, OperationSpec[]>();
  for (const op of operations.values()) byPath.set(op.path, [...(byPath.get(op.path) ?? []), op]);
  return byPath;
}

/** The same path spelled as clients and proxies spell paths: each a path a server may not expect. */
const SPELLINGS: { name: string; spell: (path: string) => string }[] = [
  { name: 'a trailing slash', spell: (p) => `${p}/` },
  { name: 'a doubled slash', spell: (p) => p.replace('/v1/', '//v1/') },
  { name: 'an escaped letter', spell: (p) => p.replace('/api/', '/%61pi/') },
  { name: 'a dot segment', spell: (p) => p.replace('/v1/', '/v1/./') },
  { name: 'upper-case letters', spell: (p) => p.replace('/api/v1/', '/API/V1/') },
];

/** JSON nested `depth` levels inside a body that is otherwise the operation's own. */
const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

/** Bodies past what a server is written for: deep nesting, and sizes up to what gateways commonly pass. */
const BODIES: { name: string; body: (email: string) => string; large?: true }[] = [
  { name: 'JSON nested 65 levels', body: (email) => `{"email":"${email}","extra":${nested(65)}}` },
  { name: 'JSON nested 1,000 levels', body: (email) => `{"email":"${email}","extra":${nested(1000)}}` },
  { name: 'a 16 KiB body', body: (email) => JSON.stringify({ email, extra: 'x'.repeat(16 * 1024) }), large: true },
  { name: 'a 256 KiB body', body: (email) => JSON.stringify({ email, extra: 'x'.repeat(256 * 1024) }), large: true },
];

/** Whether the admin may send it: a safe method, or one that can only reach the run's own users. */
const adminMay = (op: OperationSpec, method: string, path: string) =>
  !op.path.startsWith('/api/v1/me') &&
  (SAFE.has(method) || path.includes('{userId}') || (op.method === 'POST' && method === 'POST'));

export function offTheMap(): OffMapRequest[] {
  const out: OffMapRequest[] = [];
  for (const [path, ops] of paths()) {
    const first = ops[0] as OperationSpec;
    const taken = new Set<string>(ops.map((o) => o.method));
    // The operation whose path it is: the one with the fewest effects, for recording.
    const home = ops.find((o) => o.method === 'GET') ?? first;
    for (const method of METHODS)
      if (!taken.has(method))
        out.push({
          name: `${method} ${path}`,
          operationId: home.operationId,
          method,
          path,
          documented: [...taken],
          unsupportedMethod: true,
          // Even a safe method goes to a path that only writes (a logout) only where the profile writes:
          // a server may act on any method there, and a read-only run sends nothing that could.
          writes: !SAFE.has(method) || !SAFE.has(home.method),
          asAdmin: adminMay(home, method, path),
        });
    for (const op of ops)
      for (const [i, s] of SPELLINGS.entries())
        out.push({
          name: `${op.method} ${path} with ${s.name}`,
          operationId: op.operationId,
          method: op.method,
          path: s.spell(path),
          documented: [...taken],
          unsupportedMethod: false,
          // Every spelling of every operation in the full profile; elsewhere two of each (a router is shared).
          fullOnly: i >= 2 && op !== home,
          writes: !SAFE.has(op.method),
          asAdmin: adminMay(op, op.method, path),
        });
  }
  const byPath = paths();
  for (const op of operations.values()) {
    if (!op.requestBody) continue;
    // A server that refuses a request before reading its body may close the connection under a large
    // one, as HTTP lets it: large bodies go only where the server reads them (the admin's create).
    for (const b of BODIES.filter((x) => !x.large || adminMay(op, op.method, op.path)))
      out.push({
        name: `${op.method} ${op.path}, ${b.name}`,
        operationId: op.operationId,
        method: op.method,
        path: op.path,
        documented: (byPath.get(op.path) ?? []).map((o) => o.method),
        unsupportedMethod: false,
        body: b.body,
        writes: true,
        asAdmin: adminMay(op, op.method, op.path),
      });
  }
  return out;
}
