/**
 * Runs a fast-check property inside a check(). Each run records into its own scratch
 * recorder; on failure the shrunk counterexample is replayed once into the test's recorder,
 * so the report holds exactly the exchanges of the minimal case, plus seed, path and a
 * command that replays it. numRuns follows the profile, or RUNAI_FC_RUNS.
 */
import fc from 'fast-check';
import { type Profile, requirement } from '../catalogue/requirements.ts';
import { ConformanceAssertionError, InconclusiveError } from '../model/errors.ts';
import type { Finding } from '../model/finding.ts';
import { inPool } from './in-pool.ts';
import { currentRecorder, Recorder, recording } from './recorder.ts';
import { runContext } from './run-context.ts';

/** Designed examples sent at once. */
const EXAMPLES_IN_FLIGHT = 6;

const RUNS: Record<Profile, number> = { smoke: 8, standard: 20, full: 100 };

export function propertyParameters(profile: Profile): fc.Parameters<unknown> {
  const env = process.env;
  return {
    numRuns: env.RUNAI_FC_RUNS ? Number(env.RUNAI_FC_RUNS) : RUNS[profile],
    seed: env.RUNAI_FC_SEED ? Number(env.RUNAI_FC_SEED) : undefined,
    path: env.RUNAI_FC_PATH || undefined,
    // A slow target makes fewer runs rather than a hung property.
    interruptAfterTimeLimit: 90_000,
    markInterruptAsFailure: false,
  };
}

const isMust = (f: Finding) => requirement(f.requirement).level === 'MUST';

/**
 * What fails one run of the property: a MUST of its own. A SHOULD, and what the client finds of
 * other requirements (a field missing from the schema, an undocumented status), are kept (see
 * below) while the property goes on judging what it can read: one fault never hides another.
 */
const failsRun = (recorder: Recorder) => (f: Finding) => isMust(f) && recorder.requirements.includes(f.requirement);

async function runRecorded<T>(recorder: Recorder, body: (value: T) => Promise<void>, value: T): Promise<void> {
  await recording.run(recorder, async () => {
    await body(value);
    const must = recorder.findings.filter(failsRun(recorder));
    if (must.length) throw new ConformanceAssertionError(must);
  });
}

/** Keeps the first finding of each requirement a run recorded without failing on it, with its exchange. */
function keepAdvisories(scratch: Recorder, parent: Recorder): void {
  for (const f of scratch.findings) {
    if (failsRun(scratch)(f) || parent.findings.some((p) => p.requirement === f.requirement)) continue;
    parent.keep(f, scratch.exchange(f.exchangeId));
  }
}

/**
 * @param examples designed values run before the random ones (boundaries that chance would
 *   rarely hit); they count towards the report like any other run.
 */
export async function holds<T>(
  arbitrary: fc.Arbitrary<T>,
  body: (value: T) => Promise<void>,
  show: (value: T) => string = (v) => fc.stringify(v),
  examples: T[] = [],
  /** Fewer random runs for a costly property (each run many requests): a fraction of the profile's. */
  costly = 1,
): Promise<void> {
  const parent = currentRecorder();
  if (!parent) throw new Error('holds() runs inside check()');
  const profiled = propertyParameters(runContext().profile);
  const params = { ...profiled, numRuns: Math.max(2, Math.round((profiled.numRuns ?? 0) * costly)) };
  const run = async (value: T) => {
    const scratch = new Recorder(parent.requirements, parent.testId);
    try {
      await runRecorded(scratch, body, value);
    } finally {
      keepAdvisories(scratch, parent);
      for (const [op, n] of Object.entries(scratch.observed)) parent.observed[op] = (parent.observed[op] ?? 0) + n;
      for (const c of scratch.credentials) parent.credentials.add(c);
      parent.touched.push(...scratch.touched);
    }
  };
  // Designed examples are independent of each other: they go out together (latency is paid once
  // per batch, not once per example), before the random runs, and a failing one is reported as is.
  const outcomes = await inPool(examples, EXAMPLES_IN_FLIGHT, async (value) => {
    try {
      await run(value);
      return undefined;
    } catch (error) {
      return { value, error };
    }
  });
  const designedFailure = outcomes.find((o) => o !== undefined);
  if (designedFailure) {
    if (designedFailure.error instanceof InconclusiveError) throw designedFailure.error;
    return replayFailure(
      parent,
      body,
      designedFailure.value,
      designedFailure.error,
      `\n  designed example: ${show(designedFailure.value)}`,
    );
  }
  const details = await fc.check(fc.asyncProperty(arbitrary, run), params as fc.Parameters<[T]>);
  if (!details.failed) return;
  const error = details.errorInstance;
  if (error instanceof InconclusiveError) throw error;

  if (!details.counterexample) throw error;
  const [value] = details.counterexample;
  const replay = { seed: String(details.seed), path: details.counterexamplePath ?? undefined };
  // Written relative to the run's prefix: a replay builds the same values under its own.
  const relative = (text: string) => text.split(runContext().prefix).join('<run>-');
  const context =
    `\n  counterexample: ${relative(show(value))}\n  fast-check seed ${details.seed}, path ` +
    `${details.counterexamplePath}, after ${details.numRuns} runs (${details.numShrinks} shrinks)`;
  return replayFailure(parent, body, value, error, context, replay);
}

/** Runs the failing value once more into the test's recorder, so the report holds its exchanges. */
async function replayFailure<T>(
  parent: Recorder,
  body: (value: T) => Promise<void>,
  value: T,
  error: unknown,
  context: string,
  replay: Finding['replay'] = { seed: process.env.RUNAI_FC_SEED ?? '' },
): Promise<never> {
  const before = parent.findings.length;
  try {
    await runRecorded(parent, body, value);
  } catch {
    // The findings it produced are in the parent recorder now.
  }
  // A SHOULD kept from an earlier run and found again on replay is reported once.
  const earlier = new Set(parent.findings.slice(0, before).map((f) => f.requirement));
  const repeated = parent.findings.slice(before).filter((f) => !isMust(f) && earlier.has(f.requirement));
  for (const f of repeated) parent.findings.splice(parent.findings.indexOf(f), 1);
  let findings: Finding[] = parent.findings.slice(before);
  if (findings.length === 0) {
    const original: Finding[] =
      error instanceof ConformanceAssertionError
        ? error.findings
        : [
            {
              code: 'property-failed',
              requirement: parent.requirements[0] ?? 'unknown',
              message: String((error as Error)?.message ?? error),
            },
          ];
    findings = original.map((f) => ({ ...f, message: `${f.message} (did not fail again on replay)` }));
    parent.findings.push(...findings);
  }
  // Each finding carries its own context once; the replay is a field, printed once per requirement.
  for (const f of findings) {
    if (!f.message.includes(context)) f.message += context;
    f.replay = replay;
  }
  throw new ConformanceAssertionError(findings);
}
