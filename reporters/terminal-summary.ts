/** The human summary printed at the end of a run: per operation, then what failed and why. */
import { type RequirementResult, type RunResults, reportedOutcome } from './outcomes.ts';
import { targetUrl } from './provenance.ts';
import { replayCommand } from './replay-line.ts';
import { formatRequestStats } from './request-stats.ts';
import { textTable } from './text-table.ts';

/** The outcomes every report counts alike (a failed SHOULD is a warning). */
export const COLUMNS = ['pass', 'fail', 'warning', 'waived', 'not-applicable', 'inconclusive', 'not-run'] as const;

/** The target as the results name it: the last line of every run says what was tested. */
export function targetOf(results: RunResults): string {
  const t = results.provenance?.target;
  if (!t) return 'unknown';
  return t.kind === 'embedded' ? 'the embedded reference (a self-test: it certifies no server)' : targetUrl(t);
}

function describeFailure(r: RequirementResult, reportDir: string, results: RunResults): string {
  const f = r.findings[0];
  const lines = [`  ${r.level.padEnd(6)} ${r.id}  ${r.title}`];
  if (f) {
    lines.push(`         ${f.message.split('\n')[0]}`);
    const counterexample = /counterexample: (.*)/.exec(f.message)?.[1];
    if (counterexample) lines.push(`         counterexample: ${counterexample.slice(0, 200)}`);
    if (f.exchange) lines.push(`         reproduce: ${f.exchange.curl}`);
  }
  // One replay line per requirement: its test again, same seed and path, against the same target.
  const seed = f?.replay?.path ? ` (seed ${f.replay.seed}, path ${f.replay.path})` : '';
  const more = r.findings.length > 1 ? ` (+${r.findings.length - 1} more findings in results.json)` : '';
  lines.push(`         replay: ${replayCommand(r, `${reportDir}/results.json`, results)}${seed}${more}`);
  return lines.join('\n');
}

/** A request path that names one user. */
const USER_PATH = /\/api\/v1\/users\/(?!count\b)[^/?'" ]+/;

/** A warning in one line: the SHOULD, and what was seen. */
const describeWarning = (r: RequirementResult) =>
  `  ${r.level.padEnd(6)} ${r.id}: ${(r.findings[0]?.message ?? '').split('\n')[0]?.slice(0, 160)}`;

/** Detailed entries per section; the rest are named on one line each, all are in results.json. */
const SHOWN = 5;

/** The first entries of a section in full, the rest named in a line: a summary stays readable at any size. */
function section(title: string, lines: string[], more: (hidden: number) => string): string[] {
  if (!lines.length) return [];
  const hidden = lines.length - SHOWN;
  return [title, ...lines.slice(0, SHOWN), ...(hidden > 0 ? [`  … ${more(hidden)}`] : []), ''];
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
  const others = (rs: RequirementResult[]) => (hidden: number) =>
    `and ${hidden} more: ${rs
      .slice(SHOWN)
      .map((r) => r.id)
      .join(', ')}`;
  const describe = (r: RequirementResult) => describeFailure(r, reportDir, results);
  out.push(...section('Broken requirements:', must.map(describe), others(must)));
  // A reproduce line names a user of the run, which its cleanup has deleted since.
  if (must.some((r) => r.findings.some((f) => USER_PATH.test(f.exchange?.curl ?? ''))))
    out.splice(
      out.length - 1,
      0,
      '  (a reproduce line naming a user names one the run has deleted since: create one first, or replay)',
    );
  const p = results.provenance;
  if ((must.length || should.length) && p?.credentials === 'client-credentials' && p.target.kind === 'remote') {
    const tokenUrl = `${targetUrl(p.target)}/api/v1/token`;
    out.push(
      'The curl lines read the token from $RUNAI_TOKEN; with client credentials, get one first:',
      `  export RUNAI_TOKEN=$(curl -sS -X POST '${tokenUrl}' -H 'content-type: application/json' \\`,
      `    -d "{\\"grantType\\":\\"client_credentials\\",\\"clientId\\":\\"$RUNAI_CLIENT_ID\\",` +
        `\\"clientSecret\\":\\"$RUNAI_CLIENT_SECRET\\"}" | jq -r .accessToken)`,
      '',
    );
  }
  out.push(...section('Warnings (SHOULD):', should.map(describeWarning), others(should)));
  const waived = all.filter((r) => reportedOutcome(r) === 'waived');
  const waivedLines = waived.map((r) => `  ${r.id}: until ${r.waiver?.expires}: ${r.waiver?.reason}`);
  out.push(...section('Waived (known deviations, by --waivers):', waivedLines, others(waived)));
  const reasoned = (rs: RequirementResult[]) => rs.map((r) => `  ${r.id}: ${(r.reason ?? '').split('\n')[0]}`);
  const inconclusive = all.filter((r) => r.outcome === 'inconclusive');
  out.push(...section('Inconclusive (no valid observation):', reasoned(inconclusive), others(inconclusive)));
  const notApplicable = all.filter((r) => r.outcome === 'not-applicable');
  out.push(...section('Not applicable to this target:', reasoned(notApplicable), others(notApplicable)));
  if (results.targetStopped) out.push(`Run incomplete: ${results.targetStopped}.`, '');
  const errors = results.errors.map((e) => `  ${e.split('\n')[0]}`);
  out.push(...section('Errors outside tests:', errors, (n) => `and ${n} more in results.json`));
  const leftovers = results.leftovers ?? [];
  out.push(
    ...section(
      `Users left behind (${leftovers.length}; the run is not certifiable until they are gone):`,
      leftovers.map((l) => `  ${l.username} (${l.id}): ${l.reason.split('\n')[0]}`),
      (n) => `and ${n} more in ${reportDir}/leftovers.json`,
    ),
  );
  if (leftovers.length)
    out.splice(out.length - 1, 0, `  finish with: npx runai-conformance cleanup --report-dir ${reportDir}`);
  const verdict = {
    conformant: 'CONFORMANT: every requirement checked holds.',
    'non-conformant': `NON-CONFORMANT: ${must.length} MUST requirement(s) broken.`,
    incomplete: results.targetStopped
      ? 'INCOMPLETE: the target stopped answering; what it did after that is not judged.'
      : results.nothingChecked
        ? 'INCOMPLETE: not one MUST requirement was checked (--only, --skip, --read-only?): no verdict.'
        : 'INCOMPLETE: no deviation found, but some requirements could not be observed.',
  }[results.verdict];
  if (results.requests) out.push(formatRequestStats(results.requests));
  const seeds = results.provenance?.seeds ?? [];
  if (seeds.length) out.push(`fast-check seed${seeds.length > 1 ? 's' : ''}: ${seeds.join(', ')}`);
  out.push(`Details: ${reportDir}/results.json, ${reportDir}/junit.xml, ${reportDir}/run.log`);
  out.push(`${verdict} Target: ${targetOf(results)}.`);
  return out.join('\n');
}
