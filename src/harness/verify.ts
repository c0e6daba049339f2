/**
 * Assertions that name the requirement they break and carry the exchange that proves it,
 * so that a failure reads on its own: requirement, request, response, curl line.
 */
import { ConformanceError, type Exchange, type Finding, NotApplicableError } from '../client/exchange.ts';
import { currentRecorder } from './recorder.ts';

export interface ViolationOptions {
  requirement?: string;
  exchange?: Exchange;
  code?: string;
}

function describe(ex: Exchange): string {
  const body = ex.response.text.length > 300 ? `${ex.response.text.slice(0, 300)}…` : ex.response.text;
  return `\n  ${ex.request.method} ${ex.request.url} -> ${ex.response.status} ${body}\n  reproduce: ${ex.curl}`;
}

export function violation(message: string, options: ViolationOptions = {}): never {
  const recorder = currentRecorder();
  const requirement = options.requirement ?? recorder?.requirements[0];
  if (!requirement) throw new Error('violation() outside a check() needs a requirement');
  const finding: Finding = {
    code: options.code ?? 'expectation-failed',
    requirement,
    message: options.exchange ? `${message}${describe(options.exchange)}` : message,
    exchangeId: options.exchange?.id,
  };
  recorder?.findings.push(finding);
  throw new ConformanceError([finding]);
}

export function verify(condition: unknown, message: string, options: ViolationOptions = {}): asserts condition {
  if (!condition) violation(message, options);
}

export function expectStatus<T>(exchange: Exchange<T>, expected: number | number[], requirement?: string): Exchange<T> {
  const list = [expected].flat();
  if (!list.includes(exchange.response.status)) {
    violation(`expected ${list.join(' or ')}, got ${exchange.response.status}`, {
      requirement,
      exchange,
      code: 'unexpected-status',
    });
  }
  return exchange;
}

export function notApplicable(reason: string): never {
  throw new NotApplicableError(reason);
}
