/**
 * npm run score: the suite against the reference, clean, with each catalogued fault, and
 * with each conforming variant. Prints a table, writes reports/score.json, and exits 1 when
 * a fault is missed or a conforming variant is failed. `--only id,id` scores those faults and
 * variants alone (with the clean run).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { inPool } from '../src/harness/in-pool.ts';
import { cleanRun, faults, type ScoreRow, scoreFault, scoreVariant, variants } from '../src/scoring/score.ts';

const CONCURRENCY = 2;

function table(rows: ScoreRow[]): string {
  const head = ['kind', 'id', 'result', 'by requirement', 'exit', 'seconds'];
  const body = rows.map((r) => [
    r.kind,
    r.id,
    r.ok ? r.outcome : `${r.outcome} (!)`,
    r.by.slice(0, 2).join(', ') + (r.by.length > 2 ? ` +${r.by.length - 2}` : ''),
    String(r.exitCode),
    (r.ms / 1000).toFixed(1),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]?.length ?? 0)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  return [line(head), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...body.map(line)].join('\n');
}

const { values } = parseArgs({ options: { only: { type: 'string' } } });
const only = values.only ? new Set(values.only.split(',')) : undefined;
const chosen = <T extends { id: string }>(list: readonly T[]) => list.filter((x) => !only || only.has(x.id));
const unknown = [...(only ?? [])].filter((id) => ![...faults, ...variants].some((x) => x.id === id));
if (unknown.length) {
  console.error(`score: no fault or variant ${unknown.join(', ')}`);
  process.exit(2);
}

const { row: clean, results } = await cleanRun();
if (!results) {
  console.error('score: the clean run produced no results');
  process.exit(2);
}
const rows = [
  clean,
  ...(await inPool(
    [...chosen(faults).map((f) => () => scoreFault(results, f)), ...chosen(variants).map((v) => () => scoreVariant(v))],
    CONCURRENCY,
    (task) => task(),
  )),
];
console.log(table(rows));
for (const r of rows.filter((x) => x.error)) console.log(`${r.id}: ${r.error}`);
const caught = rows.filter((r) => r.kind === 'fault' && r.ok).length;
const passing = rows.filter((r) => r.kind === 'variant' && r.ok).length;
console.log(
  `\nfaults caught: ${caught}/${chosen(faults).length}; conforming variants passed: ${passing}/` +
    `${chosen(variants).length}; clean: ` +
    `${clean.ok ? 'pass' : 'FALSE ALARM'}`,
);
mkdirSync('reports', { recursive: true });
writeFileSync('reports/score.json', JSON.stringify({ at: new Date().toISOString(), rows }, null, 2));
process.exit(rows.every((r) => r.ok) ? 0 : 1);
