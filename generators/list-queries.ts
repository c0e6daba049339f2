/**
 * fast-check arbitraries for list and count queries. Values are drawn from the data
 * (existing values, substrings, exact timestamps and one millisecond either side) as well as
 * at random, so that boundaries are really exercised. Fields, operators, sort fields, orders
 * and limit bounds all come from the spec.
 */
import fc from 'fast-check';
import type { User } from '../src/model/user.ts';
import type { FilterTerm } from '../src/oracles/filter-oracle.ts';
import { formatNs, instantNs, shiftTimestamp } from '../src/oracles/timestamps.ts';
import {
  fieldKind,
  fieldValue,
  filterFields,
  operatorsFor,
  sortFields,
  sortOrders,
} from '../src/oracles/user-fields.ts';
import { parameter, specFact } from '../src/spec/openapi.ts';

const limitSchema = parameter('get_users', 'limit').schema;
export const LIMIT_MIN = specFact(limitSchema.minimum, 'a minimum limit');
export const LIMIT_MAX = specFact(limitSchema.maximum, 'a maximum limit');
export const LIMIT_DEFAULT = Number(specFact(limitSchema.default, 'a default limit'));

// Only ==, =@ for strings: the description names <= and >= for dates; how strings compare is open.
const stringOperators = (ops: string[]) => ops.filter((o) => o === '==' || o === '=@');

/** A value for a string field: existing, a substring of one, a case variant, or random. */
function stringValue(values: string[]): fc.Arbitrary<string> {
  const random = fc.string({
    unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789.-_@%+'),
    minLength: 1,
    maxLength: 6,
  });
  if (values.length === 0) return random;
  const existing = fc.constantFrom(...values);
  const substring = existing.chain((v) =>
    fc
      .tuple(fc.nat({ max: v.length - 1 }), fc.integer({ min: 1, max: v.length }))
      .map(([start, len]) => v.slice(start, start + len) || v),
  );
  return fc.oneof(
    { arbitrary: existing, weight: 3 },
    { arbitrary: substring, weight: 4 },
    { arbitrary: existing.map((v) => v.toUpperCase()), weight: 1 },
    { arbitrary: random, weight: 2 },
  );
}

/** A timestamp: an existing one, one millisecond either side of it, or one within the data's range. */
function dateValue(values: string[]): fc.Arbitrary<string> {
  const now = BigInt(Date.now()) * 1_000_000n;
  const instants = values.map(instantNs).filter((v): v is bigint => v !== undefined);
  const DAY = 86_400_000_000_000n;
  // Math.min and Math.max take no bigints.
  // biome-ignore lint/complexity/useMathMinMax: bigint
  const least = instants.reduce((a, b) => (b < a ? b : a), now);
  // biome-ignore lint/complexity/useMathMinMax: bigint
  const most = instants.reduce((a, b) => (b > a ? b : a), 0n);
  const lo = instants.length ? least - DAY : now - DAY * 365n;
  const hi = instants.length ? most + DAY : now;
  const random = fc.bigInt({ min: lo, max: hi }).map((ns) => formatNs(ns, 3));
  if (values.length === 0) return random;
  const existing = fc.constantFrom(...values);
  return fc.oneof(
    { arbitrary: existing, weight: 3 },
    { arbitrary: fc.tuple(existing, fc.constantFrom(-1, 1)).map(([v, d]) => shiftTimestamp(v, d)), weight: 3 },
    { arbitrary: random, weight: 2 },
  );
}

export function filterTerm(users: User[], fields: string[] = filterFields): fc.Arbitrary<FilterTerm> {
  return fc.constantFrom(...fields).chain((field) => {
    const kind = fieldKind(field);
    const values = [
      ...new Set(users.map((u) => fieldValue(u, field)).filter((v): v is string => typeof v === 'string')),
    ];
    const ops = kind === 'string' ? stringOperators(operatorsFor(kind)) : operatorsFor(kind);
    const value =
      kind === 'boolean' ? fc.constantFrom('true', 'false') : kind === 'date' ? dateValue(values) : stringValue(values);
    return fc.record({ field: fc.constant(field), op: fc.constantFrom(...ops), value });
  });
}

export const filterTerms = (users: User[], maxLength = 3) => fc.array(filterTerm(users), { maxLength });

export interface SortSpec {
  sortBy: string;
  sortOrder?: string;
}

export const sortSpec: fc.Arbitrary<SortSpec> = fc.record({
  sortBy: fc.constantFrom(...sortFields),
  sortOrder: fc.option(fc.constantFrom(...sortOrders), { nil: undefined }),
});

/** limit from the spec's bounds, biased towards the bounds and small pages. */
export const limit: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(LIMIT_MIN, LIMIT_MAX),
  fc.integer({ min: LIMIT_MIN, max: Math.min(LIMIT_MIN + 9, LIMIT_MAX) }),
  fc.integer({ min: LIMIT_MIN, max: LIMIT_MAX }),
);

/**
 * limit for pages of the whole dataset: mostly small, so that a check costs the same on a
 * target with 200 users as on one with 20,000; the maximum now and then, since it is valid.
 */
export const globalPageLimit: fc.Arbitrary<number> = fc.oneof(
  { arbitrary: fc.constantFrom(LIMIT_MIN, 20, 50), weight: 9 },
  { arbitrary: fc.constant(LIMIT_MAX), weight: 1 },
);

/** A search text: part of an existing username, a case variant, or characters special to LIKE and regexes. */
export function searchText(users: User[]): fc.Arbitrary<string> {
  const names = users.map((u) => u.username);
  const special = fc.constantFrom('%', '_', '.*', '[a]', '\\', '+', '(');
  return names.length ? fc.oneof(stringValue(names), special) : special;
}

/**
 * Designed single-term queries over the data, run before the random ones so that boundary
 * faults are caught every time: for strings each of a few values with == and =@ (and a
 * substring, and a start and an end of one), for timestamps the earliest, middle and latest
 * value with <=, >=, == and one millisecond either side, for booleans both values.
 */
export function designedTerms(users: User[], fields: string[] = filterFields): FilterTerm[] {
  const terms: FilterTerm[] = [];
  for (const field of fields) {
    const kind = fieldKind(field);
    const values = [
      ...new Set(users.map((u) => fieldValue(u, field)).filter((v): v is string => typeof v === 'string')),
    ];
    if (kind === 'boolean') {
      terms.push({ field, op: '==', value: 'true' }, { field, op: '==', value: 'false' });
    } else if (kind === 'string') {
      for (const v of values.slice(0, 3)) {
        terms.push({ field, op: '==', value: v }, { field, op: '=@', value: v });
        if (v.length > 4) terms.push({ field, op: '=@', value: v.slice(1, -1) });
      }
      // A match at either end of a value: a start and an end of the first.
      const first = values[0];
      if (first !== undefined && first.length > 4)
        terms.push({ field, op: '=@', value: first.slice(0, 4) }, { field, op: '=@', value: first.slice(-4) });
    } else if (values.length === 0) {
      // No timestamps in the data (e.g. nobody logged in): still send a valid term for the field.
      terms.push({ field, op: '>=', value: '2000-01-01T00:00:00.000Z' });
    } else {
      const sorted = [...values].sort((a, b) => Number((instantNs(a) ?? 0n) - (instantNs(b) ?? 0n)));
      const middle = [sorted[0], sorted[Math.floor(sorted.length / 2)], sorted[sorted.length - 1]];
      const picks = [...new Set(middle)].filter((v): v is string => v !== undefined);
      for (const v of picks) {
        terms.push({ field, op: '<=', value: v }, { field, op: '>=', value: v }, { field, op: '==', value: v });
        terms.push({ field, op: '<=', value: shiftTimestamp(v, -1) }, { field, op: '>=', value: shiftTimestamp(v, 1) });
      }
    }
  }
  return terms;
}
