import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { type AddressInfo, connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningReference, startReference } from '../../reference/reference-server.ts';
import { runCli } from '../../src/scoring/run-cli.ts';

// A staging server behind a private certificate authority, and a CI runner behind a proxy.
const dir = mkdtempSync(join(tmpdir(), 'rc-tls-'));
const pem = (name: string) => join(dir, name);
function makeCertificates(): void {
  const ssl = (args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'ignore' });
  ssl(
    ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '2'].concat([
      '-subj',
      '/CN=conformance test CA',
    ]),
  );
  ssl([
    'req',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    'server.key',
    '-out',
    'server.csr',
    '-subj',
    '/CN=127.0.0.1',
  ]);
  writeFileSync(pem('ext'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\n');
  ssl(
    ['x509', '-req', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial'].concat([
      '-out',
      'server.pem',
      '-days',
      '2',
      '-extfile',
      'ext',
    ]),
  );
}

/** A forwarding proxy (CONNECT tunnels) that counts what went through it. */
function startProxy(): Promise<{ url: string; tunnels: () => number; close: () => Promise<void> }> {
  let tunnels = 0;
  const sockets = new Set<Socket>();
  const server: Server = createServer((_req, res) => res.writeHead(405).end());
  server.on('connect', (req, client: Socket, head) => {
    const [host, port] = (req.url ?? '').split(':');
    const upstream = connect(Number(port), host, () => {
      tunnels++;
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('error', () => s.destroy());
      s.on('close', () => sockets.delete(s));
    }
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        tunnels: () => tunnels,
        close: () =>
          new Promise<void>((done) => {
            for (const s of sockets) s.destroy();
            server.close(() => done());
          }),
      }),
    ),
  );
}

let ref: RunningReference;
beforeAll(async () => {
  makeCertificates();
  ref = await startReference({
    seedUsers: 30,
    tls: { key: readFileSync(pem('server.key'), 'utf8'), cert: readFileSync(pem('server.pem'), 'utf8') },
  });
});
afterAll(async () => ref?.close());

describe('private networks', () => {
  const target = () => ({ RUNAI_BASE_URL: ref.url, RUNAI_TOKEN: ref.admin.token });
  const smoke = ['run', '--profile', 'smoke', '--only', 'get_users/parameters'];

  it('a certificate from a private authority is refused, with a hint, until --ca-cert trusts it', async () => {
    const refused = await runCli(smoke, target());
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/cannot reach 127\.0\.0\.1:\d+: .*--ca-cert FILE/);
    const trusted = await runCli([...smoke, '--ca-cert', pem('ca.pem')], target());
    expect(trusted.code, trusted.stderr.slice(-800)).toBe(0);
    const viaNode = await runCli(smoke, { ...target(), NODE_EXTRA_CA_CERTS: pem('ca.pem') });
    expect(viaNode.code, viaNode.stderr.slice(-800)).toBe(0);
  });

  it('--insecure runs, warns, and is never certifiable', async () => {
    const bundle = join(dir, 'bundle');
    const run = await runCli([...smoke, '--insecure', '--certify', bundle], target());
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/TLS verification is off/);
    expect(run.stdout).toMatch(/\(not certifiable/);
    expect(run.stdout).toMatch(/not certifiable: TLS verification was off/);
  });

  it('HTTPS_PROXY is honoured: every connection goes through the proxy', async () => {
    const proxy = await startProxy();
    try {
      const run = await runCli([...smoke, '--ca-cert', pem('ca.pem')], { ...target(), HTTPS_PROXY: proxy.url });
      expect(run.code, run.stderr.slice(-800)).toBe(0);
      expect(proxy.tunnels()).toBeGreaterThan(0);
    } finally {
      await proxy.close();
    }
  });
});
