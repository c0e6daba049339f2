/**
 * Parses and applies the list/count query parameters (filterBy, sortBy, sortOrder, offset,
 * limit, search) as the reference understands them. Bounds and enums are read from the spec.
 */
import { parameter } from '../src/spec/openapi.ts';
import { validateAt } from '../src/spec/schema-validator.ts';
import type { StoredUser, UserStore } from './user-store.ts';
import type { Switches } from './switches.ts';

export class BadRequest extends Error {}

type FieldKind = 'string' | 'date' | 'boolean';
const FIELDS: Record<string, { kind: FieldKind; get: (u: StoredUser) => string | number | boolean | null }> = {
  username: { kind: 'string', get: (u) => u.username },
  createdBy: { kind: 'string', get: (u) => u.createdBy },
  lastLogin: { kind: 'date', get: (u) => u.lastLogin },
  creationTime: { kind: 'date', get: (u) => u.createdAt },
  lastUpdated: { kind: 'date', get: (u) => u.updatedAt },
  isLocal: { kind: 'boolean', get: (u) => u.isLocal },
};
const SORT_KEYS: Record<string, (u: StoredUser) => string | number | boolean | null> = {
  username: FIELDS.username.get,
  createdBy: FIELDS.createdBy.get,
  lastLogin: FIELDS.lastLogin.get,
  creationTime: FIELDS.creationTime.get,
  lastUpdated: FIELDS.lastUpdated.get,
  // SSO users before local ones in ascending order.
  type: (u) => (u.isLocal === null ? null : u.isLocal ? 'local' : 'sso'),
};

export interface FilterTerm {
  field: string;
  op: '==' | '<=' | '>=' | '=@';
  value: string;
}

const fieldNames = Object.keys(FIELDS).join('|');
// A comma starts a new term only where a field name and operator follow, so values may hold commas.
const TERM_BOUNDARY = new RegExp(`,(?=(?:${fieldNames})(?:==|<=|>=|=@))`);
const ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})$/;

function checkParam(operationId: string, name: string, value: unknown): void {
  const p = parameter(operationId, name);
  const problems = validateAt(`${p.pointer}/schema`, value);
  if (problems.length) throw new BadRequest(`invalid ${name}: ${problems[0].message}`);
}

export function parseFilterBy(operationId: string, raw: string[], on: Switches): FilterTerm[] {
  const terms = raw.flatMap((v) => v.split(TERM_BOUNDARY)).filter((t) => t !== '');
  if (!on.has('malformed-filter-500') && !on.has('unknown-filter-field-ignored')) checkParam(operationId, 'filterBy', terms);
  return terms.flatMap((term) => {
    const m = /^([A-Za-z]+)(==|<=|>=|=@)(.+)$/.exec(term);
    if (on.has('unknown-filter-field-ignored') && m && !(m[1] in FIELDS)) return [];
    if (!m || !(m[1] in FIELDS)) {
      if (on.has('malformed-filter-500')) throw new Error(`cannot parse ${term}`);
      throw new BadRequest(`invalid filterBy term "${term}"`);
    }
    const [, field, op, value] = m as unknown as [string, string, FilterTerm['op'], string];
    const kind = FIELDS[field].kind;
    if (kind === 'date' && on.has('bad-date-500') && Number.isNaN(Date.parse(value))) throw new Error(`Invalid time value ${value}`);
    if (kind === 'date' && (op === '=@' || !ISO_8601.test(value) || Number.isNaN(Date.parse(value)))) {
      throw new BadRequest(`filterBy ${field} takes an ISO 8601 timestamp with ==, <= or >=`);
    }
    if (kind === 'boolean' && (op !== '==' || !/^(true|false)$/.test(value))) {
      throw new BadRequest(`filterBy ${field} takes ==true or ==false`);
    }
    return [{ field, op, value }];
  });
}

/** The like-wildcards fault: a contains-match built as SQL LIKE '%value%' without escaping. */
function likePattern(value: string): RegExp {
  const body = value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/%/g, '.*').replace(/_/g, '.');
  return new RegExp(body);
}

const collator = new Intl.Collator('en', { sensitivity: 'base', ignorePunctuation: true });
/** The locale-collation variant: strings by English collation, case and punctuation folded. */
function localeCompare(a: string | number | boolean, b: string | number | boolean): number {
  return typeof a === 'string' && typeof b === 'string' ? collator.compare(a, b) : compare(a, b);
}

function compare(a: string | number | boolean, b: string | number | boolean): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

type Value = string | number | boolean;

/** A term compiled once per request into a predicate over users (values parsed once). */
export function termPredicate(term: FilterTerm, on: Switches): (user: StoredUser) => boolean {
  const { kind, get } = FIELDS[term.field];
  const expected: Value = kind === 'date' ? Date.parse(term.value) : kind === 'boolean' ? term.value === 'true' : term.value;
  const test = ((): ((actual: Value) => boolean) => {
    switch (term.op) {
      case '==':
        return (actual) => actual === expected;
      case '<=':
        return on.has('lte-as-lt') && kind === 'date' ? (actual) => compare(actual, expected) < 0 : (actual) => compare(actual, expected) <= 0;
      case '>=':
        if (on.has('gte-ignores-fraction') && kind === 'date') return (actual) => Math.floor(Number(actual) / 1000) >= Math.floor(Number(expected) / 1000);
        return (actual) => compare(actual, expected) >= 0;
      case '=@': {
        const text = String(expected);
        if (on.has('like-wildcards')) {
          const like = likePattern(text);
          return (actual) => like.test(String(actual));
        }
        if (on.has('contains-case-insensitive')) return (actual) => String(actual).toLowerCase().includes(text.toLowerCase());
        if (on.has('contains-ignored-for-created-by') && term.field === 'createdBy') return () => true;
        return (actual) => String(actual).includes(text);
      }
    }
  })();
  return (user) => {
    const actual = get(user);
    return actual !== null && test(actual);
  };
}

export function matchesSearch(user: StoredUser, search: string, on: Switches): boolean {
  if (on.has('search-case-sensitive')) return user.username.includes(search) || user.createdBy.includes(search);
  return user.username.toLowerCase().includes(search.toLowerCase());
}

export interface ListQuery {
  filters: FilterTerm[];
  search?: string;
  sortBy?: string;
  sortOrder: 'asc' | 'desc';
  offset: number;
  limit: number;
}

function intParam(name: string, raw: string | null): number | undefined {
  if (raw === null) return undefined;
  if (!/^[+-]?\d+$/.test(raw.trim())) throw new BadRequest(`${name} must be an integer`);
  return Number(raw);
}

export function parseListQuery(params: URLSearchParams, on: Switches): ListQuery {
  const limit = intParam('limit', params.get('limit'));
  const offset = intParam('offset', params.get('offset'));
  if (limit !== undefined && !on.has('limit-bounds-not-enforced')) checkParam('get_users', 'limit', limit);
  if (offset !== undefined) {
    checkParam('get_users', 'offset', offset);
    if (offset < 0) throw new BadRequest('offset must not be negative');
  }
  const sortBy = params.get('sortBy') ?? undefined;
  if (sortBy !== undefined) checkParam('get_users', 'sortBy', sortBy);
  const sortOrder = params.get('sortOrder') ?? parameter('get_users', 'sortOrder').schema.default;
  checkParam('get_users', 'sortOrder', sortOrder);
  return {
    filters: parseFilterBy('get_users', params.getAll('filterBy'), on),
    search: params.get('search') ?? undefined,
    sortBy,
    sortOrder,
    offset: offset ?? 0,
    limit: limit ?? (on.has('default-limit-20') ? 20 : parameter('get_users', 'limit').schema.default),
  };
}

/**
 * The users matching filters and search, in insertion order. `enough`: stop after that many
 * matches (an unsorted page near the start needs no more).
 */
export function selectUsers(store: UserStore, filters: FilterTerm[], search: string | undefined, on: Switches, enough = Infinity): StoredUser[] {
  const predicates = filters.map((t) => termPredicate(t, on));
  const ored = on.has('terms-ored') && predicates.length > 1;
  const all = ored ? (u: StoredUser) => predicates.some((p) => p(u)) : (u: StoredUser) => predicates.every((p) => p(u));
  // A username =@ term narrows the candidates through the index; the predicates still decide.
  const indexed = ored || on.has('like-wildcards') ? undefined : filters.find((t) => t.field === 'username' && t.op === '=@');
  const candidates = indexed ? store.usernameCandidates(indexed.value) : store.users.values();
  const out: StoredUser[] = [];
  for (const u of candidates) {
    if (all(u) && (search === undefined || matchesSearch(u, search, on))) out.push(u);
    // Index candidates are unordered: only a scan in insertion order may stop early.
    if (!indexed && out.length >= enough) break;
  }
  return indexed ? out.sort((a, b) => a.seq - b.seq) : out;
}

/**
 * Orders users; nulls last in ascending order; ties keep insertion order (stable paging).
 * With `need`, only the first `need` users are returned, which is all a page near the start needs.
 */
export function sortUsers(users: StoredUser[], sortBy: string | undefined, order: 'asc' | 'desc', on: Switches, need?: number): StoredUser[] {
  if (!sortBy) {
    if (on.has('unstable-default-order')) return users.sort(() => Math.random() - 0.5);
    if (on.has('default-order-newest-first')) return users.sort((a, b) => b.seq - a.seq);
    return users;
  }
  const key = SORT_KEYS[sortBy];
  const sign = order === 'desc' && !on.has('sort-order-ignored') ? -1 : 1;
  const nullsAfter = on.has('nulls-first') ? -1 : 1;
  const cmp = on.has('locale-collation') ? localeCompare : compare;
  type Keyed = { u: StoredUser; k: ReturnType<typeof key> };
  const order_ = (a: Keyed, b: Keyed) => {
    if (a.k === null || b.k === null) return a.k === b.k ? a.u.seq - b.u.seq : (a.k === null ? 1 : -1) * nullsAfter;
    return sign * cmp(a.k, b.k) || a.u.seq - b.u.seq;
  };
  // Keys computed once per user, not once per comparison.
  const keyed = users.map((u) => ({ u, k: key(u) }));
  if (need === undefined || need * 4 >= keyed.length) return keyed.sort(order_).map((x) => x.u);
  // Only the first `need` are wanted (a page near the start): keep the best ones in order.
  const best: Keyed[] = [];
  for (const x of keyed) {
    if (best.length === need && order_(x, best[need - 1]) >= 0) continue;
    let lo = 0;
    let hi = best.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (order_(best[mid], x) <= 0) lo = mid + 1;
      else hi = mid;
    }
    best.splice(lo, 0, x);
    if (best.length > need) best.pop();
  }
  return best.map((x) => x.u);
}
