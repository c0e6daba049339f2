/**
 * HTTP transport on one keep-alive undici Pool: per-request deadline covering headers and
 * body, a cap on body size, and bounded retries of 429/503 honouring Retry-After.
 * It knows nothing of the API; it returns raw responses or throws TransportFailure.
 */

import { brotliDecompressSync, gunzipSync, inflateRawSync, inflateSync } from 'node:zlib';
import type { Dispatcher } from 'undici';
import { SuiteError } from '../model/errors.ts';
import type { FlowControl, Release } from './flow-control.ts';
import { createDispatcher, type NetworkOptions } from './network.ts';
import { registerRedacted } from './secrets.ts';

export interface TransportOptions {
  baseUrl: string;
  timeoutMs: number;
  maxAttempts: number;
  /** Longest single wait between attempts, whatever Retry-After says. */
  maxRetryWaitMs: number;
  maxBodyBytes: number;
  connections?: number;
  /** Extra trusted roots, or no verification; proxies come from the environment. */
  network?: NetworkOptions;
  /** In-flight and rate limits shared by this process's requests (none: unbounded). */
  flow?: FlowControl;
  /** Sent with every request (--header: a gateway's or tenant's), under the request's own. */
  extraHeaders?: Record<string, string>;
  /** Adds headers every request carries, kept out of what is recorded (a mutation run's test trace). */
  traceHeaders?: (headers: Record<string, string>) => Record<string, string>;
}

export interface RawRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
}

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  text: string;
  bytes: number;
  attempts: number;
  ms: number;
  startedAt: string;
  /** How the message broke HTTP's framing (a body shorter or longer than its Content-Length), if it did. */
  framing?: string;
}

/** Why no usable answer came: the breaker means the target stopped answering altogether. */
/** `malformed`: an answer that began as HTTP and broke its grammar or framing: the server's, never retried. */
export type FailureKind =
  | 'timeout'
  | 'connection'
  | 'too-large'
  | 'undecodable'
  | 'transient'
  | 'breaker'
  | 'malformed';

/**
 * How an answer broke HTTP/1.1's message syntax (RFC 9112), when it did: undici's parser error,
 * or a Content-Length its body or Transfer-Encoding contradicts. An answer that does not even
 * start as HTTP is no server of this API (a wrong port, a proxy's noise): not judged here.
 */
export function brokenMessage(error: unknown): string | undefined {
  const e = error as { name?: string; code?: string; message?: string };
  if (e.code === 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH') return 'a Content-Length its body or framing contradicts';
  if (e.name !== 'HTTPParserError' || /Expected HTTP\//.test(e.message ?? '')) return undefined;
  return /\(([^)]*)\)/.exec(e.message ?? '')?.[1]?.toLowerCase() ?? 'unparseable';
}

export class TransportFailure extends SuiteError {
  readonly code = 'transport';
  constructor(
    message: string,
    readonly attempts: number,
    readonly last?: RawResponse,
    readonly kind: FailureKind = 'connection',
  ) {
    super(message);
  }
}

const TRANSIENT = new Set([429, 503]);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Retry-After as milliseconds from now (seconds or an HTTP date), when the header says. */
export function retryAfterMs(header: string | undefined): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/** Exponential backoff before retry `attempt` (0-based): 250 ms doubling, at most 4 s. */
export const backoffMs = (attempt: number) => Math.min(250 * 2 ** attempt, 4000);

export function retryDelayMs(header: string | undefined, attempt: number, capMs: number): number {
  const backoff = backoffMs(attempt) * (0.75 + Math.random() * 0.5);
  return Math.min(retryAfterMs(header) ?? backoff, capMs);
}

function flatHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers))
    if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

const DECODERS: Record<string, (body: Buffer, options: { maxOutputLength: number }) => Buffer> = {
  gzip: gunzipSync,
  'x-gzip': gunzipSync,
  br: brotliDecompressSync,
  // "deflate" is zlib-wrapped by the standard, raw in some servers: both are met in practice.
  deflate: (body, options) => (body[0] === 0x78 ? inflateSync(body, options) : inflateRawSync(body, options)),
};

/**
 * The body as the server meant it: codings undone in reverse order of application. Any gateway
 * may compress (HTTP lets it); a coding the suite cannot undo is no answer to judge.
 */
export function decodeBody(body: Buffer, contentEncoding: string | undefined, maxBytes: number): Buffer {
  const codings = (contentEncoding ?? '')
    .split(',')
    .map((c) => c.trim().toLowerCase())
    .filter((c) => c && c !== 'identity');
  let out = body;
  for (const coding of codings.reverse()) {
    const decode = DECODERS[coding];
    if (!decode) throw new Error(`unsupported content-encoding "${coding}"`);
    out = decode(out, { maxOutputLength: maxBytes });
  }
  return out;
}

/** After this many transport failures in a row the target counts as down: fail fast, do not hang the run. */
export const BREAKER_THRESHOLD = 5;

/** The most requests one group sends together; the pool keeps a connection for each. */
export const MAX_GROUP = 8;

export class Transport {
  private readonly pool: Dispatcher;
  private consecutiveFailures = 0;
  readonly origin: string;
  readonly basePath: string;

  constructor(readonly options: TransportOptions) {
    // A gateway's or tenant's header may be a credential: its value never reaches a report.
    for (const value of Object.values(options.extraHeaders ?? {})) registerRedacted(value);
    const url = new URL(options.baseUrl);
    this.origin = url.origin;
    this.basePath = url.pathname.replace(/\/+$/, '');
    this.pool = createDispatcher(
      this.origin,
      // The budget bounds requests in flight; a group sent together needs a connection each.
      { connections: Math.max(options.connections ?? 16, MAX_GROUP), timeoutMs: options.timeoutMs },
      options.network ?? {},
    );
  }

  url(path: string): string {
    return `${this.origin}${this.basePath}${path}`;
  }

  private async once(req: RawRequest): Promise<Omit<RawResponse, 'attempts'>> {
    const started = Date.now();
    const signal = AbortSignal.timeout(this.options.timeoutMs);
    try {
      const res = await this.pool.request({
        origin: this.origin,
        method: req.method as Dispatcher.HttpMethod,
        path: `${this.basePath}${req.path}`,
        headers: { ...this.options.extraHeaders, ...(this.options.traceHeaders?.(req.headers) ?? req.headers) },
        body: req.body,
        signal,
      });
      const chunks: Buffer[] = [];
      let bytes = 0;
      let framing: string | undefined;
      try {
        for await (const chunk of res.body) {
          bytes += chunk.length;
          if (bytes > this.options.maxBodyBytes) {
            res.body.destroy();
            throw new TransportFailure(
              `response body exceeds ${this.options.maxBodyBytes} bytes`,
              1,
              undefined,
              'too-large',
            );
          }
          chunks.push(chunk);
        }
      } catch (error) {
        // A body that is not as long as its Content-Length says, or breaks its chunked framing, is the
        // server's broken message, not transient trouble: judged as answered, never retried away (RFC 9112 6.3).
        const broken = brokenMessage(error);
        if (broken === undefined) throw error;
        framing =
          (error as { code?: string }).code === 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH'
            ? `a body of ${bytes} bytes under Content-Length: ${res.headers['content-length']}`
            : `the body after ${bytes} bytes: ${broken}`;
      }
      const headers = flatHeaders(res.headers);
      let body: Buffer;
      try {
        // No content (a HEAD, a 204) has no coding to undo, whatever Content-Encoding says of the representation.
        body =
          bytes === 0
            ? Buffer.alloc(0)
            : decodeBody(Buffer.concat(chunks), headers['content-encoding'], this.options.maxBodyBytes);
      } catch (error) {
        const reason = `the body could not be decoded (${(error as Error).message})`;
        throw new TransportFailure(`${req.method} ${req.path}: ${reason}`, 1, undefined, 'undecodable');
      }
      return {
        status: res.statusCode,
        headers,
        text: body.toString('utf8'),
        bytes,
        ms: Date.now() - started,
        startedAt: new Date(started).toISOString(),
        ...(framing ? { framing } : {}),
      };
    } catch (error) {
      if (error instanceof TransportFailure) throw error;
      // Broken before its body (its status line or header fields): no status to judge, still the server's.
      const broken = brokenMessage(error);
      if (broken) throw new TransportFailure(`${req.method} ${req.path}: ${broken}`, 1, undefined, 'malformed');
      const e = error as Error & { code?: string };
      const reason = signal.aborted
        ? `no complete answer within ${this.options.timeoutMs} ms`
        : `${e.code ?? e.name}: ${e.message}`;
      throw new TransportFailure(
        `${req.method} ${req.path}: ${reason}`,
        1,
        undefined,
        signal.aborted ? 'timeout' : 'connection',
      );
    }
  }

  /** Fails fast once the target counts as down; checked again after waiting for a slot. */
  private assertAnswering(req: RawRequest, release?: () => void): void {
    if (this.consecutiveFailures < BREAKER_THRESHOLD) return;
    release?.();
    throw new TransportFailure(
      `${req.method} ${req.path}: not sent, the target failed ${this.consecutiveFailures} requests in a row`,
      0,
      undefined,
      'breaker',
    );
  }

  /** Places for `n` requests to be sent together (a race), taken at once from the budget. */
  async group(n: number): Promise<Release[]> {
    if (n > MAX_GROUP) throw new Error(`a group of ${n} requests: at most ${MAX_GROUP} are sent together`);
    return (await this.options.flow?.acquireGroup(n)) ?? Array.from({ length: n }, () => () => {});
  }

  /**
   * Sends with bounded retries of 429/503; a transport failure is not retried for non-GETs.
   * `place`, from `group`, is the first attempt's place in the budget; retries queue as usual.
   */
  async send(req: RawRequest, place?: Release): Promise<RawResponse> {
    this.assertAnswering(req, place);
    let last: Omit<RawResponse, 'attempts'> | undefined;
    const flow = this.options.flow;
    // A 429 without Retry-After leaves the pace to the client: it backs off and learns a rate, and
    // has twice the attempts, since the first of them go to finding that rate.
    let allowed = this.options.maxAttempts;
    for (let attempt = 0; attempt < allowed; attempt++) {
      const release = attempt === 0 && place ? place : await flow?.acquire();
      // Requests queued behind the in-flight budget while the target went down are not sent either.
      this.assertAnswering(req, release);
      try {
        last = await this.once(req);
        this.consecutiveFailures = 0;
        if (TRANSIENT.has(last.status)) flow?.onTransient(retryAfterMs(last.headers['retry-after']), last.status);
        else flow?.onSuccess();
      } catch (error) {
        const failure = error as TransportFailure;
        // The target answered, if brokenly: that is for the caller to judge, not for a retry to hide.
        if (failure.kind === 'malformed') {
          this.consecutiveFailures = 0;
          throw new TransportFailure(failure.message, attempt + 1, undefined, failure.kind);
        }
        this.consecutiveFailures++;
        if (
          this.consecutiveFailures >= BREAKER_THRESHOLD ||
          req.method !== 'GET' ||
          attempt === this.options.maxAttempts - 1
        ) {
          throw new TransportFailure(failure.message, attempt + 1, undefined, failure.kind);
        }
        await sleep(retryDelayMs(undefined, attempt, this.options.maxRetryWaitMs));
        continue;
      } finally {
        release?.();
      }
      if (!TRANSIENT.has(last.status)) return { ...last, attempts: attempt + 1 };
      if (last.status === 429 && last.headers['retry-after'] === undefined) allowed = 2 * this.options.maxAttempts;
      if (attempt < allowed - 1) {
        await sleep(retryDelayMs(last.headers['retry-after'], attempt, this.options.maxRetryWaitMs));
      }
    }
    throw new TransportFailure(
      `${req.method} ${req.path}: still ${last?.status} after ${allowed} attempts`,
      allowed,
      last && { ...last, attempts: allowed },
      'transient',
    );
  }

  async close(): Promise<void> {
    await this.pool.close();
  }
}
