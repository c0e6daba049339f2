/**
 * String order without pinning a collation: the contract does not say how strings sort or
 * compare, so a pair counts as ordered one way only when every reasonable collation agrees
 * (code points, case-insensitive, ICU root/English with and without punctuation).
 */
const icu = [
  new Intl.Collator('en', { sensitivity: 'variant' }),
  new Intl.Collator('en', { sensitivity: 'base' }),
  new Intl.Collator('en', { sensitivity: 'variant', ignorePunctuation: true }),
  new Intl.Collator('und', { sensitivity: 'variant' }),
];

const codePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

const collations: ((a: string, b: string) => number)[] = [
  codePoint,
  (a, b) => codePoint(a.toLowerCase(), b.toLowerCase()),
  (a, b) => codePoint(a.toUpperCase(), b.toUpperCase()),
  ...icu.map((c) => (a: string, b: string) => Math.sign(c.compare(a, b))),
];

/** -1, 0 or 1 when every collation agrees; undefined when they disagree. */
export function agreedOrder(a: string, b: string): number | undefined {
  const first = Math.sign(codePoint(a, b));
  for (const c of collations.slice(1)) if (Math.sign(c(a, b)) !== first) return undefined;
  return first;
}

/** True when some collation puts a before-or-equal b (the other direction being undisputed). */
export function someCollationSays(a: string, b: string, holds: (order: number) => boolean): boolean {
  return collations.some((c) => holds(Math.sign(c(a, b))));
}

export function everyCollationSays(a: string, b: string, holds: (order: number) => boolean): boolean {
  return collations.every((c) => holds(Math.sign(c(a, b))));
}
