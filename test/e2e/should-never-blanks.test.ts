import { describe, expect, it } from 'vitest';
import { requirement } from '../../src/catalogue/requirements.ts';
import { runCli } from '../../src/scoring/run-cli.ts';

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
  });

  it('a MUST fault beside a SHOULD fault: exit 1, the MUST named', async () => {
    const run = await runCli(['run', '--reference-faults', 'error-code-mismatch,reset-keeps-password']);
    const failed = (run.results?.requirements ?? []).filter((r) => r.outcome === 'fail').map((r) => r.id);
    expect(failed).toContain('reset_user_password/success/new-temp-password');
    expect(failed).toContain('common/error/code-matches-status');
    expect(run.code).toBe(1);
  });
});
