/**
 * npm run bench: the standard profile against the embedded reference, for datasets of 200,
 * 2,000 and 20,000 users, with 0 and 50 ms of added latency. Measures wall time, requests,
 * requests per second and the peak memory of the whole process tree; prints a table and
 * writes reports/bench.json. Numbers are for reading, never asserted in tests.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const DATASETS = [200, 2000, 20000];
const LATENCIES = [0, 50];
const WORKERS = process.env.RUNAI_WORKERS ?? '4';

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
  users: number;
  latencyMs: number;
  seconds: number;
  requests: number;
  perSecond: number;
  peakMiB: number;
  exit: number | null;
}

async function measure(users: number, latencyMs: number): Promise<BenchRow> {
  const reportDir = mkdtempSync(join(tmpdir(), 'rc-bench-'));
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('RUNAI_')));
  Object.assign(env, {
    RUNAI_REFERENCE_USERS: String(users),
    RUNAI_REPORT_DIR: reportDir,
    RUNAI_WORKERS: WORKERS,
    NO_COLOR: '1',
  });
  if (latencyMs > 0) env.RUNAI_REFERENCE_LATENCY_MS = String(latencyMs);
  const started = Date.now();
  const child = spawn(process.execPath, ['bin/runai-conformance.mjs', 'run'], { env, stdio: 'ignore' });
  let peak = 0;
  const timer = setInterval(() => (peak = Math.max(peak, treeRssKib(child.pid ?? 0))), 100);
  const exit = await new Promise<number | null>((resolve) => child.on('close', resolve));
  clearInterval(timer);
  const seconds = (Date.now() - started) / 1000;
  const dir = join(reportDir, 'exchanges');
  const requests = existsSync(dir)
    ? readdirSync(dir).reduce((n, f) => n + readFileSync(join(dir, f), 'utf8').split('\n').filter(Boolean).length, 0)
    : 0;
  return {
    users,
    latencyMs,
    seconds,
    requests,
    perSecond: Math.round(requests / seconds),
    peakMiB: Math.round(peak / 1024),
    exit,
  };
}

const rows: BenchRow[] = [];
for (const latency of LATENCIES) for (const users of DATASETS) rows.push(await measure(users, latency));
const base = rows[0]?.seconds ?? 1;
console.log(
  `| users | latency | wall (s) | vs 200/0 ms | requests | req/s | peak memory (MiB) | exit |\n| ---: | ---: | ---: ` +
    `| ---: | ---: | ---: | ---: | ---: |`,
);
for (const r of rows)
  console.log(
    `| ${r.users} | ${r.latencyMs} ms | ${r.seconds.toFixed(1)} | ${(r.seconds / base).toFixed(2)}x | ${r.requests} ` +
      `| ${r.perSecond} | ${r.peakMiB} | ${r.exit} |`,
  );
mkdirSync('reports', { recursive: true });
writeFileSync(
  'reports/bench.json',
  JSON.stringify({ at: new Date().toISOString(), node: process.version, workers: WORKERS, rows }, null, 2),
);
