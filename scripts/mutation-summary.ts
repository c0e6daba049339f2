/**
 * After `npm run mutation`: the counts by status of Stryker's report, the score the project
 * holds itself to (killed of the mutants not ignored: a timeout is a hung server, which a
 * standard run reports as exit 2, so it is not counted as killed), the ignored share and its
 * reasons, written to reports/mutation/summary.json and, with --readme, into the README.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MESSAGE_REASON } from '../src/mutation/message-ignorer.ts';
import { PROGRESS_LOG } from '../src/mutation/progress-log.ts';
import { SWITCH_REASON } from '../src/mutation/switch-ignorer.ts';

const root = new URL('..', import.meta.url).pathname;
const REPORT = join(root, 'reports/mutation/mutation.json');
const START = '<!-- mutation:start -->';
const END = '<!-- mutation:end -->';

interface Mutant {
  status: string;
  statusReason?: string;
}
/** The finished report, or with --partial the progress log of a run stopped early (the last word per mutant). */
function readMutants(): { mutants: Mutant[]; planned?: number } {
  if (!partial) {
    const report = JSON.parse(readFileSync(REPORT, 'utf8')) as { files: Record<string, { mutants: Mutant[] }> };
    return { mutants: Object.values(report.files).flatMap((f) => f.mutants) };
  }
  const lines = readFileSync(join(root, PROGRESS_LOG), 'utf8').split('\n').filter(Boolean);
  const [head, ...rest] = lines.map(
    (l) => JSON.parse(l) as { plan?: number; id?: string; status: string; reason?: string },
  );
  const byId = new Map(rest.map((m) => [m.id, { status: m.status, statusReason: m.reason }]));
  return { mutants: [...byId.values()], planned: head?.plan };
}
const partial = process.argv.includes('--partial');
const { mutants, planned } = readMutants();
const count = (status: string) => mutants.filter((m) => m.status === status).length;
const statuses = ['Killed', 'Survived', 'Timeout', 'NoCoverage', 'RuntimeError', 'CompileError', 'Ignored'];
const counts: Record<string, number> = Object.fromEntries(statuses.map((s) => [s, count(s)]));
const [killed, timeouts] = [count('Killed'), count('Timeout')];
// Set aside, and counted nowhere below: switch code, out of the run's scope (not the faults,
// variants or switches), and message texts, excluded (the contract never fixes a wording).
const setAside = (reason: string) => mutants.filter((m) => m.status === 'Ignored' && m.statusReason === reason).length;
const [outOfScope, messages] = [setAside(SWITCH_REASON), setAside(MESSAGE_REASON)];
const aside = new Set([SWITCH_REASON, MESSAGE_REASON]);
const inScope = mutants.length - outOfScope - messages;
const ignored = count('Ignored') - outOfScope - messages;
const judged = inScope - ignored;
const reasons = new Map<string, number>();
for (const m of mutants.filter((x) => x.status === 'Ignored' && !aside.has(String(x.statusReason)))) {
  const reason = (m.statusReason ?? 'no reason').replace(/^Ignored because of /, '');
  reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
}
const commit =
  process.env.MUTATION_COMMIT ||
  execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
const seconds = Number(process.env.MUTATION_SECONDS) || undefined;
const summary = {
  date: new Date().toISOString().slice(0, 10),
  commit,
  mutants: inScope,
  switchMutants: outOfScope,
  messageMutants: messages,
  counts,
  score: judged ? killed / judged : 0,
  strykerScore: judged ? (killed + timeouts) / judged : 0,
  ignoredShare: inScope ? ignored / inScope : 0,
  ignoredReasons: Object.fromEntries([...reasons].sort((a, b) => b[1] - a[1])),
  ...(seconds ? { seconds } : {}),
};
writeFileSync(join(root, 'reports/mutation/summary.json'), `${JSON.stringify(summary, null, 2)}\n`);

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const took = seconds ? `, ${Math.round(seconds / 60)} minutes on 2 cores` : '';
const full = planned || !process.argv.includes('--readme') ? '' : 'full ';
const block = [
  START,
  ...(planned ? [`**Partial run**: ${mutants.length} of ${planned} mutants judged before it was stopped.`] : []),
  `Last ${full}run: ${summary.date}, commit \`${commit}\`${took}.`,
  `**Score ${pct(summary.score)}** (killed of the ${judged} mutants not ignored; Stryker's own score,`,
  `timeouts counted as detected: ${pct(summary.strykerScore)}).`,
  `Ignored: ${ignored} of ${inScope} (${pct(summary.ignoredShare)}). Set aside besides: ${outOfScope} mutants of fault`,
  `and variant switches (out of scope, the switch ignorer) and ${messages} of message texts (excluded, the message`,
  `ignorer; counted as ignored, the share would be ${pct((ignored + messages) / (inScope + messages || 1))}).`,
  '',
  '| status | mutants |',
  '| --- | ---: |',
  ...statuses.map((s) => `| ${s} | ${s === 'Ignored' ? ignored : counts[s]} |`),
  '',
  '| ignored because | mutants |',
  '| --- | ---: |',
  ...[...reasons].sort((a, b) => b[1] - a[1]).map(([reason, n]) => `| ${reason.replace(/\|/g, '\\|')} | ${n} |`),
  END,
].join('\n');
console.log(block);
if (process.argv.includes('--readme')) {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const [before, rest] = readme.split(START);
  const after = rest?.split(END)[1];
  if (before === undefined || after === undefined) throw new Error(`README.md has no ${START} ... ${END} section`);
  writeFileSync(join(root, 'README.md'), `${before}${block}${after}`);
}
