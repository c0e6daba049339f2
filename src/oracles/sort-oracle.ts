/**
 * Whether a sequence of users is in sortBy/sortOrder order, judged only where the order is
 * fixed by the contract: nulls are skipped (their place is open), ties are free, strings are
 * compared only where every collation agrees, and `type` only has to group users.
 */

import type { User } from '../model/user.ts';
import { agreedOrder } from './collation.ts';
import { compareInstants } from './timestamps.ts';
import { fieldKind, fieldValue } from './user-fields.ts';

export interface OrderProblem {
  index: number;
  before: User;
  after: User;
  message: string;
}

/** Agreed order of two non-null values of a field: -1, 0, 1, or undefined when open. */
export function agreedKeyOrder(field: string, a: User, b: User): number | undefined {
  const x = fieldValue(a, field);
  const y = fieldValue(b, field);
  if (x === null || y === null) return undefined;
  if (fieldKind(field) === 'date') return compareInstants(String(x), String(y));
  if (fieldKind(field) === 'boolean') return undefined;
  return agreedOrder(String(x), String(y));
}

export function orderProblems(users: User[], sortBy: string, sortOrder: string): OrderProblem[] {
  if (fieldKind(sortBy) === 'boolean') return groupingProblems(users, sortBy);
  const sign = sortOrder === 'desc' ? -1 : 1;
  const problems: OrderProblem[] = [];
  // Compare each user with the nearest earlier non-null one, so nulls in between do not hide a swap.
  let last: { user: User; index: number } | undefined;
  users.forEach((user, index) => {
    if (fieldValue(user, sortBy) === null) return;
    if (last) {
      const order = agreedKeyOrder(sortBy, last.user, user);
      if (order !== undefined && order * sign > 0) {
        problems.push({
          index,
          before: last.user,
          after: user,
          message:
            `${sortBy} ${sortOrder}: "${fieldValue(last.user, sortBy)}" (${last.user.id}) comes before ` +
            `"${fieldValue(user, sortBy)}" (${user.id})`,
        });
      }
    }
    last = { user, index };
  });
  return problems;
}

/** A boolean sort key only has to keep equal values together (which comes first is open). */
function groupingProblems(users: User[], field: string): OrderProblem[] {
  const values = users.map((u) => fieldValue(u, field)).filter((v) => v !== null);
  const changes = values.filter((v, i) => i > 0 && v !== values[i - 1]).length;
  if (changes <= 1) return [];
  const [first] = users;
  const last = users[users.length - 1];
  if (!first || !last) return [];
  return [
    {
      index: 0,
      before: first,
      after: last,
      message: `sortBy=${field} does not group users: the key changes ${changes} times`,
    },
  ];
}

/**
 * Users whose key is non-null and distinct from every other non-null key under every
 * collation: their relative order is fully fixed by the sort (nulls may sit anywhere).
 */
export function distinctlyKeyed(users: User[], field: string): User[] {
  if (fieldKind(field) === 'boolean') return [];
  const keyed = users.filter((u) => fieldValue(u, field) !== null);
  return keyed.filter((u) => keyed.every((o) => o === u || ![undefined, 0].includes(agreedKeyOrder(field, u, o))));
}
