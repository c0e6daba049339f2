import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/scoring/run-cli.ts';

// A target without password login: the checks that need it are not applicable, unless the
// target declares the capability, in which case its absence is a failure.
describe('declared capabilities', () => {
  const only = ['--only', 'lifecycle/login'];

  it('undeclared and missing: not applicable, exit 0', async () => {
    const run = await runCli(['run', '--reference-variants', 'no-password-login', ...only]);
    expect(run.code, run.stderr.slice(-800)).toBe(0);
    const outcome = (id: string) => run.results?.requirements.find((r) => r.id === id)?.outcome;
    expect(outcome('create_user/login/temp-password-works')).toBe('not-applicable');
    expect(outcome('common/capabilities/declared-honoured')).not.toBe('fail');
  });

  it('declared and missing: a failure of the declared capability, exit 1, recorded in the bundle', async () => {
    const bundle = join(tmpdir(), `rc-capabilities-${process.pid}`);
    const run = await runCli([
      'run',
      '--reference-variants',
      'no-password-login',
      '--capabilities',
      'password-login',
      '--certify',
      bundle,
      ...only,
    ]);
    expect(run.code).toBe(1);
    const failed = run.results?.requirements.filter((r) => r.outcome === 'fail').map((r) => r.id);
    expect(failed).toContain('common/capabilities/declared-honoured');
    expect(readFileSync(join(bundle, 'README.md'), 'utf8')).toMatch(/declared capabilities \| password-login/);
  });

  it('an unknown capability is a configuration error: exit 2 with a reason', async () => {
    const run = await runCli(['run', '--capabilities', 'time-travel']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/unknown capability "time-travel"/);
  });
});
