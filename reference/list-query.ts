/**
 * Parses and applies the list/count query parameters (filterBy, sortBy, sortOrder, offset,
 * limit, search) as the reference understands them. Bounds and enums are read from the spec.
 */
import { parameter } from '../src/spec/openapi.ts';
import { validateAt } from '../src/spec/schema-validator.ts';
import type { StoredUser } from './user-store.ts';
import type { FaultId } from './faults.ts';

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

export function parseFilterBy(operationId: string, raw: string[], faults: Set<FaultId>): FilterTerm[] {
  const terms = raw.flatMap((v) => v.split(TERM_BOUNDARY)).filter((t) => t !== '');
  if (!faults.has('malformed-filter-500') && !faults.has('unknown-filter-field-ignored')) checkParam(operationId, 'filterBy', terms);
  return terms.flatMap((term) => {
    const m = /^([A-Za-z]+)(==|<=|>=|=@)(.+)$/.exec(term);
    if (faults.has('unknown-filter-field-ignored') && m && !(m[1] in FIELDS)) return [];
    if (!m || !(m[1] in FIELDS)) {
      if (faults.has('malformed-filter-500')) throw new Error(`cannot parse ${term}`);
      throw new BadRequest(`invalid filterBy term "${term}"`);
    }
    const [, field, op, value] = m as unknown as [string, string, FilterTerm['op'], string];
    const kind = FIELDS[field].kind;
    if (kind === 'date' && faults.has('bad-date-500') && Number.isNaN(Date.parse(value))) throw new Error(`Invalid time value ${value}`);
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

function compare(a: string | number | boolean, b: string | number | boolean): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function matchesTerm(user: StoredUser, term: FilterTerm, faults: Set<FaultId>): boolean {
  const { kind, get } = FIELDS[term.field];
  let actual = get(user);
  if (actual === null) return false;
  let expected = kind === 'date' ? Date.parse(term.value) : kind === 'boolean' ? term.value === 'true' : term.value;
  switch (term.op) {
    case '==':
      return actual === expected;
    case '<=':
      return faults.has('lte-as-lt') && kind === 'date' ? compare(actual, expected) < 0 : compare(actual, expected) <= 0;
    case '>=':
      if (faults.has('gte-ignores-fraction') && kind === 'date') [actual, expected] = [Math.floor(Number(actual) / 1000), Math.floor(Number(expected) / 1000)];
      return compare(actual, expected) >= 0;
    case '=@':
      if (faults.has('like-wildcards')) return likePattern(String(expected)).test(String(actual));
      return (faults.has('contains-ignored-for-created-by') && term.field === 'createdBy') || String(actual).includes(String(expected));
  }
}

export function matchesSearch(user: StoredUser, search: string): boolean {
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

export function parseListQuery(params: URLSearchParams, faults: Set<FaultId>): ListQuery {
  const limit = intParam('limit', params.get('limit'));
  const offset = intParam('offset', params.get('offset'));
  if (limit !== undefined && !faults.has('limit-bounds-not-enforced')) checkParam('get_users', 'limit', limit);
  if (offset !== undefined) {
    checkParam('get_users', 'offset', offset);
    if (offset < 0) throw new BadRequest('offset must not be negative');
  }
  const sortBy = params.get('sortBy') ?? undefined;
  if (sortBy !== undefined) checkParam('get_users', 'sortBy', sortBy);
  const sortOrder = params.get('sortOrder') ?? parameter('get_users', 'sortOrder').schema.default;
  checkParam('get_users', 'sortOrder', sortOrder);
  return {
    filters: parseFilterBy('get_users', params.getAll('filterBy'), faults),
    search: params.get('search') ?? undefined,
    sortBy,
    sortOrder,
    offset: offset ?? 0,
    limit: limit ?? (faults.has('default-limit-20') ? 20 : parameter('get_users', 'limit').schema.default),
  };
}

export function selectUsers(users: Iterable<StoredUser>, filters: FilterTerm[], search: string | undefined, faults: Set<FaultId>): StoredUser[] {
  const out: StoredUser[] = [];
  const combine = faults.has('terms-ored') && filters.length > 1 ? 'some' : 'every';
  for (const u of users) {
    if (filters[combine]((t) => matchesTerm(u, t, faults)) && (search === undefined || matchesSearch(u, search))) out.push(u);
  }
  return out;
}

/** Sorts in place; nulls last in ascending order; ties keep insertion order (stable paging). */
export function sortUsers(users: StoredUser[], sortBy: string | undefined, order: 'asc' | 'desc', faults: Set<FaultId>): StoredUser[] {
  if (!sortBy) {
    if (faults.has('unstable-default-order')) return users.sort(() => Math.random() - 0.5);
    return users;
  }
  const key = SORT_KEYS[sortBy];
  const sign = order === 'desc' && !faults.has('sort-order-ignored') ? -1 : 1;
  return users.sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    if (ka === null || kb === null) return ka === kb ? a.seq - b.seq : ka === null ? 1 : -1;
    return sign * compare(ka, kb) || a.seq - b.seq;
  });
}
