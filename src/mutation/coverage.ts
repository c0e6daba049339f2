/**
 * The reference's side of per-test coverage in a mutation run: each request is handled in the
 * context of the test that sent it (its trace header), so that Stryker's instrumented code
 * counts the mutants it reaches against that test, concurrent requests included. Whatever runs
 * outside any test (the reference's start, the teardown's sweep) counts against the run's harness.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { TRACE_HEADER } from './trace.ts';

/** Set by the global setup of a mutation session: the reference it started. */
export const REFERENCE_HANDLE = '__conformanceReference';

/** The pseudo-test of requests no test sent: every run makes them. */
export const HARNESS_TEST = 'harness';

/** The global namespace Stryker's instrumented code reads: active mutant, hit limit, coverage, current test. */
export interface StrykerNamespace {
  activeMutant?: string;
  hitCount?: number;
  hitLimit?: number;
  mutantCoverage?: unknown;
  currentTestId?: string;
}

const sender = new AsyncLocalStorage<string>();
export const strykerNamespace = (): StrykerNamespace => {
  const g = globalThis as { __stryker__?: StrykerNamespace };
  g.__stryker__ ??= {};
  return g.__stryker__;
};

type Handle = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

/**
 * From now on (the global setup, after the reference's modules loaded), code reached counts
 * against the test that sent the request, else the harness. What ran before, when the modules
 * loaded, stays static: only a fresh process can judge a mutant of it.
 */
export function startAttribution(): void {
  Object.defineProperty(strykerNamespace(), 'currentTestId', {
    configurable: true,
    get: () => sender.getStore() ?? HARNESS_TEST,
  });
}

/** Each request is handled in the context of the test its trace header names. */
export function traceRequests(handle: Handle): Handle {
  return (req, res) => {
    const header = req.headers[TRACE_HEADER];
    const test = typeof header === 'string' ? decodeURIComponent(header) : HARNESS_TEST;
    return sender.run(test, () => handle(req, res));
  };
}
