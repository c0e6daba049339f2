/**
 * Conforming-but-different behaviours of the reference: each takes a liberty the contract
 * leaves open (collation, case rules, null placement, extra properties, latency, transient
 * 429/503, other writers, dataset size). The suite must pass against every one: this is how
 * it proves it does not cry wolf.
 */
export interface Variant {
  id: string;
  description: string;
}

export const variants = [
  { id: 'contains-case-insensitive', description: '=@ ignores letter case' },
  { id: 'search-case-sensitive', description: 'search matches letter case exactly and also covers createdBy' },
  { id: 'locale-collation', description: 'strings sort by English locale collation (case and punctuation folded)' },
  { id: 'nulls-first', description: 'nulls sort first in ascending order' },
  { id: 'default-order-newest-first', description: 'without sortBy, the newest users come first' },
  { id: 'extra-properties', description: 'user objects carry undocumented extra properties' },
  { id: 'preserve-email-case', description: 'usernames keep the letter case of the email as given' },
  { id: 'latency', description: '20 ms added to every answer' },
  {
    id: 'transient-errors',
    description: 'some requests answer 503 (no Retry-After) or 429 (Retry-After: 0) before being processed',
  },
  { id: 'foreign-writers', description: 'another client keeps creating and deleting its own users during the run' },
  { id: 'empty', description: 'no users but those the run creates' },
  { id: 'large', description: '20,000 users' },
  { id: 'timestamps-plus-offset', description: 'timestamps written with +00:00 and microseconds instead of Z' },
  { id: 'opaque-ids', description: 'user ids that are not UUIDs' },
  { id: 'jwt-tokens', description: 'access tokens are signed JWTs (HS256), not opaque strings' },
  { id: 'slow-writes', description: 'every write takes 40 ms longer than a read' },
  { id: 'no-password-login', description: 'created users cannot log in with the password grant' },
  {
    id: 'rate-limited-no-retry-after',
    description: 'a gateway answers 429 past 40 requests a second, without Retry-After (which is optional)',
  },
  { id: 'gzip-gateway', description: 'a gateway gzips every answer with a body, whatever the client accepts' },
  { id: 'size-limited-gateway', description: 'a gateway refuses request lines and headers over 8 KiB (414, 431)' },
] as const satisfies readonly Variant[];

export type VariantId = (typeof variants)[number]['id'];
const ids = new Set<string>(variants.map((v) => v.id));

export function parseVariants(value: string | undefined): Set<VariantId> {
  const list = (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const id of list) if (!ids.has(id)) throw new Error(`unknown variant "${id}"`);
  return new Set(list as VariantId[]);
}
