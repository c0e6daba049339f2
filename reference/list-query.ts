/**
 * Parses and applies the list/count query parameters (filterBy, sortBy, sortOrder, offset,
 * limit, search) as the reference understands them. Bounds and enums are read from the spec.
 */
import { paramSchema } from './contract.ts';
import type { Switches } from './switches.ts';
import { compare, FIELDS, type FieldName, field as fieldOf, isField } from './user-fields.ts';
import type { StoredUser, UserStore } from './user-store.ts';
import { problemWith } from './validate.ts';

export class BadRequest extends Error {}

export interface FilterTerm {
  field: FieldName;
  op: '==' | '<=' | '>=' | '=@';
  value: string;
}

const fieldNames = Object.keys(FIELDS).join('|');
// A comma starts a new term only where a field name and operator follow, so values may hold commas.
const TERM_BOUNDARY = new RegExp(`,(?=(?:${fieldNames})(?:==|<=|>=|=@))`);
const ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})$/;

function checkParam(operationId: string, name: string, value: unknown): void {
  const problem = problemWith(paramSchema(operationId, name), value);
  if (problem) throw new BadRequest(`invalid ${name}: ${problem}`);
}

/** The filter-field-case-insensitive fault: field names in any letter case are taken as the field. */
function canonicalField(term: string): string {
  const field = Object.keys(FIELDS).find((f) => term.toLowerCase().startsWith(f.toLowerCase()));
  return field ? field + term.slice(field.length) : term;
}

/** The filter-operators-of-other-lists fault: operators other Run:ai lists take, accepted and ignored. */
const OTHER_LISTS_OPERATOR = new RegExp(`^(?:${fieldNames})(?:!=|!@|=\\^|=\\$).+$`);

export function parseFilterBy(operationId: string, raw: string[], on: Switches): FilterTerm[] {
  const split = raw.flatMap((v) => v.split(new RegExp(TERM_BOUNDARY, 'i'))).filter((t) => t !== '');
  const cased = on.has('filter-field-case-insensitive') ? split.map(canonicalField) : split;
  const terms = on.has('filter-operators-of-other-lists') ? cased.filter((t) => !OTHER_LISTS_OPERATOR.test(t)) : cased;
  if (!on.has('malformed-filter-500') && !on.has('unknown-filter-field-ignored'))
    checkParam(operationId, 'filterBy', terms);
  return terms.flatMap((term) => {
    const m = /^([A-Za-z]+)(==|<=|>=|=@)(.+)$/.exec(term);
    if (on.has('unknown-filter-field-ignored') && m && !isField(m[1] ?? '')) return [];
    if (!m || !isField(m[1] ?? '')) {
      if (on.has('malformed-filter-500')) throw new Error(`cannot parse ${term}`);
      throw new BadRequest(`invalid filterBy term "${term}"`);
    }
    const [, field, op, value] = m as unknown as [string, FieldName, FilterTerm['op'], string];
    const kind = fieldOf(field).kind;
    if (kind === 'date' && on.has('bad-date-500') && Number.isNaN(Date.parse(value)))
      throw new Error(`Invalid time value ${value}`);
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
  const body = value
    .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    .replace(/%/g, '.*')
    .replace(/_/g, '.');
  return new RegExp(body);
}

type Value = string | number | boolean;

/** A term compiled once per request into a predicate over users (values parsed once). */
export function termPredicate(term: FilterTerm, on: Switches): (user: StoredUser) => boolean {
  const { kind, get } = fieldOf(term.field);
  // The offset-ignored fault: a timestamp's offset is dropped, its wall time read as UTC.
  const date = on.has('offset-ignored') ? term.value.replace(/(Z|[+-]\d{2}:?\d{2})$/i, 'Z') : term.value;
  const expected: Value = kind === 'date' ? Date.parse(date) : kind === 'boolean' ? term.value === 'true' : term.value;
  const test = ((): ((actual: Value) => boolean) => {
    switch (term.op) {
      case '==':
        return (actual) => actual === expected;
      case '<=':
        return (on.has('lte-as-lt') && kind === 'date') || (on.has('string-lte-exclusive') && kind === 'string')
          ? (actual) => compare(actual, expected) < 0
          : (actual) => compare(actual, expected) <= 0;
      case '>=':
        if (on.has('gte-ignores-fraction') && kind === 'date')
          return (actual) => Math.floor(Number(actual) / 1000) >= Math.floor(Number(expected) / 1000);
        return (actual) => compare(actual, expected) >= 0;
      case '=@': {
        const text = String(expected);
        if (on.has('like-wildcards')) {
          const like = likePattern(text);
          return (actual) => like.test(String(actual));
        }
        if (on.has('contains-case-insensitive'))
          return (actual) => String(actual).toLowerCase().includes(text.toLowerCase());
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

/** The search compiled once per request into a predicate over users. */
function searchPredicate(search: string, on: Switches): (user: StoredUser) => boolean {
  // The control-chars-500 fault: a search with a control character crashes the handler.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: that is the fault
  if (on.has('control-chars-500') && /[\u0000-\u001f]/.test(search)) throw new Error('bad search text');
  if (on.has('search-case-sensitive')) return (u) => u.username.includes(search) || u.createdBy.includes(search);
  const needle = search.toLowerCase();
  return (u) => u.username.toLowerCase().includes(needle);
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

const enumOf = (name: string) => ((paramSchema('get_users', name).enum as unknown[] | undefined) ?? []).map(String);
const looseEnum = (v: string) =>
  [...enumOf('sortBy'), ...enumOf('sortOrder')].find((e) => e.toLowerCase() === v.trim().toLowerCase()) ?? v;

export function parseListQuery(params: URLSearchParams, on: Switches): ListQuery {
  const limit = intParam('limit', params.get('limit'));
  const offset = intParam('offset', params.get('offset'));
  if (limit !== undefined && !on.has('limit-bounds-not-enforced')) checkParam('get_users', 'limit', limit);
  // The limit-max-rejected fault: the documented maximum itself is refused.
  if (on.has('limit-max-rejected') && limit === paramSchema('get_users', 'limit').maximum) {
    throw new BadRequest('limit too large');
  }
  if (offset !== undefined) {
    checkParam('get_users', 'offset', offset);
    if (offset < 0) throw new BadRequest('offset must not be negative');
  }
  // The enum-case-insensitive fault: sortBy and sortOrder in any letter case (and padded) are accepted.
  const loose = (v: string | null) => (v !== null && on.has('enum-case-insensitive') ? looseEnum(v) : v);
  const sortBy = loose(params.get('sortBy')) ?? undefined;
  if (sortBy !== undefined) checkParam('get_users', 'sortBy', sortBy);
  const sortOrder = (loose(params.get('sortOrder')) ?? paramSchema('get_users', 'sortOrder').default) as 'asc' | 'desc';
  checkParam('get_users', 'sortOrder', sortOrder);
  const given = params.get('search') ?? undefined;
  // The search-edge-space-500 fault: a search that starts or ends with whitespace crashes the handler.
  if (on.has('search-edge-space-500') && given !== undefined && /^\s|\s$/.test(given)) throw new Error('bad search');
  return {
    filters: parseFilterBy('get_users', params.getAll('filterBy'), on),
    // The search-drops-last-char fault: a search of two or more characters matches on all but its last.
    search: on.has('search-drops-last-char') && given !== undefined && given.length > 1 ? given.slice(0, -1) : given,
    sortBy,
    sortOrder,
    offset: offset ?? 0,
    limit: limit ?? (on.has('default-limit-20') ? 20 : (paramSchema('get_users', 'limit').default as number)),
  };
}

/**
 * The users matching filters and search, in insertion order. `enough`: stop after that many
 * matches (an unsorted page near the start needs no more).
 */
export function selectUsers(
  store: UserStore,
  filters: FilterTerm[],
  search: string | undefined,
  on: Switches,
  enough = Infinity,
): StoredUser[] {
  // The search-drops-filters fault: with a search, only the first filterBy term applies.
  const applied = on.has('search-drops-filters') && search !== undefined ? filters.slice(0, 1) : filters;
  const predicates = applied.map((t) => termPredicate(t, on));
  const ored = on.has('terms-ored') && predicates.length > 1;
  const all = ored ? (u: StoredUser) => predicates.some((p) => p(u)) : (u: StoredUser) => predicates.every((p) => p(u));
  const searched = search === undefined ? () => true : searchPredicate(search, on);
  // A username =@ term or a search (both contain-matches on the username) narrows the candidates
  // through the index; the predicates still decide.
  const term =
    ored || on.has('like-wildcards') ? undefined : applied.find((t) => t.field === 'username' && t.op === '=@');
  const narrowed = [term?.value, on.has('search-case-sensitive') ? undefined : search]
    .map((text) => (text === undefined ? undefined : store.usernameCandidates(text)))
    .filter((c) => c !== undefined)
    .sort((a, b) => a.length - b.length)[0];
  const out: StoredUser[] = [];
  for (const u of narrowed ?? store.users.values()) {
    if (all(u) && searched(u)) out.push(u);
    // Index candidates are unordered: only a scan in insertion order may stop early.
    if (!narrowed && out.length >= enough) break;
  }
  return narrowed ? out.sort((a, b) => a.seq - b.seq) : out;
}
