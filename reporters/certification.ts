/**
 * What a run certifies. Certifiable means complete: every MUST of the catalogue was observed
 * and holds, or is not applicable for a reason that belongs to the target (a capability it
 * does not offer). Whatever belongs to the run (a filter, a smaller profile, a token not
 * given, TLS not verified, users left behind, an inconclusive MUST) makes it uncertifiable,
 * and the reasons say so.
 */
import { execFileSync } from 'node:child_process';
import { profiles } from '../src/catalogue/requirements.ts';
import type { RequirementResult, RunResults } from './outcomes.ts';

/** The smallest profile whose run can certify: it checks every requirement of the catalogue. */
export const CERTIFYING_PROFILE = 'standard';

export interface Coverage {
  /** MUST requirements of the catalogue, and how many were observed. */
  must: number;
  checked: number;
  notApplicable: { id: string; reason: string }[];
  notRun: { id: string; reason: string }[];
  inconclusive: { id: string; reason: string }[];
}

export interface Certification {
  certifiable: boolean;
  /** Requirements whose failure was waived: a certifiable run then certifies "with waivers" only. */
  waived: string[];
  /** Why not, one line each; empty when certifiable. */
  reasons: string[];
  coverage: Coverage;
}

const listed = (rs: RequirementResult[]) => rs.map((r) => ({ id: r.id, reason: r.reason ?? '' }));

const few = (rs: RequirementResult[]) =>
  `${rs
    .slice(0, 3)
    .map((r) => r.id)
    .join(', ')}${rs.length > 3 ? ', …' : ''}`;

export function certification(results: RunResults): Certification {
  const must = results.requirements.filter((r) => r.level === 'MUST');
  const by = (outcome: RequirementResult['outcome']) => must.filter((r) => r.outcome === outcome);
  const coverage: Coverage = {
    must: must.length,
    checked: by('pass').length + by('fail').length,
    notApplicable: listed(by('not-applicable')),
    notRun: listed(by('not-run')),
    inconclusive: listed(by('inconclusive')),
  };
  const p = results.provenance;
  const reasons: string[] = [];
  if (p?.filters.only) reasons.push(`the run was narrowed to part of the suite (--only ${p.filters.only})`);
  if (profiles.indexOf(results.profile) < profiles.indexOf(CERTIFYING_PROFILE))
    reasons.push(`profile ${results.profile} checks part of the catalogue (certify with ${CERTIFYING_PROFILE})`);
  if (p?.insecure || results.insecure) reasons.push('TLS verification was off (--insecure)');
  const failed = by('fail').filter((r) => !r.waiver);
  if (failed.length) reasons.push(`${failed.length} MUST requirement(s) failed: ${few(failed)}`);
  if (by('inconclusive').length)
    reasons.push(`${by('inconclusive').length} MUST requirement(s) inconclusive: ${few(by('inconclusive'))}`);
  if (by('not-run').length) reasons.push(`${by('not-run').length} MUST requirement(s) not run: ${few(by('not-run'))}`);
  if (results.targetStopped) reasons.push(results.targetStopped);
  if (results.errors.length) reasons.push(`${results.errors.length} error(s) outside any test`);
  const left = results.leftovers?.length ?? 0;
  if (left) reasons.push(`${left} user(s) the run created are still on the target`);
  if (!p) reasons.push('the results carry no provenance');
  if (p?.target.kind === 'embedded')
    reasons.push("the target is the suite's own embedded reference: a self-test certifies no server");
  if (results.nothingChecked) reasons.push('not one MUST requirement was checked');
  const waived = results.requirements.filter((r) => r.waiver).map((r) => r.id);
  return { certifiable: reasons.length === 0, waived, reasons, coverage };
}

/** How a certification reads: never plain "certified" when a failure was waived. */
export const certificationLabel = (c: Certification) =>
  !c.certifiable
    ? 'not certifiable'
    : c.waived.length
      ? `certifiable with ${c.waived.length} waiver(s)`
      : 'certifiable';

export function suiteCommit(root: string): string {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], { cwd: root, stdio: ['ignore', 'pipe', 'ignore'] })
      .toString()
      .trim();
  } catch {
    return 'unknown (not a git checkout)';
  }
}
