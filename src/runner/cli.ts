/**
 * runai-conformance: `run` (default) certifies a target, `reference` serves the embedded
 * reference, `cleanup` deletes users left by interrupted runs.
 * Exit codes: 0 conformant, 1 non-conformant, 2 the run could not be made.
 */
import { parseArgs } from 'node:util';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join, resolve } from 'node:path';
import { ConfigError, ENV, configToEnv, loadConfig, type RunConfig } from '../config/run-config.ts';
import { preflight, PreflightError } from './preflight.ts';
import { exitCodeFor, type RunResults } from './outcomes.ts';
import { formatSummary } from './summary.ts';
import { newRunId } from '../harness/target.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

const FLAGS = {
  'base-url': 'baseUrl',
  token: 'token',
  'client-id': 'clientId',
  'client-secret': 'clientSecret',
  'viewer-token': 'viewerToken',
  profile: 'profile',
  'report-dir': 'reportDir',
  timeout: 'timeoutMs',
  'max-attempts': 'maxAttempts',
  'reference-faults': 'referenceFaults',
  'reference-users': 'referenceUsers',
  only: 'only',
} as const satisfies Record<string, keyof RunConfig>;

const USAGE = `usage: runai-conformance [run|reference|cleanup] [options]

  run        run the conformance suite (default); without --base-url, against the embedded reference
  reference  serve the reference implementation and print its URL and credentials (--port N)
  cleanup    delete users left behind by interrupted runs on the target

options (each also read from its environment variable):
${Object.entries(FLAGS).map(([flag, key]) => `  --${flag.padEnd(17)} ${ENV[key]}`).join('\n')}
  --port              port for 'reference' (default: any free port)
  --help`;

class UsageError extends Error {}

function parse(argv: string[]) {
  const options = Object.fromEntries(Object.keys(FLAGS).map((f) => [f, { type: 'string' as const }]));
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      options: { ...options, port: { type: 'string' }, help: { type: 'boolean' } },
      allowPositionals: true,
      strict: true,
    });
    if (positionals.length > 1) throw new UsageError(`unexpected argument "${positionals[1]}"`);
    const command = positionals[0] ?? 'run';
    if (!['run', 'reference', 'cleanup', 'help'].includes(command)) throw new UsageError(`unknown command "${command}"`);
    const env: Record<string, string | undefined> = { ...process.env };
    for (const [flag, key] of Object.entries(FLAGS)) {
      const v = (values as Record<string, unknown>)[flag];
      if (typeof v === 'string') env[ENV[key]] = v;
    }
    return { command: values.help ? 'help' : command, env, port: values.port as string | undefined };
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError((error as Error).message);
  }
}

async function runSuite(config: RunConfig): Promise<number> {
  if (config.baseUrl) await preflight(config);
  const reportDir = resolve(config.reportDir);
  rmSync(join(reportDir, 'results.json'), { force: true });
  // The Allure writer never clears its folder: results of an earlier run would mix in.
  rmSync(join(reportDir, 'allure-results'), { recursive: true, force: true });
  Object.assign(process.env, configToEnv({ ...config, reportDir }), { RUNAI_RUN_ID: newRunId() });

  const { createVitest } = await import('vitest/node');
  const before = { SIGINT: process.listeners('SIGINT'), SIGTERM: process.listeners('SIGTERM') };
  const vitest = await createVitest('test', { config: join(root, 'vitest.config.ts'), root, watch: false, run: true });
  // vitest's logger exits the process on a signal, before the teardown could clean up: take its handlers off.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    for (const listener of process.listeners(signal)) if (!before[signal].includes(listener)) process.off(signal, listener);
  }
  // Ctrl-C / SIGTERM: stop the tests; closing still runs the global teardown, which deletes
  // every user the run created. A second signal abandons the cleanup.
  let interrupted = false;
  const stop = () => {
    if (interrupted) process.exit(2);
    interrupted = true;
    console.error('\ninterrupted: cancelling the run and deleting the users it created (signal again to abandon)');
    void vitest.cancelCurrentRun('keyboard-input');
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  try {
    // --only: comma-separated parts of suite file paths (e.g. create_user,lifecycle).
  await vitest.start(config.only ? config.only.split(',').map((f) => f.trim()).filter(Boolean) : undefined);
  } finally {
    await vitest.close();
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
  if (interrupted) {
    console.error('runai-conformance: interrupted; the users it created were deleted');
    return 2;
  }

  const file = join(reportDir, 'results.json');
  if (!existsSync(file)) throw new PreflightError('the suite ended without results (see the output above)');
  const results = JSON.parse(readFileSync(file, 'utf8')) as RunResults;
  console.log(formatSummary(results, reportDir));
  return exitCodeFor(results.verdict);
}

async function serveReference(config: RunConfig, port: string | undefined): Promise<number> {
  const { startReference } = await import('../../reference/reference-server.ts');
  const { parseFaults } = await import('../../reference/faults.ts');
  const ref = await startReference({ port: port ? Number(port) : 0, seedUsers: config.referenceUsers, faults: parseFaults(config.referenceFaults) });
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
  const { createClient, targetFromConfig, ANY_RUN_USERNAME } = await import('../harness/target.ts');
  const { sweepAllRuns } = await import('./sweep-users.ts');
  const client = createClient(targetFromConfig(config, 'cleanup'), undefined, (u) => ANY_RUN_USERNAME.test(u.toLowerCase()));
  try {
    const result = await sweepAllRuns(client);
    console.log(`cleanup: deleted ${result.deleted.length} users left by conformance runs`);
    for (const f of result.failed) console.error(`cleanup: could not delete ${f.username}: ${f.reason}`);
    return result.failed.length ? 2 : 0;
  } finally {
    await client.close();
  }
}

export async function main(argv: string[]): Promise<number> {
  try {
    const { command, env, port } = parse(argv);
    if (command === 'help') {
      console.log(USAGE);
      return 0;
    }
    const config = loadConfig(env);
    if (command === 'reference') return await serveReference(config, port);
    if (command === 'cleanup') return await cleanup(config);
    return await runSuite(config);
  } catch (error) {
    if (error instanceof UsageError || error instanceof ConfigError || error instanceof PreflightError) {
      console.error(`runai-conformance: ${error.message}`);
      if (error instanceof UsageError) console.error("run 'runai-conformance --help' for usage");
      return 2;
    }
    console.error(`runai-conformance: ${(error as Error).message}`);
    return 2;
  }
}
