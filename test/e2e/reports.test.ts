import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { appendFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MANIFEST, verifyBundle } from '../../reporters/certification.ts';
import { runCli } from '../../src/scoring/run-cli.ts';

const root = new URL('../..', import.meta.url).pathname;

describe('reports', () => {
  it('a certified run writes a bundle that verifies, an Allure report, and tampering is caught', async () => {
    const bundle = join(mkdtempSync(join(tmpdir(), 'rc-bundle-')), 'bundle');
    const run = await runCli(['run', '--profile', 'smoke', '--certify', bundle]);
    expect(run.code).toBe(0);
    try {
      expect(run.stdout).toMatch(/Certification bundle: .* \(certifiable\)/);
      expect(verifyBundle(bundle)).toEqual([]);
      expect(readFileSync(join(bundle, 'README.md'), 'utf8')).toMatch(/SHA-256 [0-9a-f]{64}/);
      expect(readFileSync(join(bundle, 'exchanges.ndjson'), 'utf8').trim().split('\n').length).toBeGreaterThan(20);

      // An HTML report with every test, from the run's Allure results.
      const out = mkdtempSync(join(tmpdir(), 'rc-allure-'));
      execFileSync(
        process.execPath,
        [join(root, 'node_modules/allure/cli.js'), 'generate', join(run.reportDir, 'allure-results'), '-o', out],
        { cwd: root, stdio: 'ignore' },
      );
      expect(existsSync(join(out, 'index.html'))).toBe(true);
      expect(readdirSync(join(out, 'data', 'test-results')).length).toBe(run.results?.tests.length);

      // Edited file: checksum differs. Edited outcome with a re-sealed manifest: inconsistent.
      appendFileSync(join(bundle, 'summary.md'), '\nall good\n');
      expect(verifyBundle(bundle).join()).toMatch(/summary.md was modified/);
      const results = JSON.parse(readFileSync(join(bundle, 'results.json'), 'utf8'));
      results.tests.find((t: { state: string }) => t.state === 'passed').state = 'failed';
      writeFileSync(join(bundle, 'results.json'), JSON.stringify(results));
      const manifest = readdirSync(bundle)
        .filter((f) => f !== MANIFEST)
        .map(
          (f) =>
            `${createHash('sha256')
              .update(readFileSync(join(bundle, f)))
              .digest('hex')}  ${f}`,
        )
        .join('\n');
      writeFileSync(join(bundle, MANIFEST), `${manifest}\n`);
      expect(verifyBundle(bundle).join()).toMatch(/does not follow from the tests|recorded pass, tests say/);
      expect((await runCli(['verify', bundle])).code).toBe(1);
    } finally {
      execFileSync('rm', ['-rf', bundle]);
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
