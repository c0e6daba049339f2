/** Ordering of users for sortBy/sortOrder, including the faults and variants that bend it. */

import { localeCompare, withRandomTies } from './fault-behaviours.ts';
import { firstInOrder } from './partial-sort.ts';
import type { Switches } from './switches.ts';
import { compare, FIELDS, type FieldValue } from './user-fields.ts';
import type { StoredUser } from './user-store.ts';

const SORT_KEYS: Record<string, (u: StoredUser) => FieldValue> = {
  username: FIELDS.username.get,
  createdBy: FIELDS.createdBy.get,
  lastLogin: FIELDS.lastLogin.get,
  creationTime: FIELDS.creationTime.get,
  lastUpdated: FIELDS.lastUpdated.get,
  // The type of a user is whether it is local (SSO users first in ascending order).
  type: FIELDS.isLocal.get,
};

/**
 * Orders users by a key of theirs; users without a value come last; ties keep insertion order
 * (stable paging). Only the first `need` are sure to be there: all a page up to `need` holds.
 */
export function sortUsers(
  users: StoredUser[],
  sortBy: string | undefined,
  order: 'asc' | 'desc',
  on: Switches,
  need: number,
) {
  if (!sortBy) {
    if (on.has('unstable-default-order')) return users.sort(() => Math.random() - 0.5);
    if (on.has('default-order-newest-first')) return users.sort((a, b) => b.seq - a.seq);
    return users;
  }
  const key = SORT_KEYS[sortBy] as (u: StoredUser) => FieldValue;
  const sign = order === 'desc' && !on.has('sort-order-ignored') ? -1 : 1;
  const cmp = on.has('locale-collation') ? localeCompare : compare;
  type Keyed = { u: StoredUser; k: string | number | boolean };
  // Stryker disable next-line ArithmeticOperator: sign / cmp orders only ties, which the contract leaves open
  const byKey = (a: Keyed, b: Keyed) => sign * cmp(a.k, b.k);
  // The sort is stable: ties keep insertion order, unless the unstable-ties fault orders them anew on every request.
  const order_ = on.has('unstable-ties') ? withRandomTies(byKey) : byKey;
  const keyed = users.map((u) => ({ u, k: key(u) }));
  const valued = firstInOrder(
    keyed.filter((x): x is Keyed => x.k !== null),
    need,
    order_,
  );
  const unvalued = keyed.filter((x) => x.k === null);
  // The sort-drops-nulls fault leaves out the users without a value; the nulls-first fault puts them first.
  const sorted = on.has('sort-drops-nulls')
    ? valued
    : on.has('nulls-first')
      ? [...unvalued, ...valued]
      : [...valued, ...unvalued];
  return sorted.map((x) => x.u);
}
