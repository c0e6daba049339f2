/**
 * Every exchange of the run as HAR 1.2 (`<reportDir>/exchanges.har`), for a browser's developer
 * tools or any HAR viewer. Built from the exchange log, so it holds what every other report
 * holds: secrets redacted, other people's users by id only, long bodies cut to an excerpt.
 */
import { writeFileSync } from 'node:fs';
import { STATUS_CODES } from 'node:http';
import { join } from 'node:path';

export const HAR_FILE = 'exchanges.har';

export interface LoggedExchange {
  request: { method: string; url: string; headers: Record<string, string>; body?: string };
  status: number;
  contentType: string;
  responseText: string;
  responseHeaders?: Record<string, string>;
  startedAt?: string;
  ms: number;
}

const pairs = (headers: Record<string, string> = {}) =>
  Object.entries(headers).map(([name, value]) => ({ name, value }));

/** A URL as RFC 3986 allows it: what redaction wrote into it ([foreign]) percent-encoded. */
const strictUrl = (url: string) => url.replace(/[^\w\-.~:/?#@!$&'()*+,;=%]/g, (c) => encodeURIComponent(c));

function entry(ex: LoggedExchange) {
  const url = new URL(ex.request.url);
  const body = ex.request.body;
  return {
    startedDateTime: ex.startedAt ?? new Date(0).toISOString(),
    time: ex.ms,
    request: {
      method: ex.request.method,
      url: strictUrl(ex.request.url),
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers: pairs(ex.request.headers),
      queryString: [...url.searchParams].map(([name, value]) => ({ name, value })),
      ...(body === undefined
        ? {}
        : { postData: { mimeType: ex.request.headers['content-type'] ?? 'application/json', text: body } }),
      headersSize: -1,
      bodySize: body === undefined ? 0 : Buffer.byteLength(body),
    },
    response: {
      status: ex.status,
      statusText: STATUS_CODES[ex.status] ?? '',
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers: pairs(ex.responseHeaders),
      content: {
        size: Buffer.byteLength(ex.responseText),
        mimeType: ex.contentType || 'x-unknown',
        text: ex.responseText,
      },
      redirectURL: '',
      headersSize: -1,
      bodySize: -1,
    },
    cache: {},
    timings: { send: 0, wait: ex.ms, receive: 0 },
  };
}

function harLog(exchanges: LoggedExchange[], version: string) {
  const entries = exchanges.map(entry).sort((a, b) => a.startedDateTime.localeCompare(b.startedDateTime));
  return { log: { version: '1.2', creator: { name: 'runai-users-conformance', version }, entries } };
}

export function writeHar(reportDir: string, exchanges: LoggedExchange[], version: string): void {
  writeFileSync(join(reportDir, HAR_FILE), JSON.stringify(harLog(exchanges, version)));
}
