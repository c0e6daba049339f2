/**
 * The checks every exchange gets, whatever the test: the status is documented for the
 * operation, documented JSON bodies carry a JSON content type and match their schema,
 * Error bodies are objects (and SHOULD repeat the status), 204 carries nothing.
 * Pure: (operation, status, headers, text) -> findings.
 */

import { requirementsById } from '../catalogue/requirements.ts';
import type { Finding } from '../model/finding.ts';
import { operation } from '../spec/openapi.ts';
import { validateAt } from '../spec/schema-validator.ts';

export interface ObservedResponse {
  status: number;
  contentType: string;
  /** Header fields, names in lower case; absent where the caller has none to give (then not judged). */
  headers?: Record<string, string>;
  text: string;
  /** The text already parsed, when the caller has done it (a page of 500 users is parsed once). */
  parsed?: ReturnType<typeof parseJson>;
  /** Whether the answer came over TLS (https): only then does it say anything of HSTS. */
  overTls?: boolean;
}

export const isJsonContentType = (value: string) => /^application\/([\w.+-]*\+)?json\s*(;|$)/i.test(value.trim());

export function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/** RFC 9110 5.6.7: IMF-fixdate, e.g. "Sun, 06 Nov 1994 08:49:37 GMT", and a day that exists. */
// The names of the day and month are held by the round trip: toUTCString writes IMF-fixdate.
const IMF_FIXDATE = /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/;
export const isImfFixdate = (value: string) =>
  IMF_FIXDATE.test(value) && new Date(Date.parse(value)).toUTCString() === value;
/** RFC 9110 11.6.1: a challenge is an auth-scheme (a token), then nothing or a space and its parameters. */
const AUTH_SCHEME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+(?: +\S.*)?$/;

/** The Cache-Control directives that let a shared cache store an authenticated answer (RFC 9111 3.5). */
export const sharedCacheDirectives = (value: string | undefined): string[] =>
  (value ?? '')
    .split(',')
    .map((d) => d.trim().split('=')[0]?.trim().toLowerCase() ?? '')
    .filter((name) => name === 'public' || name === 's-maxage');

/** HSTS that holds: a max-age above zero (RFC 6797 6.1.1; max-age=0 tells a browser to forget the host). */
const lastingHsts = (value: string | undefined) => Number(/max-age\s*=\s*"?(\d+)/i.exec(value ?? '')?.[1] ?? 0) > 0;

/**
 * The security header fields ASVS asks of every answer (SHOULDs here: the contract is silent):
 * X-Content-Type-Options: nosniff on a body, so no browser reads JSON as a script or a page
 * (14.4.4), and over TLS a lasting Strict-Transport-Security (14.4.5, RFC 6797).
 */
function securityHeaderFindings(
  headers: Record<string, string>,
  body: { bytes: number; overTls?: boolean },
): Omit<Finding, 'exchangeId'>[] {
  const findings: Omit<Finding, 'exchangeId'>[] = [];
  const sniffing = headers['x-content-type-options'];
  if (body.bytes > 0 && sniffing?.trim().toLowerCase() !== 'nosniff')
    findings.push({
      code: 'no-nosniff',
      requirement: 'common/http/nosniff',
      message: `an answer with a body, X-Content-Type-Options: ${sniffing === undefined ? '(none)' : `"${sniffing}"`}`,
    });
  if (body.overTls && !lastingHsts(headers['strict-transport-security']))
    findings.push({
      code: 'no-hsts',
      requirement: 'common/http/hsts',
      message: `an answer over TLS, Strict-Transport-Security: ${headers['strict-transport-security'] ?? '(none)'}`,
    });
  return findings;
}

/**
 * What HTTP itself requires of an origin server's answer, whatever the operation (RFC 9110):
 * a 401 names how to authenticate (15.5.2), and an origin server with a clock dates every
 * 2xx, 3xx and 4xx answer (6.6.1); and, as a SHOULD, no 2xx (each answers a bearer token) is
 * offered to shared caches (RFC 9111 3.5).
 */
function httpFindings(
  status: number,
  headers: Record<string, string> | undefined,
  body: { bytes: number; overTls?: boolean },
): Omit<Finding, 'exchangeId'>[] {
  if (!headers) return [];
  const findings: Omit<Finding, 'exchangeId'>[] = [...securityHeaderFindings(headers, body)];
  if (status === 401 && headers['www-authenticate'] === undefined)
    findings.push({
      code: 'no-www-authenticate',
      requirement: 'common/http/401-www-authenticate',
      message: '401 without WWW-Authenticate: RFC 9110 15.5.2 says the server MUST send one',
    });
  if (status >= 200 && status < 500 && headers.date === undefined)
    findings.push({
      code: 'no-date',
      requirement: 'common/http/date-header',
      message: `${status} without Date: RFC 9110 6.6.1 says an origin server with a clock MUST send one`,
    });
  else if (headers.date !== undefined && !isImfFixdate(headers.date))
    findings.push({
      code: 'date-not-imf-fixdate',
      requirement: 'common/http/date-header',
      message: `Date "${headers.date}" is no IMF-fixdate: RFC 9110 5.6.7 says a sender MUST generate that form`,
    });
  const shared = sharedCacheDirectives(headers['cache-control']);
  if (status >= 200 && status < 300 && shared.length)
    findings.push({
      code: 'shared-cacheable',
      requirement: 'common/http/no-shared-caching',
      message:
        `Cache-Control "${headers['cache-control']}" on the answer to an authenticated request: ${shared.join(', ')} ` +
        'lets a shared cache serve it to other callers (RFC 9111 3.5)',
    });
  const challenge = headers['www-authenticate'];
  if (status === 401 && challenge !== undefined && !AUTH_SCHEME.test(challenge))
    findings.push({
      code: 'www-authenticate-no-scheme',
      requirement: 'common/http/401-www-authenticate',
      message: `WWW-Authenticate "${challenge}" names no auth-scheme: RFC 9110 11.6.1 starts a challenge with one`,
    });
  return findings;
}

/** A message whose body broke its framing (RFC 9112 6.3): whatever it says, a client cannot trust it. */
export function framingFindings(framing: string | undefined): Omit<Finding, 'exchangeId'>[] {
  return framing
    ? [
        {
          code: 'broken-framing',
          requirement: 'common/http/message-framing',
          message: `the answer broke HTTP's framing: ${framing}`,
        },
      ]
    : [];
}

/**
 * What the status line and headers alone show, without the body: a server error, an undocumented
 * status, a 204 that carries bytes, a documented JSON body under another content type. A recorded
 * exchange whose body was trimmed or redacted can still be judged by these (a bundle's re-check).
 */
export function envelopeFindings(
  operationId: string,
  res: Pick<ObservedResponse, 'status' | 'contentType' | 'headers' | 'overTls'> & { bodyBytes: number },
): Omit<Finding, 'exchangeId'>[] {
  const op = operation(operationId);
  const spec = op.responses[String(res.status)];
  const req = (aspect: string) => `${operationId}/response/${aspect}`;
  const findings: Omit<Finding, 'exchangeId'>[] =
    res.status >= 500 && res.status !== 503
      ? [
          {
            code: 'server-error',
            requirement: 'common/robustness/no-server-error',
            message: `${op.method} ${op.path} answered ${res.status}`,
          },
        ]
      : [];
  findings.push(...httpFindings(res.status, res.headers, { bytes: res.bodyBytes, overTls: res.overTls }));
  if (!spec) {
    findings.push({
      code: 'status-undocumented',
      requirement: req('status-documented'),
      message: `${op.method} ${op.path} answered ${res.status}; documented: ${Object.keys(op.responses).join(', ')}`,
    });
    return findings;
  }
  // A 204 ends at its header fields (RFC 9112 6.3): bytes after them, or a length that says some follow, break it.
  const stated = Number(res.headers?.['content-length'] ?? 0);
  if (res.status === 204 && (res.bodyBytes > 0 || stated > 0) && requirementsById.has(req('no-content-body'))) {
    findings.push({
      code: 'body-on-204',
      requirement: req('no-content-body'),
      message: res.bodyBytes > 0 ? `204 carried a ${res.bodyBytes}-byte body` : `204 says Content-Length: ${stated}`,
    });
  }
  if (spec.schemaPointer && !isJsonContentType(res.contentType)) {
    findings.push({
      code: 'content-type-not-json',
      requirement: req('json-content-type'),
      message:
        `${res.status} is documented as application/json but came as ` + `"${res.contentType || '(no content type)'}"`,
    });
  }
  return findings;
}

/**
 * A body read as far as it can be: JSON, or JSON behind a byte-order mark (which JSON forbids on
 * the wire, and which the schema check fails). Judged strictly, read leniently: what the body says
 * (the id of a user made, where a secret sits) still counts for what needs it.
 */
export function parseLenient(text: string): ReturnType<typeof parseJson> {
  const strict = parseJson(text);
  return strict.ok ? strict : parseJson(text.replace(/^\uFEFF/, ''));
}

export function responseFindings(operationId: string, res: ObservedResponse): Omit<Finding, 'exchangeId'>[] {
  const findings = envelopeFindings(operationId, { ...res, bodyBytes: res.text.length });
  const spec = operation(operationId).responses[String(res.status)];
  if (!spec?.schemaPointer) return findings;
  const req = (aspect: string) => `${operationId}/response/${aspect}`;
  const parsed = res.parsed ?? parseJson(res.text);
  if (!parsed.ok) {
    findings.push({
      code: 'body-not-json',
      requirement: req('schema'),
      message: `${res.status} body is not JSON: ${res.text.slice(0, 120)}`,
    });
    return findings;
  }
  const problems = validateAt(spec.schemaPointer, parsed.value);
  if (problems.length) {
    findings.push({
      code: 'schema-violation',
      requirement: req('schema'),
      message: `${res.status} body breaks ${spec.schemaPointer}: ${problems
        .slice(0, 5)
        .map((p) => `${p.path} ${p.message}`)
        .join('; ')}`,
    });
  }
  if (res.status >= 400) findings.push(...errorBodyFindings(res.status, parsed.value));
  return findings;
}

/** The marks of a stack trace of the runtimes servers are written in (Node, Python, Java, Go, .NET). */
const STACK_TRACE = [
  /\n\s+at [\w$.<>]+ \(?[^\s()]+:\d+:\d+\)?/,
  /Traceback \(most recent call last\)/,
  /\n\s+at [\w$.]+\([\w$]+\.(java|kt|scala):\d+\)/,
  /goroutine \d+ \[[a-z ]+\]:/,
  /\n\s+at [\w.]+\(.*\) in .+:line \d+/,
];

/** An answer that shows how the server is built inside (OWASP API8, ASVS 7.4.1): any status, any content type. */
export function stackTraceFindings(text: string): Omit<Finding, 'exchangeId'>[] {
  const unescaped = text.replace(/\\n/g, '\n');
  return STACK_TRACE.some((p) => p.test(unescaped))
    ? [
        {
          code: 'stack-trace',
          requirement: 'common/security/no-stack-trace',
          message: 'the answer carries a stack trace: how the server is built, shown to any client',
        },
      ]
    : [];
}

function errorBodyFindings(status: number, body: unknown): Omit<Finding, 'exchangeId'>[] {
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    return [
      {
        code: 'error-body-not-object',
        requirement: 'common/error/body-is-object',
        message: `${status} Error body is ${JSON.stringify(body)?.slice(0, 80)}`,
      },
    ];
  }
  const { code } = body as { code?: unknown };
  if (typeof code === 'number' && code !== status) {
    return [
      {
        code: 'error-code-mismatch',
        requirement: 'common/error/code-matches-status',
        message: `Error body says code ${code} on a ${status} response`,
      },
    ];
  }
  return [];
}
