/**
 * --max-failures: the broken MUST requirements of the whole run, shared by every worker
 * through one file in the report folder, so a run can stop once it has seen enough.
 */
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { requirement } from '../catalogue/requirements.ts';
import type { Finding } from '../model/finding.ts';

const file = (reportDir: string) => join(reportDir, 'broken-musts');

export function recordBroken(reportDir: string, findings: Finding[]): void {
  const must = [...new Set(findings.map((f) => f.requirement))].filter((id) => requirement(id).level === 'MUST');
  if (must.length) appendFileSync(file(reportDir), `${must.join('\n')}\n`);
}

/** Distinct broken MUSTs so far. */
export function brokenSoFar(reportDir: string): number {
  if (!existsSync(file(reportDir))) return 0;
  return new Set(readFileSync(file(reportDir), 'utf8').split('\n').filter(Boolean)).size;
}
