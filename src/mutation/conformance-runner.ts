/**
 * A Stryker test runner whose test run is the conformance suite's standard run against the
 * embedded reference, instrumented in Stryker's sandbox. A mutant is killed when that run is
 * non-conformant (a broken MUST: exit 1); a conformant, incomplete or inconclusive run (exit 0
 * or 2) lets it survive.
 *
 * Speed: the suite stays open across mutants (one vitest, warm workers, the reference's store
 * restored before each); the clean run records which tests reach which mutant (the reference
 * counts each request against the test that sent it), so a mutant's run holds only those
 * tests; and it stops at its first broken MUST (--max-failures 1, checked before each request).
 * A mutant of code that runs when the reference loads gets a fresh process of its own.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { commonTokens, declareClassPlugin, PluginKind, tokens } from '@stryker-mutator/api/plugin';
import {
  type DryRunResult,
  DryRunStatus,
  type MutantRunOptions,
  type MutantRunResult,
  MutantRunStatus,
  type TestResult,
  type TestRunner,
  TestStatus,
} from '@stryker-mutator/api/test-runner';
import type { RunResults } from '../../reporters/outcomes.ts';
import { HARNESS_TEST, strykerNamespace } from './coverage.ts';
import { MessageIgnorer } from './message-ignorer.ts';
import { ProgressLog } from './progress-log.ts';
import { runEnvironment, SuiteSession, testPhases } from './session.ts';
import { SwitchIgnorer } from './switch-ignorer.ts';
import { splitTestId, testIdOf } from './trace.ts';

/** Killed: the run is non-conformant; the tests of its broken MUSTs are the killers. */
function verdictOf(results: RunResults | undefined, ran: number): MutantRunResult {
  if (results?.verdict !== 'non-conformant') return { status: MutantRunStatus.Survived, nrOfTests: ran };
  const broken = new Set(
    results.requirements.filter((r) => r.outcome === 'fail' && r.level === 'MUST').map((r) => r.id),
  );
  return {
    status: MutantRunStatus.Killed,
    killedBy: results.tests
      .filter((t) => t.meta?.requirements.some((id) => broken.has(id)))
      .map((t) => testIdOf(t.file, t.name)),
    failureMessage: `broken: ${[...broken].join(', ')}`,
    nrOfTests: ran,
  };
}

export class ConformanceTestRunner implements TestRunner {
  static inject = tokens(commonTokens.logger);
  private readonly sandbox = process.cwd();
  private readonly scratch = mkdtempSync(join(tmpdir(), 'rc-mutation-'));
  private readonly reportDir = join(this.scratch, 'reports');
  private readonly session = new SuiteSession(this.sandbox, this.reportDir);
  private opened?: Promise<RunResults | undefined>;
  /** How long each test took in the clean run, and how many mutants it has killed in this process. */
  private readonly durations = new Map<string, number>();
  private readonly kills = new Map<string, number>();

  constructor(private readonly log: { debug(message: string): void }) {}

  capabilities() {
    return { reloadEnvironment: true };
  }

  async init(): Promise<void> {
    // The session runs in this process: the caller's RUNAI_* settings go, as they do for a fresh run.
    for (const key of Object.keys(process.env)) if (key.startsWith('RUNAI_')) delete process.env[key];
    Object.assign(process.env, runEnvironment(this.reportDir, { RUNAI_MUTATION_SESSION: '1' }));
  }

  async dryRun(): Promise<DryRunResult> {
    strykerNamespace().mutantCoverage = undefined;
    const started = Date.now();
    const results = await this.open();
    const wall = Date.now() - started;
    if (results?.verdict !== 'conformant')
      return { status: DryRunStatus.Error, errorMessage: `the clean run is ${results?.verdict ?? 'without results'}` };
    const tests: TestResult[] = results.tests.map((t) => {
      const id = testIdOf(t.file, t.name);
      // Stryker allows each mutant a multiple of the time its tests took here.
      const base = { id, name: id, fileName: join(this.sandbox, t.file), timeSpentMs: t.ms ?? 0 };
      return t.state === 'skipped' ? { ...base, status: TestStatus.Skipped } : { ...base, status: TestStatus.Success };
    });
    const harness = 'the run itself (start, teardown)';
    // A mutant only the run itself reaches is judged by a whole fresh run: as long as this one.
    tests.push({ id: HARNESS_TEST, name: harness, status: TestStatus.Success, timeSpentMs: wall });
    return { status: DryRunStatus.Complete, tests, mutantCoverage: strykerNamespace().mutantCoverage as never };
  }

  async mutantRun(options: MutantRunOptions): Promise<MutantRunResult> {
    const chosen = (options.testFilter ?? []).filter((id) => id !== HARNESS_TEST);
    // Code that runs as the reference loads or starts (or only in the teardown) is judged by a
    // process that loads it with the mutant active: the session's reference started long ago.
    if (options.mutantActivation === 'static' || !chosen.length) return this.freshRun(options.activeMutant.id);
    // Every runner process but the dry run's opens its own session (a clean run) first.
    await this.open();
    Object.assign(strykerNamespace(), {
      activeMutant: options.activeMutant.id,
      hitCount: options.hitLimit === undefined ? undefined : 0,
      hitLimit: options.hitLimit,
    });
    try {
      // The likeliest killers first, alone; the rest only when they all pass.
      const phases = testPhases(chosen, this.kills, this.durations);
      let ran = 0;
      for (const phase of phases) {
        const tests = phase.map(splitTestId);
        const run = await this.session.run(
          [...new Set(tests.map((t) => t.file))],
          tests.map((t) => t.name),
        );
        ran += run.ran;
        const { hitCount, hitLimit } = strykerNamespace();
        // An endless loop the hit limit ended is a timeout, as Stryker's own runners report it.
        if (hitCount !== undefined && hitLimit !== undefined && hitCount > hitLimit)
          return { status: MutantRunStatus.Timeout, reason: `hit limit ${hitLimit} reached` };
        const verdict = verdictOf(run.results, ran);
        if (verdict.status === MutantRunStatus.Killed) {
          for (const id of verdict.killedBy) this.kills.set(id, (this.kills.get(id) ?? 0) + 1);
          return verdict;
        }
      }
      return { status: MutantRunStatus.Survived, nrOfTests: ran };
    } finally {
      strykerNamespace().activeMutant = undefined;
    }
  }

  /** The session's clean run, once per runner process, with no mutant active. */
  private open(): Promise<RunResults | undefined> {
    strykerNamespace().activeMutant = undefined;
    this.opened ??= this.session.open().then(({ results }) => {
      for (const t of results?.tests ?? []) if (t.ms !== undefined) this.durations.set(testIdOf(t.file, t.name), t.ms);
      return results;
    });
    return this.opened;
  }

  async dispose(): Promise<void> {
    await this.session.close();
    rmSync(this.scratch, { recursive: true, force: true });
  }

  /** The whole standard run in a new process that loads the reference with the mutant active. */
  private freshRun(mutant: string): Promise<MutantRunResult> {
    const reportDir = join(this.scratch, 'fresh');
    rmSync(reportDir, { recursive: true, force: true });
    const child = spawn(process.execPath, [join(this.sandbox, 'bin/runai-conformance.mjs'), 'run'], {
      cwd: this.sandbox,
      env: runEnvironment(reportDir, { __STRYKER_ACTIVE_MUTANT__: mutant }),
      stdio: 'ignore',
    });
    return new Promise((resolve) => {
      child.on('close', (code) => {
        const file = join(reportDir, 'results.json');
        const results = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as RunResults) : undefined;
        this.log.debug(`fresh run of mutant ${mutant}: exit ${code}`);
        resolve(verdictOf(code === 1 ? results : undefined, results?.tests.length ?? 0));
      });
    });
  }
}

export const strykerPlugins = [
  declareClassPlugin(PluginKind.TestRunner, 'conformance', ConformanceTestRunner),
  declareClassPlugin(PluginKind.Ignore, 'fault-switch', SwitchIgnorer),
  declareClassPlugin(PluginKind.Ignore, 'message-text', MessageIgnorer),
  declareClassPlugin(PluginKind.Reporter, 'progress-log', ProgressLog),
];
