import { createServer, type Server } from 'node:http';
import { type AddressInfo, createServer as createNetServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { FlowControl } from '../../src/client/flow-control.ts';
import { Ownership } from '../../src/client/ownership.ts';
import { BREAKER_THRESHOLD, retryDelayMs, Transport, TransportFailure } from '../../src/client/transport.ts';
import { UnsafeMutationError } from '../../src/model/errors.ts';

let server: Server | undefined;
afterEach(
  () =>
    new Promise<void>((r) => {
      if (!server) return r();
      server.closeAllConnections();
      server.close(() => r());
    }),
);

async function serve(handler: Parameters<typeof createServer>[1]): Promise<string> {
  const created = createServer(handler);
  server = created;
  await new Promise<void>((r) => created.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(created.address() as AddressInfo).port}`;
}
const transport = (baseUrl: string, timeoutMs = 2000) =>
  new Transport({ baseUrl, timeoutMs, maxAttempts: 3, maxRetryWaitMs: 50, maxBodyBytes: 1024 });

describe('transport', () => {
  it('honours Retry-After within its cap', () => {
    expect(retryDelayMs('0', 0, 5000)).toBe(0);
    expect(retryDelayMs('2', 0, 5000)).toBe(2000);
    expect(retryDelayMs('120', 0, 5000)).toBe(5000);
    expect(retryDelayMs(new Date(Date.now() + 60_000).toUTCString(), 0, 1000)).toBe(1000);
  });

  it('retries 429 and 503, then answers', async () => {
    let n = 0;
    const url = await serve((_req, res) => {
      n++;
      res.writeHead(n < 3 ? (n === 1 ? 429 : 503) : 200, n === 1 ? { 'retry-after': '0' } : {});
      res.end('{}');
    });
    const t = transport(url);
    const res = await t.send({ method: 'GET', path: '/x', headers: {} });
    expect([res.status, res.attempts]).toEqual([200, 3]);
    await t.close();
  });

  it('gives up on a transient status after its attempts', async () => {
    const url = await serve((_req, res) => {
      res.writeHead(503);
      res.end('{}');
    });
    const t = transport(url);
    await expect(t.send({ method: 'GET', path: '/x', headers: {} })).rejects.toThrow(/still 503 after 3 attempts/);
    await t.close();
  });

  it('caps response bodies and stops sending after repeated transport failures', async () => {
    const url = await serve((_req, res) => {
      res.writeHead(200);
      res.end('x'.repeat(4096));
    });
    const t = transport(url);
    for (let i = 0; i < BREAKER_THRESHOLD; i++)
      await expect(t.send({ method: 'POST', path: '/x', headers: {} })).rejects.toThrow(/exceeds 1024 bytes/);
    const failure = await t.send({ method: 'POST', path: '/x', headers: {} }).catch((e) => e);
    expect(failure).toBeInstanceOf(TransportFailure);
    expect(failure.message).toMatch(/not sent/);
    await t.close();
  });

  it('sends a group together: every request of it is at the server at once, whatever the share', async () => {
    let open = 0;
    let most = 0;
    const url = await serve((_req, res) => {
      most = Math.max(most, ++open);
      setTimeout(() => {
        open--;
        res.end('{}');
      }, 50);
    });
    const flow = new FlowControl({ concurrency: 2 });
    const t = new Transport({
      baseUrl: url,
      timeoutMs: 5000,
      maxAttempts: 1,
      maxRetryWaitMs: 0,
      maxBodyBytes: 64,
      flow,
    });
    // A group of six goes as one, not two by two as the share would send it.
    const places = await t.group(6);
    await Promise.all(places.map((place) => t.send({ method: 'GET', path: '/x', headers: {} }, place)));
    expect(most).toBe(6);
    await t.close();
  });

  it('answers a body shorter than its Content-Length as broken framing, without a retry', async () => {
    let n = 0;
    const url = await serve((_req, res) => {
      n++;
      // Node sends the length it is given with a 204 and drops the body: the message lies.
      res.writeHead(204, { 'content-length': 53 });
      res.end('{"code":401,"message":"Issuer is not familiar."}xxxxx');
    });
    const res = await transport(url).send({ method: 'DELETE', path: '/x', headers: {} });
    expect(res.status).toBe(204);
    expect(res.framing).toMatch(/Content-Length: 53/);
    expect(n).toBe(1);
  });

  it("tells a message that broke HTTP framing (the server's) from bytes that are no HTTP at all", async () => {
    const answers: Record<string, string> = {
      chunk: 'HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n',
      both: 'HTTP/1.1 200 OK\r\ncontent-length: 2\r\ntransfer-encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n',
      header: 'HTTP/1.1 200 OK\r\nbad header: x\r\ncontent-length: 2\r\n\r\n{}',
      garbage: 'no http here at all\r\n\r\n',
    };
    const raw = createNetServer((socket) => socket.once('data', () => socket.end(answers[kind] ?? '')));
    let kind = 'chunk';
    await new Promise<void>((r) => raw.listen(0, '127.0.0.1', r));
    const t = transport(`http://127.0.0.1:${(raw.address() as AddressInfo).port}`);
    try {
      const chunked = await t.send({ method: 'GET', path: '/x', headers: {} });
      expect([chunked.status, chunked.framing]).toEqual([
        200,
        'the body after 0 bytes: invalid character in chunk size',
      ]);
      const failure = async (k: string) => {
        kind = k;
        return t.send({ method: 'GET', path: '/x', headers: {} }).catch((e: TransportFailure) => e);
      };
      for (const k of ['both', 'header']) {
        const e = await failure(k);
        expect([(e as TransportFailure).kind, (e as TransportFailure).attempts]).toEqual(['malformed', 1]);
      }
      expect(((await failure('garbage')) as TransportFailure).kind).toBe('connection');
    } finally {
      await t.close();
      raw.close();
    }
  });

  it('times out a target that never answers', async () => {
    const url = await serve(() => undefined);
    const t = transport(url, 300);
    await expect(t.send({ method: 'POST', path: '/x', headers: {} })).rejects.toThrow(
      /no complete answer within 300 ms/,
    );
    await t.close();
  });
});

describe('ownership guard', () => {
  it('lets the run mutate only what it created, invented or can adopt by name', () => {
    const o = new Ownership('rc-abc-');
    expect(() => o.assertOwned('delete_user_by_id', 'someone-else')).toThrow(UnsafeMutationError);
    o.claim('mine');
    o.assertOwned('delete_user_by_id', 'mine');
    o.assertOwned('delete_user_by_id', o.unknownId());
    expect(() => o.adopt('x', 'rc-other-u@conformance.invalid')).toThrow(/not created by a conformance run/);
    o.adopt('y', 'RC-ABC-u@conformance.invalid');
    o.assertOwned('logout_user', 'y');
  });
});
