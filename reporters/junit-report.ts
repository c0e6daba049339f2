/**
 * JUnit XML with the requirement as the unit, so CI test-report tools agree with the verdict:
 * one testcase per catalogued requirement, grouped by operation. Only a broken MUST is a
 * <failure>; a failed SHOULD passes with a warning in its output; inconclusive, not
 * applicable and not run are <skipped> with their reason.
 */
import { type RequirementResult, type RunResults, reportedOutcome } from './outcomes.ts';

const xml = (s: string) =>
  s
    // Characters XML 1.0 cannot hold at all.
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');

const firstLine = (s: string) => s.split('\n')[0] ?? '';

function evidence(r: RequirementResult): string {
  return r.findings
    .slice(0, 20)
    .map((f) => [f.message, f.exchange ? `reproduce: ${f.exchange.curl}` : ''].filter(Boolean).join('\n'))
    .join('\n\n');
}

/** Seconds as JUnit writes them. */
const seconds = (ms: number) => (ms / 1000).toFixed(3);

/** A requirement's time: the tests that checked it, added up (a test checking several counts for each). */
function requirementMs(r: RequirementResult, testMs: Map<string, number>): number {
  return r.tests.reduce((sum, name) => sum + (testMs.get(name) ?? 0), 0);
}

function testcase(r: RequirementResult, ms: number): string {
  const open =
    `    <testcase classname="${xml(r.operation)}" name="${xml(`[${r.id}] ${r.title}`)}" ` + `time="${seconds(ms)}">`;
  const outcome = reportedOutcome(r);
  const message = xml(firstLine(r.findings[0]?.message ?? r.reason ?? ''));
  const body =
    outcome === 'fail'
      ? `<failure type="${r.level}" message="${message}">${xml(evidence(r))}</failure>`
      : outcome === 'warning'
        ? `<system-out>${xml(`WARNING (${r.level} not met): ${evidence(r)}`)}</system-out>`
        : outcome === 'pass'
          ? ''
          : outcome === 'waived'
            ? `<skipped message="${xml(`waived until ${r.waiver?.expires}: ${r.waiver?.reason}`)}"/>`
            : `<skipped message="${xml(`${outcome}: `)}${message}"/>`;
  return body ? `${open}\n      ${body}\n    </testcase>` : `${open}</testcase>`;
}

export function junitXml(results: RunResults): string {
  const ops = [...new Set(results.requirements.map((r) => r.operation))].sort();
  const count = (rs: RequirementResult[], ...o: string[]) => rs.filter((r) => o.includes(reportedOutcome(r))).length;
  const testMs = new Map(results.tests.map((t) => [t.name, t.ms ?? 0]));
  const ms = new Map(results.requirements.map((r) => [r.id, requirementMs(r, testMs)]));
  const total = (rs: RequirementResult[]) => rs.reduce((sum, r) => sum + (ms.get(r.id) ?? 0), 0);
  const suites = ops.map((op) => {
    const rs = results.requirements.filter((r) => r.operation === op);
    return [
      `  <testsuite name="${xml(op)}" tests="${rs.length}" failures="${count(rs, 'fail')}" errors="0" ` +
        `skipped="${count(rs, 'waived', 'inconclusive', 'not-applicable', 'not-run')}" time="${seconds(total(rs))}">`,
      ...rs.map((r) => testcase(r, ms.get(r.id) ?? 0)),
      '  </testsuite>',
    ].join('\n');
  });
  const all = results.requirements;
  const errors = results.errors.length ? `\n  <system-err>${xml(results.errors.join('\n'))}</system-err>` : '';
  return `<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="runai-users-conformance (${results.verdict})" tests="${all.length}" failures="${count(all, 'fail')}" \
errors="0" skipped="${count(all, 'waived', 'inconclusive', 'not-applicable', 'not-run')}" \
time="${seconds(results.tests.reduce((sum, t) => sum + (t.ms ?? 0), 0))}">
${suites.join('\n')}${errors}
</testsuites>
`;
}
