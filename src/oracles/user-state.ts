/**
 * Whole-state judgements of users read back after an action: which fields may have moved, and
 * how. The fields come from the spec's User schema; only two of them are the API's to move
 * (the time of the last change and of the last login), and time never runs backwards.
 */
import type { User } from '../model/user.ts';
import { componentSchema } from '../spec/openapi.ts';
import { compareInstants } from './timestamps.ts';
import { fieldProperty } from './user-fields.ts';

export type FieldName = keyof User;

const schema = componentSchema('User2');
/** Every property the spec gives a user. */
export const USER_FIELDS = Object.keys(schema.properties ?? {}) as FieldName[];
const isInstant = (f: FieldName) => schema.properties?.[f]?.format === 'date-time';
/** What an action on a user (or its login) may move: the filter fields `lastUpdated` and `lastLogin`. */
export const MOVING_FIELDS: FieldName[] = [fieldProperty('lastUpdated'), fieldProperty('lastLogin')];

export interface FieldChange {
  id: string;
  field: FieldName;
  before: unknown;
  after: unknown;
  /**
   * stable: a field no action writes changed; backwards: a time went back; cleared: a time set
   * before is gone; untouched: it moved on a user nobody acted on.
   */
  why: 'stable' | 'backwards' | 'cleared' | 'untouched';
}

const normal = (v: unknown) =>
  Array.isArray(v) ? JSON.stringify([...v].map(String).sort()) : JSON.stringify(v ?? null);

/** -1, 0 or 1 for two readings of one field; undefined when they cannot be ordered (not instants). */
function order(field: FieldName, a: unknown, b: unknown): number | undefined {
  if (normal(a) === normal(b)) return 0;
  if (!isInstant(field)) return undefined;
  // A time set for the first time moves forwards; one cleared moves back.
  if (a == null && typeof b === 'string') return -1;
  if (typeof a === 'string' && b == null) return 1;
  return typeof a === 'string' && typeof b === 'string' ? compareInstants(a, b) : undefined;
}

/**
 * What is wrong between two readings of one user, `earlier` then `later`. Stable fields must be
 * equal; moving fields may only go forwards (never back, never cleared), and only when `touched`.
 */
export function fieldChanges(earlier: User, later: User, touched: boolean): FieldChange[] {
  const out: FieldChange[] = [];
  for (const field of USER_FIELDS) {
    const [before, after] = [earlier[field], later[field]];
    const o = order(field, before, after);
    if (o === 0) continue;
    const change = { id: earlier.id, field, before: before ?? null, after: after ?? null };
    if (!MOVING_FIELDS.includes(field)) out.push({ ...change, why: 'stable' });
    else if (before != null && after == null) out.push({ ...change, why: 'cleared' });
    else if (o === undefined || o > 0) out.push({ ...change, why: 'backwards' });
    else if (!touched) out.push({ ...change, why: 'untouched' });
  }
  return out;
}

export const describeChange = (c: FieldChange) =>
  `${c.field} of ${c.id} went from ${JSON.stringify(c.before)} to ${JSON.stringify(c.after)}` +
  {
    stable: ' (no action writes it)',
    backwards: ' (backwards)',
    cleared: ' (cleared)',
    untouched: ' (nobody acted on it)',
  }[c.why];
