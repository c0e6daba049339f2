/**
 * The one way suites declare tests: `check(ids, [case,] body)`. It refuses unknown
 * requirement ids, titles the test `[id] <catalogue title>[: case]`, skips it outside its profile, records
 * every exchange, and leaves in the test's metadata what the reporters need: requirements,
 * findings with their exchanges, and an outcome of not-applicable or inconclusive.
 */
import { test } from 'vitest';
import { type Profile, profiles, requirement } from '../catalogue/requirements.ts';
import type { UsersClient } from '../client/users-client.ts';
import { ConformanceAssertionError, InconclusiveError, NotApplicableError, NotRunError } from '../model/errors.ts';
import { testIdOf } from '../mutation/trace.ts';
import { brokenSoFar, recordBroken } from './failure-budget.ts';
import { type FindingRecord, Recorder, recording } from './recorder.ts';
import { readRefusals } from './refusal-reads.ts';
import { type RunContext, runContext } from './run-context.ts';
import { notifyEnded, notifyStarted } from './test-observers.ts';

export type Outcome = 'pass' | 'fail' | 'not-applicable' | 'inconclusive' | 'not-run';

/** How a test body ended, when it did not run to its end. */
export type Interruption = 'conformance' | 'not-applicable' | 'not-run' | 'inconclusive' | 'suite-error';

export interface TestConformanceMeta {
  requirements: string[];
  /** Set when the test did not simply pass or fail. */
  outcome?: 'not-applicable' | 'inconclusive' | 'not-run';
  reason?: string;
  findings: FindingRecord[];
  observed: Record<string, number>;
  /** The variables of the tokens its requests went with (a replay needs them). */
  credentials?: string[];
  /**
   * True when the body ran to its end: its requirements without findings were observed
   * and hold, even if a finding on another (e.g. a SHOULD) fails the test.
   */
  completed?: boolean;
  /** What stopped the body before its end. */
  interruption?: Interruption;
  /** The fast-check seed of the worker that ran it (shards each have their own). */
  seed?: string;
}

declare module 'vitest' {
  interface TaskMeta {
    conformance?: TestConformanceMeta;
  }
}

export interface CheckContext {
  client: UsersClient;
  run: RunContext;
  recorder: Recorder;
}

export interface CheckOptions {
  /** Profile the test needs, when more than its requirements' (e.g. it writes). */
  profile?: Profile;
  timeout?: number;
}

type Body = (t: CheckContext) => Promise<void>;

// A worker started without the CLI (a shard of `vitest run`) picks its own seed, recorded in every test's metadata.
process.env.RUNAI_FC_SEED ||= String(Math.floor(Math.random() * 2 ** 31));

const highest = (list: Profile[]) =>
  list.reduce((a, b) => (profiles.indexOf(a) >= profiles.indexOf(b) ? a : b), 'smoke');

function interruptionOf(error: unknown): Interruption {
  if (error instanceof ConformanceAssertionError) return 'conformance';
  if (error instanceof NotApplicableError) return 'not-applicable';
  if (error instanceof NotRunError) return 'not-run';
  if (error instanceof InconclusiveError) return 'inconclusive';
  return 'suite-error';
}

/** The test title: the requirement ids, the catalogue's statement of the first, and the case. */
export function testTitle(ids: string[], label?: string): string {
  const [first] = ids;
  if (!first) throw new Error('a test names no requirement');
  return `[${ids.join(', ')}] ${requirement(first).title}${label ? `: ${label}` : ''}`;
}

/**
 * Declares a test of `ids`. Its statement is the catalogue's title of the first id; `label`
 * names the case when several tests check one requirement with different inputs.
 */
export function check(ids: string | string[], body: Body, options?: CheckOptions): void;
export function check(ids: string | string[], label: string, body: Body, options?: CheckOptions): void;
export function check(
  ids: string | string[],
  labelOrBody: string | Body,
  bodyOrOptions?: Body | CheckOptions,
  maybeOptions?: CheckOptions,
): void {
  const list = [ids].flat();
  const label = typeof labelOrBody === 'string' ? labelOrBody : undefined;
  const body = (typeof labelOrBody === 'function' ? labelOrBody : bodyOrOptions) as Body;
  const options = (typeof labelOrBody === 'function' ? bodyOrOptions : maybeOptions) as CheckOptions | undefined;
  const needed = highest([...list.map((id) => requirement(id).profile), options?.profile ?? 'smoke']);

  test(testTitle(list, label), { timeout: options?.timeout ?? 120_000 }, async (ctx) => {
    const meta: TestConformanceMeta = {
      requirements: list,
      findings: [],
      observed: {},
      seed: process.env.RUNAI_FC_SEED,
    };
    ctx.task.meta.conformance = meta;
    const run = runContext();
    if (!run.includes(needed)) {
      meta.outcome = 'not-run';
      ctx.skip(`needs profile ${needed}`);
    }
    const skipped = (process.env.RUNAI_SKIP ?? '').split(',');
    if (list.every((id) => skipped.includes(id))) {
      [meta.outcome, meta.reason] = ['not-run', 'skipped (--skip)'];
      ctx.skip(meta.reason);
    }
    // The shared count is read only when the run has a budget (--max-failures).
    const budget = Number(process.env.RUNAI_MAX_FAILURES) || Number.POSITIVE_INFINITY;
    if (budget < Number.POSITIVE_INFINITY && brokenSoFar(run.target.reportDir) >= budget) {
      [meta.outcome, meta.reason] = ['inconclusive', `not run: the run stopped after ${budget} broken MUSTs`];
      throw new InconclusiveError(`${meta.reason} (--max-failures)`);
    }
    await notifyStarted(list, needed);
    const recorder = new Recorder(list, testIdOf(ctx.task.file.name, ctx.task.fullTestName ?? ctx.task.name));
    let failure: unknown;
    try {
      await recording.run(recorder, () => body({ client: run.client, run, recorder }));
      meta.completed = true;
    } catch (error) {
      failure = error;
      meta.interruption = interruptionOf(error);
    }
    // Whatever the test checked, what its refused requests named is read: they changed nothing.
    if (meta.completed || meta.interruption === 'conformance')
      await recording
        .run(recorder, () => readRefusals(run.client, recorder))
        .catch(() => {
          // A read lost to transport trouble leaves the rule unobserved here, never broken.
        });
    await notifyEnded(recorder);
    recordBroken(run.target.reportDir, recorder.findings);
    meta.findings = recorder.findingRecords();
    meta.observed = recorder.observed;
    meta.credentials = [...recorder.credentials].sort();
    if (failure instanceof NotApplicableError || failure instanceof NotRunError) {
      meta.outcome = failure instanceof NotRunError ? 'not-run' : 'not-applicable';
      meta.reason = failure.message;
      ctx.skip(failure.message);
    }
    if (failure instanceof InconclusiveError) {
      meta.outcome = 'inconclusive';
      meta.reason = failure.message;
    }
    if (failure) throw failure;
    // Findings recorded without stopping the body (the client's, and SHOULDs) fail the test too.
    if (recorder.findings.length) throw new ConformanceAssertionError(recorder.findings);
  });
}
