import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHostileProxy } from '../../reference/hostile-proxy.ts';
import { type RunningReference, startReference } from '../../reference/reference-server.ts';
import { parseVariants } from '../../reference/variants.ts';
import { loadConfig } from '../../src/config/run-config.ts';
import { failedIds, runCli } from '../../src/scoring/run-cli.ts';

const bundleDir = (name: string) => join(mkdtempSync(join(tmpdir(), `rc-${name}-`)), 'bundle');
const firstLine = (text: string) => text.trim().split('\n')[0] ?? '';

let ref: RunningReference;
beforeAll(async () => {
  ref = await startReference({ seedUsers: 40 });
});
afterAll(async () => ref.close());
const target = () => ({ RUNAI_BASE_URL: ref.url, RUNAI_TOKEN: ref.admin.token, RUNAI_VIEWER_TOKEN: ref.viewer.token });
const writes = () => ref.store.audit.length;

describe.concurrent('a verdict people can rely on', () => {
  for (const [label, args] of [
    ['a run narrowed with --only', ['--only', 'create_user']],
    ['a smoke run', ['--profile', 'smoke']],
  ] as const) {
    it(`${label} passes but its bundle does not certify, and says why`, async () => {
      const bundle = bundleDir('partial');
      const run = await runCli(['run', ...args, '--certify', bundle]);
      expect(run.code, run.stdout.slice(-800)).toBe(0);
      expect(run.stdout).toMatch(/\(not certifiable/);
      const verify = await runCli(['verify', bundle]);
      expect(verify.code).toBe(1);
      expect(verify.stdout).toMatch(/is intact/);
      expect(verify.stderr).toMatch(/not certifiable: .*(--only create_user|profile smoke)/);
      expect(verify.stderr).toMatch(/MUST requirement\(s\) not run/);
      expect((await runCli(['verify', bundle, '--integrity-only'])).code).toBe(0);
    });
  }

  it('read-only: every spelling with a writing profile is refused, every other sends no write', async () => {
    const readOnly: [string, string[], Record<string, string>][] = [
      ['--read-only', ['--read-only'], {}],
      ['RUNAI_READ_ONLY', [], { RUNAI_READ_ONLY: 'true' }],
    ];
    const profiles: [string, string[], Record<string, string>][] = [
      ['no profile', [], {}],
      ...['smoke', 'standard', 'full'].flatMap((p): [string, string[], Record<string, string>][] => [
        [`--profile ${p}`, ['--profile', p], {}],
        [`RUNAI_PROFILE=${p}`, [], { RUNAI_PROFILE: p }],
      ]),
    ];
    // Every accepted spelling resolves to one configuration (the CLI sets these variables for its
    // flags); one run of each read-only spelling then proves that configuration sends no write.
    const accepted = readOnly.flatMap(([, , rEnv]) =>
      ['', 'smoke'].flatMap((p) => [{ ...rEnv, RUNAI_READ_ONLY: 'true', ...(p ? { RUNAI_PROFILE: p } : {}) }]),
    );
    for (const env of accepted) expect([loadConfig(env).readOnly, loadConfig(env).profile]).toEqual([true, 'smoke']);
    const before = writes();
    const combos = readOnly.flatMap(([r, rArgs, rEnv]) =>
      profiles.filter(([p]) => !p.includes('smoke')).map(([p, pArgs, pEnv]) => ({ r, rArgs, rEnv, p, pArgs, pEnv })),
    );
    const runs = await Promise.all(
      combos.map(async ({ r, rArgs, rEnv, p, pArgs, pEnv }) => {
        const run = await runCli(['run', ...rArgs, ...pArgs], { ...target(), ...rEnv, ...pEnv });
        return { label: `${r} with ${p}`, writing: /standard|full/.test(p), run };
      }),
    );
    for (const { label, writing, run } of runs) {
      if (writing) {
        expect(run.code, label).toBe(2);
        expect(firstLine(run.stderr), label).toMatch(/^runai-conformance: --read-only .* cannot be combined/);
      } else {
        expect(run.code, `${label}: ${run.stderr.slice(-400)}`).toBe(0);
        const ops = Object.keys(run.results?.requests?.byOperation ?? {});
        expect(ops.length, label).toBeGreaterThan(0);
        expect(
          ops.filter((op) => !['get_users', 'count_users', 'get_user_by_id'].includes(op)),
          label,
        ).toEqual([]);
      }
    }
    // Not one write reached the target, from any of the runs.
    expect(writes()).toBe(before);
  });

  it("the user's mistakes are exit 2 naming the setting: swapped tokens, a base URL ending in /api/v1", async () => {
    const viewerAsAdmin = await runCli(['run'], { RUNAI_BASE_URL: ref.url, RUNAI_TOKEN: ref.viewer.token });
    expect(viewerAsAdmin.code).toBe(2);
    expect(firstLine(viewerAsAdmin.stderr)).toMatch(/admin token \(--token, RUNAI_TOKEN\) cannot manage users/);
    const adminAsViewer = await runCli(['run'], { ...target(), RUNAI_VIEWER_TOKEN: ref.admin.token });
    expect(adminAsViewer.code).toBe(2);
    expect(firstLine(adminAsViewer.stderr)).toMatch(/viewer token .*RUNAI_VIEWER_TOKEN\) is the same token as/);
    const apiV1 = await runCli(['run'], { ...target(), RUNAI_BASE_URL: `${ref.url}/api/v1` });
    expect(apiV1.code).toBe(2);
    expect(firstLine(apiV1.stderr)).toMatch(/ends in \/api\/v1/);
  });

  it('a target that answers the pre-run check and then hangs: exit 2, no failed MUST, timed-out requests counted', {
    timeout: 200_000,
  }, async () => {
    const proxy = await startHostileProxy(ref.url, 'silent', 60);
    try {
      const started = Date.now();
      const run = await runCli(['run', '--timeout', '5000'], { ...target(), RUNAI_BASE_URL: proxy.url }, 200_000);
      expect(Date.now() - started).toBeLessThan(180_000);
      expect(run.code, run.stdout.slice(-1500)).toBe(2);
      expect(run.results, run.stderr.slice(-1500)).toBeDefined();
      expect(failedIds(run)).toEqual([]);
      expect(run.results?.verdict).toBe('incomplete');
      expect(run.results?.targetStopped).toMatch(/stopped answering/);
      expect(run.results?.requests?.timedOut).toBeGreaterThan(0);
      expect(run.stdout).toMatch(/timed out/);
    } finally {
      await proxy.close();
    }
  });

  it('behind a gateway that gzips every answer and refuses large requests, a conforming server certifies', async () => {
    const gateway = await startReference({
      seedUsers: 40,
      variants: parseVariants('gzip-gateway,size-limited-gateway'),
    });
    try {
      const bundle = bundleDir('gateway');
      const run = await runCli(['run', '--certify', bundle], {
        RUNAI_BASE_URL: gateway.url,
        RUNAI_TOKEN: gateway.admin.token,
        RUNAI_VIEWER_TOKEN: gateway.viewer.token,
      });
      expect(run.code, failedIds(run).join(', ')).toBe(0);
      expect(run.stdout).toMatch(/\(certifiable/);
      expect((await runCli(['verify', bundle])).code).toBe(0);
    } finally {
      await gateway.close();
    }
  });

  it('the embedded reference: named in the first and last line, conformant, and never certifying', async () => {
    const bundle = bundleDir('embedded');
    const run = await runCli(['run', '--profile', 'smoke', '--certify', bundle]);
    expect(run.code).toBe(0);
    expect(firstLine(run.stdout)).toMatch(/^runai-conformance: testing the embedded reference .*certifies no server/);
    expect(run.stdout.trim().split('\n').at(-1)).toMatch(/^CONFORMANT: .* Target: the embedded reference/);
    expect(run.stdout).toMatch(/not certifiable: the target is the suite's own embedded reference/);
    const remote = await runCli(['run', '--only', 'count_users/count.test'], target());
    expect(firstLine(remote.stdout)).toBe(`runai-conformance: testing ${ref.url}, profile standard`);
    expect(remote.stdout.trim().split('\n').at(-1)).toMatch(new RegExp(`Target: ${ref.url}\\.$`));
  });

  it('settings nobody could mean: empty where it matters, yes/no misspelt, numbers out of range: exit 2', async () => {
    const cases: [string, string[], Record<string, string>, RegExp][] = [
      ['an empty base URL', [], { RUNAI_BASE_URL: '' }, /--base-url \(RUNAI_BASE_URL\) is set but empty/],
      ['an empty token', [], { ...target(), RUNAI_TOKEN: '' }, /--token \(RUNAI_TOKEN\) is set but empty/],
      ['read-only "maybe"', [], { RUNAI_READ_ONLY: 'maybe' }, /RUNAI_READ_ONLY takes true or false/],
      ['--max-rps -1', ['--max-rps', '-1'], {}, /--max-rps \(RUNAI_MAX_RPS\) must be a positive integer, got "-1"/],
      ["--max-rps ''", ['--max-rps', ''], {}, /--max-rps \(RUNAI_MAX_RPS\) is set but empty/],
    ];
    for (const [label, args, env, message] of cases) {
      const run = await runCli(['run', ...args], env);
      expect(run.code, label).toBe(2);
      expect(firstLine(run.stderr), label).toMatch(message);
    }
    for (const yes of ['yes', 'TRUE', 'True', 'on', '1'])
      expect(loadConfig({ RUNAI_READ_ONLY: yes }).readOnly, yes).toBe(true);
    for (const no of ['no', 'FALSE', 'off', '0'])
      expect(loadConfig({ RUNAI_READ_ONLY: no }).readOnly, no).toBe(undefined);
    const keys = join(mkdtempSync(join(tmpdir(), 'rc-keys-')), 'missing', 'vendor');
    const keygen = await runCli(['keygen', keys]);
    expect(keygen.code).toBe(2);
    expect(firstLine(keygen.stderr)).toMatch(/^runai-conformance: keygen: no folder .*missing to write/);
  });

  it('a run that checks no MUST is exit 2, never a verdict', async () => {
    const run = await runCli(['run', '--read-only', '--only', 'create_user,lifecycle'], target());
    expect(run.code, run.stdout.slice(-600)).toBe(2);
    expect(run.results?.nothingChecked).toBe(true);
    expect(run.stdout).toMatch(/INCOMPLETE: not one MUST requirement was checked/);
  });

  it("a viewer that may write is the server's failure, reported; not the user's mistake", async () => {
    for (const fault of ['viewer-can-create', 'viewer-write-401'] as const) {
      const broken = await startReference({ seedUsers: 20, faults: new Set([fault]) });
      try {
        const env = {
          RUNAI_BASE_URL: broken.url,
          RUNAI_TOKEN: broken.admin.token,
          RUNAI_VIEWER_TOKEN: broken.viewer.token,
        };
        const run = await runCli(['run', '--only', 'common/authorization'], env);
        expect(run.code, `${fault}: ${run.stderr.slice(-600)}`).toBe(1);
        expect(failedIds(run), fault).toContain('create_user/auth/viewer-403');
        expect(existsSync(join(run.reportDir, 'junit.xml')), fault).toBe(true);
        expect(
          [...broken.store.users.values()].filter((u) => u.username.startsWith('rc-')),
          fault,
        ).toEqual([]);
        // As printed, the replay line carries the viewer's token as a variable; without it, replay refuses.
        const replay = /replay: (npx runai-conformance replay create_user\/auth\/viewer-403 [^(\n]*)/.exec(
          run.stdout,
        )?.[1];
        expect(replay, fault).toContain('--viewer-token "$RUNAI_VIEWER_TOKEN"');
        expect(replay, fault).toContain(`--base-url ${broken.url}`);
        const from = join(run.reportDir, 'results.json');
        const refused = await runCli(['replay', 'create_user/auth/viewer-403', '--from', from], {
          RUNAI_TOKEN: broken.admin.token,
        });
        expect(refused.code, fault).toBe(2);
        expect(firstLine(refused.stderr), fault).toMatch(/needs --viewer-token \(RUNAI_VIEWER_TOKEN\)/);
      } finally {
        await broken.close();
      }
    }
  });
});
