/**
 * Assertions that name the requirement they break and carry the exchange that proves it,
 * so that a failure reads on its own: requirement, request, response, curl line.
 * `verify` and `expectStatus` stop the test; `advise` and `adviseStatus` (SHOULD and MAY
 * only) record the finding and let the test go on, so a failed SHOULD never hides a MUST.
 */

import { requirement } from '../catalogue/requirements.ts';
import { ConformanceAssertionError, NotApplicableError, NotRunError } from '../model/errors.ts';
import type { Exchange } from '../model/exchange.ts';
import type { Finding, FindingCode } from '../model/finding.ts';
import { currentRecorder } from './recorder.ts';

export interface ViolationOptions {
  requirement?: string;
  exchange?: Exchange;
  code?: FindingCode;
}

function describe(ex: Exchange): string {
  const body = ex.response.text.length > 300 ? `${ex.response.text.slice(0, 300)}…` : ex.response.text;
  return `\n  ${ex.request.method} ${ex.request.url} -> ${ex.response.status} ${body}\n  reproduce: ${ex.curl}`;
}

function findingFor(message: string, options: ViolationOptions): Finding {
  const requirement = options.requirement ?? currentRecorder()?.requirements[0];
  if (!requirement) throw new Error('a finding outside a check() needs a requirement');
  return {
    code: options.code ?? 'expectation-failed',
    requirement,
    message: options.exchange ? `${message}${describe(options.exchange)}` : message,
    exchangeId: options.exchange?.id,
  };
}

const isMust = (id: string) => requirement(id).level === 'MUST';

export function violation(message: string, options: ViolationOptions = {}): never {
  const recorder = currentRecorder();
  const finding = findingFor(message, options);
  // Stopping here would leave the test's MUSTs unobserved: such a check must use advise().
  if (!isMust(finding.requirement) && recorder?.requirements.some(isMust)) {
    throw new Error(`${finding.requirement} is not a MUST: check it with advise() in a test that also checks MUSTs`);
  }
  recorder?.findings.push(finding);
  throw new ConformanceAssertionError([finding]);
}

/** A SHOULD or MAY check: a failure is recorded (failing that requirement) and the test goes on. */
export function advise(
  condition: unknown,
  message: string,
  options: ViolationOptions & { requirement: string },
): boolean {
  if (isMust(options.requirement)) throw new Error(`${options.requirement} is a MUST: check it with verify()`);
  if (condition) return true;
  const recorder = currentRecorder();
  if (!recorder) throw new Error('advise() runs inside check()');
  recorder.findings.push(findingFor(message, options));
  return false;
}

export function adviseStatus(exchange: Exchange, expected: number | number[], requirement: string): boolean {
  const list = [expected].flat();
  return advise(
    list.includes(exchange.response.status) || exchange.refusedBySizeLimit !== undefined,
    `expected ${list.join(' or ')}, got ${exchange.response.status}`,
    {
      requirement,
      exchange,
      code: 'unexpected-status',
    },
  );
}

export function verify(condition: unknown, message: string, options: ViolationOptions = {}): asserts condition {
  if (!condition) violation(message, options);
}

export function expectStatus<T>(exchange: Exchange<T>, expected: number | number[], requirement?: string): Exchange<T> {
  const list = [expected].flat();
  // A gateway's refusal of a large request is not the API's answer: recorded, not judged.
  if (!list.includes(exchange.response.status) && exchange.refusedBySizeLimit === undefined) {
    violation(`expected ${list.join(' or ')}, got ${exchange.response.status}`, {
      requirement,
      exchange,
      code: 'unexpected-status',
    });
  }
  return exchange;
}

/** The target does not offer what the check needs. */
export function notApplicable(reason: string): never {
  throw new NotApplicableError(reason);
}

/** The run was not given what the check needs (a setting, a token): not run, and not certifiable. */
export function notRun(reason: string): never {
  throw new NotRunError(reason);
}
