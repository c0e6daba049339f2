/** Small helpers for the reference server's HTTP layer: JSON replies, Error bodies, body reading. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { crashOnOddBody } from './odd-bodies.ts';
import type { Switches } from './switches.ts';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** Header fields the status needs beside its body (Allow with a 405). */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

// Stryker disable next-line BlockStatement: an answer never sent is a target in trouble (exit 2)
export function sendJson(res: ServerResponse, status: number, body: unknown, contentType = 'application/json'): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

export function sendEmpty(res: ServerResponse, status: number): void {
  // Stryker disable next-line ObjectLiteral: without a length an empty body goes chunked, which HTTP allows
  res.writeHead(status, { 'content-length': 0 });
  res.end();
}

/** Writes an Error body; faults swap in writers of their own. */
/** The challenge of a 401 (RFC 9110 15.5.2), but where the 401-without-challenge fault drops it. */
export const bearerChallenge = (on: Switches): Record<string, string> =>
  on.has('401-without-challenge') ? {} : { 'www-authenticate': 'Bearer realm="runai"' };

export type ErrorWriter = (res: ServerResponse, status: number, message: string) => void;

// Stryker disable next-line ArrowFunction: an answer never sent is a target in trouble (exit 2)
export const sendError: ErrorWriter = (res, status, message) => sendJson(res, status, { code: status, message });

/**
 * Reads a JSON request body. What the Content-Type says is not looked at (the contract does
 * not say what a body labelled otherwise gets); no body, or text that is not JSON, is a 400.
 */
export async function readJsonBody(req: IncomingMessage, on: Switches): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  // The faults of bodies off the map: one deeper or larger than the server was written for crashes it.
  if (on.has('deep-json-500') || on.has('large-body-500')) crashOnOddBody(text, on);
  // Stryker disable BlockStatement: emptied, the catch leaves no body, which every handler's check answers 400 too
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError(400, 'request body is not valid JSON');
  }
  // Stryker restore BlockStatement
}
