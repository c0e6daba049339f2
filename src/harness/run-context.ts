/**
 * Per-worker view of the run: the target, one shared client whose exchanges go to the
 * recorder of the running test, and unique emails under the run's prefix.
 */

import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { type Profile, profiles } from '../catalogue/requirements.ts';
import type { UsersClient } from '../client/users-client.ts';
import { InconclusiveError } from '../model/errors.ts';
import { EMAIL_DOMAIN, runPrefix } from '../model/run-naming.ts';
import { createdUsersFile, recordCreated, recordCreateSent, recordDeleted } from './created-users.ts';
import { failuresFile, recordFailure } from './failed-requests.ts';
import { brokenSoFar } from './failure-budget.ts';
import { currentRecorder, summarize } from './recorder.ts';
import { createClient, type Target } from './target.ts';
import { appendLine, EXCHANGES, workerLog } from './worker-logs.ts';

export interface RunContext {
  target: Target;
  client: UsersClient;
  prefix: string;
  profile: Profile;
  /** A fresh email under the run's prefix; `tag` (lower-case letters/digits) groups users of one suite. */
  email(tag?: string): string;
  includes(profile: Profile): boolean;
  /** Whether the target declared an optional capability: then its failure is a failure, not "not applicable". */
  declares(capability: string): boolean;
}

let context: RunContext | undefined;
// Distinguishes workers: emails stay unique when test files run in parallel.
const workerTag = randomBytes(2).toString('hex');
let counter = 0;

/** --max-failures: once the run has its N broken MUSTs, tests still running stop at their next request. */
function stopAtBudget(reportDir: string): (() => void) | undefined {
  const budget = Number(process.env.RUNAI_MAX_FAILURES);
  if (!budget) return undefined;
  return () => {
    if (brokenSoFar(reportDir) >= budget)
      throw new InconclusiveError(`not run: the run stopped after ${budget} broken MUSTs (--max-failures)`);
  };
}

export function runContext(): RunContext {
  if (context) return context;
  const target = inject('target');
  const prefix = runPrefix(target.runId);
  // Every exchange, redacted, one JSON line each: the evidence of a certification bundle.
  const exchangesFile = workerLog(target.reportDir, EXCHANGES, `${process.pid}-${workerTag}`);
  const createdFile = createdUsersFile(target.reportDir, `${process.pid}-${workerTag}`);
  const failedFile = failuresFile(target.reportDir, `${process.pid}-${workerTag}`);
  context = {
    target,
    client: createClient(target, {
      onExchange: (exchange) => {
        currentRecorder()?.add(exchange);
        // summarize() already trims the response text to an excerpt.
        const logged = {
          ...summarize(exchange),
          responseHeaders: exchange.response.headers,
          startedAt: exchange.timing.startedAt,
          findings: exchange.findings,
          // What a bundle's re-check needs: whether the API answered, and the body's size before trimming.
          judged: exchange.judged,
          bytes: exchange.response.bytes,
        };
        appendLine(exchangesFile, logged);
      },
      onCreated: (user) => recordCreated(createdFile, user),
      onDeleted: (id) => recordDeleted(createdFile, id),
      onCreateSent: (email) => recordCreateSent(createdFile, email),
      onFailure: (failure) => recordFailure(failedFile, failure),
      beforeSend: stopAtBudget(target.reportDir),
    }),
    prefix,
    profile: target.profile,
    email: (tag = 'u') => `${prefix}${tag}-${workerTag}${(++counter).toString(36)}@${EMAIL_DOMAIN}`,
    includes: (p) => profiles.indexOf(p) <= profiles.indexOf(target.profile),
    declares: (capability) => target.capabilities.includes(capability),
  };
  return context;
}
