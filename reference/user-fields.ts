/** The reference's view of user fields for filtering and sorting, and the plain comparison of values. */
import type { StoredUser } from './user-store.ts';

/** What a field holds beside text (the rest). */
export type FieldKind = 'date' | 'boolean';
export type FieldValue = string | number | boolean | null;
export interface Field {
  kind?: FieldKind;
  get: (u: StoredUser) => FieldValue;
}
// Stryker disable next-line ObjectLiteral: without its fields the reference cannot start (the run cannot be made)
export const FIELDS = {
  username: { get: (u) => u.username },
  createdBy: { get: (u) => u.createdBy },
  lastLogin: { kind: 'date', get: (u) => u.lastLogin },
  creationTime: { kind: 'date', get: (u) => u.createdAt },
  lastUpdated: { kind: 'date', get: (u) => u.updatedAt },
  isLocal: { kind: 'boolean', get: (u) => u.isLocal },
} satisfies Record<string, Field>;

export type FieldName = keyof typeof FIELDS;

/**
 * A filterBy term read apart: field, operator and value. Not anchored: of a term that matches
 * the spec's pattern, the leftmost match is the whole term.
 */
export const TERM_PARTS = /([A-Za-z]+)(==|<=|>=|=@)(.+)/;

export const field = (name: FieldName): Field => FIELDS[name];
export function compare(a: string | number | boolean, b: string | number | boolean): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
