import { execFileSync } from 'node:child_process';
import { createHash, createPublicKey } from 'node:crypto';
import { appendFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseFaults } from '../../reference/faults.ts';
import { type RunningReference, startReference } from '../../reference/reference-server.ts';
import { type BundleResults, bundleDocuments, MANIFEST, verifyBundle } from '../../reporters/bundle.ts';
import { certification } from '../../reporters/certification.ts';
import { computeOutcomes } from '../../reporters/outcomes.ts';
import { fingerprint, readPrivateKey, readPublicKey, signText } from '../../reporters/signing.ts';
import { requirements } from '../../src/catalogue/requirements.ts';
import { runCli } from '../../src/scoring/run-cli.ts';

const root = new URL('../..', import.meta.url).pathname;
const tmp = (name: string) => join(mkdtempSync(join(tmpdir(), `rc-${name}-`)), name);

/** Rewrites every file of a bundle as a forger would, and seals the manifest again. */
function forge(bundle: string, from: string, to: string): void {
  const files = readdirSync(bundle).filter((f) => f !== MANIFEST && !f.endsWith('.sig') && !f.endsWith('.pub'));
  for (const f of files) writeFileSync(join(bundle, f), readFileSync(join(bundle, f), 'utf8').replaceAll(from, to));
  seal(bundle);
}

/** The manifest made again over the files it lists, as a forger who edited them would. */
function seal(bundle: string, add: string[] = []): void {
  const listed = readFileSync(join(bundle, MANIFEST), 'utf8')
    .trim()
    .split('\n')
    .map((line) => line.split(/\s+/)[1] ?? '')
    .concat(add);
  const sealed = listed.map(
    (f) =>
      `${createHash('sha256')
        .update(readFileSync(join(bundle, f)))
        .digest('hex')}  ${f}`,
  );
  writeFileSync(join(bundle, MANIFEST), `${sealed.join('\n')}\n`);
}

let ref: RunningReference;
beforeAll(async () => {
  ref = await startReference({ seedUsers: 40 });
});
afterAll(async () => ref.close());
// Every credential a run can hold: the token authenticates, the client credentials are checked at the token endpoint.
const target = () => ({
  RUNAI_BASE_URL: ref.url,
  RUNAI_TOKEN: ref.admin.token,
  RUNAI_VIEWER_TOKEN: ref.viewer.token,
  RUNAI_CLIENT_ID: ref.admin.clientId,
  RUNAI_CLIENT_SECRET: ref.admin.clientSecret,
});

describe('reports', () => {
  it('a signed bundle verifies, Allure reports by requirement, a forged bundle is refused', async () => {
    const keys = tmp('keys');
    expect((await runCli(['keygen', keys])).code).toBe(0);
    const bundle = tmp('bundle');
    // The reference offers password login; a remote target declares what it offers.
    const run = await runCli(
      ['run', '--certify', bundle, '--sign-key', `${keys}.key`, '--capabilities', 'password-login'],
      target(),
    );
    expect(run.code, run.stdout.slice(-1500)).toBe(0);
    expect(run.stdout).toMatch(/Certification bundle: .* \(certifiable, signed by SHA256:/);
    expect(verifyBundle(bundle).problems).toEqual([]);
    const verified = await runCli(['verify', bundle, '--public-key', `${keys}.pub`]);
    expect(verified.code, verified.stderr).toBe(0);
    expect(verified.stdout).toMatch(/certifies the target/);
    const readme = readFileSync(join(bundle, 'README.md'), 'utf8');
    expect(readme).toMatch(/SHA-256 [0-9a-f]{64}/);
    expect(readme).toMatch(/Certifiable: \*\*yes\*\*/);
    const musts = requirements.filter((r) => r.level === 'MUST').length;
    expect(readme).toContain(`${musts} of ${musts} MUST requirements checked`);
    expect(readFileSync(join(bundle, 'exchanges.ndjson'), 'utf8').trim().split('\n').length).toBeGreaterThan(20);
    // The private key never reaches the bundle or the output.
    const key = readFileSync(`${keys}.key`, 'utf8').split('\n')[1] ?? '';
    expect(key.length).toBeGreaterThan(20);
    expect(run.stdout + run.stderr + run.written()).not.toContain(key);
    expect(run.stdout + run.stderr + run.written()).not.toContain(ref.admin.clientSecret);

    // Provenance: where the results come from.
    const p = run.results?.provenance;
    const url = new URL(ref.url);
    expect(p?.target).toEqual({ kind: 'remote', scheme: 'http', host: url.host, basePath: '/' });
    expect(p?.spec.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(p?.seeds.length).toBeGreaterThan(0);
    expect(p?.profile).toBe('standard');
    expect(Date.parse(p?.endedAt ?? '')).toBeGreaterThan(Date.parse(p?.startedAt ?? ''));

    // An HTML report with one result per requirement, from the run's Allure results.
    const out = mkdtempSync(join(tmpdir(), 'rc-allure-'));
    execFileSync(
      process.execPath,
      [join(root, 'node_modules/allure/cli.js'), 'generate', join(run.reportDir, 'allure-results'), '-o', out],
      { cwd: root, stdio: 'ignore' },
    );
    expect(existsSync(join(out, 'index.html'))).toBe(true);
    expect(readdirSync(join(out, 'data', 'test-results')).length).toBe(requirements.length);

    // Relabelled target and a re-sealed manifest: intact by checksums, refused by the signature.
    forge(bundle, url.host, 'staging.example.com');
    const forged = await runCli(['verify', bundle, '--public-key', `${keys}.pub`]);
    expect(forged.code).toBe(1);
    expect(forged.stderr).toMatch(/signature does not hold/);
    // Signed by another key: refused.
    const other = tmp('other');
    await runCli(['keygen', other]);
    expect(verifyBundle(bundle, undefined).problems.join()).toMatch(/signature does not hold/);
    expect((await runCli(['verify', bundle, '--public-key', `${other}.pub`])).code).toBe(1);
  });

  it('unsigned bundles say so; edited files and edited outcomes are caught', async () => {
    const bundle = tmp('plain');
    const run = await runCli(['run', '--certify', bundle], target());
    expect(run.code).toBe(0);
    expect(readFileSync(join(bundle, 'README.md'), 'utf8')).toMatch(/signed by \| unsigned/);
    const keys = tmp('keys');
    await runCli(['keygen', keys]);
    const withKey = await runCli(['verify', bundle, '--public-key', `${keys}.pub`]);
    expect(withKey.code).toBe(1);
    expect(withKey.stderr).toMatch(/unsigned/);

    appendFileSync(join(bundle, 'summary.md'), '\nall good\n');
    expect(verifyBundle(bundle).problems.join()).toMatch(/summary.md was modified/);
    const results = JSON.parse(readFileSync(join(bundle, 'results.json'), 'utf8'));
    results.tests.find((t: { state: string }) => t.state === 'passed').state = 'failed';
    writeFileSync(join(bundle, 'results.json'), JSON.stringify(results));
    forge(bundle, '\nall good\n', '\n');
    expect(verifyBundle(bundle).problems.join()).toMatch(/does not follow from the tests|recorded pass, tests say/);
    expect((await runCli(['verify', bundle])).code).toBe(1);
  });

  it('a forged verdict does not verify: documents held to results.json, exchanges to the outcomes', async () => {
    const broken = await startReference({ seedUsers: 40, faults: parseFaults('get-user-answers-202') });
    try {
      const bundle = tmp('forged');
      const run = await runCli(['run', '--certify', bundle], {
        RUNAI_BASE_URL: broken.url,
        RUNAI_TOKEN: broken.admin.token,
        RUNAI_VIEWER_TOKEN: broken.viewer.token,
      });
      expect(run.code).toBe(1);
      // The bundle as the run wrote it is intact: its own failures are where its exchanges put them.
      expect(verifyBundle(bundle).problems).toEqual([]);
      // The forger's results: every test passed, no finding, outcomes and certification recomputed to match.
      const recorded = JSON.parse(readFileSync(join(bundle, 'results.json'), 'utf8')) as BundleResults;
      for (const t of recorded.tests) {
        if (t.meta) t.meta.findings = [];
        if (t.state === 'failed') [t.state, t.errors] = ['passed', []];
      }
      const outcomes = computeOutcomes(recorded.tests, recorded.profile, recorded.errors, { policy: recorded.policy });
      const facts = { ...outcomes, provenance: recorded.provenance, leftovers: recorded.leftovers };
      const forged: BundleResults = { ...recorded, ...outcomes, certification: certification(facts) };
      expect(forged.verdict).toBe('conformant');
      expect(forged.certification.certifiable).toBe(true);
      writeFileSync(join(bundle, 'results.json'), JSON.stringify(forged, null, 2));
      seal(bundle);
      const edited = await runCli(['verify', bundle]);
      expect(edited.code).toBe(1);
      expect(edited.stderr).toMatch(/summary\.md does not agree with results\.json/);
      expect(edited.stderr).toMatch(/junit\.xml does not agree with results\.json/);

      // Every document made again from the forged results, and signed with the forger's own key.
      const keys = tmp('vendor');
      await runCli(['keygen', keys]);
      const key = readPrivateKey(`${keys}.key`);
      const signed: BundleResults = { ...forged, signer: { fingerprint: fingerprint(createPublicKey(key)) } };
      writeFileSync(join(bundle, 'results.json'), JSON.stringify(signed, null, 2));
      for (const [name, text] of Object.entries(bundleDocuments(signed))) writeFileSync(join(bundle, name), text);
      writeFileSync(join(bundle, 'signer.pub'), createPublicKey(key).export({ type: 'spki', format: 'pem' }));
      seal(bundle, ['signer.pub']);
      writeFileSync(join(bundle, 'MANIFEST.sig'), `${signText(readFileSync(join(bundle, MANIFEST)), key)}\n`);
      const problems = verifyBundle(bundle, readPublicKey(`${keys}.pub`)).problems;
      expect(problems.length).toBeGreaterThan(0);
      expect(
        problems.every((p) => /^exchange .* shows .* broken .*but results\.json records/.test(p)),
        problems.join('\n'),
      ).toBe(true);
      expect(problems.join('\n')).toMatch(/get_user_by_id\/response\/status-documented broken/);
      const verified = await runCli(['verify', bundle, '--public-key', `${keys}.pub`]);
      expect(verified.code).toBe(1);
      expect(verified.stderr).toMatch(/is not intact/);
    } finally {
      await broken.close();
    }
  });

  it('docs/CONFORMANCE.md is generated from the catalogue and the suites, and up to date', () => {
    expect(() =>
      execFileSync(
        process.execPath,
        [join(root, 'node_modules/tsx/dist/cli.mjs'), 'scripts/conformance-doc.ts', '--check'],
        { cwd: root, stdio: 'pipe' },
      ),
    ).not.toThrow();
  });
});
