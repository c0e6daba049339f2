/**
 * Requests that got no usable answer, appended by each worker: the run's counts of failed and
 * timed-out requests, and the sign that the target stopped answering (the transport's breaker
 * opened), which makes the run incomplete rather than a judgement of the target.
 */
import type { FailedRequest } from '../client/users-client.ts';
import { appendLine, readLog, workerLog } from './worker-logs.ts';

const FOLDER = 'failures';

export const failuresFile = (reportDir: string, worker: string) => workerLog(reportDir, FOLDER, worker);

export const recordFailure = (file: string, failure: FailedRequest) => appendLine(file, failure);

export const readFailures = (reportDir: string) => readLog<FailedRequest>(reportDir, FOLDER);

/** Why the run cannot judge the target, when it stopped answering; undefined otherwise. */
export function targetStopped(failures: FailedRequest[]): string | undefined {
  if (!failures.some((f) => f.kind === 'breaker')) return undefined;
  const timedOut = failures.filter((f) => f.kind === 'timeout').length;
  return `the target stopped answering during the run (${failures.length} requests failed, ${timedOut} timed out)`;
}
