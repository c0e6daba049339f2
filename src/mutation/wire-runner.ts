/**
 * Wire mutation: the suite judged by the faults a server has, one operator at one place per
 * run. One suite session (one vitest, the embedded reference behind the mutating layer) runs
 * the clean suite, which records which tests' requests reach each place; each mutant then runs
 * only those tests, quickest and most killing first, and is killed only by a non-conformant
 * verdict (what exit 1 is); a conformant or inconclusive one lets it survive.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunResults } from '../../reporters/outcomes.ts';
import { HARNESS_TEST } from './coverage.ts';
import { runEnvironment, SuiteSession, testPhases } from './session.ts';
import { splitTestId, testIdOf } from './trace.ts';
import { wireControl } from './wire/layer.ts';
import { allMutants, placeName, stratifiedSample, type WireMutant } from './wire/mutants.ts';

export type WireStatus = 'killed' | 'survived' | 'equivalent' | 'unreached' | 'error';

export interface WireRecord {
  id: string;
  operator: string;
  kind: WireMutant['kind'];
  operationId: string;
  place: string;
  arg?: string;
  status: WireStatus;
  /** Why it is equivalent or unreached; for a survivor, the verdict of its run. */
  reason?: string;
  /** The broken MUSTs of the run that killed it. */
  killedBy?: string[];
  tests?: number;
  ms?: number;
}

export interface WireOptions {
  /** How many mutants to draw (stratified); all of them when undefined. */
  sample?: number;
  seed: number;
  /** Suite files the session runs (all when empty), and the operations whose mutants are drawn. */
  files?: string[];
  operations?: string[];
  /** These mutants only (by id), whatever the sample. */
  ids?: string[];
  onRecord?: (record: WireRecord, done: number, of: number) => void;
}

const record = (m: WireMutant, fields: Partial<WireRecord> & { status: WireStatus }): WireRecord => ({
  id: m.id,
  operator: m.operator,
  kind: m.kind,
  operationId: m.operationId,
  place: placeName(m.place),
  ...(m.arg ? { arg: m.arg } : {}),
  ...fields,
});

const brokenMusts = (results?: RunResults) =>
  results?.verdict === 'non-conformant'
    ? results.requirements.filter((r) => r.outcome === 'fail' && r.level === 'MUST').map((r) => r.id)
    : [];

/** What kept a run from a verdict: its first error, or the requirements it left inconclusive. */
function whyNot(results?: RunResults): string | undefined {
  const error = results?.errors[0];
  if (error) return typeof error === 'string' ? error : JSON.stringify(error).slice(0, 300);
  const open = results?.requirements.filter((r) => r.outcome === 'inconclusive').map((r) => r.id) ?? [];
  return open.length ? `inconclusive ${open.slice(0, 3).join(', ')}` : undefined;
}

export async function runWireMutation(root: string, options: WireOptions): Promise<WireRecord[]> {
  const scratch = mkdtempSync(join(tmpdir(), 'rc-wire-'));
  const reportDir = join(scratch, 'reports');
  for (const key of Object.keys(process.env)) if (key.startsWith('RUNAI_')) delete process.env[key];
  Object.assign(process.env, runEnvironment(reportDir, { RUNAI_MUTATION_SESSION: '1', RUNAI_WIRE_MUTATION: '1' }));
  const session = new SuiteSession(root, reportDir);
  const control = wireControl();
  try {
    const clean = await session.open(options.files ?? []);
    if (clean.results?.verdict !== 'conformant')
      throw new Error(`the clean run is ${clean.results?.verdict ?? 'without results'}: nothing can be judged`);
    const durations = new Map(clean.results.tests.map((t) => [testIdOf(t.file, t.name), t.ms ?? 0]));
    const kills = new Map<string, number>();
    const testsOf = (m: WireMutant) => [...(control.coverage.get(m.coverage) ?? [])].filter((t) => t !== HARNESS_TEST);

    const wanted = allMutants().filter(
      (m) =>
        (!options.operations?.length || options.operations.includes(m.operationId)) &&
        (!options.ids?.length || options.ids.includes(m.id)),
    );
    // What no test's request reaches is set aside, not drawn: the reference never answers it so, or no test asks.
    const unreached = wanted.filter((m) => testsOf(m).length === 0);
    const reachable = wanted.filter((m) => testsOf(m).length > 0);
    const everyOne = options.sample === undefined || options.ids?.length;
    const drawn = everyOne ? reachable : stratifiedSample(reachable, options.sample ?? 0, options.seed);
    const out: WireRecord[] = unreached.map((m) =>
      record(m, { status: 'unreached', reason: 'no request of the clean run reaches this place' }),
    );
    let done = 0;
    for (const m of drawn) {
      const result = m.equivalent
        ? record(m, { status: 'equivalent', reason: m.equivalent })
        : await judge(m, testsOf(m));
      out.push(result);
      options.onRecord?.(result, ++done, drawn.length);
    }
    return out;

    async function judge(m: WireMutant, tests: string[]): Promise<WireRecord> {
      const started = Date.now();
      const phases = testPhases(tests, kills, durations);
      control.active = m;
      control.changes = 0;
      control.errors = [];
      let ran = 0;
      let verdict = 'conformant';
      let why: string | undefined;
      try {
        for (const phase of phases) {
          const ids = phase.map(splitTestId);
          const run = await session.run(
            [...new Set(ids.map((t) => t.file))],
            ids.map((t) => t.name),
          );
          ran += run.ran;
          verdict = run.results?.verdict ?? 'without results';
          why = whyNot(run.results) ?? why;
          const broken = brokenMusts(run.results);
          if (control.errors.length) break;
          if (broken.length) {
            for (const t of run.results?.tests ?? [])
              if (t.meta?.requirements.some((id) => broken.includes(id))) {
                const id = testIdOf(t.file, t.name);
                kills.set(id, (kills.get(id) ?? 0) + 1);
              }
            return record(m, { status: 'killed', killedBy: broken, tests: ran, ms: Date.now() - started });
          }
        }
      } finally {
        control.active = undefined;
      }
      const ms = Date.now() - started;
      if (control.errors.length)
        return record(m, { status: 'error', reason: `the operator failed: ${control.errors[0]}`, tests: ran, ms });
      if (control.changes === 0)
        return record(m, {
          status: 'unreached',
          reason: 'it changed no request, answer or write of its tests',
          tests: ran,
          ms,
        });
      return record(m, {
        status: 'survived',
        reason: `the run was ${verdict}${why ? `: ${why}` : ''}`,
        tests: ran,
        ms,
      });
    }
  } finally {
    await session.close();
    rmSync(scratch, { recursive: true, force: true });
  }
}
