/** The numbers of a wire mutation run: per operator and operation, and the Markdown table of them. */
import type { WireRecord } from './wire-runner.ts';

export interface Tally {
  mutants: number;
  killed: number;
  survived: number;
  equivalent: number;
  /** killed / (killed + survived); undefined when nothing was judged. */
  score?: number;
}

export interface WireSummary extends Tally {
  at: string;
  commit?: string;
  seed: number;
  /** The sample's size asked for, or "all". */
  sample: number | 'all';
  seconds: number;
  /** Mutants of places no request of the clean run reaches: set aside, not in `mutants`. */
  unreached: number;
  /** Mutants whose operator failed (a fault of the tool): not judged, not in `mutants`. */
  errors: number;
  equivalentShare: number;
  byOperator: Record<string, Tally>;
  byOperation: Record<string, Tally>;
  survivors: { id: string; reason?: string }[];
}

function tally(records: WireRecord[]): Tally {
  const count = (s: WireRecord['status']) => records.filter((r) => r.status === s).length;
  const [killed, survived, equivalent] = [count('killed'), count('survived'), count('equivalent')];
  const judged = killed + survived;
  return {
    mutants: killed + survived + equivalent,
    killed,
    survived,
    equivalent,
    ...(judged ? { score: Math.round((killed / judged) * 1000) / 1000 } : {}),
  };
}

const grouped = (records: WireRecord[], key: (r: WireRecord) => string): Record<string, Tally> => {
  const groups = new Map<string, WireRecord[]>();
  for (const r of records) groups.set(key(r), [...(groups.get(key(r)) ?? []), r]);
  return Object.fromEntries([...groups].map(([k, list]) => [k, tally(list)]));
};

export function summarize(
  records: WireRecord[],
  run: { seed: number; sample: number | 'all'; seconds: number; commit?: string },
): WireSummary {
  const drawn = records.filter((r) => r.status !== 'unreached' || r.tests !== undefined);
  const all = tally(drawn);
  return {
    at: new Date().toISOString(),
    ...run,
    ...all,
    unreached: records.filter((r) => r.status === 'unreached').length,
    errors: records.filter((r) => r.status === 'error').length,
    equivalentShare: all.mutants ? Math.round((all.equivalent / all.mutants) * 1000) / 1000 : 0,
    byOperator: grouped(drawn, (r) => r.operator),
    byOperation: grouped(drawn, (r) => r.operationId),
    survivors: records.filter((r) => r.status === 'survived').map((r) => ({ id: r.id, reason: r.reason })),
  };
}

const percent = (x?: number) => (x === undefined ? '-' : `${(x * 100).toFixed(1)}%`);

export function markdown(summary: WireSummary): string {
  const rows = (title: string, table: Record<string, Tally>) => [
    `| ${title} | mutants | killed | survived | equivalent | score |`,
    '|---|---:|---:|---:|---:|---:|',
    ...Object.entries(table).map(
      ([k, t]) => `| ${k} | ${t.mutants} | ${t.killed} | ${t.survived} | ${t.equivalent} | ${percent(t.score)} |`,
    ),
  ];
  return [
    '# Wire mutation',
    '',
    `Sample: ${summary.sample} (seed ${summary.seed}), ${summary.seconds} s` +
      `${summary.commit ? `, commit ${summary.commit}` : ''}.`,
    `Score **${percent(summary.score)}** (${summary.killed} killed, ${summary.survived} survived); ` +
      `${summary.equivalent} equivalent (${percent(summary.equivalentShare)}); ` +
      `${summary.unreached} unreached, set aside.`,
    '',
    ...rows('operator', summary.byOperator),
    '',
    ...rows('operation', summary.byOperation),
    '',
    '## Survivors',
    '',
    ...(summary.survivors.length ? summary.survivors.map((s) => `- ${s.id}: ${s.reason ?? ''}`) : ['none']),
    ...(summary.errors ? ['', `${summary.errors} mutant(s) not judged: their operator failed (mutants.json).`] : []),
    '',
  ].join('\n');
}
