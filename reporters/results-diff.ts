/**
 * What changed between two runs: the requirements whose outcome differs (newly failing,
 * fixed, newly inconclusive or not applicable), as a table for the terminal and as Markdown
 * for a job summary. A MUST that passed before and fails now is a regression.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Outcome } from '../src/harness/requirement-test.ts';
import type { RunResults } from './outcomes.ts';
import { textTable } from './text-table.ts';

export interface OutcomeChange {
  id: string;
  level: string;
  before: Outcome | 'absent';
  after: Outcome | 'absent';
  change: 'newly failing' | 'fixed' | 'newly inconclusive' | 'newly not applicable' | 'newly not run' | 'changed';
  regression: boolean;
}

/** A results.json, a report folder, or a certification bundle: the results it holds. */
export function loadResults(path: string): RunResults {
  const file = existsSync(path) && statSync(path).isDirectory() ? join(path, 'results.json') : path;
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as RunResults;
  if (!Array.isArray(parsed.requirements)) throw new Error(`${file} holds no requirement outcomes`);
  return parsed;
}

function kindOf(before: OutcomeChange['before'], after: OutcomeChange['after']): OutcomeChange['change'] {
  if (after === 'fail') return 'newly failing';
  if (before === 'fail') return 'fixed';
  if (after === 'inconclusive') return 'newly inconclusive';
  if (after === 'not-applicable') return 'newly not applicable';
  if (after === 'not-run') return 'newly not run';
  return 'changed';
}

/** Why two runs may not be comparable: they differ in target, profile or filters. */
export function runDifferences(before: RunResults, after: RunResults): string[] {
  const a = before.provenance;
  const b = after.provenance;
  const out: string[] = [];
  const show = (t: NonNullable<typeof a>['target'] | undefined) =>
    !t ? 'unknown' : t.kind === 'embedded' ? 'the embedded reference' : `${t.scheme}://${t.host}${t.basePath}`;
  if (show(a?.target) !== show(b?.target)) out.push(`the targets differ: ${show(a?.target)} and ${show(b?.target)}`);
  if (before.profile !== after.profile) out.push(`the profiles differ: ${before.profile} and ${after.profile}`);
  const only = (p: typeof a) => p?.filters.only ?? 'none';
  if (only(a) !== only(b)) out.push(`the filters (--only) differ: ${only(a)} and ${only(b)}`);
  return out;
}

/** How many requirements each run did not run: not run is not a pass. */
export const notRunCount = (results: RunResults) => results.requirements.filter((r) => r.outcome === 'not-run').length;

export function diffResults(before: RunResults, after: RunResults): OutcomeChange[] {
  const old = new Map(before.requirements.map((r) => [r.id, r]));
  const now = new Map(after.requirements.map((r) => [r.id, r]));
  const ids = [...new Set([...old.keys(), ...now.keys()])].sort();
  const changes: OutcomeChange[] = [];
  for (const id of ids) {
    const b = old.get(id)?.outcome ?? 'absent';
    const a = now.get(id)?.outcome ?? 'absent';
    if (a === b) continue;
    const level = now.get(id)?.level ?? old.get(id)?.level ?? '';
    changes.push({
      id,
      level,
      before: b,
      after: a,
      change: kindOf(b, a),
      regression: level === 'MUST' && b === 'pass' && a === 'fail',
    });
  }
  const order = ['newly failing', 'newly inconclusive', 'newly not applicable', 'newly not run', 'changed', 'fixed'];
  return changes.sort((x, y) => order.indexOf(x.change) - order.indexOf(y.change));
}

export function formatDiff(changes: OutcomeChange[]): string {
  if (!changes.length) return 'No requirement changed its outcome.';
  const rows = [
    ['change', 'level', 'requirement', 'before', 'after'],
    ...changes.map((c) => [c.change, c.level, c.id, c.before, c.after]),
  ];
  return textTable(rows);
}

export function diffMarkdown(changes: OutcomeChange[], warnings: string[] = [], notRun?: [number, number]): string {
  const regressions = changes.filter((c) => c.regression).length;
  const head =
    `## Since the previous run: ${changes.length} requirement(s) changed, ` +
    `${regressions} MUST regression(s)\n` +
    warnings.map((w) => `\n> warning: ${w}; the outcomes may not be comparable\n`).join('') +
    (notRun ? `\nNot run (not a pass): ${notRun[0]} before, ${notRun[1]} now.\n` : '');
  if (!changes.length) return `${head}\nNothing changed.\n`;
  const lines = ['| change | level | requirement | before | after |', '| --- | --- | --- | --- | --- |'];
  for (const c of changes) lines.push(`| ${c.change} | ${c.level} | \`${c.id}\` | ${c.before} | ${c.after} |`);
  return `${head}\n${lines.join('\n')}\n`;
}
