/**
 * A target that turns hostile: it passes the first requests through to an upstream (so the
 * run gets going), then misbehaves at the transport level on every request. For proving
 * that the run stays in control: ends within its bounds, reports, cleans up, exits non-zero.
 */

import { randomBytes } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export const hostileModes = ['silent', 'garbage', 'reset', 'trickle', 'huge'] as const;
export type HostileMode = (typeof hostileModes)[number];

export interface HostileProxy {
  url: string;
  close(): Promise<void>;
}

/**
 * @param observe sees every request's headers (a self-test of what the suite sends); with an
 *   infinite `passThrough` the proxy is a plain forwarder.
 */
export async function startHostileProxy(
  upstream: string,
  mode: HostileMode,
  passThrough: number,
  observe?: (headers: IncomingHttpHeaders) => void,
): Promise<HostileProxy> {
  let seen = 0;
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const server: Server = createServer(async (req, res) => {
    observe?.(req.headers);
    if (seen++ < passThrough) {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      const headers = Object.fromEntries(
        Object.entries(req.headers).filter(([k]) => !['host', 'connection', 'content-length'].includes(k)),
      ) as Record<string, string>;
      const answer = await fetch(`${upstream}${req.url}`, {
        method: req.method,
        headers,
        body: chunks.length ? Buffer.concat(chunks) : undefined,
      });
      const body = Buffer.from(await answer.arrayBuffer());
      // The upstream's header fields pass (a 405's Allow, a 401's challenge), but those of the hop and
      // of the coding fetch has undone.
      const hop = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length', 'content-encoding']);
      const passed = Object.fromEntries([...answer.headers].filter(([name]) => !hop.has(name)));
      res.writeHead(answer.status, {
        ...passed,
        'content-type': answer.headers.get('content-type') ?? 'application/json',
        'content-length': body.length,
      });
      res.end(body);
      return;
    }
    switch (mode) {
      case 'silent':
        return; // Accepts and never answers.
      case 'garbage':
        req.socket.end(randomBytes(256));
        return;
      case 'reset':
        req.socket.resetAndDestroy();
        return;
      case 'trickle': {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': 100_000 });
        const timer = setInterval(() => res.write(' '), 300);
        timers.add(timer);
        res.on('close', () => clearInterval(timer));
        return;
      }
      case 'huge': {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': 4 * 1024 ** 3 });
        const chunk = Buffer.alloc(256 * 1024, 0x20);
        // A chunk at a time, yielding between them: once the client has gone (its socket destroyed or
        // detached), a response would buffer whatever is written without bound.
        const pump = () => {
          if (res.destroyed || res.socket?.destroyed !== false) return;
          if (res.write(chunk)) setImmediate(pump);
          else res.once('drain', pump);
        };
        pump();
        return;
      }
    }
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const t of timers) clearInterval(t);
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
