/**
 * The command that replays one failed requirement, as printed beside it: every setting the
 * replay needs written out, secrets as shell variables (never their values), so the line works
 * as printed in a shell that has them. The credentials a replay needs are the ones its
 * recorded exchanges were sent with.
 */
import type { RequirementResult, RunResults } from './outcomes.ts';
import { targetUrl } from './provenance.ts';

export interface Credential {
  variable: string;
  flag: string;
}

const ADMIN_TOKEN: Credential = { variable: 'RUNAI_TOKEN', flag: 'token' };
const CLIENT_ID: Credential = { variable: 'RUNAI_CLIENT_ID', flag: 'client-id' };
const CLIENT_SECRET: Credential = { variable: 'RUNAI_CLIENT_SECRET', flag: 'client-secret' };
const VIEWER_TOKEN: Credential = { variable: 'RUNAI_VIEWER_TOKEN', flag: 'viewer-token' };

/** The credentials a replay of this requirement needs against the recorded target: those its tests used. */
export function credentialsFor(r: RequirementResult, results: Pick<RunResults, 'tests' | 'provenance'>): Credential[] {
  const p = results.provenance;
  // The embedded reference hands out its own tokens, the viewer's too.
  if (p?.target.kind !== 'remote') return [];
  const admin = p.credentials === 'client-credentials' ? [CLIENT_ID, CLIENT_SECRET] : [ADMIN_TOKEN];
  const used = new Set(results.tests.filter((t) => r.tests.includes(t.name)).flatMap((t) => t.meta?.credentials ?? []));
  return used.has(VIEWER_TOKEN.variable) ? [...admin, VIEWER_TOKEN] : admin;
}

export function replayCommand(
  r: RequirementResult,
  resultsFile: string,
  results: Pick<RunResults, 'tests' | 'provenance'>,
): string {
  const p = results.provenance;
  const parts = ['npx runai-conformance replay', r.id, '--from', resultsFile];
  if (p?.target.kind === 'remote') parts.push('--base-url', targetUrl(p.target));
  for (const c of credentialsFor(r, results)) parts.push(`--${c.flag}`, `"$${c.variable}"`);
  if (p?.insecure) parts.push('--insecure');
  return parts.join(' ');
}
