import { describe, expect, it } from 'vitest';
import { requirements } from '../../src/catalogue/requirements.ts';
import { runCli } from '../../src/scoring/run-cli.ts';

describe('npm run conformance against the embedded reference', () => {
  it('certifies the reference: exit 0, every requirement passes, summary printed', async () => {
    const run = await runCli(['run']);
    expect(run.stderr).not.toMatch(/runai-conformance:/);
    expect(run.code).toBe(0);
    expect(run.results?.verdict).toBe('conformant');
    const notPassing = run.results?.requirements
      .filter((r) => r.outcome !== 'pass')
      .map((r) => `${r.id}: ${r.outcome} ${r.reason ?? ''}`);
    expect(notPassing).toEqual([]);
    expect(run.stdout).toMatch(/Requirements by operation/);
    expect(run.stdout).toMatch(/CONFORMANT/);
  });

  it('every catalogued requirement is checked by a test, by the client, or says why not', async () => {
    const run = await runCli(['run', '--profile', 'full']);
    expect(run.code).toBe(0);
    const tested = new Set(run.results?.tests.flatMap((t) => t.meta?.requirements ?? []));
    const unchecked = requirements
      .filter((r) => !tested.has(r.id) && r.checkedBy !== 'client' && !r.untestedBecause)
      .map((r) => r.id);
    expect(unchecked).toEqual([]);
  });

  it('the smoke profile writes nothing', async () => {
    const run = await runCli(['run', '--profile', 'smoke']);
    expect(run.code).toBe(0);
    const ran = run.results?.tests.filter((t) => t.state !== 'skipped') ?? [];
    const writes = ran
      .flatMap((t) => Object.keys(t.meta?.observed ?? {}))
      .filter((op) => !['get_users', 'count_users', 'get_user_by_id'].includes(op));
    expect(ran.length).toBeGreaterThan(10);
    expect(writes).toEqual([]);
  });
});
