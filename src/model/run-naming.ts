/**
 * How a run names what it creates (see DESIGN.md): every user's email starts with the run's
 * prefix, lower-case, under a domain that cannot exist, so a run's data can be found,
 * scoped and cleaned, and nothing else is ever touched.
 */
export const EMAIL_DOMAIN = 'conformance.invalid';

/** How the username of every user of every run starts. */
export const RUNS_PREFIX = 'rc-';

/** Every user a run creates has a username starting with this. */
export const runPrefix = (runId: string) => `${RUNS_PREFIX}${runId}-`;

/** Matches users left by any run, for the cleanup command. */
export const ANY_RUN_USERNAME = new RegExp(`^${RUNS_PREFIX}[a-z0-9]+-[a-z0-9-]*@${EMAIL_DOMAIN.replace('.', '\\.')}$`);

export function newRunId(): string {
  return (Date.now().toString(36).slice(-5) + Math.random().toString(36).slice(2, 6)).toLowerCase();
}
