/**
 * Collects the exchanges and findings of the test that is running (AsyncLocalStorage, so
 * concurrent requests inside one test land in that test), and summarises them for the
 * test's metadata, which is what the reporters read.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Exchange } from '../model/exchange.ts';
import type { Finding } from '../model/finding.ts';
import { redactForeignText } from '../model/foreign-data.ts';

export interface ExchangeSummary {
  id: string;
  operationId: string;
  request: Exchange['request'];
  status: number;
  contentType: string;
  /** Redacted, trimmed. */
  responseText: string;
  ms: number;
  attempts: number;
  curl: string;
}

export interface FindingRecord extends Finding {
  exchange?: ExchangeSummary;
}

const EXCERPT = 2000;

export function summarize(ex: Exchange): ExchangeSummary {
  return {
    id: ex.id,
    operationId: ex.operationId,
    request: ex.request,
    status: ex.response.status,
    contentType: ex.response.contentType,
    responseText:
      ex.response.text.length > EXCERPT
        ? `${ex.response.text.slice(0, EXCERPT)}… (${ex.response.bytes} bytes)`
        : ex.response.text,
    ms: ex.timing.ms,
    attempts: ex.attempts,
    curl: ex.curl,
  };
}

export class Recorder {
  readonly exchanges: Exchange[] = [];
  readonly findings: Finding[] = [];
  /** Exchanges per operationId: which client-checked requirements this test observed. */
  readonly observed: Record<string, number> = {};
  /** The variables of the tokens the test's requests went with: what a replay of it needs. */
  readonly credentials = new Set<string>();
  /** Exchanges that name a user (by id, or the emails a create asks for): what its refusals are read against. */
  readonly touched: Exchange[] = [];

  /** The test's file and full name, when known (mutation runs trace requests by it). */
  constructor(
    readonly requirements: string[],
    readonly testId?: string,
  ) {}

  add(exchange: Exchange): void {
    this.exchanges.push(exchange);
    this.observed[exchange.operationId] = (this.observed[exchange.operationId] ?? 0) + 1;
    if (exchange.credential) this.credentials.add(exchange.credential);
    if (exchange.subject?.userId !== undefined || exchange.subject?.emails) this.touched.push(exchange);
    this.findings.push(...exchange.findings);
  }

  /** A finding made elsewhere (e.g. in one run of a property), with the exchange that proves it. */
  keep(finding: Finding, exchange?: Exchange): void {
    if (exchange && !this.exchanges.includes(exchange)) this.exchanges.push(exchange);
    this.findings.push(finding);
  }

  exchange(id: string | undefined): Exchange | undefined {
    return id === undefined ? undefined : this.exchanges.find((e) => e.id === id);
  }

  findingRecords(): FindingRecord[] {
    return this.findings.map((f) => {
      const ex = this.exchange(f.exchangeId);
      const message = redactForeignText(f.message);
      return ex ? { ...f, message, exchange: summarize(ex) } : { ...f, message };
    });
  }
}

export const recording = new AsyncLocalStorage<Recorder>();

export const currentRecorder = () => recording.getStore();
