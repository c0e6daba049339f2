/**
 * One function per operationId. Every call: authenticates as the requested identity,
 * refuses to mutate users the run does not own, sends through the transport (retries,
 * deadline), records a redacted Exchange with a curl line, and validates the response
 * against the spec (the one place where that happens).
 */

import { InconclusiveError } from '../model/errors.ts';
import type { Exchange } from '../model/exchange.ts';
import type { User } from '../model/user.ts';
import { createOperations, deleteOperations, operation, userMutations } from '../spec/openapi.ts';
import type { TokenSource } from './auth.ts';
import { curlFor } from './curl.ts';
import type { Ownership } from './ownership.ts';
import { parseJson, responseFindings } from './response-conformance.ts';
import { leakFindings } from './secret-leaks.ts';
import { isSecretKey, knownSecrets, redactBody, redactHeaders, registerSecret } from './secrets.ts';
import { type RawResponse, type Transport, TransportFailure } from './transport.ts';

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
  /**
   * Statuses that say nothing about the API (e.g. 414 or 431 from a proxy for an 8 KB request
   * line): not held against status-documented. Every other check still applies.
   */
  tolerateStatuses?: number[];
}

export interface ListQuery {
  filterBy?: string[];
  sortBy?: string;
  sortOrder?: string;
  offset?: number | string;
  limit?: number | string;
  search?: string;
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
  /** Called when a delete of a user answers 2xx: the teardown need not delete it again. */
  onDeleted?: (id: string) => void;
  /** Environment variable names shown in curl lines instead of tokens. */
  tokenVariables?: { admin: string; viewer: string };
}

export class UsersClient {
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
    const userId = input.pathParams?.userId;
    if (MUTATIONS.has(operationId) && userId !== undefined) this.ownership.assertOwned(operationId, userId);

    let path = op.path.replace(/\{(\w+)\}/g, (_, name) => encodeURIComponent(input.pathParams?.[name] ?? ''));
    const query = opts.rawQuery ?? encodeQuery(input.query ?? {});
    if (query) path += `?${query}`;

    const identity = opts.as ?? 'admin';
    const auth = await this.authorization(identity);
    const headers: Record<string, string> = { accept: 'application/json' };
    if (auth.header) headers.authorization = auth.header;
    const contentType =
      opts.contentType === undefined ? (op.method === 'GET' ? null : 'application/json') : opts.contentType;
    if (contentType) headers['content-type'] = contentType;
    Object.assign(headers, opts.headers);
    const body = opts.rawBody ?? (input.body === undefined ? undefined : JSON.stringify(input.body));

    const transport = this.options.transport;
    let raw: RawResponse;
    try {
      raw = await transport.send({ method: op.method, path, headers, body });
    } catch (error) {
      if (error instanceof TransportFailure) {
        // The last transient answer (429/503 past every retry) is evidence of broken infrastructure,
        // kept for the report: its status is not held against the operation's documented ones.
        const last = error.last;
        const partial =
          last && this.record<T>(operationId, op.method, path, headers, body, last, auth.variable, [last.status]);
        if (partial) this.options.onExchange?.(partial);
        throw new InconclusiveError(error.message, partial);
      }
      throw error;
    }
    const exchange = this.record<T>(
      operationId,
      op.method,
      path,
      headers,
      body,
      raw,
      auth.variable,
      opts.tolerateStatuses,
    );
    if (succeeded(exchange)) {
      if (CREATES.has(operationId)) this.track(exchange, input.body);
      if (DELETES.has(operationId) && userId !== undefined) this.options.onDeleted?.(userId);
    }
    this.options.onExchange?.(exchange);
    return exchange;
  }

  /** A 2xx create is the run's user, even one the server should have refused: own it, report it. */
  private track(exchange: Exchange, requested: unknown): void {
    const id = (exchange.body as { id?: unknown } | undefined)?.id;
    if (typeof id !== 'string') return;
    this.ownership.claim(id);
    const email = (requested as { email?: unknown } | undefined)?.email;
    this.options.onCreated?.({ id, email: typeof email === 'string' ? email : undefined });
  }

  private record<T>(
    operationId: string,
    method: string,
    path: string,
    headers: Record<string, string>,
    body: string | undefined,
    raw: RawResponse,
    variable?: string,
    tolerated: number[] = [],
  ): Exchange<T> {
    const parsed = parseJson(raw.text);
    const value = parsed.ok ? parsed.value : undefined;
    // Passwords the server hands out become known secrets before anything is recorded.
    if (value && typeof value === 'object') registerSecret((value as Record<string, string>).tempPassword);
    const url = this.options.transport.url(path);
    const id = `x${process.pid}-${++sequence}`;
    const redactedHeaders = redactHeaders(headers);
    const redactedBody = body === undefined ? undefined : redactBody(body);
    const contentType = raw.headers['content-type'] ?? '';
    return {
      id,
      operationId,
      request: { method, url, headers: redactedHeaders, body: redactedBody },
      response: {
        status: raw.status,
        headers: redactHeaders(raw.headers),
        contentType,
        text: redactBody(raw.text).slice(0, RECORDED_TEXT_LIMIT),
        bytes: raw.bytes,
      },
      body: value as T,
      timing: { startedAt: raw.startedAt, ms: raw.ms },
      attempts: raw.attempts,
      findings: [
        ...responseFindings(operationId, { status: raw.status, contentType, text: raw.text, parsed }).filter(
          (f) => !(f.code === 'status-undocumented' && tolerated.includes(raw.status)),
        ),
        ...leakFindings(operationId, raw.status, raw.text, raw.headers, knownSecrets()),
      ].map((f) => ({ ...f, exchangeId: id })),
      curl: curlFor(method, url, redactedHeaders, redactedBody, variable),
    };
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
