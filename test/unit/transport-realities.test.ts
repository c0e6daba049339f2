import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { SIZE_LIMIT_FLOORS, sizeLimitRefusal } from '../../src/client/size-limits.ts';
import { decodeBody } from '../../src/client/transport.ts';
import { FOREIGN, redactForeignText, redactForeignUsers } from '../../src/model/foreign-data.ts';

const body = Buffer.from(JSON.stringify([{ id: 'a', username: 'rc-x-u@conformance.invalid' }]));

describe('what HTTP lets a gateway do', () => {
  it('every content coding a gateway may apply is undone, in order; an unknown one is refused', () => {
    const codings: [string, Buffer][] = [
      ['gzip', gzipSync(body)],
      ['x-gzip', gzipSync(body)],
      ['deflate', deflateSync(body)],
      ['deflate', deflateRawSync(body)],
      ['br', brotliCompressSync(body)],
      ['identity', body],
      ['', body],
      ['gzip, br', brotliCompressSync(gzipSync(body))],
    ];
    for (const [coding, sent] of codings) expect(decodeBody(sent, coding, 1 << 20).equals(body), coding).toBe(true);
    expect(() => decodeBody(body, 'zstd', 1 << 20)).toThrow(/unsupported content-encoding "zstd"/);
    // A body that decodes past the size cap is refused, not held in memory.
    expect(() => decodeBody(gzipSync(Buffer.alloc(1 << 20)), 'gzip', 1024)).toThrow();
  });

  it('413, 414 and 431 are a size limit only for requests past the sizes gateways refuse', () => {
    const small = { target: 100, headers: 300, body: 50 };
    for (const status of [413, 414, 431]) expect(sizeLimitRefusal(status, small), `${status}`).toBeUndefined();
    expect(sizeLimitRefusal(414, { ...small, target: SIZE_LIMIT_FLOORS.target })).toMatch(/414/);
    expect(sizeLimitRefusal(431, { ...small, headers: SIZE_LIMIT_FLOORS.headers })).toMatch(/431/);
    expect(sizeLimitRefusal(413, { ...small, body: SIZE_LIMIT_FLOORS.body })).toMatch(/413/);
    // Another status for a large request is judged as any other.
    expect(sizeLimitRefusal(500, { target: 1e6, headers: 1e6, body: 1e6 })).toBeUndefined();
  });
});

describe("other people's data", () => {
  afterEach(() => {
    delete process.env.RUNAI_KEEP_FOREIGN_DATA;
  });

  it('users the run did not create are kept by id only; emails outside the run domain are replaced', () => {
    const users = [
      { id: '1', username: 'alice@example.com', createdBy: 'admin@example.com', groups: ['ops'] },
      { id: '2', username: 'rc-abc-u1@conformance.invalid', createdBy: 'admin@example.com', groups: null },
    ];
    expect(redactForeignUsers(users)).toEqual([
      { id: '1', username: FOREIGN, createdBy: FOREIGN, groups: FOREIGN },
      users[1],
    ]);
    expect(redactForeignUsers(users[1])).toBeUndefined();
    expect(redactForeignUsers({ id: '1', username: 'bob' })).toEqual({ id: '1', username: FOREIGN });
    const text = 'alice@example.com and rc-abc-u1@conformance.invalid; ?filterBy=username%3D%3Dbob%40corp.example';
    const redacted = redactForeignText(text);
    expect(redacted).not.toMatch(/alice|bob/);
    expect(redacted).toContain('rc-abc-u1@conformance.invalid');
  });

  it('--keep-foreign-data keeps them', () => {
    process.env.RUNAI_KEEP_FOREIGN_DATA = 'true';
    expect(redactForeignUsers([{ id: '1', username: 'alice@example.com' }])).toBeUndefined();
    expect(redactForeignText('alice@example.com')).toBe('alice@example.com');
  });
});
