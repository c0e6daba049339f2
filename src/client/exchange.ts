/** The record of one request/response pair, and the findings an oracle draws from it. */

export interface Finding {
  /** Stable kebab-case code, e.g. `status-undocumented`. */
  code: string;
  /** The requirement id the finding breaks. */
  requirement: string;
  message: string;
  /** Id of the exchange that proves it, when there is one. */
  exchangeId?: string;
}

export interface RecordedRequest {
  method: string;
  url: string;
  /** Redacted. */
  headers: Record<string, string>;
  /** Redacted text of the body, when there is one. */
  body?: string;
}

export interface RecordedResponse {
  status: number;
  /** Redacted. */
  headers: Record<string, string>;
  contentType: string;
  /** Redacted text of the body (capped). */
  text: string;
  bytes: number;
}

export interface Exchange<T = unknown> {
  id: string;
  operationId: string;
  caseId?: string;
  request: RecordedRequest;
  response: RecordedResponse;
  /** Parsed JSON body (not redacted: only for assertions, never recorded). */
  body: T;
  timing: { startedAt: string; ms: number };
  attempts: number;
  findings: Finding[];
  curl: string;
}

/** No valid observation could be made (transport failure, transient status outlasting retries). */
export class InconclusiveError extends Error {
  override name = 'InconclusiveError';
  constructor(
    message: string,
    readonly exchange?: Exchange,
  ) {
    super(message);
  }
}

/** A capability the target does not offer (no viewer token, no password login). */
export class NotApplicableError extends Error {
  override name = 'NotApplicableError';
}

/** The target broke one or more requirements. The message names each. */
export class ConformanceError extends Error {
  override name = 'AssertionError';
  constructor(
    readonly findings: Finding[],
    readonly exchanges: Exchange[] = [],
  ) {
    super(findings.map((f) => `[${f.requirement}] ${f.message}`).join('\n'));
  }
}
