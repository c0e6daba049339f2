/**
 * A Stryker reporter that appends each mutant's result as it is known, one JSON line each
 * (reports/mutation/mutants.ndjson), so a run stopped early still tells what it found; the
 * number of mutants planned is written first.
 */
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { MutantResult } from '@stryker-mutator/api/core';
import type { MutationTestingPlanReadyEvent } from '@stryker-mutator/api/report';

export const PROGRESS_LOG = 'reports/mutation/mutants.ndjson';

const line = (m: Readonly<MutantResult>) => ({
  id: m.id,
  file: m.fileName,
  line: m.location.start.line,
  mutator: m.mutatorName,
  replacement: m.replacement,
  status: m.status,
  reason: m.statusReason,
  static: m.static,
  tests: m.testsCompleted,
});

export class ProgressLog {
  private readonly file = PROGRESS_LOG;
  private started = Date.now();

  onMutationTestingPlanReady(event: MutationTestingPlanReadyEvent): void {
    mkdirSync(dirname(this.file), { recursive: true });
    this.started = Date.now();
    // The plan's size; every mutant, settled early (ignored) or run, then comes through onMutantTested.
    writeFileSync(this.file, `${JSON.stringify({ plan: event.mutantPlans.length })}\n`);
  }

  onMutantTested(result: Readonly<MutantResult>): void {
    // When each result came, in seconds from the plan: where a run spends its time.
    const at = Math.round((Date.now() - this.started) / 100) / 10;
    appendFileSync(this.file, `${JSON.stringify({ ...line(result), at })}\n`);
  }
}
