/**
 * Users a run did not create are other people's data: reports show them by id only. Every
 * run names its users under RUNS_PREFIX at EMAIL_DOMAIN, so whatever else looks like a user
 * or an email is foreign, in any process (workers, reporters, shard merges) with no setup.
 * RUNAI_KEEP_FOREIGN_DATA=true (--keep-foreign-data) keeps it, for debugging one's own server.
 */
import { EMAIL_DOMAIN, RUNS_PREFIX } from './run-naming.ts';

export const FOREIGN = '[foreign]';

const keep = () => process.env.RUNAI_KEEP_FOREIGN_DATA === 'true';

/**
 * An email, also percent-encoded (`%40`) as it stands in a query string. Matches start only where
 * a run of local-part characters starts: the same matches, without retrying from inside every run.
 */
const EMAIL = /(?<![\w.%+-])[\w.%+-]+(?:@|%40)([\w-]+(?:\.[\w-]+)+)/gi;
const ownDomain = EMAIL_DOMAIN.toLowerCase();

/** Emails of users the run did not create, replaced. */
export function redactForeignText(text: string): string {
  if (keep() || !/@|%40/i.test(text)) return text;
  return text.replace(EMAIL, (email, domain: string) =>
    domain.toLowerCase() === ownDomain || domain.toLowerCase().startsWith(`${ownDomain}%`) ? email : FOREIGN,
  );
}

const isUser = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && 'id' in v && 'username' in v;

const isOwn = (u: Record<string, unknown>) =>
  typeof u.username === 'string' && u.username.toLowerCase().startsWith(RUNS_PREFIX);

const byIdOnly = (u: Record<string, unknown>) =>
  Object.fromEntries(Object.keys(u).map((k) => [k, k === 'id' ? u.id : FOREIGN]));

/** A response body with every foreign user object cut down to its id; undefined when it holds none. */
export function redactForeignUsers(value: unknown): unknown {
  if (keep()) return undefined;
  if (isUser(value)) return isOwn(value) ? undefined : byIdOnly(value);
  if (!Array.isArray(value) || !value.some((v) => isUser(v) && !isOwn(v))) return undefined;
  return value.map((v) => (isUser(v) && !isOwn(v) ? byIdOnly(v) : v));
}
