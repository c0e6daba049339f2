/**
 * What a run cost the target: requests per operation, retries (extra attempts after 429/503
 * or a transport failure) and the time spent waiting on the network, from the exchange log.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FailedRequest } from '../src/client/users-client.ts';

export interface RequestStats {
  total: number;
  retries: number;
  /** Sum of the time requests spent on the network (they overlap: more than the wall time). */
  networkSeconds: number;
  /** Start to end of the run. */
  wallSeconds?: number;
  /** Requests that got no usable answer, and of those the ones that timed out. */
  failed: number;
  timedOut: number;
  byOperation: Record<string, number>;
}

export function requestStats(reportDir: string, failures: FailedRequest[] = [], wallSeconds?: number): RequestStats {
  const stats: RequestStats = {
    total: 0,
    retries: 0,
    networkSeconds: 0,
    wallSeconds,
    failed: failures.length,
    timedOut: failures.filter((f) => f.kind === 'timeout').length,
    byOperation: {},
  };
  const dir = join(reportDir, 'exchanges');
  if (!existsSync(dir)) return stats;
  let ms = 0;
  for (const file of readdirSync(dir)) {
    for (const line of readFileSync(join(dir, file), 'utf8').split('\n')) {
      if (!line.trim()) continue;
      try {
        const ex = JSON.parse(line) as { operationId: string; ms?: number; attempts?: number };
        stats.total++;
        stats.retries += Math.max(0, (ex.attempts ?? 1) - 1);
        ms += ex.ms ?? 0;
        stats.byOperation[ex.operationId] = (stats.byOperation[ex.operationId] ?? 0) + 1;
      } catch {
        // A line cut short by a crash.
      }
    }
  }
  stats.networkSeconds = Math.round(ms / 100) / 10;
  return stats;
}

export function formatRequestStats(stats: RequestStats): string {
  const ops = Object.entries(stats.byOperation)
    .sort(([, a], [, b]) => b - a)
    .map(([op, n]) => `${op} ${n}`)
    .join(', ');
  const failed = stats.failed ? `, ${stats.failed} without an answer (${stats.timedOut} timed out)` : '';
  const wall = stats.wallSeconds === undefined ? '' : `in ${stats.wallSeconds} s; `;
  return (
    `Requests: ${stats.total} (${stats.retries} retries${failed}) ${wall}` +
    `${stats.networkSeconds} s of network time summed over concurrent requests; ${ops}`
  );
}
