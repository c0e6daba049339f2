/**
 * Mutation testing's per-test coverage: which test sent each request to the embedded
 * reference. Only in a mutation session (RUNAI_MUTATION_SESSION, set by the mutation runner);
 * otherwise no request carries anything extra.
 */
import { currentRecorder } from '../harness/recorder.ts';

export const TRACE_HEADER = 'x-conformance-test';

/** A test's identity in the coverage and in Stryker's report: its file and its full name. */
export const testIdOf = (file: string, name: string) => `${file} > ${name}`;
export const splitTestId = (id: string) => ({
  file: id.slice(0, id.indexOf(' > ')),
  name: id.slice(id.indexOf(' > ') + 3),
});

export const tracing = () => process.env.RUNAI_MUTATION_SESSION === '1';

/** The headers a request is sent with: in a mutation run, also the test that sends it. */
export function withTrace(headers: Record<string, string>): Record<string, string> {
  const test = currentRecorder()?.testId;
  return test ? { ...headers, [TRACE_HEADER]: encodeURIComponent(test) } : headers;
}
