/**
 * npm run bench: the standard profile at default settings against the reference with 620 users
 * and no latency (the base), with 20-80 ms added to every answer, and with 20,000 users; prints
 * wall time, requests, retries and peak memory of the suite's process tree, the two ratios the
 * project aims at (latency: at most 2.5x; 20,000 users: at most 1.3x), and writes
 * reports/bench.json. The reference is served by a process of its own (`runai-conformance
 * reference`), started before the clock and sharing the machine, as a target would be: its start
 * (seeding 20,000 users) is not the suite's time, its answers are. `npm run bench -- --base-url
 * URL` benches any target instead (credentials from RUNAI_TOKEN or RUNAI_CLIENT_ID/SECRET);
 * `--only TEXT` runs the rows whose name contains it (`--only ms`: the latency row alone).
 * Numbers are for reading, never asserted in tests.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { cleanEnv } from '../src/scoring/run-cli.ts';

/** Resident memory of a process and all its descendants, in KiB (Linux /proc). */
function treeRssKib(pid: number): number {
  let total = 0;
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // The process ended while we looked.
    }
  }
  const walk = (p: number) => {
    try {
      const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${p}/status`, 'utf8'));
      total += m ? Number(m[1]) : 0;
    } catch {
      return;
    }
    for (const c of children.get(p) ?? []) walk(c);
  };
  walk(pid);
  return total;
}

interface BenchRow {
  name: string;
  seconds: number;
  requests: number;
  retries: number;
  perSecond: number;
  peakMiB: number;
  exit: number | null;
}

const CREDENTIALS = ['RUNAI_TOKEN', 'RUNAI_CLIENT_ID', 'RUNAI_CLIENT_SECRET'];

/** The environment of a child: a clean one, with this one's credentials (for --base-url), plus `extra`. */
function childEnv(extra: Record<string, string>): Record<string, string | undefined> {
  const credentials = Object.fromEntries(CREDENTIALS.map((k) => [k, process.env[k]]).filter(([, v]) => v));
  return { ...cleanEnv(), ...credentials, NO_COLOR: '1', ...extra };
}

interface Served {
  env: Record<string, string>;
  stop: () => void;
}

/** Starts `runai-conformance reference` and reads the target settings it prints. */
async function serveReference(settings: Record<string, string>): Promise<Served> {
  const child = spawn(process.execPath, ['bin/runai-conformance.mjs', 'reference'], {
    env: childEnv(settings),
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  await new Promise<void>((ready, fail) => {
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('Ctrl-C')) ready();
    });
    child.on('exit', (code) => fail(new Error(`the reference ended with ${code} before serving`)));
  });
  const env: Record<string, string> = {};
  for (const m of out.matchAll(/(RUNAI_(?:BASE_URL|TOKEN|VIEWER_TOKEN))=(\S+)/g)) env[m[1] as string] = m[2] as string;
  return { env, stop: () => child.kill('SIGTERM') };
}

async function measure(name: string, extraEnv: Record<string, string>, args: string[] = []): Promise<BenchRow> {
  const reportDir = mkdtempSync(join(tmpdir(), 'rc-bench-'));
  const env = childEnv({ RUNAI_REPORT_DIR: reportDir, ...extraEnv });
  const started = Date.now();
  const child = spawn(process.execPath, ['bin/runai-conformance.mjs', 'run', ...args], { env, stdio: 'ignore' });
  let peak = 0;
  const timer = setInterval(() => {
    peak = Math.max(peak, treeRssKib(child.pid ?? 0));
  }, 100);
  const exit = await new Promise<number | null>((resolve) => child.on('close', resolve));
  clearInterval(timer);
  const seconds = (Date.now() - started) / 1000;
  const file = join(reportDir, 'results.json');
  const stats = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')).requests : undefined;
  const requests = stats?.total ?? 0;
  return {
    name,
    seconds,
    requests,
    retries: stats?.retries ?? 0,
    perSecond: Math.round(requests / seconds),
    peakMiB: Math.round(peak / 1024),
    exit,
  };
}

const { values } = parseArgs({ options: { 'base-url': { type: 'string' }, only: { type: 'string' } } });
const rows: BenchRow[] = [];
if (values['base-url']) {
  rows.push(await measure(values['base-url'], { RUNAI_BASE_URL: values['base-url'] }));
} else {
  const targets: [string, Record<string, string>][] = [
    ['620 users', { RUNAI_REFERENCE_USERS: '620' }],
    ['620 users, 20-80 ms', { RUNAI_REFERENCE_USERS: '620', RUNAI_REFERENCE_LATENCY_MS: '20-80' }],
    ['20,000 users', { RUNAI_REFERENCE_USERS: '20000' }],
  ];
  for (const [name, settings] of targets.filter(([name]) => name.includes(values.only ?? ''))) {
    const served = await serveReference(settings);
    try {
      rows.push(await measure(name, served.env));
    } finally {
      served.stop();
    }
  }
}
const base = rows[0]?.seconds ?? 1;
console.log('| run | wall (s) | ratio | requests | retries | req/s | peak memory (MiB) | exit |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const r of rows) {
  const ratio = `${(r.seconds / base).toFixed(2)}x`;
  console.log(
    `| ${r.name} | ${r.seconds.toFixed(1)} | ${ratio} | ${r.requests} | ${r.retries} | ${r.perSecond} | ${r.peakMiB} ` +
      `| ${r.exit} |`,
  );
}
mkdirSync('reports', { recursive: true });
writeFileSync(
  'reports/bench.json',
  JSON.stringify({ at: new Date().toISOString(), node: process.version, rows }, null, 2),
);
