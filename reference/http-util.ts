/** Small helpers for the reference server's HTTP layer: JSON replies, Error bodies, body reading. */
import type { IncomingMessage, ServerResponse } from 'node:http';

export const MAX_BODY_BYTES = 64 * 1024;

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown, contentType = 'application/json'): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

export function sendEmpty(res: ServerResponse, status: number): void {
  res.writeHead(status, { 'content-length': 0 });
  res.end();
}

/** How errors are written: as JSON Error bodies, as HTML pages, or with a wrong `code` field. */
export interface ErrorStyle {
  html?: boolean;
  /** A fault: every 4xx body says code 400, whatever the status. */
  codeAlways400?: boolean;
}

export function sendError(res: ServerResponse, status: number, message: string, style: ErrorStyle = {}): void {
  const html = style.html;
  if (html) {
    const page = `<html><body><h1>${status}</h1><p>${message.replace(/[<>&]/g, '')}</p></body></html>`;
    res.writeHead(status, { 'content-type': 'text/html', 'content-length': Buffer.byteLength(page) });
    res.end(page);
    return;
  }
  sendJson(res, status, { code: style.codeAlways400 && status < 500 ? 400 : status, message });
}

/** Reads a JSON request body. Absent body gives undefined; anything unparsable is a 400. */
export async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new HttpError(400, 'request body too large');
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return undefined;
  const type = String(req.headers['content-type'] ?? '');
  if (!/^application\/([\w.+-]*\+)?json\b/i.test(type))
    throw new HttpError(400, 'Content-Type must be application/json');
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError(400, 'request body is not valid JSON');
  }
}
