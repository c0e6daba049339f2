/**
 * Allure with the requirement as the unit. allure-vitest writes one result per test; after the
 * run they are folded into one result per catalogued requirement, its status the requirement's
 * outcome (a broken MUST fails; a failed SHOULD passes with a warning; inconclusive, not
 * applicable and not run are skipped with their reason), and each test that checked it a step
 * holding that test's requests and attachments.
 */
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { requirement } from '../src/catalogue/requirements.ts';
import { redactForeignText } from '../src/model/foreign-data.ts';
import { apiName } from '../src/spec/openapi.ts';
import { type ReportedOutcome, type RequirementResult, type RunResults, reportedOutcome } from './outcomes.ts';

interface AllureResult {
  uuid: string;
  name: string;
  fullName?: string;
  status?: string;
  statusDetails?: { message?: string; trace?: string };
  steps?: unknown[];
  attachments?: unknown[];
  start?: number;
  stop?: number;
  [key: string]: unknown;
}

const STATUS: Record<ReportedOutcome, string> = {
  pass: 'passed',
  fail: 'failed',
  warning: 'passed',
  waived: 'skipped',
  inconclusive: 'skipped',
  'not-applicable': 'skipped',
  'not-run': 'skipped',
};
const SEVERITY = { MUST: 'critical', SHOULD: 'normal', MAY: 'minor' } as const;

const md5 = (s: string) => createHash('md5').update(s).digest('hex');
const firstLine = (s: string) => s.split('\n')[0] ?? '';

function statusDetails(r: RequirementResult, outcome: ReportedOutcome): AllureResult['statusDetails'] {
  const finding = r.findings[0]?.message;
  if (outcome === 'fail') return { message: firstLine(finding ?? 'failed'), trace: finding };
  if (outcome === 'warning') return { message: `warning: ${r.level} not met: ${firstLine(finding ?? '')}` };
  if (outcome === 'pass') return {};
  if (outcome === 'waived')
    return { message: `waived until ${r.waiver?.expires}: ${r.waiver?.reason}`, trace: finding };
  return { message: `${outcome}: ${r.reason ?? ''}` };
}

/** The results in the folder: allure-vitest's per-test ones by the test's full name, and any folded before. */
function readResults(dir: string) {
  const perTest = new Map<string, AllureResult>();
  const files: string[] = [];
  for (const f of readdirSync(dir).filter((n) => n.endsWith('-result.json'))) {
    const result = JSON.parse(readFileSync(join(dir, f), 'utf8')) as AllureResult;
    files.push(f);
    // allure-vitest names a test `<package>:<file>#<full name>`; a folded result is named by its requirement id.
    const fullName = String(result.fullName ?? '');
    if (fullName.includes('#')) perTest.set(fullName.slice(fullName.indexOf('#') + 1), result);
  }
  return { perTest, files };
}

function requirementResult(r: RequirementResult, tests: AllureResult[], profile: string): AllureResult {
  const outcome = reportedOutcome(r);
  const status = STATUS[outcome];
  const req = requirement(r.id);
  const steps = tests.map((t) => ({
    name: t.name,
    status: t.status === 'passed' ? 'passed' : status,
    statusDetails: {},
    stage: 'finished',
    steps: t.steps ?? [],
    attachments: t.attachments ?? [],
    parameters: [],
    start: t.start,
    stop: t.stop,
  }));
  const starts = tests.map((t) => t.start ?? 0).filter(Boolean);
  const stops = tests.map((t) => t.stop ?? 0).filter(Boolean);
  const labels = [
    ['epic', apiName],
    ['feature', r.operation],
    ['story', r.id],
    ['severity', SEVERITY[r.level]],
    ['tag', profile],
    ['tag', r.level],
    ...(outcome === 'warning' || outcome === 'waived' ? [['tag', outcome]] : []),
  ].map(([name, value]) => ({ name, value }));
  const where = req.ref.startsWith('/') ? `spec/openapi.json#${req.ref}` : req.ref;
  const details = statusDetails(r, outcome);
  return {
    uuid: randomUUID(),
    historyId: md5(r.id),
    testCaseId: md5(r.id),
    name: `[${r.id}] ${r.title}`,
    fullName: r.id,
    status,
    statusDetails: {
      message: details?.message && redactForeignText(details.message),
      trace: details?.trace && redactForeignText(details.trace),
    },
    stage: 'finished',
    description: req.description,
    labels,
    links: [{ url: where, name: `${r.level} (${req.source}) ${req.ref}` }],
    parameters: [],
    attachments: [],
    steps,
    start: starts.length ? Math.min(...starts) : undefined,
    stop: stops.length ? Math.max(...stops) : undefined,
  };
}

/** Rewrites `<reportDir>/allure-results` as one result per requirement; attachments stay where they are. */
export function writeRequirementAllure(reportDir: string, results: RunResults): void {
  const dir = join(reportDir, 'allure-results');
  if (!existsSync(dir)) return;
  const { perTest, files } = readResults(dir);
  // Folded already (a second report of the same run): nothing left to fold.
  if (perTest.size === 0) return;
  for (const f of files) rmSync(join(dir, f));
  for (const r of results.requirements) {
    const tests = r.tests.flatMap((name) => perTest.get(name) ?? []);
    const result = requirementResult(r, tests, results.profile);
    writeFileSync(join(dir, `${result.uuid}-result.json`), JSON.stringify(result));
  }
}
