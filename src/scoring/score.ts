/**
 * Detection power and false alarms, measured: the suite against the reference with each
 * fault switched on (it must fail one of the fault's requirements) and with each
 * conforming variant (nothing may fail). Shared by `npm run score` and the self-tests.
 */
import { type Fault, faults } from '../../reference/faults.ts';
import { type Variant, variants } from '../../reference/variants.ts';
import type { RunResults } from '../../reporters/outcomes.ts';
import { requirement } from '../catalogue/requirements.ts';
import { filesThatCatch } from './fault-scope.ts';
import { failedIds, runCli } from './run-cli.ts';

export interface ScoreRow {
  kind: 'clean' | 'fault' | 'variant';
  id: string;
  description: string;
  ok: boolean;
  outcome: 'pass' | 'caught' | 'missed' | 'false alarm' | 'error';
  /** For faults, the catching requirements that failed; for variants, whatever failed. */
  by: string[];
  exitCode: number | null;
  expectedExit: number;
  ms: number;
  /** Why a run could not be made (exit 2), from its own error output. */
  error?: string;
}

const errorOf = (run: { code: number | null; stderr: string }) =>
  run.code === 2
    ? run.stderr
        .split('\n')
        .filter((l) => /runai-conformance:|Error|error/.test(l))
        .slice(-3)
        .join(' / ') || run.stderr.slice(-300)
    : undefined;

/** Scoring runs go against the in-process reference, two at a time on two cores: two workers each. */
const LOOPBACK = { RUNAI_WORKERS: '2' };

export async function cleanRun(): Promise<{ row: ScoreRow; results?: RunResults }> {
  const started = Date.now();
  const run = await runCli(['run'], LOOPBACK);
  const failed = failedIds(run);
  const ok = run.code === 0 && failed.length === 0;
  return {
    row: {
      kind: 'clean',
      id: 'clean',
      description: 'the reference as it is',
      ok,
      outcome: ok ? 'pass' : 'false alarm',
      by: failed,
      exitCode: run.code,
      expectedExit: 0,
      ms: Date.now() - started,
    },
    results: run.results,
  };
}

/**
 * Only the suites that can catch the fault run, with `fcRuns` random runs per property
 * (designed examples always run).
 */
export async function scoreFault(clean: RunResults, fault: Fault, fcRuns?: string): Promise<ScoreRow> {
  const started = Date.now();
  const files = filesThatCatch(clean, fault.caughtBy);
  const run = await runCli(['run', '--reference-faults', fault.id, ...(files ? ['--only', files.join(',')] : [])], {
    ...LOOPBACK,
    ...(fcRuns ? { RUNAI_FC_RUNS: fcRuns } : {}),
  });
  const by = failedIds(run).filter((id) => fault.caughtBy.includes(id));
  const expectedExit = by.some((id) => requirement(id).level === 'MUST') ? 1 : 0;
  const ok = by.length > 0 && run.code === expectedExit;
  return {
    kind: 'fault',
    id: fault.id,
    description: fault.description,
    ok,
    outcome: by.length ? 'caught' : 'missed',
    by,
    exitCode: run.code,
    expectedExit,
    ms: Date.now() - started,
    error: errorOf(run),
  };
}

/**
 * The whole suite against a conforming variant, with `fcRuns` random runs per property
 * (designed examples always run).
 */
export async function scoreVariant(variant: Variant, fcRuns?: string): Promise<ScoreRow> {
  const started = Date.now();
  const run = await runCli(['run', '--reference-variants', variant.id], {
    ...LOOPBACK,
    ...(fcRuns ? { RUNAI_FC_RUNS: fcRuns } : {}),
  });
  const by = failedIds(run);
  const ok = run.code === 0 && by.length === 0;
  return {
    kind: 'variant',
    id: variant.id,
    description: variant.description,
    ok,
    outcome: ok ? 'pass' : run.code === 2 ? 'error' : 'false alarm',
    by,
    exitCode: run.code,
    expectedExit: 0,
    ms: Date.now() - started,
    error: errorOf(run),
  };
}

export { faults, variants };
