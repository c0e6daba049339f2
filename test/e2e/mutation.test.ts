/**
 * The mutation setup keeps working: Stryker, with the project's configuration, runs the
 * conformance runner over a few mutants of one line of the reference (the plain comparison of
 * values every filter and sort uses) and the suite kills each of them. The full run is
 * `npm run mutation` (nightly), not part of `npm test`.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { cleanEnv } from '../../src/scoring/run-cli.ts';

const root = new URL('../..', import.meta.url).pathname;
const LINE = 'return a < b ? -1 : a > b ? 1 : 0;';

it('kills every mutant of one line of the reference through the suite', { timeout: 240_000 }, () => {
  const source = readFileSync(join(root, 'reference/user-fields.ts'), 'utf8').split('\n');
  const line = source.findIndex((l) => l.includes(LINE)) + 1;
  expect(line, 'the line under mutation').toBeGreaterThan(0);
  const dir = mkdtempSync(join(tmpdir(), 'rc-stryker-'));
  const report = join(dir, 'mutation.json');
  const config = JSON.parse(readFileSync(join(root, 'stryker.config.json'), 'utf8'));
  writeFileSync(
    join(dir, 'stryker.config.json'),
    JSON.stringify({
      ...config,
      mutate: [`reference/user-fields.ts:${line}-${line}`],
      concurrency: 1,
      reporters: ['json'],
      jsonReporter: { fileName: report },
      tempDirName: '.stryker-tmp-selftest',
      incremental: false,
    }),
  );
  const run = spawnSync('npx', ['stryker', 'run', join(dir, 'stryker.config.json')], {
    cwd: root,
    env: cleanEnv(),
    encoding: 'utf8',
  });
  expect(run.status, run.stdout.slice(-2000) + run.stderr.slice(-2000)).toBe(0);
  const mutants = Object.values(
    (JSON.parse(readFileSync(report, 'utf8')) as { files: Record<string, { mutants: { status: string }[] }> }).files,
  ).flatMap((f) => f.mutants);
  expect(mutants.length).toBeGreaterThanOrEqual(4);
  expect(mutants.map((m) => m.status)).toEqual(mutants.map(() => 'Killed'));
});
