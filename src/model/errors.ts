/**
 * What can end a check other than passing, each with a stable `code`. Tell them apart with
 * `instanceof`, never by name.
 */
import type { Exchange } from './exchange.ts';
import type { Finding } from './finding.ts';
import { redactForeignText } from './foreign-data.ts';

export type ErrorCode =
  | 'conformance'
  | 'inconclusive'
  | 'not-applicable'
  | 'not-run'
  | 'unsafe-mutation'
  | 'transport'
  | 'authentication'
  | 'config'
  | 'preflight';

export abstract class SuiteError extends Error {
  abstract readonly code: ErrorCode;
  override get name(): string {
    return this.constructor.name;
  }
}

/** No valid observation could be made (transport failure, transient status outlasting retries). */
export class InconclusiveError extends SuiteError {
  readonly code = 'inconclusive';
  constructor(
    message: string,
    readonly exchange?: Exchange,
  ) {
    // A failed request's path may carry other people's usernames (filters).
    super(redactForeignText(message));
  }
}

/** A capability the target does not offer (no password login, no refresh tokens): a fact of the target. */
export class NotApplicableError extends SuiteError {
  readonly code = 'not-applicable';
}

/** The run left the check out (no viewer token given): a fact of the run, never of the target. */
export class NotRunError extends SuiteError {
  readonly code = 'not-run';
}

/**
 * The target broke one or more requirements; the message names each. Test reports (Allure)
 * count a thrown assertion as "failed" rather than "broken": this is one, about the contract.
 */
export class ConformanceAssertionError extends SuiteError {
  readonly code = 'conformance';
  constructor(
    readonly findings: Finding[],
    readonly exchanges: Exchange[] = [],
  ) {
    super(redactForeignText(findings.map((f) => `[${f.requirement}] ${f.message}`).join('\n')));
  }
}

/** The shared-environment guard refused a mutation of a user the run does not own. */
export class UnsafeMutationError extends SuiteError {
  readonly code = 'unsafe-mutation';
}
