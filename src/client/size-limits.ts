/**
 * Gateways and servers may refuse a request that is too large before the API sees it (HTTP lets
 * them: 413, 414, 431). Such an answer to a large request says nothing about the Users API: it is
 * recorded as "refused by a size limit" and not judged. The same statuses for a small request
 * are judged like any other answer.
 */

/** Smallest sizes at which common gateways start refusing (IIS query strings, nginx buffers). */
export const SIZE_LIMIT_FLOORS = { target: 2048, headers: 4096, body: 8192 } as const;

export interface RequestSize {
  /** Path and query, as sent on the request line. */
  target: number;
  headers: number;
  body: number;
}

export function requestSize(path: string, headers: Record<string, string>, body: string | undefined): RequestSize {
  return {
    target: Buffer.byteLength(path),
    headers: Object.entries(headers).reduce((n, [k, v]) => n + Buffer.byteLength(k) + Buffer.byteLength(v) + 4, 0),
    body: body === undefined ? 0 : Buffer.byteLength(body),
  };
}

/** Why the answer is a size limit's refusal, or undefined when it must be judged. */
export function sizeLimitRefusal(status: number, size: RequestSize): string | undefined {
  const f = SIZE_LIMIT_FLOORS;
  if (status === 413 && size.body >= f.body) return `413 for a ${size.body}-byte body`;
  if ((status === 414 || status === 431) && (size.target >= f.target || size.headers >= f.headers))
    return `${status} for a ${size.target}-byte request target and ${size.headers} bytes of headers`;
  return undefined;
}
