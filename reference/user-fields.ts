/** The reference's view of user fields for filtering and sorting, and the plain comparison of values. */
import type { StoredUser } from './user-store.ts';

export type FieldKind = 'string' | 'date' | 'boolean';
export const FIELDS: Record<string, { kind: FieldKind; get: (u: StoredUser) => string | number | boolean | null }> = {
  username: { kind: 'string', get: (u) => u.username },
  createdBy: { kind: 'string', get: (u) => u.createdBy },
  lastLogin: { kind: 'date', get: (u) => u.lastLogin },
  creationTime: { kind: 'date', get: (u) => u.createdAt },
  lastUpdated: { kind: 'date', get: (u) => u.updatedAt },
  isLocal: { kind: 'boolean', get: (u) => u.isLocal },
};
export function compare(a: string | number | boolean, b: string | number | boolean): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
