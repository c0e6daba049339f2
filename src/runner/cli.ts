/**
 * runai-conformance: `run` (default) certifies a target, `reference` serves the embedded
 * reference, `cleanup` deletes users left by interrupted runs.
 * Exit codes: 0 conformant, 1 non-conformant, 2 the run could not be made.
 */

import type { KeyObject } from 'node:crypto';
import { appendFileSync, existsSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { verifyBundle, writeBundle } from '../../reporters/bundle.ts';
import { certificationLabel } from '../../reporters/certification.ts';
import { announceOnGitHub } from '../../reporters/github-annotations.ts';
import { exitCodeFor, type RunResults } from '../../reporters/outcomes.ts';
import { provenance, suiteVersion, targetUrl } from '../../reporters/provenance.ts';
import { credentialsFor } from '../../reporters/replay-line.ts';
import {
  diffMarkdown,
  diffResults,
  formatDiff,
  loadResults,
  notRunCount,
  type OutcomeChange,
  runDifferences,
} from '../../reporters/results-diff.ts';
import { finishRun } from '../../reporters/run-report.ts';
import { generateSigningKey, readPrivateKey, readPublicKey } from '../../reporters/signing.ts';
import { formatSummary } from '../../reporters/terminal-summary.ts';
import { ConfigError, configToEnv, configWarnings, ENV, loadConfig, type RunConfig } from '../config/run-config.ts';
import { runPolicy } from '../config/waivers.ts';
import { readLeftovers, readRunLog } from '../harness/created-users.ts';
import { clearRunFiles } from '../harness/run-files.ts';
import { ANY_RUN_USERNAME, newRunId } from '../model/run-naming.ts';
import { apiName } from '../spec/openapi.ts';
import { PreflightError, preflight } from './preflight.ts';
import { runVitest } from './run-vitest.ts';
import { OPTIONS, usage } from './usage.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** Each flag and the setting it sets. */
const FLAGS = Object.fromEntries(Object.entries(OPTIONS).map(([flag, spec]) => [flag, spec.key])) as Record<
  string,
  keyof RunConfig
>;

class UsageError extends Error {}

/** What a command takes beside its options, for the usage error. */
const OPERANDS: Record<string, string> = { diff: 'OLD and NEW', keygen: 'a PREFIX', replay: 'a REQUIREMENT' };

/** Every option the command line takes: the settings' flags, then the CLI's own. */
const PARSE_OPTIONS = {
  ...Object.fromEntries(Object.keys(FLAGS).map((f) => [f, { type: 'string' as const }])),
  port: { type: 'string' },
  certify: { type: 'string' },
  'sign-key': { type: 'string' },
  'public-key': { type: 'string' },
  'integrity-only': { type: 'boolean' },
  from: { type: 'string' },
  'read-only': { type: 'boolean' },
  'keep-foreign-data': { type: 'boolean' },
  insecure: { type: 'boolean' },
  verbose: { type: 'boolean' },
  header: { type: 'string', multiple: true },
  help: { type: 'boolean' },
  version: { type: 'boolean' },
} as const satisfies ParseArgsConfig['options'];

/** Options that take a value: what follows one is its value, even when it starts with a dash (`--max-rps -1`). */
const VALUED = new Set(
  Object.entries(PARSE_OPTIONS)
    .filter(([, o]) => o.type === 'string')
    .map(([name]) => `--${name}`),
);

/** `--flag -1` as `--flag=-1`, which parseArgs takes; the setting's own check then says what is wrong. */
function joinDashedValues(argv: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const next = argv[i + 1];
    if (VALUED.has(arg) && next?.startsWith('-') && !/^--?[a-z]/i.test(next)) {
      out.push(`${arg}=${next}`);
      i++;
    } else out.push(arg);
  }
  return out;
}

function parse(argv: string[]) {
  try {
    const { values, positionals } = parseArgs({
      args: joinDashedValues(argv),
      options: PARSE_OPTIONS,
      allowPositionals: true,
      strict: true,
    });
    const command = positionals[0] ?? 'run';
    if (!['run', 'reference', 'cleanup', 'verify', 'bundle', 'diff', 'keygen', 'replay', 'help'].includes(command))
      throw new UsageError(`unknown command "${command}"`);
    const operands = command === 'diff' ? 2 : ['verify', 'bundle', 'keygen', 'replay'].includes(command) ? 1 : 0;
    if (positionals.slice(1).length !== operands) {
      throw new UsageError(
        operands ? `${command} takes ${OPERANDS[command] ?? 'one folder'}` : `unexpected argument "${positionals[1]}"`,
      );
    }
    const env: Record<string, string | undefined> = { ...process.env };
    // --read-only: no write at all (production monitoring); the config refuses a writing profile beside it.
    if (values['read-only']) env[ENV.readOnly] = 'true';
    if (values['keep-foreign-data']) env[ENV.keepForeignData] = 'true';
    if (values.insecure) env[ENV.insecure] = 'true';
    if (values.verbose) env[ENV.verbose] = 'true';
    if (values.header) env[ENV.headers] = (values.header as string[]).join('\n');
    for (const [flag, key] of Object.entries(FLAGS)) {
      const v = (values as Record<string, unknown>)[flag];
      if (typeof v === 'string') env[ENV[key]] = v;
    }
    return {
      command: values.help ? 'help' : values.version ? 'version' : command,
      env,
      port: values.port as string | undefined,
      certify: values.certify as string | undefined,
      signKey: values['sign-key'] as string | undefined,
      publicKey: values['public-key'] as string | undefined,
      integrityOnly: values['integrity-only'] === true,
      from: values.from as string | undefined,
      bundle: positionals[1],
      operands: positionals.slice(1),
    };
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(parseErrorMessage(error as Error & { code?: string }));
  }
}

function editDistance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++)
      next[j] = Math.min(
        (row[j] ?? 0) + 1,
        (next[j - 1] ?? 0) + 1,
        (row[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    row = next;
  }
  return row[b.length] ?? 0;
}

/** node's parseArgs messages, in the CLI's words: the closest known flag for an unknown one. */
function parseErrorMessage(error: Error & { code?: string }): string {
  const unknown = /Unknown option '-{1,2}([^']+)'/.exec(error.message)?.[1];
  if (error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && unknown !== undefined) {
    const [best] = Object.keys(PARSE_OPTIONS)
      .map((f) => [f, editDistance(unknown, f)] as const)
      .sort((x, y) => x[1] - y[1]);
    const hint = best && best[1] <= Math.max(2, Math.floor(unknown.length / 3)) ? `; did you mean --${best[0]}?` : '';
    return `unknown option --${unknown}${hint}`;
  }
  const missing = /Option '(-{1,2}[\w-]+)(?:, -\w)? <value>' argument missing/.exec(error.message)?.[1];
  if (missing) return `${missing} needs a value`;
  return error.message;
}

/** A setting named as the user may have set it: its flag and its variable. */
function withFlags(message: string): string {
  let out = message;
  for (const [flag, spec] of Object.entries(OPTIONS)) {
    const variable = ENV[spec.key];
    if (out.includes(variable) && !out.includes(`--${flag}`)) out = out.replace(variable, `--${flag} (${variable})`);
  }
  return out;
}

/** The signing key, read before the run: a bad key is the user's mistake, found before any request. */
function signingKey(path: string | undefined, certifyDir: string | undefined) {
  if (!path) return undefined;
  if (!certifyDir) throw new UsageError('--sign-key goes with --certify DIR');
  try {
    return readPrivateKey(path);
  } catch (error) {
    throw new ConfigError(`--sign-key: ${(error as Error).message}`);
  }
}

async function runSuite(
  config: RunConfig,
  certifyDir?: string,
  signKeyPath?: string,
  testName?: string,
): Promise<number> {
  const signKey = signingKey(signKeyPath, certifyDir);
  // An expired waiver or an unknown requirement stops the run before it starts.
  const policy = runPolicy(config);
  // The first line says what is tested: a missing base URL must never pass for a tested server.
  console.log(`runai-conformance: testing ${targetName(config)}, profile ${config.profile}`);
  for (const w of configWarnings(process.env)) console.error(`runai-conformance: warning: ${withFlags(w)}`);
  if (config.insecure)
    console.error('runai-conformance: warning: TLS verification is off (--insecure); not certifiable');
  if (config.baseUrl) await preflight(config);
  const reportDir = resolve(config.reportDir);
  clearRunFiles(reportDir);
  // The Allure writer never clears its folder: results of an earlier run would mix in.
  rmSync(join(reportDir, 'allure-results'), { recursive: true, force: true });
  // One fast-check seed for the whole run, so that the run can be replayed as it was.
  const seed = process.env.RUNAI_FC_SEED ?? String(Math.floor(Math.random() * 2 ** 31));
  const startedAt = new Date();
  Object.assign(process.env, configToEnv({ ...config, reportDir }), { RUNAI_RUN_ID: newRunId(), RUNAI_FC_SEED: seed });

  const { interrupted } = await runVitest(root, config.only, testName ? [testName] : [], () =>
    abandoned(config, reportDir),
  );
  if (interrupted) {
    console.error(
      `runai-conformance: interrupted; the users it created on ${targetName(config)} were cleaned up ` +
        '(any that could not be are named above)',
    );
    return 2;
  }

  if (!existsSync(join(reportDir, 'results.json')))
    throw new PreflightError('the suite ended without results (see the output above)');
  const results = finishRun(reportDir, (recorded) => ({
    policy,
    provenance: provenance({ root, config, tests: recorded.tests, startedAt: startedAt.toISOString() }),
    wallSeconds: Math.round((Date.now() - startedAt.getTime()) / 100) / 10,
  }));
  announceOnGitHub(results);
  if (certifyDir) writeCertification(reportDir, certifyDir, signKey);
  // The verdict, naming the target, is the last line whatever else was printed.
  console.log(formatSummary(results, reportDir));
  return exitCodeFor(results.verdict);
}

/** Shown as a run is abandoned: what its journal says may still stand, and the line that deletes it. */
function abandoned(config: RunConfig, reportDir: string): void {
  if (!config.baseUrl) {
    console.error(
      'runai-conformance: abandoned; the embedded reference ends with the run, so it leaves nothing behind',
    );
    return;
  }
  const log = readRunLog(reportDir);
  const standing = log.created.filter((c) => !log.deleted.has(c.id));
  const answered = new Set(log.created.map((c) => c.email?.toLowerCase()));
  const unanswered = log.sent.filter((e) => !answered.has(e.toLowerCase()));
  console.error(
    `runai-conformance: abandoned; ${standing.length} user(s) the run created may still be on ${config.baseUrl}` +
      (unanswered.length ? `, and ${unanswered.length} create(s) went out without an answer:` : ':'),
  );
  for (const c of standing.slice(0, 10)) console.error(`  ${c.email ?? '(no email)'} (${c.id})`);
  if (standing.length > 10) console.error(`  … and ${standing.length - 10} more in ${reportDir}/created`);
  console.error(`finish with: npx runai-conformance cleanup --base-url ${config.baseUrl} --report-dir ${reportDir}`);
}

/** The target as every first and last line names it. */
function targetName(config: RunConfig): string {
  return config.baseUrl ?? 'the embedded reference (no --base-url: a self-test, it certifies no server)';
}

function writeCertification(reportDir: string, certifyDir: string, signKey?: KeyObject): void {
  const bundle = resolve(certifyDir);
  const { certification, signer } = writeBundle(reportDir, bundle, signKey);
  const signed = signer ? `, signed by ${signer.fingerprint}` : ', unsigned';
  console.log(`Certification bundle: ${bundle} (${certificationLabel(certification)}${signed})`);
  for (const reason of certification.reasons) console.log(`  not certifiable: ${reason}`);
}

/** `bundle DIR`: a certification bundle from a report folder a run (or a shard merge) left. */
function bundleFromReports(config: RunConfig, dir: string, signKeyPath?: string): number {
  const signKey = signingKey(signKeyPath, dir);
  const reportDir = resolve(config.reportDir);
  if (!existsSync(join(reportDir, 'results.json'))) throw new PreflightError(`no results.json in ${reportDir}`);
  const results = finishRun(reportDir, (recorded) => ({
    policy: recorded.policy ?? runPolicy(config),
    // Shards each chose a seed: provenance lists every one the tests recorded.
    provenance: recorded.provenance ?? provenance({ root, config, tests: recorded.tests }),
  }));
  writeCertification(reportDir, dir, signKey);
  announceOnGitHub(results);
  console.log(formatSummary(results, reportDir));
  return exitCodeFor(results.verdict);
}

async function serveReference(config: RunConfig, port: string | undefined): Promise<number> {
  const { startReference } = await import('../../reference/reference-server.ts');
  const { parseFaults } = await import('../../reference/faults.ts');
  const { parseVariants } = await import('../../reference/variants.ts');
  const ref = await startReference({
    port: port ? Number(port) : 0,
    seedUsers: config.referenceUsers,
    faults: parseFaults(config.referenceFaults),
    variants: parseVariants(config.referenceVariants),
    latencyMs: config.referenceLatencyMs,
  });
  // Printing credentials is this command's purpose: they belong to a throwaway local server.
  console.log(`reference Users API listening on ${ref.url}
  RUNAI_BASE_URL=${ref.url}
  RUNAI_TOKEN=${ref.admin.token}
  RUNAI_VIEWER_TOKEN=${ref.viewer.token}
  RUNAI_CLIENT_ID=${ref.admin.clientId} RUNAI_CLIENT_SECRET=${ref.admin.clientSecret}
Ctrl-C stops it.`);
  await new Promise<void>((done) => {
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
  });
  await ref.close();
  return 0;
}

async function cleanup(config: RunConfig): Promise<number> {
  if (!config.baseUrl) throw new ConfigError('cleanup needs RUNAI_BASE_URL (the embedded reference keeps nothing)');
  await preflight(config);
  const { createClient, targetFromConfig } = await import('../harness/target.ts');
  const { sweepAllRuns } = await import('../harness/sweep-users.ts');
  const reportDir = resolve(config.reportDir);
  // What the runs that used this folder journalled: every create's email before it went, every answered id.
  const journal = readRunLog(reportDir);
  const sent = new Set(journal.sent.map((e) => e.toLowerCase()));
  const ours = (username: string) => ANY_RUN_USERNAME.test(username.toLowerCase()) || sent.has(username.toLowerCase());
  const client = createClient({ ...targetFromConfig(config, 'cleanup'), workers: 1 }, { adoptable: ours });
  try {
    // Users a run listed as left behind or journalled as created are deleted by id, even where the list is broken.
    const listed = readLeftovers(reportDir)
      .filter((l) => ours(l.username))
      .map((l) => ({ id: l.id, email: l.username }));
    const created = journal.created.filter((c) => !journal.deleted.has(c.id));
    const result = await sweepAllRuns(client, [...listed, ...created], journal.sent, ours);
    console.log(`cleanup: deleted ${result.deleted.length} users left by conformance runs`);
    if (result.listError) console.error(`cleanup: could not list users (${result.listError})`);
    for (const l of result.leftovers) console.error(`cleanup: could not delete ${l.username} (${l.id}): ${l.reason}`);
    return result.leftovers.length || result.listError ? 2 : 0;
  } finally {
    await client.close();
  }
}

/** `diff OLD NEW`: the requirements whose outcome changed; exit 1 on a MUST regression. */
function diff(oldPath: string, newPath: string): number {
  let changes: OutcomeChange[];
  let warnings: string[];
  let notRun: [number, number];
  try {
    const [before, after] = [loadResults(oldPath), loadResults(newPath)];
    changes = diffResults(before, after);
    warnings = runDifferences(before, after);
    notRun = [notRunCount(before), notRunCount(after)];
  } catch (error) {
    throw new PreflightError(`cannot read the runs to compare: ${(error as Error).message}`);
  }
  for (const w of warnings) console.log(`warning: ${w}; the outcomes may not be comparable`);
  console.log(formatDiff(changes));
  console.log(`Not run (not a pass): ${notRun[0]} before, ${notRun[1]} now.`);
  if (process.env.GITHUB_STEP_SUMMARY)
    appendFileSync(process.env.GITHUB_STEP_SUMMARY, diffMarkdown(changes, warnings, notRun));
  const regressions = changes.filter((c) => c.regression);
  if (regressions.length) console.log(`\n${regressions.length} MUST requirement(s) passed before and fail now.`);
  return regressions.length ? 1 : 0;
}

function verify(dir: string, options: { publicKey?: string; integrityOnly: boolean }): number {
  if (!existsSync(dir)) throw new PreflightError(`no bundle at ${dir}`);
  let key: KeyObject | undefined;
  try {
    key = options.publicKey ? readPublicKey(options.publicKey) : undefined;
  } catch (error) {
    throw new ConfigError(`--public-key: ${(error as Error).message}`);
  }
  const check = verifyBundle(resolve(dir), key);
  for (const p of check.problems) console.error(`verify: ${p}`);
  if (check.problems.length) {
    console.error(`verify: bundle ${dir} is not intact`);
    return 1;
  }
  const signed = check.signer
    ? `signed by ${check.signer}${key ? '' : ' (not checked against a key you trust: --public-key)'}`
    : 'unsigned';
  console.log(`bundle ${dir} is intact: complete, consistent, unmodified, ${signed}`);
  if (options.integrityOnly) return 0;
  if (!check.certification?.certifiable) {
    for (const reason of check.certification?.reasons ?? []) console.error(`verify: not certifiable: ${reason}`);
    console.error(`verify: bundle ${dir} does not certify the target`);
    return 1;
  }
  const waived = check.certification.waived;
  console.log(`bundle ${dir} certifies the target${waived.length ? ` with waivers: ${waived.join(', ')}` : ''}`);
  return 0;
}

/**
 * `replay REQUIREMENT [--from results.json]`: the test that found a recorded failure, run again
 * alone against the same target with the same seed and counterexample path, into a report folder
 * of its own. Exit 1 when the requirement fails again, 0 when it does not.
 */
async function replay(id: string, from: string, env: Record<string, string | undefined>): Promise<number> {
  let recorded: RunResults;
  try {
    recorded = loadResults(from);
  } catch (error) {
    throw new PreflightError(`cannot read ${from}: ${(error as Error).message}`);
  }
  const r = recorded.requirements.find((x) => x.id === id);
  if (!r) throw new PreflightError(`${from} has no requirement ${id}`);
  const finding = r.findings.find((f) => f.test) ?? r.findings[0];
  if (!finding) throw new PreflightError(`${id} did not fail in that run (${r.outcome}): nothing to replay`);
  const testName = finding.test ?? r.tests[0] ?? '';
  const p = recorded.provenance;
  const next: Record<string, string | undefined> = { ...env };
  // A replay without the credentials its requests went with could only fail to run: say which.
  const missing = credentialsFor(r, recorded).filter((c) => !env[c.variable]);
  const adminMissing = missing.some((c) => c.variable !== ENV.viewerToken) && !env[ENV.token] && !env[ENV.clientId];
  const lacking = missing.filter((c) => c.variable === ENV.viewerToken || adminMissing);
  if (lacking.length)
    throw new ConfigError(
      `replay of ${id} needs ${lacking.map((c) => `--${c.flag} (${c.variable})`).join(' and ')}: ` +
        'its recorded requests were sent with it',
    );
  const set = (name: string, value: string | undefined) => {
    if (next[name] === undefined && value !== undefined) next[name] = value;
  };
  if (p?.target.kind === 'remote') set(ENV.baseUrl, targetUrl(p.target));
  if (p?.target.kind === 'embedded') {
    set(ENV.referenceFaults, p.target.faults);
    set(ENV.referenceVariants, p.target.variants);
  }
  set(ENV.profile, recorded.profile);
  set(ENV.reportDir, join(dirname(resolve(from)), `replay-${id.replace(/\W+/g, '-')}`));
  set(ENV.only, recorded.tests.find((t) => t.name === testName)?.file);
  // The recorded seed and path rebuild the failing value; the run's own prefix replaces the old one.
  set('RUNAI_FC_SEED', finding.replay?.seed ?? p?.seeds[0]);
  set('RUNAI_FC_PATH', finding.replay?.path);
  Object.assign(process.env, { RUNAI_FC_SEED: next.RUNAI_FC_SEED, RUNAI_FC_PATH: next.RUNAI_FC_PATH });
  const config = loadConfig(next);
  console.log(`replaying ${id}: ${testName}`);
  await runSuite(config, undefined, undefined, testName);
  const again = loadResults(resolve(config.reportDir)).requirements.find((x) => x.id === id);
  // Not run, not applicable or inconclusive: the replay judged nothing, which is no "not reproduced".
  if (again && !['pass', 'fail'].includes(again.outcome))
    throw new PreflightError(
      `replay of ${id} could not run: ${again.outcome}${again.reason ? ` (${again.reason})` : ''}`,
    );
  const failed = again?.outcome === 'fail';
  console.log(failed ? `reproduced: ${id} fails again` : `not reproduced: ${id} is ${again?.outcome ?? 'absent'} now`);
  return failed ? 1 : 0;
}

function keygen(prefix: string): number {
  if (existsSync(`${prefix}.key`)) throw new ConfigError(`${prefix}.key exists: not overwritten`);
  const folder = dirname(resolve(prefix));
  if (!existsSync(folder)) throw new ConfigError(`keygen: no folder ${folder} to write ${prefix}.key in`);
  const print = generateSigningKey(prefix);
  console.log(`wrote ${prefix}.key (private: keep it secret) and ${prefix}.pub (give it to whoever verifies)`);
  console.log(`fingerprint ${print}`);
  return 0;
}

export async function main(argv: string[]): Promise<number> {
  try {
    const { command, env, port, certify, signKey, publicKey, integrityOnly, from, bundle, operands } = parse(argv);
    if (command === 'help') {
      console.log(usage());
      return 0;
    }
    if (command === 'version') {
      console.log(`runai-conformance ${suiteVersion(root)} (${apiName})`);
      return 0;
    }
    if (command === 'diff') return diff(operands[0] ?? '', operands[1] ?? '');
    if (command === 'verify') return verify(bundle ?? '', { publicKey, integrityOnly });
    if (command === 'keygen') return keygen(bundle ?? '');
    if (command === 'replay') return await replay(bundle ?? '', from ?? 'reports/results.json', env);
    if (command === 'bundle') return bundleFromReports(loadConfig(env), bundle ?? '', signKey);
    const config = loadConfig(env);
    if (command === 'reference') return await serveReference(config, port);
    if (command === 'cleanup') return await cleanup(config);
    return await runSuite(config, certify, signKey);
  } catch (error) {
    if (error instanceof UsageError || error instanceof ConfigError || error instanceof PreflightError) {
      console.error(`runai-conformance: ${withFlags(error.message)}`);
      if (error instanceof UsageError) console.error("run 'runai-conformance --help' for usage");
      return 2;
    }
    console.error(`runai-conformance: ${(error as Error).message}`);
    return 2;
  }
}
