/** Ordering of users for sortBy/sortOrder, including the faults and variants that bend it. */

import { localeCompare, randomTieBreak } from './fault-behaviours.ts';
import type { Switches } from './switches.ts';
import { compare, FIELDS, type FieldValue } from './user-fields.ts';
import type { StoredUser } from './user-store.ts';

const SORT_KEYS: Record<string, (u: StoredUser) => FieldValue> = {
  username: FIELDS.username.get,
  createdBy: FIELDS.createdBy.get,
  lastLogin: FIELDS.lastLogin.get,
  creationTime: FIELDS.creationTime.get,
  lastUpdated: FIELDS.lastUpdated.get,
  // SSO users before local ones in ascending order.
  // Stryker disable next-line all: the order of types is not in the contract, only that desc reverses asc
  type: (u) => (u.isLocal === null ? null : u.isLocal ? 'local' : 'sso'),
};

/**
 * Orders users; nulls last in ascending order; ties keep insertion order (stable paging).
 * With `need`, only the first `need` users are returned, which is all a page near the start needs.
 */
export function sortUsers(
  users: StoredUser[],
  sortBy: string | undefined,
  order: 'asc' | 'desc',
  on: Switches,
  need?: number,
): StoredUser[] {
  if (!sortBy) {
    if (on.has('unstable-default-order')) return users.sort(() => Math.random() - 0.5);
    if (on.has('default-order-newest-first')) return users.sort((a, b) => b.seq - a.seq);
    return users;
  }
  const key = SORT_KEYS[sortBy];
  // Stryker disable next-line ConditionalExpression: sortBy is one of the spec's enum here, each with its key
  if (!key) throw new Error(`no sort key ${sortBy}`);
  const sign = order === 'desc' && !on.has('sort-order-ignored') ? -1 : 1;
  const nullsAfter = on.has('nulls-first') ? -1 : 1;
  const cmp = on.has('locale-collation') ? localeCompare : compare;
  // The unstable-ties fault: equal keys in a different order on every request.
  const tieBreak = on.has('unstable-ties') ? randomTieBreak() : (x: StoredUser, y: StoredUser) => x.seq - y.seq;
  type Keyed = { u: StoredUser; k: FieldValue };
  const order_ = (a: Keyed, b: Keyed) => {
    // Stryker disable next-line all: where nulls sort is not in the contract
    if (a.k === null || b.k === null) return a.k === b.k ? a.u.seq - b.u.seq : (a.k === null ? 1 : -1) * nullsAfter;
    return sign * cmp(a.k, b.k) || tieBreak(a.u, b.u);
  };
  // The sort-drops-nulls fault: users without a value for the sort key are left out.
  const every = users.map((u) => ({ u, k: key(u) }));
  const keyed = on.has('sort-drops-nulls') ? every.filter((x) => x.k !== null) : every;
  // Stryker disable next-line all: an optimisation; the first `need` come in the same order either way
  if (need === undefined || need * 4 >= keyed.length) return keyed.sort(order_).map((x) => x.u);
  // Only the first `need` are wanted (a page near the start): keep the best ones in order.
  const best: Keyed[] = [];
  // Stryker disable all: an optimisation; the first `need` come in the same order (or it never ends: exit 2)
  for (const x of keyed) {
    // Stryker disable next-line ArithmeticOperator: an optimisation; the first `need` come in the same order either way
    const last = best[need - 1];
    if (last && order_(x, last) >= 0) continue;
    let lo = 0;
    let hi = best.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (order_(best[mid] as Keyed, x) <= 0) lo = mid + 1;
      else hi = mid;
    }
    best.splice(lo, 0, x);
    if (best.length > need) best.pop();
  }
  // Stryker restore all
  return best.map((x) => x.u);
}
