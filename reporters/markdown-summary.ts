/** The summary of a run as Markdown (certification bundle, CI job summaries). */
import { type RunResults, reportedOutcome } from './outcomes.ts';
import { COLUMNS } from './terminal-summary.ts';

const firstLine = (s: string) => s.split('\n')[0] ?? '';
const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function markdownSummary(results: RunResults): string {
  const all = results.requirements;
  const ops = [...new Set(all.map((r) => r.operation))].sort();
  const lines = [
    `# Conformance summary (${results.verdict}, profile ${results.profile})`,
    '',
    `| operation | ${COLUMNS.join(' | ')} |`,
    `| --- | ${COLUMNS.map(() => '---:').join(' | ')} |`,
    ...ops.map(
      (op) =>
        `| ${op} | ` +
        `${COLUMNS.map((c) => all.filter((r) => r.operation === op && reportedOutcome(r) === c).length).join(' | ')} |`,
    ),
    '',
  ];
  const notable = all.filter((r) => r.outcome !== 'pass');
  if (notable.length) {
    lines.push('| requirement | level | outcome | detail |', '| --- | --- | --- | --- |');
    for (const r of notable)
      lines.push(
        `| ${r.id} | ${r.level} | ${reportedOutcome(r)} | ` +
          `${cell(firstLine(r.findings[0]?.message ?? r.reason ?? ''))} |`,
      );
    lines.push('');
  }
  return lines.join('\n');
}
