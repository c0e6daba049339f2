/**
 * Detection power and false alarms, measured: the suite against the reference with each
 * fault switched on (it must fail one of the fault's requirements) and with each
 * conforming variant (nothing may fail). Shared by `npm run score` and the self-tests.
 */
import { type Fault, faults } from '../../reference/faults.ts';
import { type Variant, type VariantId, variants } from '../../reference/variants.ts';
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
  const failed = failedIds(run);
  const by = failed.filter((id) => fault.caughtBy.includes(id));
  // The exit agrees with everything that failed: a fault may also break MUSTs beyond the ones that
  // name it (a delete that lies when it overlaps another breaks whatever read came next).
  const expectedExit = failed.some((id) => requirement(id).level === 'MUST') ? 1 : 0;
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
 * The whole suite against a conforming variant, or several switched on together (a server may
 * take several liberties at once), with `fcRuns` random runs per property (designed examples
 * always run).
 */
export async function scoreVariant(variant: Variant | readonly Variant[], fcRuns?: string): Promise<ScoreRow> {
  const started = Date.now();
  const list = [variant].flat();
  const run = await runCli(['run', '--reference-variants', list.map((v) => v.id).join(',')], {
    ...LOOPBACK,
    ...(fcRuns ? { RUNAI_FC_RUNS: fcRuns } : {}),
  });
  const by = failedIds(run);
  const ok = run.code === 0 && by.length === 0;
  return {
    kind: 'variant',
    id: list.map((v) => v.id).join(' + '),
    description: list.map((v) => v.description).join('; '),
    ok,
    outcome: ok ? 'pass' : run.code === 2 ? 'error' : 'false alarm',
    by,
    exitCode: run.code,
    expectedExit: 0,
    ms: Date.now() - started,
    error: errorOf(run),
  };
}

/**
 * The variants in groups that can be switched on together, for the self-tests: liberties with
 * the contract's open questions (and another writer), liberties of the transport and of time,
 * and the two that change what can be checked at all (a large dataset, no password login).
 * Every variant is in one group.
 */
const GROUPS: VariantId[][] = [
  [
    'contains-case-insensitive',
    'search-case-sensitive',
    'locale-collation',
    'nulls-first',
    'default-order-newest-first',
    'extra-properties',
    'preserve-email-case',
    'timestamps-plus-offset',
    'opaque-ids',
    'jwt-tokens',
    'foreign-writers',
  ],
  // Not with the other writer: under latency its writes leave no write-free walk of the dataset (inconclusive).
  ['latency', 'transient-errors', 'slow-writes', 'gzip-gateway', 'size-limited-gateway', 'empty'],
  ['large'],
  // A rate limit paces the whole run: beside the variant that runs the fewest tests.
  ['no-password-login', 'rate-limited-no-retry-after'],
];

export const variantGroups: Variant[][] = GROUPS.map((ids) =>
  ids.map((id) => variants.find((v) => v.id === id) as Variant),
);
const grouped = new Set(GROUPS.flat());
const ungrouped = variants.filter((v) => !grouped.has(v.id));
if (ungrouped.length) throw new Error(`variants in no group: ${ungrouped.map((v) => v.id).join(', ')}`);

export { faults, variants };
