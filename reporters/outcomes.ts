/**
 * Folds test results into one outcome per requirement.
 * fail > inconclusive > pass > not-applicable > not-run. Only a failed MUST makes a target
 * non-conformant; a failed SHOULD is reported as a warning.
 */
import {
  requirements as catalogue,
  operationOf,
  type Profile,
  profiles,
  type Requirement,
} from '../src/catalogue/requirements.ts';
import type { RunPolicy, Waiver } from '../src/config/waivers.ts';
import type { LeftoverUser } from '../src/harness/created-users.ts';
import type { FindingRecord } from '../src/harness/recorder.ts';
import type { Outcome, TestConformanceMeta } from '../src/harness/requirement-test.ts';
import type { RequestStats } from './request-stats.ts';

export interface TestRecord {
  name: string;
  file: string;
  state: 'passed' | 'failed' | 'skipped' | 'pending';
  errors: string[];
  meta?: TestConformanceMeta;
  /** How long the test ran, in ms (absent for a test that did not run). */
  ms?: number;
}

export interface RequirementResult {
  id: string;
  title: string;
  level: Requirement['level'];
  operation: string;
  outcome: Outcome;
  reason?: string;
  /** A failure the run was told to expect (--waivers): reported as waived, not held against the target. */
  waiver?: Waiver;
  tests: string[];
  findings: FindingRecord[];
}

export type Verdict = 'conformant' | 'non-conformant' | 'incomplete';

/** Where a run's results come from: enough to tell two runs apart and to make one again. */
export interface Provenance {
  /** Scheme, host and base path of the target; kind "embedded" for the reference the suite started. */
  target:
    | { kind: 'embedded'; faults?: string; variants?: string }
    | { kind: 'remote'; scheme: string; host: string; basePath: string };
  suite: { version: string; commit: string };
  spec: { version: string; sha256: string };
  profile: Profile;
  /** --only: suite files the run was narrowed to. */
  filters: { only?: string };
  capabilities: string[];
  /** How the admin authenticated: a static token, or client credentials exchanged for one. */
  credentials: 'token' | 'client-credentials' | 'embedded';
  readOnly: boolean;
  insecure: boolean;
  /** fast-check seeds: one for a run, one per shard for merged shards. */
  seeds: string[];
  startedAt: string;
  endedAt: string;
  node: string;
}

export interface RunResults {
  verdict: Verdict;
  profile: Profile;
  /** Requirements by reported outcome (a failed SHOULD is a warning). */
  counts?: OutcomeCounts;
  provenance?: Provenance;
  /** Set when the target stopped answering during the run: nothing it did after that is judged. */
  targetStopped?: string;
  /** Set when not one MUST requirement was checked: such a run judges nothing and has no verdict. */
  nothingChecked?: true;
  /** What the run was told to skip and to waive. */
  policy?: RunPolicy;
  requirements: RequirementResult[];
  tests: TestRecord[];
  /** Errors outside any test (a suite that could not load, a failed hook). */
  errors: string[];
  /** Users the run created and could not delete (set after the teardown). */
  leftovers?: LeftoverUser[];
  /** TLS verification was off: the run cannot certify anything. */
  insecure?: boolean;
  /** What the run cost the target (set after the run). */
  requests?: RequestStats;
}

interface Tally {
  pass: number;
  fail: FindingRecord[];
  inconclusive: string[];
  notApplicable: string[];
  notRun: string[];
  observed: number;
  tests: Set<string>;
}

const emptyTally = (): Tally => ({
  pass: 0,
  fail: [],
  inconclusive: [],
  notApplicable: [],
  notRun: [],
  observed: 0,
  tests: new Set(),
});

export interface RunFacts {
  /** The target stopped answering mid-run: the run is incomplete whatever it saw before. */
  targetStopped?: string;
  /** Requirements skipped and failures waived (--skip, --waivers). */
  policy?: RunPolicy;
}

/**
 * The requirements a test's error names when it broke none of the test's own: a fixture shared by
 * several tests (the run's dataset) failed once, its finding is recorded by the test that built it,
 * and every other test that needed it is blocked by that, not failed.
 */
function sharedBlock(error: string | undefined, own: string[]): string | undefined {
  const named = [...(error ?? '').matchAll(/^\[([a-z_]+\/[\w/-]+)\]/gm)].map((m) => m[1] as string);
  return named.length && !named.some((id) => own.includes(id)) ? [...new Set(named)].join(', ') : undefined;
}

export function computeOutcomes(
  tests: TestRecord[],
  profile: Profile,
  errors: string[] = [],
  facts: RunFacts = {},
): RunResults {
  const tally = new Map<string, Tally>(catalogue.map((r) => [r.id, emptyTally()]));
  const at = (id: string) => {
    const entry = tally.get(id) ?? emptyTally();
    tally.set(id, entry);
    return entry;
  };
  const anyObserved = new Set<string>();

  for (const t of tests) {
    const meta = t.meta;
    if (!meta) continue;
    for (const f of meta.findings) at(f.requirement).fail.push({ ...f, test: t.name });
    for (const [op, n] of Object.entries(meta.observed)) if (n > 0) anyObserved.add(op);
    const failedIds = new Set(meta.findings.map((f) => f.requirement));
    const blocker = sharedBlock(t.errors[0], meta.requirements);
    for (const id of meta.requirements) {
      const entry = at(id);
      entry.tests.add(t.name);
      if (t.state === 'passed') entry.pass++;
      else if (t.state === 'skipped' && meta.outcome === 'not-applicable')
        entry.notApplicable.push(meta.reason ?? t.name);
      else if (t.state === 'skipped' && meta.outcome === 'not-run' && meta.reason) entry.notRun.push(meta.reason);
      else if (t.state === 'failed' && meta.outcome === 'inconclusive') entry.inconclusive.push(meta.reason ?? t.name);
      else if (t.state === 'failed' && !failedIds.has(id)) {
        // The body ran to its end: this requirement was observed and holds; another one failed the test.
        if (meta.completed && meta.findings.length) entry.pass++;
        // Stopped from outside (the runner's time limit): a target that stopped answering, not a finding.
        else if (!meta.completed && meta.interruption === undefined)
          entry.inconclusive.push(`the test did not finish: ${t.errors[0] ?? 'stopped'}`);
        else if (meta.interruption === 'suite-error')
          entry.inconclusive.push(`error in the suite, not a finding: ${t.errors[0]}`);
        else if (meta.findings.length) entry.inconclusive.push(`blocked by ${[...failedIds].join(', ')}`);
        else if (blocker) entry.inconclusive.push(`blocked by ${blocker} (a shared setup it needs)`);
        else
          entry.fail.push({ code: 'test-failed', requirement: id, message: `${t.name}: ${t.errors[0] ?? 'failed'}` });
      }
    }
  }

  const inProfile = (r: Requirement) => profiles.indexOf(r.profile) <= profiles.indexOf(profile);
  const skipped = new Set(facts.policy?.skip ?? []);
  const waivers = new Map((facts.policy?.waivers ?? []).map((w) => [w.requirement, w]));
  const requirements: RequirementResult[] = catalogue.map((r) => {
    const e = at(r.id);
    if (skipped.has(r.id)) e.notRun.unshift('skipped (--skip)');
    const observed =
      r.checkedBy === 'client' &&
      (r.id.startsWith('common/') ? anyObserved.size > 0 : anyObserved.has(operationOf(r.id)));
    let outcome: Outcome;
    let reason: string | undefined;
    if (skipped.has(r.id)) [outcome, reason] = ['not-run', 'skipped (--skip)'];
    else if (e.fail.length) outcome = 'fail';
    else if (e.inconclusive.length) [outcome, reason] = ['inconclusive', e.inconclusive[0]];
    else if (e.pass > 0 || observed) outcome = 'pass';
    else if (e.notApplicable.length) [outcome, reason] = ['not-applicable', e.notApplicable[0]];
    else if (e.notRun.length) [outcome, reason] = ['not-run', e.notRun[0]];
    else if (r.checkedBy === 'client' && inProfile(r))
      [outcome, reason] = ['not-run', 'no response of this operation was observed'];
    else [outcome, reason] = ['not-run', inProfile(r) ? 'no test ran for it' : `not in profile ${profile}`];
    return {
      id: r.id,
      title: r.title,
      level: r.level,
      operation: operationOf(r.id),
      outcome,
      reason,
      tests: [...e.tests],
      findings: outcome === 'fail' ? e.fail : [],
      ...(outcome === 'fail' && waivers.has(r.id) ? { waiver: waivers.get(r.id) } : {}),
    };
  });

  const mustFail = requirements.some((r) => r.outcome === 'fail' && r.level === 'MUST' && !r.waiver);
  const incomplete = errors.length > 0 || requirements.some((r) => r.outcome === 'inconclusive');
  // A run that observed no MUST (everything filtered, skipped or not applicable) has nothing to say.
  const nothingChecked = !requirements.some(
    (r) => r.level === 'MUST' && (r.outcome === 'pass' || r.outcome === 'fail'),
  );
  return {
    verdict: facts.targetStopped
      ? 'incomplete'
      : nothingChecked
        ? 'incomplete'
        : mustFail
          ? 'non-conformant'
          : incomplete
            ? 'incomplete'
            : 'conformant',
    profile,
    counts: outcomeCounts(requirements),
    requirements,
    tests,
    errors,
    ...(facts.targetStopped ? { targetStopped: facts.targetStopped } : {}),
    ...(nothingChecked ? { nothingChecked: true as const } : {}),
    ...(facts.policy ? { policy: facts.policy } : {}),
  };
}

/** Requirements by outcome, the one count every report shows; a failed SHOULD or MAY is a warning. */
export interface OutcomeCounts {
  total: number;
  pass: number;
  fail: number;
  warning: number;
  waived: number;
  inconclusive: number;
  notApplicable: number;
  notRun: number;
}

/** What a requirement's result is in every report: a failed SHOULD is a warning, never a failure. */
export type ReportedOutcome = 'pass' | 'fail' | 'warning' | 'waived' | 'inconclusive' | 'not-applicable' | 'not-run';

export const reportedOutcome = (r: Pick<RequirementResult, 'outcome' | 'level' | 'waiver'>): ReportedOutcome =>
  r.outcome !== 'fail' ? r.outcome : r.waiver ? 'waived' : r.level !== 'MUST' ? 'warning' : 'fail';

export function outcomeCounts(requirements: RequirementResult[]): OutcomeCounts {
  const of = (o: ReportedOutcome) => requirements.filter((r) => reportedOutcome(r) === o).length;
  return {
    total: requirements.length,
    pass: of('pass'),
    fail: of('fail'),
    warning: of('warning'),
    waived: of('waived'),
    inconclusive: of('inconclusive'),
    notApplicable: of('not-applicable'),
    notRun: of('not-run'),
  };
}

export const exitCodeFor = (verdict: Verdict) => (verdict === 'conformant' ? 0 : verdict === 'non-conformant' ? 1 : 2);
