/**
 * npm run mutation: Stryker over the conforming reference (stryker.config.json), then the
 * summary. A full run writes its numbers into the README; `-- --changed [BASE]` mutates only
 * the reference files changed since BASE (default: origin/main, else HEAD), and any other
 * arguments go to Stryker as they are (e.g. `-- --mutate reference/user-store.ts`).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const args = process.argv.slice(2);
const git = (...a: string[]) => execFileSync('git', a, { cwd: root, encoding: 'utf8' }).trim();

/** Reference files the configuration mutates, changed since `base` (committed or not). */
function changedFiles(base: string): string[] {
  const { mutate } = JSON.parse(readFileSync(join(root, 'stryker.config.json'), 'utf8')) as { mutate: string[] };
  const excluded = new Set(mutate.filter((p) => p.startsWith('!')).map((p) => p.slice(1)));
  const changed = [git('diff', '--name-only', base), git('ls-files', '--others', '--exclude-standard', 'reference')]
    .join('\n')
    .split('\n');
  return [...new Set(changed)].filter((f) => /^reference\/[^/]+\.ts$/.test(f) && !excluded.has(f));
}

const changed = args.indexOf('--changed');
let strykerArgs = args;
if (changed >= 0) {
  const given = args[changed + 1];
  const base = given && !given.startsWith('--') ? given : undefined;
  const fallback = spawnSync('git', ['rev-parse', '--verify', '-q', 'origin/main'], { cwd: root }).status === 0;
  const files = changedFiles(base ?? (fallback ? 'origin/main' : 'HEAD'));
  if (!files.length) {
    console.log('mutation: no reference file that is mutated has changed');
    process.exit(0);
  }
  strykerArgs = [...args.filter((_, i) => i !== changed && !(base && i === changed + 1)), '--mutate', files.join(',')];
}
const started = Date.now();
const stryker = spawnSync('npx', ['stryker', 'run', ...strykerArgs], { cwd: root, stdio: 'inherit' });
if (stryker.status !== 0) process.exit(stryker.status ?? 2);
const full = !strykerArgs.includes('--mutate');
const summary = spawnSync('npx', ['tsx', 'scripts/mutation-summary.ts', ...(full ? ['--readme'] : [])], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, MUTATION_SECONDS: String(Math.round((Date.now() - started) / 1000)) },
});
process.exit(summary.status ?? 2);
