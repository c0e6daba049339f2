/**
 * The certification bundle: results with their provenance and certification, summary, JUnit,
 * every exchange (redacted) and a README, sealed by a SHA-256 manifest and, given a key, an
 * Ed25519 signature of that manifest. `verify` re-checks a bundle: complete, unmodified,
 * consistent with itself (the documents are what its results make, the outcomes what its tests
 * make, and no exchange shows a MUST broken that the results call anything else), signed by the
 * key the checker trusts, and certifying. A signature proves who made the bundle, never that the
 * run happened as recorded.
 */
import { createHash, createPublicKey, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXCHANGES } from '../src/harness/worker-logs.ts';
import { apiName } from '../src/spec/openapi.ts';
import { evidenceProblems } from './bundle-evidence.ts';
import { type Certification, certification, certificationLabel } from './certification.ts';
import { junitXml } from './junit-report.ts';
import { markdownSummary } from './markdown-summary.ts';
import { computeOutcomes, type Provenance, type RunResults } from './outcomes.ts';
import { targetUrl } from './provenance.ts';
import { fingerprint, signatureHolds, signText } from './signing.ts';

export const BUNDLE_FILES = ['results.json', 'summary.md', 'junit.xml', 'exchanges.ndjson', 'README.md'] as const;
export const MANIFEST = 'MANIFEST.sha256';
export const SIGNATURE = 'MANIFEST.sig';
export const SIGNER = 'signer.pub';

export type BundleResults = RunResults & { certification: Certification; signer?: { fingerprint: string } };

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

function targetText(p: Provenance | undefined): string {
  if (!p) return 'unknown';
  return p.target.kind === 'embedded' ? 'the embedded reference' : targetUrl(p.target);
}

function waivedText(results: BundleResults): string {
  const waived = results.requirements.filter((r) => r.waiver);
  if (!waived.length) return '';
  const lines = waived.map((r) => `- ${r.id}: ${r.waiver?.reason} (waived until ${r.waiver?.expires})`);
  return `\nWaived (known deviations the run was told to expect, still failing):\n${lines.join('\n')}\n`;
}

function readme(results: BundleResults): string {
  const { certification: c, provenance: p } = results;
  const why = c.reasons.length ? c.reasons.map((r) => `- ${r}`).join('\n') : '- every MUST was observed and holds';
  const rows: [string, string][] = [
    ['target', targetText(p)],
    ['suite', p ? `runai-users-conformance ${p.suite.version}, commit ${p.suite.commit}` : 'unknown'],
    ['spec', p ? `${apiName} (version ${p.spec.version}), SHA-256 ${p.spec.sha256}` : 'unknown'],
    ['profile', results.profile],
    ['filters', p?.filters.only ? `--only ${p.filters.only}` : 'none'],
    ['declared capabilities', p?.capabilities.join(', ') || 'none declared'],
    ['fast-check seeds', p?.seeds.join(', ') || 'none recorded'],
    ['Node.js', p?.node ?? 'unknown'],
    ['started', p?.startedAt ?? 'unknown'],
    ['ended', p?.endedAt ?? 'unknown'],
    ['signed by', results.signer ? `Ed25519 key ${results.signer.fingerprint}` : 'unsigned'],
  ];
  const na = c.coverage.notApplicable.map((r) => `- ${r.id}: ${r.reason}`).join('\n') || '- none';
  const answer = c.certifiable ? (c.waived.length ? 'yes, with waivers' : 'yes') : 'no';
  return `# Conformance run: ${apiName}

Certifiable: **${answer}** (verdict: ${results.verdict}; ${certificationLabel(c)})
${why}
${waivedText(results)}
Coverage: ${c.coverage.checked} of ${c.coverage.must} MUST requirements checked, ${c.coverage.notApplicable.length} not
applicable to this target, ${c.coverage.notRun.length} not run, ${c.coverage.inconclusive.length} inconclusive.

Not applicable (a capability the target does not offer):
${na}

| fact | value |
| --- | --- |
${rows.map(([k, v]) => `| ${k} | ${v} |`).join('\n')}

Files: ${BUNDLE_FILES.join(', ')}. \`${MANIFEST}\` holds their SHA-256${
    results.signer
      ? `, \`${SIGNATURE}\` its Ed25519
signature and \`${SIGNER}\` the signing key`
      : ''
  }; check the bundle with
\`npx runai-conformance verify <this folder>${results.signer ? ' --public-key <the key you trust>' : ''}\`.
Secrets (tokens, passwords) are redacted everywhere; users the run did not create appear by id only.

What verifying proves: the files are the ones sealed, they agree with each other (summary, README and
JUnit are what results.json makes; its outcomes are what its tests make), and no recorded exchange shows a
MUST broken that the results call anything else. A signature proves who made the bundle, not that the run
happened as recorded: whoever holds the key can sign whatever they like. A party that certifies runs the
suite itself, from its own checkout, with its own key and on its own runner.
`;
}

/** The documents a bundle's results make: written by the bundle, and made again by verify to compare. */
export function bundleDocuments(results: BundleResults): Record<'summary.md' | 'junit.xml' | 'README.md', string> {
  return { 'summary.md': markdownSummary(results), 'junit.xml': junitXml(results), 'README.md': readme(results) };
}

/** Writes the bundle from a finished run's report folder; signs its manifest when given a key. */
export function writeBundle(reportDir: string, bundleDir: string, signKey?: KeyObject): BundleResults {
  const results = JSON.parse(readFileSync(join(reportDir, 'results.json'), 'utf8')) as RunResults;
  const publicKey = signKey ? createPublicKey(signKey) : undefined;
  const bundled: BundleResults = {
    ...results,
    certification: certification(results),
    ...(publicKey ? { signer: { fingerprint: fingerprint(publicKey) } } : {}),
  };
  mkdirSync(bundleDir, { recursive: true });
  writeFileSync(join(bundleDir, 'results.json'), JSON.stringify(bundled, null, 2));
  for (const [name, text] of Object.entries(bundleDocuments(bundled))) writeFileSync(join(bundleDir, name), text);
  const exchangesDir = join(reportDir, EXCHANGES);
  const lines = existsSync(exchangesDir)
    ? readdirSync(exchangesDir)
        .sort()
        .map((f) => readFileSync(join(exchangesDir, f), 'utf8'))
        .join('')
    : '';
  writeFileSync(join(bundleDir, 'exchanges.ndjson'), lines);
  const files: string[] = [...BUNDLE_FILES];
  if (publicKey) {
    writeFileSync(join(bundleDir, SIGNER), publicKey.export({ type: 'spki', format: 'pem' }));
    files.push(SIGNER);
  }
  const manifest = `${files.map((f) => `${sha256(join(bundleDir, f))}  ${f}`).join('\n')}\n`;
  writeFileSync(join(bundleDir, MANIFEST), manifest);
  if (signKey) writeFileSync(join(bundleDir, SIGNATURE), `${signText(Buffer.from(manifest), signKey)}\n`);
  // An unsigned bundle written over a signed one keeps no signature of another manifest.
  else for (const stale of [SIGNATURE, SIGNER]) rmSync(join(bundleDir, stale), { force: true });
  return bundled;
}

export interface BundleCheck {
  /** Why the bundle is not intact (missing, modified, inconsistent, badly signed); empty when intact. */
  problems: string[];
  /** What the bundle certifies, recomputed from the tests it records. */
  certification?: Certification;
  /** The key that signed it, checked against the given public key when one was given. */
  signer?: string;
}

function manifestEntries(bundleDir: string): Map<string, string> {
  return new Map(
    readFileSync(join(bundleDir, MANIFEST), 'utf8')
      .trim()
      .split('\n')
      .map((line) => {
        const [hash, name] = line.split(/\s+/);
        return [name, hash] as [string, string];
      }),
  );
}

function checkSignature(bundleDir: string, recorded: BundleResults, publicKey: KeyObject | undefined): string[] {
  const signed = existsSync(join(bundleDir, SIGNATURE));
  if (!signed) return publicKey ? ['the bundle is unsigned: it cannot be checked against a public key'] : [];
  if (!existsSync(join(bundleDir, SIGNER))) return [`${SIGNER} is missing`];
  // Without a trusted key the bundle's own key checks consistency only, not who signed it.
  const key = publicKey ?? createPublicKey(readFileSync(join(bundleDir, SIGNER)));
  const problems: string[] = [];
  if (!signatureHolds(readFileSync(join(bundleDir, MANIFEST)), readFileSync(join(bundleDir, SIGNATURE), 'utf8'), key))
    problems.push(publicKey ? 'the signature does not hold for the given public key' : 'the signature does not hold');
  if (recorded.signer?.fingerprint !== fingerprint(key))
    problems.push(`signed by ${recorded.signer?.fingerprint ?? 'an unnamed key'}, not by ${fingerprint(key)}`);
  return problems;
}

/** Checks a bundle; `publicKey` is the key the checker trusts to have signed it. */
export function verifyBundle(bundleDir: string, publicKey?: KeyObject): BundleCheck {
  if (!existsSync(join(bundleDir, MANIFEST))) return { problems: [`${MANIFEST} is missing`] };
  const listed = manifestEntries(bundleDir);
  const problems: string[] = [];
  const expected = existsSync(join(bundleDir, SIGNATURE)) ? [...BUNDLE_FILES, SIGNER] : [...BUNDLE_FILES];
  for (const f of expected) {
    const path = join(bundleDir, f);
    if (!listed.has(f)) problems.push(`${f} is not in the manifest`);
    else if (!existsSync(path)) problems.push(`${f} is missing`);
    else if (sha256(path) !== listed.get(f)) problems.push(`${f} was modified (checksum differs)`);
  }
  if (problems.length) return { problems };
  const recorded = JSON.parse(readFileSync(join(bundleDir, 'results.json'), 'utf8')) as BundleResults;
  problems.push(...checkSignature(bundleDir, recorded, publicKey));
  // Consistency: the verdict and the certification follow from the tests it records.
  const recomputed = computeOutcomes(recorded.tests, recorded.profile, recorded.errors, {
    targetStopped: recorded.targetStopped,
    policy: recorded.policy,
  });
  if (recomputed.verdict !== recorded.verdict)
    problems.push(`verdict ${recorded.verdict} does not follow from the tests (${recomputed.verdict})`);
  const certified = certification({
    ...recomputed,
    leftovers: recorded.leftovers,
    insecure: recorded.insecure,
    provenance: recorded.provenance,
  });
  if (certified.certifiable !== recorded.certification?.certifiable)
    problems.push('the certifiable flag does not follow from the outcomes');
  for (const r of recomputed.requirements) {
    const written = recorded.requirements.find((x) => x.id === r.id);
    if (!written || written.outcome !== r.outcome)
      problems.push(`${r.id}: recorded ${written?.outcome ?? 'nothing'}, tests say ${r.outcome}`);
  }
  // The documents say what the results say: an edited results.json with its old summary is caught.
  for (const [name, text] of Object.entries(bundleDocuments(recorded)))
    if (readFileSync(join(bundleDir, name), 'utf8') !== text) problems.push(`${name} does not agree with results.json`);
  problems.push(...evidenceProblems(readFileSync(join(bundleDir, 'exchanges.ndjson'), 'utf8'), recorded));
  return { problems, certification: certified, signer: recorded.signer?.fingerprint };
}
