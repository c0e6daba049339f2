/**
 * How filterBy and sortBy field names map onto User properties. The names come from the
 * spec (filterBy pattern, UsersFilterSortFields); the mapping of creationTime/lastUpdated to
 * createdAt/updatedAt and of type to isLocal is documented Run:ai behaviour (notes).
 */

import type { User } from '../model/user.ts';
import { componentSchema, parameter } from '../spec/openapi.ts';

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
  const s = userSchema.properties[property];
  if (s.type === 'boolean') return 'boolean';
  return s.format === 'date-time' ? 'date' : 'string';
}

/** The fields filterBy accepts, read from the pattern's first alternation group. */
export const filterFields: string[] = /^\^\(([^)]+)\)/
  .exec(parameter('get_users', 'filterBy').schema.items.pattern)![1]
  .split('|');
/** The operators filterBy accepts, from the pattern's second group. */
export const filterOperators: string[] = /^\^\([^)]+\)\(([^)]+)\)/
  .exec(parameter('get_users', 'filterBy').schema.items.pattern)![1]
  .split('|');
export const sortFields: string[] = parameter('get_users', 'sortBy').schema.enum;
export const sortOrders: string[] = parameter('get_users', 'sortOrder').schema.enum;

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
