import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { requirement } from '../../src/catalogue/requirements.ts';
import { type CliRun, runCli } from '../../src/scoring/run-cli.ts';

/** What JUnit and Allure count: failures, and results by status. */
function reportCounts(run: CliRun) {
  const junit = readFileSync(join(run.reportDir, 'junit.xml'), 'utf8');
  const head = /<testsuites [^>]*>/.exec(junit)?.[0] ?? '';
  const attr = (name: string) => Number(new RegExp(`${name}="(\\d+)"`).exec(head)?.[1]);
  const dir = join(run.reportDir, 'allure-results');
  const allure = readdirSync(dir)
    .filter((f) => f.endsWith('-result.json'))
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as { status: string; name: string });
  return {
    junit: { tests: attr('tests'), failures: attr('failures'), failedCases: junit.match(/<failure /g)?.length ?? 0 },
    allure: { results: allure.length, failed: allure.filter((a) => a.status === 'failed').length },
  };
}

// A failed SHOULD leaves the run usable: later steps still run, MUSTs still pass or fail,
// nothing becomes inconclusive on its account, and a run whose only failures are SHOULDs exits 0.
describe('a failed SHOULD never blanks a MUST', () => {
  it('SHOULD faults in the client checks and mid-lifecycle: exit 0, every MUST judged and passing', async () => {
    const run = await runCli(['run', '--reference-faults', 'duplicate-case-allowed,error-code-mismatch']);
    const results = run.results?.requirements ?? [];
    const failed = results.filter((r) => r.outcome === 'fail').map((r) => r.id);
    expect(failed.sort()).toEqual([
      'common/error/code-matches-status',
      'create_user/conflict/duplicate-email-case-409',
    ]);
    expect(results.filter((r) => r.outcome === 'inconclusive').map((r) => `${r.id}: ${r.reason}`)).toEqual([]);
    const must = results.filter((r) => requirement(r.id).level === 'MUST');
    expect(must.filter((r) => r.outcome !== 'pass').map((r) => `${r.id}: ${r.outcome}`)).toEqual([]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Warnings \(SHOULD\)/);
    // The reports agree with the verdict: a conformant run has no failure in JUnit or Allure.
    const counts = reportCounts(run);
    expect(counts.junit).toEqual({ tests: results.length, failures: 0, failedCases: 0 });
    expect(counts.allure).toEqual({ results: results.length, failed: 0 });
    expect(run.results?.counts).toMatchObject({ fail: 0, warning: 2 });
  });

  it('a MUST fault beside a SHOULD fault: exit 1, the MUST named', async () => {
    const run = await runCli(['run', '--reference-faults', 'error-code-mismatch,reset-keeps-password']);
    const failed = (run.results?.requirements ?? []).filter((r) => r.outcome === 'fail').map((r) => r.id);
    expect(failed).toContain('reset_user_password/success/new-temp-password');
    expect(failed).toContain('common/error/code-matches-status');
    expect(run.code).toBe(1);
    // N broken MUSTs: N failures in JUnit and Allure, the SHOULD a warning.
    const broken = (run.results?.requirements ?? []).filter((r) => r.outcome === 'fail' && r.level === 'MUST');
    expect(broken.length).toBeGreaterThan(0);
    const counts = reportCounts(run);
    expect(counts.junit.failures).toBe(broken.length);
    expect(counts.junit.failedCases).toBe(broken.length);
    expect(counts.allure.failed).toBe(broken.length);
    expect(run.results?.counts?.fail).toBe(broken.length);
  });
});
