/**
 * The conformance suite kept open across mutants: one vitest, one embedded reference and warm
 * workers for the whole mutation run, as Stryker's own runners keep their test framework. Each
 * mutant's run starts from the state the clean run left (the reference's store is restored,
 * the run's logs emptied), so no mutant's damage reaches the next one.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Vitest } from 'vitest/node';
import type { RunResults } from '../../reporters/outcomes.ts';
import { clearRunFiles } from '../harness/run-files.ts';
import { newRunId } from '../model/run-naming.ts';
import { literalPattern } from '../runner/run-vitest.ts';
import { cleanEnv } from '../scoring/run-cli.ts';
import { REFERENCE_HANDLE } from './coverage.ts';

type Snapshot = Record<string, unknown>;

/** The standard run of the embedded reference, with nothing of the caller's RUNAI_* settings. */
export function runEnvironment(reportDir: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...cleanEnv(),
    NO_COLOR: '1',
    RUNAI_PROFILE: 'standard',
    // Two suite files at a time: Stryker runs one such runner per core.
    RUNAI_WORKERS: '2',
    RUNAI_REPORT_DIR: reportDir,
    RUNAI_MAX_FAILURES: '1',
    // The reference is in this process: a request it has not answered in 3 s is a hung mutant.
    RUNAI_TIMEOUT_MS: '3000',
    RUNAI_RUN_ID: newRunId(),
    RUNAI_FC_SEED: process.env.RUNAI_FC_SEED || '20240',
    ...extra,
  };
}

/**
 * Every field of an object but its functions, deeply copied in one structured clone: objects
 * held by several fields (a user in the users map and in the name index) stay
 * one object in the copy, as they are in the store.
 */
export function snapshot(object: object): Snapshot {
  return structuredClone(Object.fromEntries(Object.entries(object).filter(([, value]) => typeof value !== 'function')));
}

/** Back to a snapshot, in place: collections are refilled, so whoever holds one sees the restored state. */
export function restore(object: object, saved: Snapshot): void {
  const target = object as Record<string, unknown>;
  for (const [key, copy] of Object.entries(structuredClone(saved))) {
    const current = target[key];
    if (current instanceof Map && copy instanceof Map) {
      current.clear();
      for (const [k, v] of copy) current.set(k, v);
    } else if (current instanceof Set && copy instanceof Set) {
      current.clear();
      for (const v of copy) current.add(v);
    } else if (Array.isArray(current) && Array.isArray(copy)) current.splice(0, current.length, ...copy);
    else target[key] = copy;
  }
}

/** Tests in the first phase of a mutant's run. */
const FIRST_PHASE = 12;

/**
 * A mutant's tests in the order to run them: those that killed most mutants so far first, then the
 * quickest of the clean run; the likeliest killers alone, the rest only when they all pass.
 */
export function testPhases(ids: string[], kills: Map<string, number>, durations: Map<string, number>): string[][] {
  const ms = (id: string) => durations.get(id) ?? Number.POSITIVE_INFINITY;
  const ordered = [...ids].sort((a, b) => (kills.get(b) ?? 0) - (kills.get(a) ?? 0) || ms(a) - ms(b));
  return ordered.length > FIRST_PHASE * 1.5 ? [ordered.slice(0, FIRST_PHASE), ordered.slice(FIRST_PHASE)] : [ordered];
}

/** What one run of the session read from the suite's own results. */
export interface SessionRun {
  results?: RunResults;
  ran: number;
}

export class SuiteSession {
  private vitest?: Vitest;
  private clean?: Snapshot;

  constructor(
    private readonly root: string,
    private readonly reportDir: string,
  ) {}

  /**
   * The first run: the whole standard suite (or the given files) against the clean reference; its
   * end state is every later start.
   */
  async open(files: string[] = []): Promise<SessionRun> {
    const { createVitest } = await import('vitest/node');
    this.vitest = await createVitest('test', {
      config: join(this.root, 'vitest.config.ts'),
      root: this.root,
      watch: false,
    });
    const run = await this.run(files);
    this.clean = snapshot(this.store());
    return run;
  }

  /** The tests of `files` whose full names are in `names` (every test when none are given). */
  async run(files: string[] = [], names: string[] = []): Promise<SessionRun> {
    const vitest = this.vitest;
    if (!vitest) throw new Error('the session is not open');
    if (this.clean) restore(this.store(), this.clean);
    clearRunFiles(this.reportDir);
    // As Stryker's vitest runner does: the state of the last run would merge into this one.
    vitest.state.filesMap.clear();
    const pattern = names.length ? new RegExp(names.map(literalPattern).join('|')) : undefined;
    for (const project of vitest.projects) project.config.testNamePattern = pattern;
    await vitest.start(files.length ? files : undefined);
    const file = join(this.reportDir, 'results.json');
    const results = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as RunResults) : undefined;
    return { results, ran: results?.tests.filter((t) => t.state !== 'skipped').length ?? 0 };
  }

  /** Ends the session: the global teardown deletes the run's users and stops the reference. */
  async close(): Promise<void> {
    await this.vitest?.close();
  }

  private store(): object {
    const reference = (globalThis as unknown as Record<string, { store: object } | undefined>)[REFERENCE_HANDLE];
    if (!reference) throw new Error('the mutation session has no embedded reference');
    return reference.store;
  }
}
