/** The reference's view of user fields for filtering and sorting, and the plain comparison of values. */
import type { StoredUser } from './user-store.ts';

export type FieldKind = 'string' | 'date' | 'boolean';
export type FieldValue = string | number | boolean | null;
export interface Field {
  kind: FieldKind;
  get: (u: StoredUser) => FieldValue;
}
export const FIELDS = {
  username: { kind: 'string', get: (u) => u.username },
  createdBy: { kind: 'string', get: (u) => u.createdBy },
  lastLogin: { kind: 'date', get: (u) => u.lastLogin },
  creationTime: { kind: 'date', get: (u) => u.createdAt },
  lastUpdated: { kind: 'date', get: (u) => u.updatedAt },
  isLocal: { kind: 'boolean', get: (u) => u.isLocal },
} satisfies Record<string, Field>;

export const isField = (name: string): name is keyof typeof FIELDS => name in FIELDS;

export function field(name: string): Field {
  if (!isField(name)) throw new Error(`no field ${name}`);
  return FIELDS[name];
}
export function compare(a: string | number | boolean, b: string | number | boolean): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
