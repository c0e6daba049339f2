/** The human summary printed at the end of a run: per operation, then what failed and why. */
import { type RequirementResult, type RunResults, reportedOutcome } from './outcomes.ts';
import { formatRequestStats } from './request-stats.ts';
import { textTable } from './text-table.ts';

/** The outcomes every report counts alike (a failed SHOULD is a warning). */
export const COLUMNS = ['pass', 'fail', 'warning', 'not-applicable', 'inconclusive', 'not-run'] as const;

function describeFailure(r: RequirementResult): string {
  const f = r.findings[0];
  const lines = [`  ${r.level.padEnd(6)} ${r.id}  ${r.title}`];
  if (f) {
    lines.push(`         ${f.message.split('\n')[0]}`);
    if (f.exchange) lines.push(`         reproduce: ${f.exchange.curl}`);
  }
  if (r.findings.length > 1) lines.push(`         (+${r.findings.length - 1} more findings in results.json)`);
  return lines.join('\n');
}

export function formatSummary(results: RunResults, reportDir: string): string {
  const all = results.requirements;
  const ops = [...new Set(all.map((r) => r.operation))].sort();
  const rows = [['operation', ...COLUMNS]];
  const count = (rs: RequirementResult[], c: string) => String(rs.filter((r) => reportedOutcome(r) === c).length);
  for (const op of ops) {
    const of = all.filter((r) => r.operation === op);
    rows.push([op, ...COLUMNS.map((c) => count(of, c))]);
  }
  rows.push(['total', ...COLUMNS.map((c) => count(all, c))]);

  const out = ['', `Requirements by operation (profile ${results.profile}):`, textTable(rows, 'right'), ''];
  const must = all.filter((r) => reportedOutcome(r) === 'fail');
  const should = all.filter((r) => reportedOutcome(r) === 'warning');
  if (must.length) out.push('Broken requirements:', ...must.map(describeFailure), '');
  if (should.length) out.push('Warnings (SHOULD):', ...should.map(describeFailure), '');
  const inconclusive = all.filter((r) => r.outcome === 'inconclusive');
  if (inconclusive.length)
    out.push('Inconclusive (no valid observation):', ...inconclusive.map((r) => `  ${r.id}: ${r.reason}`), '');
  const notApplicable = all.filter((r) => r.outcome === 'not-applicable');
  if (notApplicable.length)
    out.push('Not applicable to this target:', ...notApplicable.map((r) => `  ${r.id}: ${r.reason}`), '');
  if (results.targetStopped) out.push(`Run incomplete: ${results.targetStopped}.`, '');
  if (results.errors.length)
    out.push('Errors outside tests:', ...results.errors.map((e) => `  ${e.split('\n')[0]}`), '');
  const leftovers = results.leftovers ?? [];
  if (leftovers.length) {
    out.push(
      `Users left behind (${leftovers.length}; the run is not certifiable until they are gone):`,
      ...leftovers.map((l) => `  ${l.username} (${l.id}): ${l.reason}`),
      `  finish with: npx runai-conformance cleanup --report-dir ${reportDir}`,
      '',
    );
  }
  const verdict = {
    conformant: 'CONFORMANT: every requirement checked holds.',
    'non-conformant': `NON-CONFORMANT: ${must.length} MUST requirement(s) broken.`,
    incomplete: results.targetStopped
      ? 'INCOMPLETE: the target stopped answering; what it did after that is not judged.'
      : 'INCOMPLETE: no deviation found, but some requirements could not be observed.',
  }[results.verdict];
  if (results.requests) out.push(formatRequestStats(results.requests));
  out.push(verdict, `Details: ${reportDir}/results.json, ${reportDir}/junit.xml`);
  return out.join('\n');
}
