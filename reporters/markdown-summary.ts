/** The summary of a run as Markdown (certification bundle, CI job summaries). */
import type { RunResults } from './outcomes.ts';

const COLUMNS = ['pass', 'fail', 'not-applicable', 'inconclusive'] as const;
const firstLine = (s: string) => s.split('\n')[0] ?? '';
const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function markdownSummary(results: RunResults): string {
  const ran = results.requirements.filter((r) => r.outcome !== 'not-run');
  const ops = [...new Set(ran.map((r) => r.operation))].sort();
  const lines = [
    `# Conformance summary (${results.verdict}, profile ${results.profile})`,
    '',
    `| operation | ${COLUMNS.join(' | ')} |`,
    `| --- | ${COLUMNS.map(() => '---:').join(' | ')} |`,
    ...ops.map(
      (op) =>
        `| ${op} | ` +
        `${COLUMNS.map((c) => ran.filter((r) => r.operation === op && r.outcome === c).length).join(' | ')} |`,
    ),
    '',
  ];
  const notable = ran.filter((r) => r.outcome !== 'pass');
  if (notable.length) {
    lines.push('| requirement | level | outcome | detail |', '| --- | --- | --- | --- |');
    for (const r of notable)
      lines.push(
        `| ${r.id} | ${r.level} | ${r.outcome} | ${cell(firstLine(r.findings[0]?.message ?? r.reason ?? ''))} |`,
      );
    lines.push('');
  }
  return lines.join('\n');
}
