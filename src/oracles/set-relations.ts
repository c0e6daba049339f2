/**
 * Relations between the user sets of several answers, judged by id: pages that must
 * partition a result, answers that must be equal, contained, or cover a universe.
 */
import type { User } from '../model/user.ts';

export const idSet = (users: readonly User[]) => new Set(users.map((u) => u.id));

/** A user on two pages, or an expected user on none; undefined when the pages partition `expected`. */
export function duplicatesAndGaps(users: readonly User[], expected: readonly User[]): string | undefined {
  const seen = new Set<string>();
  for (const u of users) {
    if (seen.has(u.id)) return `${u.username} appears on two pages`;
    seen.add(u.id);
  }
  const missing = expected.find((u) => !seen.has(u.id));
  return missing ? `${missing.username} is on no page` : undefined;
}

/** Users of `inner` that `outer` lacks. */
export const notIn = (inner: readonly User[], outer: readonly User[]): User[] => {
  const ids = idSet(outer);
  return inner.filter((u) => !ids.has(u.id));
};

/** How two answers differ, for a message; undefined when they hold the same users. */
export function setDifference(a: readonly User[], b: readonly User[], names: [string, string]): string | undefined {
  const onlyA = notIn(a, b);
  const onlyB = notIn(b, a);
  if (!onlyA.length && !onlyB.length) return undefined;
  const show = (list: User[]) =>
    list
      .slice(0, 3)
      .map((u) => u.username)
      .join(', ');
  return [
    onlyA.length ? `${onlyA.length} only in ${names[0]} (${show(onlyA)})` : '',
    onlyB.length ? `${onlyB.length} only in ${names[1]} (${show(onlyB)})` : '',
  ]
    .filter(Boolean)
    .join('; ');
}
