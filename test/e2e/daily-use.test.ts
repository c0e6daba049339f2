import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseFaults } from '../../reference/faults.ts';
import { startHostileProxy } from '../../reference/hostile-proxy.ts';
import { type RunningReference, startReference } from '../../reference/reference-server.ts';
import { type CliRun, runCli } from '../../src/scoring/run-cli.ts';

const outcome = (run: CliRun, id: string) => run.results?.requirements.find((r) => r.id === id);
const lines = (run: CliRun) => `${run.stdout}${run.stderr}`.trimEnd().split('\n').length;

// ajv-formats is CommonJS: its function is the default export under some loaders, the module under others.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule.default }).default ??
  addFormatsModule) as typeof addFormatsModule.default;

let ref: RunningReference;
beforeAll(async () => {
  ref = await startReference({ seedUsers: 40 });
});
afterAll(async () => ref.close());

describe.concurrent('daily use', () => {
  it('a failing run prints a short summary; the runner output is in run.log', async () => {
    const faults =
      'user-missing-created-by,get-user-answers-202,limit-bounds-not-enforced,terms-ored,create-answers-200';
    const run = await runCli(['run', '--reference-faults', faults]);
    expect(run.code).toBe(1);
    expect(lines(run), run.stdout).toBeLessThan(60);
    expect(run.stdout).toMatch(/Broken requirements:/);
    expect(run.stdout).toMatch(/replay: npx runai-conformance replay /);
    // Each failure carries its own replay line, once.
    const replays = run.stdout.match(/replay: .*/g) ?? [];
    expect(new Set(replays).size).toBe(replays.length);
    const log = readFileSync(join(run.reportDir, 'run.log'), 'utf8');
    expect(log).toMatch(/^failed /m);
    expect(log).toMatch(/ at /);
  });

  it('a list-schema fault leaves the paging, filter and count MUSTs judged', async () => {
    const run = await runCli(['run', '--reference-faults', 'user-missing-created-by']);
    expect(outcome(run, 'get_users/response/schema')?.outcome).toBe('fail');
    const semantic = (run.results?.requirements ?? []).filter((r) =>
      /^(get_users\/(paging|filter|sort|search)|count_users\/agreement)\//.test(r.id),
    );
    expect(semantic.length).toBeGreaterThan(10);
    expect(semantic.filter((r) => r.outcome !== 'pass').map((r) => `${r.id}: ${r.outcome} ${r.reason ?? ''}`)).toEqual(
      [],
    );
  });

  it('waivers show in every report and certify only "with waivers"; an expired one stops the run', async () => {
    const file = `/tmp/rc-waivers-${process.pid}.json`;
    const waive = (expires: string) =>
      JSON.stringify(
        ['get_users/params/limit-bounds-400', 'get_users/input/near-miss-400'].map((requirement) => ({
          requirement,
          reason: 'limit bounds are enforced from 2.25 on',
          expires,
        })),
      );
    writeFileSync(file, waive('2999-12-31'));
    const bundle = `/tmp/rc-waived-bundle-${process.pid}`;
    // Only a remote target certifies: the embedded reference is a self-test.
    const faulty = await startReference({ seedUsers: 40, faults: parseFaults('limit-bounds-not-enforced') });
    const env = {
      RUNAI_BASE_URL: faulty.url,
      RUNAI_TOKEN: faulty.admin.token,
      RUNAI_VIEWER_TOKEN: faulty.viewer.token,
    };
    const run = await runCli(['run', '--waivers', file, '--certify', bundle], env).finally(() => faulty.close());
    expect(run.code, run.stdout.slice(-1500)).toBe(0);
    expect(run.stdout).toMatch(/Waived \(known deviations/);
    expect(run.stdout).toMatch(/certifiable with 2 waiver\(s\)/);
    expect(run.results?.counts?.waived).toBe(2);
    expect(readFileSync(join(run.reportDir, 'junit.xml'), 'utf8')).toMatch(/<skipped message="waived until 2999-12-31/);
    expect(readFileSync(join(bundle, 'README.md'), 'utf8')).toMatch(/yes, with waivers/);
    const allure = readdirSync(join(run.reportDir, 'allure-results'))
      .filter((f) => f.endsWith('-result.json'))
      .map((f) => readFileSync(join(run.reportDir, 'allure-results', f), 'utf8'));
    expect(allure.filter((a) => a.includes('"message":"waived until 2999-12-31')).length).toBe(2);
    const verify = await runCli(['verify', bundle]);
    expect(verify.code).toBe(0);
    expect(verify.stdout).toMatch(/with waivers: get_users\/input\/near-miss-400/);
    writeFileSync(file, waive('2020-01-01'));
    const expired = await runCli(['run', '--waivers', file]);
    expect(expired.code).toBe(2);
    expect(expired.stderr).toMatch(/expired on 2020-01-01/);
  });

  it('--skip leaves requirements not run and the run uncertifiable; --max-failures stops early', async () => {
    const skipped = await runCli(['run', '--only', 'count_users', '--skip', 'count_users/success/ok-200']);
    expect(outcome(skipped, 'count_users/success/ok-200')).toMatchObject({ outcome: 'not-run' });
    const faults = 'get-user-answers-202,limit-bounds-not-enforced,create-answers-200,terms-ored';
    const stopped = await runCli(['run', '--reference-faults', faults, '--max-failures', '1']);
    expect(stopped.code).toBe(1);
    const reasons = (stopped.results?.requirements ?? []).map((r) => r.reason ?? '');
    expect(reasons.some((r) => /stopped after 1 broken MUSTs/.test(r))).toBe(true);
  });

  it('--header reaches the target on every request, and the HAR file is valid HAR 1.2 with no secret', async () => {
    const seen = new Set<string>();
    const proxy = await startHostileProxy(ref.url, 'silent', Number.POSITIVE_INFINITY, (headers) => {
      if (typeof headers['x-tenant'] === 'string') seen.add(headers['x-tenant']);
    });
    try {
      const tenant = 'tenant-7f3c91e2';
      const run = await runCli(['run', '--profile', 'smoke', '--header', `X-Tenant: ${tenant}`], {
        RUNAI_BASE_URL: proxy.url,
        RUNAI_TOKEN: ref.admin.token,
      });
      expect(run.code, run.stderr.slice(-800)).toBe(0);
      expect([...seen]).toEqual([tenant]);
      const har = JSON.parse(readFileSync(join(run.reportDir, 'exchanges.har'), 'utf8'));
      const schemas = createRequire(import.meta.url)('har-schema') as Record<string, object>;
      const ajv = new Ajv({ strict: false, allErrors: true });
      addFormats(ajv);
      ajv.addMetaSchema((await import('ajv/dist/refs/json-schema-draft-06.json', { with: { type: 'json' } })).default);
      for (const schema of Object.values(schemas)) ajv.addSchema(schema);
      const valid = ajv.validate('har.json#', har);
      expect(ajv.errors?.slice(0, 3) ?? [], 'HAR 1.2').toEqual([]);
      expect(valid).toBe(true);
      expect(har.log.entries.length).toBe(run.results?.requests?.total);
      const text = JSON.stringify(har) + run.stdout + run.written();
      expect(text).not.toContain(ref.admin.token);
      expect(text).not.toContain(tenant);
    } finally {
      await proxy.close();
    }
  });

  it('CLI manners: --version, did you mean, the flag named beside its variable', async () => {
    expect((await runCli(['--version'])).stdout).toMatch(/^runai-conformance \d+\.\d+\.\d+/);
    const typo = await runCli(['run', '--timout', '5000']);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toMatch(/unknown option --timout; did you mean --timeout\?/);
    const bad = await runCli(['run'], { RUNAI_TIMEOUT_MS: 'soon' });
    expect(bad.stderr).toMatch(/--timeout \(RUNAI_TIMEOUT_MS\) must be a positive integer/);
  });
});
