/**
 * How filterBy and sortBy field names map onto User properties. The names come from the
 * spec (filterBy pattern, UsersFilterSortFields); the mapping of creationTime/lastUpdated to
 * createdAt/updatedAt and of type to isLocal is documented Run:ai behaviour (notes).
 */

import type { User } from '../model/user.ts';
import { componentSchema, enumValues, parameter, specFact } from '../spec/openapi.ts';

export type FieldKind = 'string' | 'date' | 'boolean';
export type FieldValue = string | boolean | null;

const PROPERTY: Record<string, keyof User> = {
  username: 'username',
  createdBy: 'createdBy',
  lastLogin: 'lastLogin',
  creationTime: 'createdAt',
  lastUpdated: 'updatedAt',
  isLocal: 'isLocal',
  type: 'isLocal',
};

const userSchema = componentSchema('User2');

function kindOf(property: keyof User): FieldKind {
  const s = specFact(userSchema.properties?.[property], `User2.${property}`);
  if (s.type === 'boolean') return 'boolean';
  return s.format === 'date-time' ? 'date' : 'string';
}

const filterPattern = specFact(parameter('get_users', 'filterBy').schema.items?.pattern, 'a filterBy pattern');
/** The alternatives of the n-th group of the filterBy pattern (fields, then operators). */
function patternGroup(re: RegExp, what: string): string[] {
  return specFact(re.exec(filterPattern)?.[1], `the filterBy ${what}`).split('|');
}

/** The fields filterBy accepts, read from the pattern's first alternation group. */
export const filterFields = patternGroup(/^\^\(([^)]+)\)/, 'fields');
/** The operators filterBy accepts, from the pattern's second group. */
export const filterOperators = patternGroup(/^\^\([^)]+\)\(([^)]+)\)/, 'operators');
export const sortFields = enumValues(parameter('get_users', 'sortBy').schema);
export const sortOrders = enumValues(parameter('get_users', 'sortOrder').schema);

export function fieldProperty(field: string): keyof User {
  const p = PROPERTY[field];
  if (!p) throw new Error(`no User property known for field ${field}`);
  return p;
}

export const fieldKind = (field: string): FieldKind => kindOf(fieldProperty(field));

export function fieldValue(user: User, field: string): FieldValue {
  const v = user[fieldProperty(field)];
  return v === undefined ? null : (v as FieldValue);
}

/**
 * Operators whose meaning the contract fixes for a kind of field: dates take ==, <=, >=
 * ("Dates ... available for operators <=, >= and =="); booleans only ==.
 */
export function operatorsFor(kind: FieldKind): string[] {
  if (kind === 'date') return filterOperators.filter((o) => o !== '=@');
  if (kind === 'boolean') return filterOperators.filter((o) => o === '==');
  return filterOperators;
}
