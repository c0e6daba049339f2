/**
 * npm run mutation:wire: the suite against wire mutants of the reference (src/mutation/wire-runner.ts).
 * A seeded sample stratified over operators and operations by default; `-- --all` runs every
 * mutant; `--sample N`, `--seed S`, `--files a,b` (suite files), `--operations x,y`, `--id ID` (repeatable:
 * these mutants only), `--out DIR`.
 * Writes DIR/mutants.json (one record per mutant), DIR/summary.json and DIR/summary.md.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { runWireMutation } from '../src/mutation/wire-runner.ts';
import { markdown, summarize } from '../src/mutation/wire-summary.ts';

const root = new URL('..', import.meta.url).pathname;
const { values } = parseArgs({
  options: {
    all: { type: 'boolean', default: false },
    sample: { type: 'string', default: '400' },
    seed: { type: 'string', default: '20240' },
    files: { type: 'string', default: '' },
    operations: { type: 'string', default: '' },
    // Mutant ids hold commas and spaces: one or more --id flags.
    id: { type: 'string', multiple: true, default: [] },
    out: { type: 'string', default: join(root, 'reports/wire-mutation') },
  },
});
const list = (s: string) => s.split(',').filter(Boolean);
const seed = Number(values.seed);
const sample = values.all ? undefined : Number(values.sample);
const started = Date.now();
const records = await runWireMutation(root, {
  seed,
  sample,
  files: list(values.files),
  operations: list(values.operations),
  ids: values.id,
  onRecord: (r, done, of) =>
    console.log(`[${done}/${of}] ${r.status.padEnd(10)} ${r.id}${r.killedBy ? ` (${r.killedBy[0]})` : ''}`),
});
let commit: string | undefined;
try {
  commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
} catch {}
const summary = summarize(records, {
  seed,
  sample: sample ?? 'all',
  seconds: Math.round((Date.now() - started) / 1000),
  commit,
});
mkdirSync(values.out, { recursive: true });
writeFileSync(join(values.out, 'mutants.json'), `${JSON.stringify(records, null, 2)}\n`);
writeFileSync(join(values.out, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
writeFileSync(join(values.out, 'summary.md'), markdown(summary));
console.log(markdown(summary));
// Vitest's pools and timers are gone with the session; what is left is not the run's.
process.exit(0);
