/**
 * Requests that got no usable answer, appended by each worker: the run's counts of failed and
 * timed-out requests, and the sign that the target stopped answering (the transport's breaker
 * opened), which makes the run incomplete rather than a judgement of the target.
 */
import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FailedRequest } from '../client/users-client.ts';

const folder = (reportDir: string) => join(reportDir, 'failures');

export function failuresFile(reportDir: string, worker: string): string {
  mkdirSync(folder(reportDir), { recursive: true });
  return join(folder(reportDir), `${worker}.ndjson`);
}

export function recordFailure(file: string, failure: FailedRequest): void {
  appendFileSync(file, `${JSON.stringify(failure)}\n`);
}

export function readFailures(reportDir: string): FailedRequest[] {
  if (!existsSync(folder(reportDir))) return [];
  const out: FailedRequest[] = [];
  for (const f of readdirSync(folder(reportDir)))
    for (const line of readFileSync(join(folder(reportDir), f), 'utf8').split('\n')) {
      try {
        if (line.trim()) out.push(JSON.parse(line) as FailedRequest);
      } catch {
        // A line cut short by a crash.
      }
    }
  return out;
}

/** Why the run cannot judge the target, when it stopped answering; undefined otherwise. */
export function targetStopped(failures: FailedRequest[]): string | undefined {
  if (!failures.some((f) => f.kind === 'breaker')) return undefined;
  const timedOut = failures.filter((f) => f.kind === 'timeout').length;
  return `the target stopped answering during the run (${failures.length} requests failed, ${timedOut} timed out)`;
}
