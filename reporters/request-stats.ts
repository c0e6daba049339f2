/**
 * What a run cost the target: requests per operation, retries (extra attempts after 429/503
 * or a transport failure) and the time spent waiting on the network, from the exchange log.
 */
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

/** One logged exchange, as much of it as the counts need. */
export interface CountedExchange {
  operationId: string;
  ms?: number;
  attempts?: number;
}

export function requestStats(
  exchanges: CountedExchange[],
  failures: FailedRequest[] = [],
  wallSeconds?: number,
): RequestStats {
  const byOperation: Record<string, number> = {};
  for (const ex of exchanges) byOperation[ex.operationId] = (byOperation[ex.operationId] ?? 0) + 1;
  const ms = exchanges.reduce((sum, ex) => sum + (ex.ms ?? 0), 0);
  return {
    total: exchanges.length,
    retries: exchanges.reduce((sum, ex) => sum + Math.max(0, (ex.attempts ?? 1) - 1), 0),
    networkSeconds: Math.round(ms / 100) / 10,
    wallSeconds,
    failed: failures.length,
    timedOut: failures.filter((f) => f.kind === 'timeout').length,
    byOperation,
  };
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
