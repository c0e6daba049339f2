/**
 * The wire mutation setup keeps working: `npm run mutation:wire` over one operation's suite files
 * judges a handful of mutants, one of each kind the layer applies (an answer's status, a value of
 * its body, a header field, a valid input refused, and one equivalent by rule), and writes the
 * summary the issue names. The sample of a few hundred is `npm run mutation:wire` (nightly).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { allMutants } from '../../src/mutation/wire/mutants.ts';
import type { WireRecord } from '../../src/mutation/wire-runner.ts';
import { cleanEnv } from '../../src/scoring/run-cli.ts';

const root = new URL('../..', import.meta.url).pathname;
/** The first mutant of an operator at a count_users place, as the generator names it. */
const first = (operator: string, at: (id: string) => boolean = () => true) => {
  const found = allMutants().find((m) => m.operationId === 'count_users' && m.operator === operator && at(m.id));
  if (!found) throw new Error(`the generator has no ${operator} mutant of count_users`);
  return found.id;
};

it('judges wire mutants of one operation and writes their summary', { timeout: 240_000 }, () => {
  const killable = [
    first('status-changed', (id) => id.includes(' 200 -> 400')),
    first('integer-plus-one', (id) => id.includes(' 200 body /count')),
    first('header-malformed', (id) => id.includes(' 200 header date')),
    first('input-refused', (id) => id.includes('query search')),
  ];
  const equivalent = first('status-changed', (id) => id.endsWith('-> 503'));
  const out = mkdtempSync(join(tmpdir(), 'rc-wire-'));
  const args = ['tsx', 'scripts/wire-mutation.ts', '--files', 'suites/count_users', '--out', out];
  for (const id of [...killable, equivalent]) args.push('--id', id);
  const run = spawnSync('npx', args, { cwd: root, env: cleanEnv(), encoding: 'utf8' });
  expect(run.status, run.stderr.slice(-2000)).toBe(0);

  const records = JSON.parse(readFileSync(join(out, 'mutants.json'), 'utf8')) as WireRecord[];
  const status = (id: string) => records.find((r) => r.id === id);
  for (const id of killable) {
    expect(status(id)?.status, id).toBe('killed');
    expect(status(id)?.killedBy?.length, id).toBeGreaterThan(0);
  }
  expect(status(equivalent)?.status).toBe('equivalent');
  expect(status(equivalent)?.reason).toMatch(/transient/);

  const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
  expect(summary).toMatchObject({ mutants: 5, killed: 4, survived: 0, equivalent: 1, score: 1 });
  expect(Object.keys(summary.byOperator).sort()).toEqual(
    ['header-malformed', 'input-refused', 'integer-plus-one', 'status-changed'].sort(),
  );
  expect(readFileSync(join(out, 'summary.md'), 'utf8')).toMatch(/\| status-changed \| 2 \| 1 \| 0 \| 1 \|/);
});
