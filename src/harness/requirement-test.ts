/**
 * The one way suites declare tests: `check(ids, statement, body)`. It refuses unknown
 * requirement ids, titles the test `[id] statement`, skips it outside its profile, records
 * every exchange, and leaves in the test's metadata what the reporters need: requirements,
 * findings with their exchanges, and an outcome of not-applicable or inconclusive.
 */
import { test } from 'vitest';
import { type Profile, profiles, requirement } from '../../spec/requirements.ts';
import { ConformanceError, InconclusiveError, NotApplicableError } from '../client/exchange.ts';
import type { UsersClient } from '../client/users-client.ts';
import { labelTest, reportExchanges } from './allure-report.ts';
import { type FindingRecord, Recorder, recording } from './recorder.ts';
import { type RunContext, runContext } from './run-context.ts';

export type Outcome = 'pass' | 'fail' | 'not-applicable' | 'inconclusive' | 'not-run';

export interface TestConformanceMeta {
  requirements: string[];
  /** Set when the test did not simply pass or fail. */
  outcome?: 'not-applicable' | 'inconclusive' | 'not-run';
  reason?: string;
  findings: FindingRecord[];
  observed: Record<string, number>;
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

const highest = (list: Profile[]) =>
  list.reduce((a, b) => (profiles.indexOf(a) >= profiles.indexOf(b) ? a : b), 'smoke');

export function check(
  ids: string | string[],
  statement: string,
  body: (t: CheckContext) => Promise<void>,
  options: CheckOptions = {},
): void {
  const list = [ids].flat();
  if (list.length === 0) throw new Error(`test "${statement}" names no requirement`);
  const needed = highest([...list.map((id) => requirement(id).profile), options.profile ?? 'smoke']);

  test(`[${list.join(', ')}] ${statement}`, { timeout: options.timeout ?? 120_000 }, async (ctx) => {
    const meta: TestConformanceMeta = { requirements: list, findings: [], observed: {} };
    ctx.task.meta.conformance = meta;
    const run = runContext();
    if (!run.includes(needed)) {
      meta.outcome = 'not-run';
      ctx.skip(`needs profile ${needed}`);
    }
    await labelTest(list, needed);
    const recorder = new Recorder(list);
    let failure: unknown;
    try {
      await recording.run(recorder, () => body({ client: run.client, run, recorder }));
    } catch (error) {
      failure = error;
    }
    await reportExchanges(recorder);
    meta.findings = recorder.findingRecords();
    meta.observed = recorder.observed;
    if (failure instanceof NotApplicableError) {
      meta.outcome = 'not-applicable';
      meta.reason = failure.message;
      ctx.skip(failure.message);
    }
    if (failure instanceof InconclusiveError) {
      meta.outcome = 'inconclusive';
      meta.reason = failure.message;
    }
    if (failure) throw failure;
    // Findings the client made on its own (schema, status, content type) fail the test too.
    if (recorder.findings.length) throw new ConformanceError(recorder.findings);
  });
}
