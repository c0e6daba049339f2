/**
 * The certification bundle: results, summary, JUnit, every exchange (redacted) and a README
 * saying how the run was made, sealed by a SHA-256 manifest. `verify` re-checks a bundle:
 * complete, consistent with itself, and unmodified.
 */

import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { apiName, specSha256 } from '../src/spec/openapi.ts';
import { markdownSummary } from './markdown-summary.ts';
import { computeOutcomes, type RunResults } from './outcomes.ts';

export const BUNDLE_FILES = ['results.json', 'summary.md', 'junit.xml', 'exchanges.ndjson', 'README.md'] as const;
export const MANIFEST = 'MANIFEST.sha256';

export interface RunFacts {
  suiteVersion: string;
  suiteCommit: string;
  nodeVersion: string;
  profile: string;
  seed: string;
  /** Optional capabilities the target declared (RUNAI_CAPABILITIES). */
  capabilities: string;
  targetHost: string;
  startedAt: string;
  endedAt: string;
}

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

export function certifiable(results: RunResults): boolean {
  return (
    results.requirements.every((r) => r.outcome !== 'fail' && r.outcome !== 'inconclusive') &&
    results.errors.length === 0 &&
    (results.leftovers ?? []).length === 0 &&
    !results.insecure
  );
}

export function suiteCommit(root: string): string {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], { cwd: root, stdio: ['ignore', 'pipe', 'ignore'] })
      .toString()
      .trim();
  } catch {
    return 'unknown (not a git checkout)';
  }
}

function readme(results: RunResults, facts: RunFacts): string {
  return `# Conformance run: ${apiName}

Certifiable: **${certifiable(results) ? 'yes' : 'no'}** (verdict: ${results.verdict}; a run is certifiable only when
no requirement failed and none was inconclusive).

| fact | value |
| --- | --- |
| suite | runai-users-conformance ${facts.suiteVersion}, commit ${facts.suiteCommit} |
| spec | spec/openapi.json, SHA-256 ${specSha256} |
| Node.js | ${facts.nodeVersion} |
| profile | ${facts.profile} |
| fast-check seed | ${facts.seed} (replay: RUNAI_FC_SEED=${facts.seed}) |
| declared capabilities | ${facts.capabilities} |
| target host | ${facts.targetHost} |
| started | ${facts.startedAt} |
| ended | ${facts.endedAt} |

Files: ${BUNDLE_FILES.join(', ')}. \`${MANIFEST}\` holds their SHA-256; check the bundle with
\`npx runai-conformance verify <this folder>\`. Secrets (tokens, passwords) are redacted everywhere.
`;
}

/** Writes the bundle from a finished run's report folder. */
export function writeBundle(reportDir: string, bundleDir: string, facts: RunFacts): RunResults {
  const results = JSON.parse(readFileSync(join(reportDir, 'results.json'), 'utf8')) as RunResults;
  mkdirSync(bundleDir, { recursive: true });
  writeFileSync(
    join(bundleDir, 'results.json'),
    JSON.stringify({ ...results, certifiable: certifiable(results), facts }, null, 2),
  );
  writeFileSync(join(bundleDir, 'summary.md'), markdownSummary(results));
  const junit = join(reportDir, 'junit.xml');
  if (existsSync(junit)) copyFileSync(junit, join(bundleDir, 'junit.xml'));
  else writeFileSync(join(bundleDir, 'junit.xml'), '<testsuites/>\n');
  const exchangesDir = join(reportDir, 'exchanges');
  const lines = existsSync(exchangesDir)
    ? readdirSync(exchangesDir)
        .sort()
        .map((f) => readFileSync(join(exchangesDir, f), 'utf8'))
        .join('')
    : '';
  writeFileSync(join(bundleDir, 'exchanges.ndjson'), lines);
  writeFileSync(join(bundleDir, 'README.md'), readme(results, facts));
  writeFileSync(
    join(bundleDir, MANIFEST),
    `${BUNDLE_FILES.map((f) => `${sha256(join(bundleDir, f))}  ${f}`).join('\n')}\n`,
  );
  return results;
}

/** Problems with a bundle; empty when it is complete, consistent and unmodified. */
export function verifyBundle(bundleDir: string): string[] {
  const problems: string[] = [];
  const manifestPath = join(bundleDir, MANIFEST);
  if (!existsSync(manifestPath)) return [`${MANIFEST} is missing`];
  const listed = new Map(
    readFileSync(manifestPath, 'utf8')
      .trim()
      .split('\n')
      .map((line) => {
        const [hash, name] = line.split(/\s+/);
        return [name, hash] as [string, string];
      }),
  );
  for (const f of BUNDLE_FILES) {
    const path = join(bundleDir, f);
    if (!listed.has(f)) problems.push(`${f} is not in the manifest`);
    else if (!existsSync(path)) problems.push(`${f} is missing`);
    else if (sha256(path) !== listed.get(f)) problems.push(`${f} was modified (checksum differs)`);
  }
  if (problems.length) return problems;
  // Consistency: the verdict and certifiability follow from the tests it records.
  const recorded = JSON.parse(readFileSync(join(bundleDir, 'results.json'), 'utf8')) as RunResults & {
    certifiable: boolean;
  };
  const recomputed = computeOutcomes(recorded.tests, recorded.profile, recorded.errors);
  if (recomputed.verdict !== recorded.verdict)
    problems.push(`verdict ${recorded.verdict} does not follow from the tests (${recomputed.verdict})`);
  if (
    certifiable({ ...recomputed, leftovers: recorded.leftovers, insecure: recorded.insecure }) !== recorded.certifiable
  )
    problems.push('the certifiable flag does not follow from the outcomes');
  for (const r of recomputed.requirements) {
    const written = recorded.requirements.find((x) => x.id === r.id);
    if (!written || written.outcome !== r.outcome)
      problems.push(`${r.id}: recorded ${written?.outcome ?? 'nothing'}, tests say ${r.outcome}`);
  }
  return problems;
}
