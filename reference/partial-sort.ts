/**
 * The first `count` items of a list in an order, without sorting the whole list: all a page near
 * the start of a large sorted list needs. Ties keep the list's order, as a stable sort keeps them,
 * so the answer is always a full sort's first `count`. Being only faster, it is no behaviour of
 * the API: the mutation run leaves it out, and test/unit/partial-sort.test.ts holds it to a sort.
 */
export function firstInOrder<T>(items: readonly T[], count: number, order: (a: T, b: T) => number): T[] {
  if (count * 4 >= items.length) return [...items].sort(order).slice(0, count);
  const best: T[] = [];
  for (const item of items) {
    const last = best[count - 1];
    if (last !== undefined && order(item, last) >= 0) continue;
    // After every item it does not precede: a tie goes after the ones met before it.
    let lo = 0;
    let hi = best.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (order(best[mid] as T, item) <= 0) lo = mid + 1;
      else hi = mid;
    }
    best.splice(lo, 0, item);
    if (best.length > count) best.pop();
  }
  return best;
}
