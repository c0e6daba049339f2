/**
 * What a gateway in front of a conforming server may do, as variants of the reference:
 * compress every answer (with no Accept-Encoding any coding is acceptable, RFC 9110) and
 * refuse requests past nginx's default size limits before the API sees them.
 */
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';

/** nginx defaults: large_client_header_buffers 4 8k, client_max_body_size 1m. */
export const GATEWAY_LIMITS = { requestLine: 8192, headers: 8192, body: 1024 * 1024 } as const;

/** Every answer with a body leaves gzip-encoded, whatever the client asked for. */
export function gzipResponses(res: ServerResponse): void {
  const writeHead = res.writeHead.bind(res);
  const end = res.end.bind(res);
  let head: [number, OutgoingHttpHeaders] = [200, {}];
  res.writeHead = ((status: number, headers?: OutgoingHttpHeaders) => {
    head = [status, { ...headers }];
    return res;
  }) as typeof res.writeHead;
  res.end = ((chunk?: string | Buffer) => {
    const [status, headers] = head;
    const body = chunk === undefined ? Buffer.alloc(0) : Buffer.from(chunk);
    if (body.length === 0) {
      writeHead(status, headers);
      return end();
    }
    const zipped = gzipSync(body);
    writeHead(status, {
      ...headers,
      'content-encoding': 'gzip',
      'content-length': zipped.length,
      vary: 'Accept-Encoding',
    });
    return end(zipped);
  }) as typeof res.end;
}

const page = (status: number, text: string) =>
  `<html><head><title>${status} ${text}</title></head><body><center><h1>${status} ${text}</h1></center></body></html>`;

/** Answers a request past a limit as nginx does (HTML, before any routing); false when within limits. */
export function refuseOversized(req: IncomingMessage, res: ServerResponse): boolean {
  const headerBytes = req.rawHeaders.reduce((n, h) => n + Buffer.byteLength(h) + 2, 0);
  const refusal =
    Buffer.byteLength(req.url ?? '') > GATEWAY_LIMITS.requestLine
      ? ([414, 'Request-URI Too Large'] as const)
      : headerBytes > GATEWAY_LIMITS.headers
        ? ([431, 'Request Header Fields Too Large'] as const)
        : Number(req.headers['content-length'] ?? 0) > GATEWAY_LIMITS.body
          ? ([413, 'Request Entity Too Large'] as const)
          : undefined;
  if (!refusal) return false;
  const text = page(refusal[0], refusal[1]);
  res.writeHead(refusal[0], { 'content-type': 'text/html', 'content-length': Buffer.byteLength(text) });
  res.end(text);
  return true;
}
