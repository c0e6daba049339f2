import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningReference, startReference } from '../../reference/reference-server.ts';
import { failedIds, runCli } from '../../src/scoring/run-cli.ts';

describe('a target on RUNAI_BASE_URL', () => {
  let clean: RunningReference;
  let broken: RunningReference;
  beforeAll(async () => {
    clean = await startReference({ seedUsers: 120 });
    broken = await startReference({
      seedUsers: 20,
      faults: new Set(['user-missing-created-by', 'get-user-answers-202']),
    });
  });
  afterAll(async () => {
    await clean.close();
    await broken.close();
  });

  it(
    'a conforming server is certified with client credentials, touches only run users and leaks no ' + 'secret',
    async () => {
      const before = new Map([...clean.store.users.values()].map((u) => [u.id, JSON.stringify(u)]));
      const foreignNames = [...clean.store.users.values()].map((u) => u.username);
      const bundle = mkdtempSync(join(tmpdir(), 'rc-leak-bundle-'));
      const run = await runCli(['run', '--certify', bundle], {
        RUNAI_BASE_URL: clean.url,
        RUNAI_CLIENT_ID: clean.admin.clientId,
        RUNAI_CLIENT_SECRET: clean.admin.clientSecret,
        RUNAI_VIEWER_TOKEN: clean.viewer.token,
      });
      expect(run.code, run.stdout + run.stderr).toBe(0);

      // Every mutation targeted a user whose name carries a run prefix; no other user changed.
      const foreign = clean.store.audit.filter((e) => !/^rc-[a-z0-9]+-/.test(e.username));
      expect(foreign).toEqual([]);
      for (const [id, snapshot] of before) expect(JSON.stringify(clean.store.users.get(id))).toBe(snapshot);
      // Everything the run created was cleaned up.
      expect([...clean.store.users.values()].filter((u) => u.username.startsWith('rc-'))).toEqual([]);
      expect(clean.store.audit.filter((e) => e.action === 'create_user').length).toBeGreaterThan(10);

      // No token, client secret or password the server issued appears in output or reports.
      const bundleText = readdirSync(bundle)
        .map((f) => readFileSync(join(bundle, f), 'utf8'))
        .join('\n');
      expect(bundleText.length).toBeGreaterThan(1000);
      const everything = run.stdout + run.stderr + run.written() + bundleText;
      const leaked = clean.store.issuedSecrets.filter((s) => everything.includes(s));
      expect(leaked).toEqual([]);
      // Other people's users appear by id only: no username the run did not create, in any report.
      const lower = everything.toLowerCase();
      const shown = foreignNames.filter(
        (n) => lower.includes(n.toLowerCase()) || lower.includes(encodeURIComponent(n).toLowerCase()),
      );
      expect(shown).toEqual([]);
      expect(everything).toContain('[foreign]');
    },
  );

  it('a server that omits a required field and answers an undocumented status exits 1 naming both', async () => {
    const run = await runCli(['run'], { RUNAI_BASE_URL: broken.url, RUNAI_TOKEN: broken.admin.token });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/get_users\/response\/schema/);
    expect(run.stdout).toMatch(/must have required property 'createdBy'/);
    expect(run.stdout).toMatch(/get_user_by_id\/response\/status-documented/);
    expect(run.stdout).toMatch(/NON-CONFORMANT/);
    expect(run.stdout + run.stderr + run.written()).not.toContain(broken.admin.token);
  });

  it('without a viewer token, the 403 checks are not run rather than failed', async () => {
    const run = await runCli(['run', '--profile', 'standard'], {
      RUNAI_BASE_URL: clean.url,
      RUNAI_TOKEN: clean.admin.token,
    });
    expect(run.code, failedIds(run).join(', ') + run.stderr.slice(-500)).toBe(0);
    const viewer = run.results?.requirements.filter((r) => r.id.endsWith('/auth/viewer-403')) ?? [];
    expect(viewer.length).toBe(4);
    // The run was not given what they need: not run (which keeps it from certifying), never a failure.
    expect(viewer.every((r) => r.outcome === 'not-run')).toBe(true);
  });

  it('a rejected token exits 2 with a one-line reason', async () => {
    const run = await runCli(['run'], { RUNAI_BASE_URL: clean.url, RUNAI_TOKEN: 'not-a-token' });
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')[0]).toMatch(/^runai-conformance: the admin token .* was refused/);
  });

  it('an unreachable target exits 2 within the timeout', async () => {
    const started = Date.now();
    const run = await runCli(['run', '--timeout', '2000'], { RUNAI_BASE_URL: 'http://127.0.0.1:9', RUNAI_TOKEN: 't' });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/cannot reach 127\.0\.0\.1:9/);
    expect(Date.now() - started).toBeLessThan(15_000);
  });

  it('bad flags and bad configuration exit 2', async () => {
    expect((await runCli(['run', '--no-such-flag'])).code).toBe(2);
    expect((await runCli(['run'], { RUNAI_BASE_URL: 'https://x.example' })).stderr).toMatch(
      /needs --token \(RUNAI_TOKEN\)/,
    );
  });
});
