/**
 * One function per operationId. Every call: authenticates as the requested identity,
 * refuses to mutate users the run does not own, sends through the transport (retries,
 * deadline), records a redacted Exchange with a curl line, and validates the response
 * against the spec (the one place where that happens).
 */

import { ConformanceAssertionError, InconclusiveError, UnsafeMutationError } from '../model/errors.ts';
import type { Exchange } from '../model/exchange.ts';
import { redactForeignText, redactForeignUsers } from '../model/foreign-data.ts';
import type { User } from '../model/user.ts';
import { createOperations, deleteOperations, operation, userMutations } from '../spec/openapi.ts';
import type { TokenSource } from './auth.ts';
import { curlFor } from './curl.ts';
import type { Ownership } from './ownership.ts';
import { SentEmails } from './read-back.ts';
import {
  envelopeFindings,
  framingFindings,
  parseJson,
  parseLenient,
  responseFindings,
  stackTraceFindings,
} from './response-conformance.ts';
import { leakFindings, secretCachingFindings } from './secret-leaks.ts';
import { isSecretKey, knownSecrets, redactBody, redactHeaders, redactText, registerSecret } from './secrets.ts';
import { type GroupMember, SendTogether } from './send-together.ts';
import { requestSize, sizeLimitRefusal } from './size-limits.ts';
import { type FailureKind, type RawResponse, type Transport, TransportFailure } from './transport.ts';
import { WrittenUsers } from './written-users.ts';

export type Identity = 'admin' | 'viewer' | 'none' | { bearer: string; variable?: string } | { authorization: string };

export interface CallOptions {
  as?: Identity;
  /** Extra or overriding headers. */
  headers?: Record<string, string>;
  /** Exact body text to send instead of JSON-encoding `body`. */
  rawBody?: string;
  /** Content-Type to send; null sends none. Default application/json on POST and DELETE. */
  contentType?: string | null;
  /** Exact query string (without '?') instead of encoding the query object. */
  rawQuery?: string;
  /** The auth-scheme word sent before a bearer token instead of `Bearer` (HTTP compares it in any case). */
  authScheme?: string;
  /** Default headers not to send (e.g. accept), as a client that never sets them. */
  omitHeaders?: string[];
  /** Path parameters as given, not percent-encoded: escapes a client would never send, malformed ones. */
  rawPathParams?: boolean;
  /** The group, from `together`, this call's request goes out with. */
  together?: GroupMember;
  /**
   * A request no operation documents, sent beside the operation's path: another method or another
   * spelling of the path. Recorded, never judged as the operation's answer (its test judges it).
   */
  offTheMap?: { method?: string; path?: string };
}

export interface ListQuery {
  filterBy?: string[];
  sortBy?: string;
  sortOrder?: string;
  offset?: number | string;
  limit?: number | string;
  search?: string;
}

/** A request that got no usable answer, for the run's counts. */
export interface FailedRequest {
  operationId: string;
  method: string;
  kind: FailureKind;
  message: string;
}

const MUTATIONS = new Set(userMutations);
const CREATES = new Set(createOperations);
const DELETES = new Set(deleteOperations);
const RECORDED_TEXT_LIMIT = 64 * 1024;
const succeeded = (exchange: Exchange) => exchange.response.status >= 200 && exchange.response.status < 300;
let sequence = 0;

/** filterBy comma-joined and percent-encoded, commas included, as the official client does. */
export function encodeQuery(query: Record<string, unknown>): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    const text = Array.isArray(value) ? value.join(',') : String(value);
    parts.push(`${encodeURIComponent(key)}=${encodeURIComponent(text)}`);
  }
  return parts.join('&');
}

export interface UsersClientOptions {
  transport: Transport;
  admin: TokenSource;
  viewer?: TokenSource;
  ownership: Ownership;
  onExchange?: (exchange: Exchange) => void;
  /** Every user a create answered with an id, whatever the test expected: the run must delete it. */
  onCreated?: (user: { id: string; email?: string }) => void;
  /** Called when a delete of a user answers 2xx: the teardown confirms it with a read. */
  onDeleted?: (id: string) => void;
  /** Called when a request got no usable answer (timeout, connection, breaker, transient past retries). */
  onFailure?: (failure: FailedRequest) => void;
  /** Called before a create is sent with the email it asks for: answered or not, the teardown looks it up. */
  onCreateSent?: (email: string) => void;
  /** A read-only run: every request but a GET is refused before it is sent. */
  readOnly?: boolean;
  /** Environment variable names shown in curl lines instead of tokens. */
  tokenVariables?: { admin: string; viewer: string };
  /** Called before each request is sent; what it throws, the request throws (a run that is stopping). */
  beforeSend?: () => void;
}

/** Methods that change nothing: the only ones a read-only run sends. */
export const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Characters an address in a body can hold: anything but white space, quotes and separators. */
const ADDRESS_CHAR = /[^\s"'&=<>,;:{}[\]]/;

/** Every email-like text: each `@` with the address characters around it (linear in the text's length). */
function emailsIn(text: string): string[] {
  const found: string[] = [];
  for (let at = text.indexOf('@'); at >= 0; at = text.indexOf('@', at + 1)) {
    let [start, end] = [at, at + 1];
    while (start > 0 && ADDRESS_CHAR.test(text[start - 1] ?? '')) start--;
    while (end < text.length && ADDRESS_CHAR.test(text[end] ?? '')) end++;
    if (start < at && end > at + 1) found.push(text.slice(start, end));
  }
  return found;
}

/**
 * The emails a create may make a user of: the body's own, and in a body sent raw (a probe of odd
 * forms a lenient server may still take) every email-like text, escaped or not.
 */
export function requestedEmails(body: unknown, sent: string | undefined): string[] {
  const email = (body as { email?: unknown } | undefined)?.email;
  if (typeof email === 'string') return [email];
  if (sent === undefined) return [];
  let decoded = sent;
  try {
    decoded = decodeURIComponent(sent.replace(/\+/g, ' '));
  } catch {
    // Not escaped text: read as it is.
  }
  return [...new Set([...emailsIn(sent), ...emailsIn(decoded)])];
}

/** The email a create body asks for, when it is a string. */
const emailOf = (body: unknown): string | undefined => {
  const email = (body as { email?: unknown } | undefined)?.email;
  return typeof email === 'string' ? email : undefined;
};

export class UsersClient {
  private readonly sentEmails = new SentEmails();
  /** What the run's writes did, by their answers: what a refused request is read against. */
  readonly written = new WrittenUsers();

  constructor(readonly options: UsersClientOptions) {}

  get ownership(): Ownership {
    return this.options.ownership;
  }

  get hasViewer(): boolean {
    return this.options.viewer !== undefined;
  }

  private async authorization(identity: Identity): Promise<{ header?: string; variable?: string }> {
    if (identity === 'none') return {};
    if (identity === 'admin')
      return {
        header: `Bearer ${await this.options.admin.token()}`,
        variable: this.options.tokenVariables?.admin ?? 'RUNAI_TOKEN',
      };
    if (identity === 'viewer') {
      if (!this.options.viewer) throw new Error('no viewer token configured');
      return {
        header: `Bearer ${await this.options.viewer.token()}`,
        variable: this.options.tokenVariables?.viewer ?? 'RUNAI_VIEWER_TOKEN',
      };
    }
    if ('bearer' in identity) return { header: `Bearer ${identity.bearer}`, variable: identity.variable };
    return { header: identity.authorization };
  }

  async call<T = unknown>(
    operationId: string,
    input: { pathParams?: Record<string, string>; query?: Record<string, unknown>; body?: unknown } = {},
    opts: CallOptions = {},
  ): Promise<Exchange<T>> {
    const op = operation(operationId);
    const method = opts.offTheMap?.method ?? op.method;
    if (this.options.readOnly && !SAFE_METHODS.has(method))
      throw new UnsafeMutationError(`read-only run: ${operationId} (${method}) is not sent`);
    const userId = input.pathParams?.userId;
    if (MUTATIONS.has(operationId) && userId !== undefined && !SAFE_METHODS.has(method))
      this.ownership.assertOwned(operationId, userId);

    const encode = opts.rawPathParams ? (v: string) => v : encodeURIComponent;
    const documented = op.path.replace(/\{(\w+)\}/g, (_, name) => encode(input.pathParams?.[name] ?? ''));
    let path = opts.offTheMap?.path ?? documented;
    const query = opts.rawQuery ?? encodeQuery(input.query ?? {});
    if (query) path += `?${query}`;

    const identity = opts.as ?? 'admin';
    const auth = await this.authorization(identity);
    // As common clients do: any gateway on the way may then compress, and the transport decodes.
    const headers: Record<string, string> = { accept: 'application/json', 'accept-encoding': 'gzip, deflate, br' };
    if (auth.header)
      headers.authorization = opts.authScheme ? auth.header.replace(/^Bearer /, `${opts.authScheme} `) : auth.header;
    const contentType =
      opts.contentType === undefined ? (SAFE_METHODS.has(method) ? null : 'application/json') : opts.contentType;
    if (contentType) headers['content-type'] = contentType;
    for (const name of opts.omitHeaders ?? []) delete headers[name];
    Object.assign(headers, opts.headers);
    const body = opts.rawBody ?? (input.body === undefined ? undefined : JSON.stringify(input.body));

    this.options.beforeSend?.();
    const transport = this.options.transport;
    // Journalled before it goes: whatever a create's answer, or the run's end, cleanup can find the user.
    const emails = CREATES.has(operationId) && method === 'POST' ? requestedEmails(input.body, body) : [];
    for (const email of emails) this.options.onCreateSent?.(email);
    let raw: RawResponse;
    try {
      const place = await opts.together?.join();
      raw = await transport.send({ method, path, headers, body }, place);
    } catch (error) {
      if (error instanceof TransportFailure) {
        if (!SAFE_METHODS.has(method)) this.written.unsettled(userId, emails);
        if (error.kind === 'malformed') throw this.brokenAnswer(operationId, method, path, headers, body, error, auth);
        const message = redactForeignText(redactText(error.message));
        this.options.onFailure?.({ operationId, method, kind: error.kind, message });
        // The last transient answer (429/503 past every retry) is evidence of broken infrastructure,
        // kept for the report: its status is not held against the operation's documented ones.
        const last = error.last;
        const partial =
          last && this.record<T>(operationId, method, path, headers, body, last, auth.variable, { judged: false });
        if (partial) this.options.onExchange?.(partial);
        throw new InconclusiveError(error.message, partial);
      }
      throw error;
    }
    const refused = sizeLimitRefusal(raw.status, requestSize(path, headers, body));
    const exchange = this.record<T>(operationId, method, path, headers, body, raw, auth.variable, {
      judged: refused === undefined && opts.offTheMap === undefined,
      refusedBySizeLimit: refused,
    });
    exchange.subject = { userId, ...(emails.length ? { emails } : {}) };
    if (raw.status >= 500 && !SAFE_METHODS.has(method)) this.written.unsettled(userId, emails);
    if (exchange.judged && method === op.method && opts.rawBody === undefined)
      for (const f of this.sentEmails.findings(operationId, raw.status, exchange.body, emailOf(input.body)))
        exchange.findings.push({ ...f, exchangeId: exchange.id });
    // Whatever path spelling it went to, a create or delete answered 2xx is tracked like one.
    if (succeeded(exchange) && method === op.method) {
      if (CREATES.has(operationId)) this.track(exchange, input.body, emails, opts.rawBody === undefined);
      if (DELETES.has(operationId) && userId !== undefined) {
        this.written.deleted(userId);
        this.options.onDeleted?.(userId);
      }
    }
    this.options.onExchange?.(exchange);
    // Whatever a message that broke its framing says, a client cannot trust it: the call ends as its finding.
    if (raw.framing) throw new ConformanceAssertionError(exchange.findings, [exchange]);
    return exchange;
  }

  /**
   * An answer that broke HTTP's syntax before its body: recorded with no status (none could be read),
   * its finding the framing requirement's; the call ends there, as a finding, not as trouble.
   */
  private brokenAnswer(
    operationId: string,
    method: string,
    path: string,
    headers: Record<string, string>,
    body: string | undefined,
    failure: TransportFailure,
    auth: { variable?: string },
  ): ConformanceAssertionError {
    const raw: RawResponse = {
      status: 0,
      headers: {},
      text: '',
      bytes: 0,
      ms: 0,
      startedAt: new Date().toISOString(),
      attempts: failure.attempts,
      framing: failure.message.replace(/^\S+ \S+: /, ''),
    };
    const exchange = this.record(operationId, method, path, headers, body, raw, auth.variable, { judged: false });
    this.options.onExchange?.(exchange);
    return new ConformanceAssertionError(exchange.findings, [exchange]);
  }

  /** A 2xx create is the run's user, even one the server should have refused: own it, report it. */
  /** `asSent`: the body went as `requested` (not a raw text of its own), so its email is the one to read back. */
  private track(exchange: Exchange, requested: unknown, emails: string[], asSent: boolean): void {
    const id = (exchange.body as { id?: unknown } | undefined)?.id;
    this.written.created(typeof id === 'string' ? id : undefined, emails);
    if (typeof id !== 'string') return;
    this.ownership.claim(id);
    const email = emailOf(requested);
    if (asSent) this.sentEmails.remember(id, email);
    this.options.onCreated?.({ id, email });
  }

  private record<T>(
    operationId: string,
    method: string,
    path: string,
    headers: Record<string, string>,
    body: string | undefined,
    raw: RawResponse,
    variable?: string,
    /** judged: false for an answer that is not the API's (a size limit, infrastructure past every retry). */
    verdict: { judged: boolean; refusedBySizeLimit?: string } = { judged: true },
  ): Exchange<T> {
    const parsed = parseJson(raw.text);
    // Judged strictly (the findings below), read leniently: the user a create made is still cleaned up.
    const lenient = parsed.ok ? parsed : parseLenient(raw.text);
    const value = lenient.ok ? lenient.value : undefined;
    // Passwords the server hands out become known secrets before anything is recorded.
    if (value && typeof value === 'object') registerSecret((value as Record<string, string>).tempPassword);
    // Recorded text holds secrets redacted and other people's users by id only.
    // A URL may carry a secret too (a token in the query, where a check puts one).
    const url = redactForeignText(redactText(this.options.transport.url(path)));
    const overTls = url.startsWith('https:');
    const id = `x${process.pid}-${++sequence}`;
    // What went on the wire: the run's extra headers too (their values are registered secrets).
    const redactedHeaders = redactHeaders({ ...this.options.transport.options.extraHeaders, ...headers });
    const redactedBody = body === undefined ? undefined : redactForeignText(redactBody(body));
    const contentType = raw.headers['content-type'] ?? '';
    const foreignFree = redactForeignUsers(value);
    const shown = foreignFree === undefined ? raw.text : JSON.stringify(foreignFree);
    return {
      id,
      operationId,
      request: { method, url, headers: redactedHeaders, body: redactedBody },
      response: {
        status: raw.status,
        headers: redactHeaders(raw.headers),
        contentType,
        text: redactForeignText(redactBody(shown).slice(0, RECORDED_TEXT_LIMIT)),
        bytes: raw.bytes,
      },
      body: value as T,
      timing: { startedAt: raw.startedAt, ms: raw.ms },
      attempts: raw.attempts,
      findings: [
        // A body whose framing broke is no body to judge: what the status line and headers say still is.
        ...(verdict.judged && raw.framing
          ? envelopeFindings(operationId, {
              status: raw.status,
              contentType,
              headers: raw.headers,
              overTls,
              bodyBytes: raw.bytes,
            })
          : []),
        ...(verdict.judged && !raw.framing
          ? responseFindings(operationId, {
              status: raw.status,
              contentType,
              text: raw.text,
              parsed,
              headers: raw.headers,
              overTls,
            })
          : []),
        ...leakFindings(operationId, raw.status, raw.text, raw.headers, knownSecrets()),
        ...(verdict.judged ? secretCachingFindings(operationId, raw.status, raw.text, raw.headers) : []),
        ...stackTraceFindings(raw.text),
        ...framingFindings(raw.framing),
      ].map((f) => ({ ...f, exchangeId: id })),
      curl: curlFor(method, url, redactedHeaders, redactedBody, variable),
      judged: verdict.judged,
      credential: variable,
      refusedBySizeLimit: verdict.refusedBySizeLimit,
    };
  }

  /**
   * `n` calls sent together, as a race needs: once all are ready, their places in the budget are
   * taken at once, so none waits behind another request. Each call sends one request with `opts`.
   */
  async together<T>(n: number, call: (opts: CallOptions, i: number) => Promise<T>): Promise<T[]> {
    const group = new SendTogether(n, (k) => this.options.transport.group(k));
    try {
      return await Promise.all(
        Array.from({ length: n }, (_, i) => {
          const member = group.member();
          return call({ together: member }, i).finally(() => member.leave());
        }),
      );
    } finally {
      group.releaseAll();
    }
  }

  get_users(query: ListQuery = {}, opts?: CallOptions) {
    return this.call<User[]>('get_users', { query: query as Record<string, unknown> }, opts);
  }
  count_users(query: Pick<ListQuery, 'filterBy' | 'search'> = {}, opts?: CallOptions) {
    return this.call<{ count: number }>('count_users', { query }, opts);
  }
  async create_user(body: unknown, opts?: CallOptions) {
    return this.call<{ id: string; username: string; tempPassword: string }>('create_user', { body }, opts);
  }
  get_user_by_id(userId: string, opts?: CallOptions) {
    return this.call<User>('get_user_by_id', { pathParams: { userId } }, opts);
  }
  delete_user_by_id(userId: string, opts?: CallOptions) {
    return this.call<undefined>('delete_user_by_id', { pathParams: { userId } }, opts);
  }
  logout_user(userId: string, opts?: CallOptions) {
    return this.call<unknown>('logout_user', { pathParams: { userId } }, opts);
  }
  reset_user_password(userId: string, opts?: CallOptions) {
    return this.call<{ tempPassword?: string }>('reset_user_password', { pathParams: { userId } }, opts);
  }
  /** Only ever with a created user's own token: never the admin's. */
  change_user_password(body: unknown, opts: CallOptions & { as: Exclude<Identity, 'admin' | 'viewer'> }) {
    if ((opts.as as Identity) === 'admin' || (opts.as as Identity) === 'viewer')
      throw new Error('change_user_password never runs as the admin or viewer');
    if (body && typeof body === 'object')
      for (const [k, v] of Object.entries(body)) if (isSecretKey(k) && typeof v === 'string') registerSecret(v);
    return this.call<unknown>('change_user_password', { body }, opts);
  }

  async close(): Promise<void> {
    await this.options.transport.close();
  }
}
