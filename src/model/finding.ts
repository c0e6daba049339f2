/**
 * A finding: one observed deviation, tied to the requirement it breaks and the exchange that
 * proves it. Every finding code the suite can emit is listed here, with what it means.
 */
export const FINDING_CODES = {
  'status-undocumented': 'the response status is not among those the operation documents',
  'server-error': 'a 5xx other than 503 (a crash, not a transient answer)',
  'body-on-204': 'a 204 No Content response carried a body',
  'content-type-not-json': 'a response documented as application/json came with another content type',
  'no-www-authenticate': 'a 401 came without the WWW-Authenticate header HTTP requires',
  'no-date': 'an answer came without the Date header HTTP requires of an origin server',
  'date-not-imf-fixdate': 'an answer dated in a form other than the IMF-fixdate HTTP requires',
  'no-nosniff': 'an answer with a body came without X-Content-Type-Options: nosniff',
  'no-hsts': 'an answer over TLS came without a lasting Strict-Transport-Security',
  'secret-cacheable': 'an answer handing out a temporary password did not say Cache-Control: no-store',
  'shared-cacheable': 'an answer to an authenticated request offered to shared caches (public, s-maxage)',
  'www-authenticate-no-scheme': 'a 401 whose WWW-Authenticate does not start with an auth-scheme',
  'broken-framing': "an answer broke HTTP/1.1's framing (its length, its chunks, its header fields)",
  'stack-trace': 'an answer carried a stack trace of the server',
  'body-not-json': 'a response documented as JSON could not be parsed as JSON',
  'schema-violation': 'a response body does not match the schema documented for its status',
  'error-body-not-object': 'an Error response body is not a JSON object',
  'error-code-mismatch': 'an Error body states a code other than the response status',
  'secret-leaked': 'a response carries a token or password outside the field the spec documents for it',
  'unexpected-status': 'a request the contract fixes the answer to got another documented status',
  'expectation-failed': 'a relation the contract implies did not hold (the message says which)',
  'property-failed': 'a property failed without a finding of its own (its error message is kept)',
  'refusal-took-effect': 'a request the target refused (4xx) changed what a read of the target shows',
  'value-not-read-back': 'an answer showed a value other than the one the run sent and the target accepted',
  'test-failed': 'a test failed with an assertion but recorded no finding',
} as const;

export type FindingCode = keyof typeof FINDING_CODES;

export interface Finding {
  code: FindingCode;
  /** The requirement id the finding breaks. */
  requirement: string;
  message: string;
  /** Id of the exchange that proves it, when there is one. */
  exchangeId?: string;
  /** How to run the failing property again: its fast-check seed, and the path of the shrunk counterexample. */
  replay?: { seed: string; path?: string };
  /** The test that found it (set when outcomes are computed). */
  test?: string;
}
