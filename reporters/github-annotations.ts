/**
 * In GitHub Actions: an annotation per broken requirement (error for a MUST, warning for a
 * SHOULD) and the Markdown summary on the job page. Does nothing elsewhere.
 */
import { appendFileSync } from 'node:fs';
import { markdownSummary } from './markdown-summary.ts';
import type { RunResults } from './outcomes.ts';

const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');

export function githubAnnotations(results: RunResults): string[] {
  return results.requirements
    .filter((r) => r.outcome === 'fail')
    .map((r) => {
      const kind = r.level === 'MUST' ? 'error' : 'warning';
      const message = r.findings[0]?.message.split('\n')[0] ?? r.title;
      return `::${kind} title=${escapeData(`${r.level} ${r.id}`)}::${escapeData(message)}`;
    });
}

export function announceOnGitHub(results: RunResults, env: NodeJS.ProcessEnv = process.env): void {
  if (env.GITHUB_ACTIONS !== 'true') return;
  for (const line of githubAnnotations(results)) console.log(line);
  if (env.GITHUB_STEP_SUMMARY) appendFileSync(env.GITHUB_STEP_SUMMARY, markdownSummary(results));
}
