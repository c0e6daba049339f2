/**
 * The quiet default: one live progress line (requirements done, broken so far, requests,
 * elapsed time) instead of the runner's own output, which goes to `<reportDir>/run.log`
 * (every test, its state and its errors with their stacks) and, with --verbose, to the
 * terminal as well. On a terminal the line rewrites itself; in CI it is printed now and then.
 */
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { SerializedError } from 'vitest';
import type { Reporter, TestCase, TestModule } from 'vitest/node';
import { requirement } from '../src/catalogue/requirements.ts';
import { redactText } from '../src/client/secrets.ts';
import { redactForeignText } from '../src/model/foreign-data.ts';

export const RUN_LOG = 'run.log';
/** How often a line is printed where it cannot be rewritten (CI logs). */
const PLAIN_EVERY_MS = 15_000;

const redact = (text: string) => redactForeignText(redactText(text));

export default class ProgressReporter implements Reporter {
  private readonly log: string;
  private readonly started = Date.now();
  private readonly done = new Set<string>();
  private readonly broken = new Set<string>();
  private requests = 0;
  private lastPrinted = 0;
  private readonly live = process.stderr.isTTY === true && !process.env.CI;

  constructor(options: { reportDir?: string } = {}) {
    const dir = options.reportDir ?? process.env.RUNAI_REPORT_DIR ?? 'reports';
    mkdirSync(dir, { recursive: true });
    this.log = join(dir, RUN_LOG);
    writeFileSync(this.log, `run started ${new Date(this.started).toISOString()}\n`);
  }

  private line(): string {
    const s = Math.round((Date.now() - this.started) / 1000);
    return (
      `${this.done.size} requirements done, ${this.broken.size} MUST broken so far, ` +
      `${this.requests} requests, ${s} s`
    );
  }

  private print(force = false): void {
    const now = Date.now();
    if (this.live) process.stderr.write(`\r\x1b[2K${this.line()}`);
    else if (force || now - this.lastPrinted >= PLAIN_EVERY_MS) process.stderr.write(`${this.line()}\n`);
    this.lastPrinted = now;
  }

  onTestCaseResult(testCase: TestCase): void {
    const meta = testCase.meta().conformance;
    const result = testCase.result();
    for (const id of meta?.requirements ?? []) this.done.add(id);
    for (const f of meta?.findings ?? [])
      if (requirement(f.requirement).level === 'MUST') this.broken.add(f.requirement);
    this.requests += Object.values(meta?.observed ?? {}).reduce((a, b) => a + b, 0);
    const errors = (result.errors ?? []).map((e) => redact(`${e.message ?? ''}\n${e.stack ?? ''}`));
    appendFileSync(
      this.log,
      `${result.state.padEnd(8)} ${relative(process.cwd(), testCase.module.moduleId)} > ${testCase.fullName}\n` +
        errors.map((e) => `${e.replace(/^/gm, '    ')}\n`).join(''),
    );
    this.print();
  }

  onTestRunEnd(_modules: ReadonlyArray<TestModule>, unhandled: ReadonlyArray<SerializedError>): void {
    for (const e of unhandled)
      appendFileSync(this.log, `unhandled error: ${redact(`${e.message}\n${e.stack ?? ''}`)}\n`);
    this.print(true);
    if (this.live) process.stderr.write('\n');
  }
}
