import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunResults } from '../../reporters/outcomes.ts';
import { diffMarkdown, diffResults, notRunCount, runDifferences } from '../../reporters/results-diff.ts';
import { runCli } from '../../src/scoring/run-cli.ts';

const results = (outcomes: Record<string, [string, string]>): RunResults =>
  ({
    verdict: 'conformant',
    profile: 'standard',
    tests: [],
    errors: [],
    requirements: Object.entries(outcomes).map(([id, [level, outcome]]) => ({
      id,
      title: id,
      level,
      operation: id.split('/')[0],
      outcome,
      tests: [],
      findings: [],
    })),
  }) as unknown as RunResults;

const before = results({
  'get_users/a/x': ['MUST', 'pass'],
  'get_users/a/y': ['SHOULD', 'pass'],
  'get_users/a/z': ['MUST', 'fail'],
  'get_users/a/w': ['MUST', 'pass'],
});
const after = results({
  'get_users/a/x': ['MUST', 'fail'],
  'get_users/a/y': ['SHOULD', 'fail'],
  'get_users/a/z': ['MUST', 'pass'],
  'get_users/a/w': ['MUST', 'inconclusive'],
});

describe('regression diff', () => {
  it('names what is newly failing, fixed or inconclusive, and which MUSTs regressed', () => {
    const changes = diffResults(before, after);
    expect(changes.map((c) => `${c.change} ${c.id}`)).toEqual([
      'newly failing get_users/a/x',
      'newly failing get_users/a/y',
      'newly inconclusive get_users/a/w',
      'fixed get_users/a/z',
    ]);
    expect(changes.filter((c) => c.regression).map((c) => c.id)).toEqual(['get_users/a/x']);
    expect(diffMarkdown(changes)).toMatch(/4 requirement\(s\) changed, 1 MUST regression/);
    expect(diffResults(before, before)).toEqual([]);
  });

  it('warns when the runs differ in target, profile or filters, and counts not run apart from pass', async () => {
    const remote = (host: string, only?: string) =>
      ({
        ...before,
        provenance: { target: { kind: 'remote', scheme: 'https', host, basePath: '' }, filters: only ? { only } : {} },
      }) as unknown as RunResults;
    expect(runDifferences(remote('a.example'), remote('a.example'))).toEqual([]);
    const warned = runDifferences(remote('a.example'), { ...remote('b.example', 'create_user'), profile: 'smoke' });
    expect(warned.join('\n')).toMatch(/targets differ: https:\/\/a.example and https:\/\/b.example/);
    expect(warned.join('\n')).toMatch(/profiles differ: standard and smoke/);
    expect(warned.join('\n')).toMatch(/filters \(--only\) differ: none and create_user/);
    const skipped = results({ 'get_users/a/x': ['MUST', 'not-run'], 'get_users/a/y': ['SHOULD', 'pass'] });
    expect(diffResults(before, skipped)[0]?.change).toBe('newly not run');
    expect(notRunCount(skipped)).toBe(1);
    const dir = mkdtempSync(join(tmpdir(), 'rc-diff-'));
    const [a, b] = [join(dir, 'a.json'), join(dir, 'b.json')];
    writeFileSync(a, JSON.stringify(remote('a.example')));
    writeFileSync(b, JSON.stringify(remote('b.example')));
    const run = await runCli(['diff', a, b]);
    expect(run.stdout).toMatch(/warning: the targets differ/);
    expect(run.stdout).toMatch(/Not run \(not a pass\): 0 before, 0 now/);
  });

  it('the diff command: exit 1 on a MUST regression, 0 otherwise, 2 on unreadable input', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rc-diff-'));
    const [a, b] = [join(dir, 'a.json'), join(dir, 'b.json')];
    writeFileSync(a, JSON.stringify(before));
    writeFileSync(b, JSON.stringify(after));
    const regressed = await runCli(['diff', a, b]);
    expect(regressed.code).toBe(1);
    expect(regressed.stdout).toMatch(/newly failing\s+MUST\s+get_users\/a\/x/);
    expect((await runCli(['diff', a, a])).code).toBe(0);
    const unreadable = await runCli(['diff', a, join(dir, 'missing.json')]);
    expect(unreadable.code).toBe(2);
    expect(unreadable.stderr).toMatch(/cannot read the runs to compare/);
  });

  it('--help lists every option with its variable, and gives examples', async () => {
    const help = await runCli(['--help']);
    expect(help.code).toBe(0);
    for (const v of ['RUNAI_BASE_URL', 'RUNAI_TOKEN', 'RUNAI_CONCURRENCY', 'RUNAI_MAX_RPS', 'RUNAI_CAPABILITIES'])
      expect(help.stdout).toContain(v);
    expect(help.stdout).toMatch(/examples:/);
  });
});
