/**
 * What faults and variants do when it takes more than a line: helpers no conforming run calls.
 * Like the fault and variant lists, this file is left out of mutation testing (its mutants would
 * only bend a fault), so the reference's conforming code holds nothing the conforming run never
 * reaches.
 */
import { createHmac, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { paramSchema, type Schema } from './contract.ts';
import { sendJson } from './http-util.ts';
import type { Switches } from './switches.ts';
import { compare, FIELDS, type FieldName, type FieldValue, TERM_PARTS } from './user-fields.ts';
import type { StoredUser, UserStore } from './user-store.ts';

const fieldNames = Object.keys(FIELDS).join('|');
const isField = (name: string): name is FieldName => name in FIELDS;

/** The filter-field-case-insensitive fault: field names in any letter case are taken as the field. */
export function canonicalField(term: string): string {
  const field = Object.keys(FIELDS).find((f) => term.toLowerCase().startsWith(f.toLowerCase()));
  return field ? field + term.slice(field.length) : term;
}

/** The filter-operators-of-other-lists fault: operators other Run:ai lists take, accepted and ignored. */
const OTHER_LISTS_OPERATOR = new RegExp(`^(?:${fieldNames})(?:!=|!@|=\\^|=\\$).+$`);
export const otherListsOperator = (term: string) => OTHER_LISTS_OPERATOR.test(term);

/**
 * The faults that skip the filterBy pattern check: malformed-filter-500 crashes on a term it
 * cannot parse, unknown-filter-field-ignored drops terms of fields it does not know.
 */
export function uncheckedTerms(
  terms: string[],
  ignoreUnknown: boolean,
  badRequest: (message: string) => Error,
): string[] {
  return terms.filter((term) => {
    const m = TERM_PARTS.exec(term);
    if (ignoreUnknown && m && !isField(m[1] ?? '')) return false;
    if (!m || !isField(m[1] ?? '')) {
      if (ignoreUnknown) throw badRequest(`invalid filterBy term "${term}"`);
      throw new Error(`cannot parse ${term}`);
    }
    return true;
  });
}

/** The like-wildcards fault: a contains-match built as SQL LIKE '%value%' without escaping. */
export function likePattern(value: string): RegExp {
  const body = value
    .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    .replace(/%/g, '.*')
    .replace(/_/g, '.');
  return new RegExp(body);
}

const enumOf = (name: string) => ((paramSchema('get_users', name).enum as unknown[] | undefined) ?? []).map(String);
/** The enum-case-insensitive fault: sortBy and sortOrder in any letter case (and padded) are accepted. */
export const looseEnum = (v: string) =>
  [...enumOf('sortBy'), ...enumOf('sortOrder')].find((e) => e.toLowerCase() === v.trim().toLowerCase()) ?? v;

const collator = new Intl.Collator('en', { sensitivity: 'base', ignorePunctuation: true });
/** The locale-collation variant: strings by English collation, case and punctuation folded. */
export function localeCompare(a: Exclude<FieldValue, null>, b: Exclude<FieldValue, null>): number {
  return typeof a === 'string' && typeof b === 'string' ? collator.compare(a, b) : compare(a, b);
}

/** The unstable-ties fault: ties broken by a fresh random rank per user and request, different every time. */
export function withRandomTies<T extends { u: StoredUser }>(order: (a: T, b: T) => number): (a: T, b: T) => number {
  const rank = new Map<StoredUser, number>();
  const rankOf = (u: StoredUser) => rank.get(u) ?? rank.set(u, Math.random()).get(u) ?? 0;
  return (a, b) => order(a, b) || rankOf(a.u) - rankOf(b.u);
}

/** The faults whose old password keeps working: it joins the passwords that still log in. */
export function keepOldPassword(user: StoredUser): void {
  user.previousPasswords = [...(user.previousPasswords ?? []), user.password];
}

/** A session without end, for the faults that let a request in without one. */
export const FOREVER = { issuedAt: 0 };

/** The limit-bounds-not-enforced fault: limit's type still checked, its minimum and maximum not. */
export function unbounded(schema: Schema): Schema {
  const { minimum: _minimum, maximum: _maximum, ...rest } = schema;
  return rest;
}

/** The opaque-ids variant: user ids that are not UUIDs. */
export const opaqueId = () => `usr_${randomBytes(9).toString('base64url')}`;

/** The error-body-html fault: errors as HTML pages. */
export function sendHtmlError(res: ServerResponse, status: number, message: string): void {
  const page = `<html><body><h1>${status}</h1><p>${message.replace(/[<>&]/g, '')}</p></body></html>`;
  res.writeHead(status, { 'content-type': 'text/html', 'content-length': Buffer.byteLength(page) });
  res.end(page);
}

/** The error-code-mismatch fault: every 4xx Error body says code 400. */
export function sendCode400Error(res: ServerResponse, status: number, message: string): void {
  sendJson(res, status, { code: status < 500 ? 400 : status, message });
}

/** The json-bom fault: every body with content gets a byte-order mark in front, which JSON forbids on the wire. */
export function bomResponses(res: ServerResponse): void {
  const writeHead = res.writeHead.bind(res);
  const end = res.end.bind(res);
  res.writeHead = ((status: number, headers?: Record<string, string | number>) => {
    const length = headers?.['content-length'];
    // The mark is three bytes more than the body the handler measured.
    const more = typeof length === 'number' && length > 0 ? { 'content-length': length + 3 } : {};
    return writeHead(status, { ...headers, ...more });
  }) as typeof res.writeHead;
  res.end = ((chunk?: string) => (chunk ? end(`\uFEFF${chunk}`) : end())) as typeof res.end;
}

/**
 * The faults of a message HTTP/1.1 cannot frame (RFC 9112 6): the body in a chunk whose size
 * line is no hexadecimal number, or chunked under a Content-Length too (which 6.1 forbids a
 * server: the way of request smuggling). Written to the socket, which a server library would refuse.
 */
export function brokenFraming(res: ServerResponse, form: 'chunk-size' | 'length-and-chunked'): void {
  let head = '';
  const writeHead = res.writeHead.bind(res);
  res.writeHead = ((status: number, headers: Record<string, string | number> = {}) => {
    const fields = { ...res.getHeaders(), ...headers, date: new Date().toUTCString() };
    const kept = Object.entries(fields).filter(([name]) => name !== 'content-length' || form === 'length-and-chunked');
    head = `HTTP/1.1 ${status} Answer\r\n${kept.map(([name, value]) => `${name}: ${value}\r\n`).join('')}`;
    // Held as sent, so the server writes no second answer; the socket gets the one above instead.
    return writeHead(status, headers);
  }) as typeof res.writeHead;
  res.end = ((chunk?: string) => {
    const text = chunk ?? '';
    const size = form === 'chunk-size' ? 'zz' : Buffer.byteLength(text).toString(16);
    res.socket?.end(`${head}transfer-encoding: chunked\r\n\r\n${size}\r\n${text}\r\n0\r\n\r\n`);
    return res;
  }) as typeof res.end;
}

/** The answers-shared-cacheable fault: every 2xx offered to shared caches, as a misconfigured gateway would. */
export function sharedCacheable(res: ServerResponse): void {
  const writeHead = res.writeHead.bind(res);
  res.writeHead = ((status: number, headers?: Record<string, string | number>) =>
    writeHead(
      status,
      status < 300 ? { ...headers, 'cache-control': 'public, max-age=60' } : headers,
    )) as typeof res.writeHead;
}

/**
 * The faults of a token read from another place than the Authorization header: the query's
 * access_token (RFC 6750 2.3, which ends up in logs), or a cookie (which a browser sends along).
 */
export function tokenElsewhere(req: IncomingMessage, url: URL, on: Switches): string | undefined {
  if (on.has('token-in-query-accepted')) return url.searchParams.get('access_token') ?? undefined;
  if (!on.has('token-in-cookie-accepted')) return undefined;
  for (const pair of String(req.headers.cookie ?? '').split(';')) {
    const [name, ...value] = pair.trim().split('=');
    if (name === 'access_token') return decodeURIComponent(value.join('='));
  }
  return undefined;
}

/** Characters of a token the bearer-compared-by-prefix fault compares. */
const COMPARED_PREFIX = 20;

/**
 * The faults of a loose token comparison: bearer-case-insensitive folds letter case,
 * bearer-compared-by-prefix compares only the first characters. The token a request names, read
 * loosely, as the store issued it.
 */
export function looselyIssued(
  sessions: Map<string, unknown>,
  token: string,
  on: ReadonlySet<string>,
): string | undefined {
  for (const issued of sessions.keys()) {
    if (on.has('bearer-case-insensitive') && issued.toLowerCase() === token.toLowerCase()) return issued;
    if (on.has('bearer-compared-by-prefix') && issued.slice(0, COMPARED_PREFIX) === token.slice(0, COMPARED_PREFIX))
      return issued;
  }
  return undefined;
}

/** The extra-property-refused fault: a body has a property its schema neither declares nor forbids. */
export const undeclared = (body: unknown, schema: Schema) =>
  Object.keys(body as object).some((k) => !Object.hasOwn(schema.properties ?? {}, k));

/**
 * The faults of a loose password comparison at the password grant: password-case-insensitive
 * folds letter case, password-72-bytes compares the first 72 bytes only, as bcrypt does.
 */
export function looseLogin(
  store: { findByUsername(name: string): StoredUser | undefined },
  username: string,
  password: string,
  on: ReadonlySet<string>,
): StoredUser | undefined {
  const user = store.findByUsername(username);
  if (!user?.isLocal) return undefined;
  if (on.has('password-case-insensitive') && user.password.toLowerCase() === password.toLowerCase()) return user;
  const first72 = (s: string) => Buffer.from(s).subarray(0, 72).toString('latin1');
  if (on.has('password-72-bytes') && first72(user.password) === first72(password)) return user;
  return undefined;
}

const STACK = [
  '',
  '    at handleRequest (/srv/users-api/dist/handler.js:212:17)',
  '    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)',
].join('\n');

/** The stack-trace-in-errors fault: every Error message ends in the stack of the code that threw. */
export const sendErrorWithStack = (res: ServerResponse, status: number, message: string) =>
  sendJson(res, status, {
    code: status,
    message: `${message}${STACK}`,
  });

/** The mass-assignment fault: the server-owned fields a create body offers, taken as they are. */
export function assigned(body: unknown): Partial<Pick<StoredUser, 'createdBy' | 'groups'>> {
  const { createdBy, groups } = body as { createdBy?: unknown; groups?: unknown };
  return {
    ...(typeof createdBy === 'string' ? { createdBy } : {}),
    ...(Array.isArray(groups) ? { groups: groups.map(String) } : {}),
  };
}

/** The refused-create-persists fault: the user a refused create names is stored all the same. */
export function persistRefused(ctx: { store: UserStore; session: { subject: string } }, body: unknown): void {
  const email = (body as { email?: unknown } | undefined)?.email;
  if (typeof email !== 'string' || ctx.store.findByUsername(email.toLowerCase())) return;
  const now = ctx.store.now();
  ctx.store.add({
    username: email.toLowerCase(),
    createdBy: ctx.session.subject,
    createdAt: now,
    updatedAt: now,
    lastLogin: null,
    isLocal: true,
    groups: null,
  });
}

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** The jwt-tokens variant: tokens signed as HS256 JWTs (still looked up whole, as any token). */
export function jwtIssuer(secret = randomBytes(32)): (session: { subject: string; role: string }) => string {
  return (session) => {
    const claims = { sub: session.subject, role: session.role, jti: randomBytes(9).toString('base64url') };
    const head = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64(claims)}`;
    return `${head}.${createHmac('sha256', secret).update(head).digest('base64url')}`;
  };
}

/** The jwt-signature-unchecked fault: a JWT that is not one issued is read by its payload's subject alone. */
export function unverifiedJwtSubject(token: string): string | undefined {
  try {
    const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'));
    return typeof payload?.sub === 'string' ? payload.sub : undefined;
  } catch {
    return undefined;
  }
}
