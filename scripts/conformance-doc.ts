/**
 * Writes docs/CONFORMANCE.md from the catalogue and the collected tests (vitest list), and
 * docs/TRACEABILITY.md from the published catalogues. `--check` exits 1 when either is stale.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ListedTest, renderConformanceDoc } from '../reporters/conformance-doc.ts';
import { renderTraceabilityDoc } from '../reporters/traceability-doc.ts';
import { cleanEnv } from '../src/scoring/run-cli.ts';
import { writeOrCheck } from './write-or-check.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const docPath = join(root, 'docs', 'CONFORMANCE.md');

export function collectTests(): ListedTest[] {
  const out = join(mkdtempSync(join(tmpdir(), 'rc-list-')), 'tests.json');
  // A clean environment: collection starts the embedded reference, never a remote target.
  const env = cleanEnv();
  execFileSync(
    process.execPath,
    [join(root, 'node_modules/vitest/vitest.mjs'), 'list', `--json=${out}`, '--config', join(root, 'vitest.config.ts')],
    {
      cwd: root,
      env: { ...env, RUNAI_REPORT_DIR: join(dirname(out), 'reports') },
      stdio: 'ignore',
    },
  );
  const listed = JSON.parse(readFileSync(out, 'utf8')) as ListedTest[];
  return listed
    .map((t) => ({ name: t.name, file: relative(root, t.file) }))
    .sort((a, b) => `${a.file} ${a.name}`.localeCompare(`${b.file} ${b.name}`));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeOrCheck(docPath, renderConformanceDoc(collectTests()), 'npm run conformance-doc');
  writeOrCheck(join(root, 'docs', 'TRACEABILITY.md'), renderTraceabilityDoc(), 'npm run conformance-doc');
}
