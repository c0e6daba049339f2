/**
 * Parses and applies the list/count query parameters (filterBy, sortBy, sortOrder, offset,
 * limit, search) as the reference understands them. Bounds and enums are read from the spec.
 */
import { paramSchema, type Schema } from './contract.ts';
import {
  canonicalField,
  likePattern,
  looseEnum,
  otherListsOperator,
  unbounded,
  uncheckedTerms,
} from './fault-behaviours.ts';
import { HttpError } from './http-util.ts';
import type { Switches } from './switches.ts';
import { compare, FIELDS, type FieldName, field as fieldOf, TERM_PARTS } from './user-fields.ts';
import type { StoredUser, UserStore } from './user-store.ts';
import { problemWith } from './validate.ts';

/** A query the reference refuses: answered 400. */
export class BadRequest extends HttpError {
  constructor(message: string) {
    super(400, message);
  }
}

export interface FilterTerm {
  field: FieldName;
  op: '==' | '<=' | '>=' | '=@';
  value: string;
}

const fieldNames = Object.keys(FIELDS).join('|');
// A comma starts a new term only where a field name and operator follow, so values may hold commas.
const TERM_BOUNDARY = new RegExp(`,(?=(?:${fieldNames})(?:==|<=|>=|=@))`);
// A timestamp in ISO 8601's extended form, the whole value (a leftmost match that is all of it).
const ISO_8601 = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})/;
// Stryker disable next-line ConditionalExpression,LogicalOperator: a date's 400 is a SHOULD, the contract says no more
const isTimestamp = (value: string) => ISO_8601.exec(value)?.[0] === value && !Number.isNaN(Date.parse(value));

/** A value held to a schema; `name` only makes the message. */
function checkValue(name: string, value: unknown, schema: Schema): void {
  const problem = problemWith(schema, value);
  if (problem) throw new BadRequest(`invalid ${name}: ${problem}`);
}

const checkParam = (operationId: string, name: string, value: unknown) =>
  checkValue(name, value, paramSchema(operationId, name));

/** The terms of a filterBy, each checked against the spec's pattern. */
function checkedTerms(operationId: string, terms: string[]): string[] {
  checkParam(operationId, 'filterBy', terms);
  return terms;
}

export function parseFilterBy(operationId: string, raw: string[], on: Switches): FilterTerm[] {
  // The field names are case-sensitive: only the fault that takes them in any case splits before any.
  const boundary = on.has('filter-field-case-insensitive') ? new RegExp(TERM_BOUNDARY, 'i') : TERM_BOUNDARY;
  // An empty filterBy (filterBy=) is a term the pattern refuses: 400 (the contract allows no filter too).
  const split = raw.flatMap((v) => v.split(boundary));
  const cased = on.has('filter-field-case-insensitive') ? split.map(canonicalField) : split;
  const terms = on.has('filter-operators-of-other-lists') ? cased.filter((t) => !otherListsOperator(t)) : cased;
  const known =
    on.has('malformed-filter-500') || on.has('unknown-filter-field-ignored')
      ? uncheckedTerms(terms, on.has('unknown-filter-field-ignored'), (message) => new BadRequest(message))
      : checkedTerms(operationId, terms);
  return known.map((term) => {
    // Every term matches the spec's pattern here: a field, an operator and a value.
    const [, field, op, value] = TERM_PARTS.exec(term) as unknown as [string, FieldName, FilterTerm['op'], string];
    const kind = fieldOf(field).kind;
    if (kind === 'date' && on.has('bad-date-500') && Number.isNaN(Date.parse(value)))
      throw new Error(`Invalid time value ${value}`);
    if (kind === 'boolean' && on.has('off-kind-term-500') && op !== '==') throw new Error(`no ${op} on booleans`);
    // The date-fraction-refused fault: a timestamp finer than milliseconds is refused (ISO 8601 sets no limit).
    if (kind === 'date' && on.has('date-fraction-refused') && /\.\d{4,}/.test(value))
      throw new BadRequest('timestamps take at most milliseconds');
    // Stryker disable next-line ConditionalExpression,LogicalOperator,StringLiteral,BlockStatement: its 400 is a SHOULD
    if (kind === 'date' && !isTimestamp(value)) {
      throw new BadRequest(`filterBy ${field} takes an ISO 8601 timestamp`);
    }
    return { field, op, value };
  });
}

type Value = string | number | boolean;

/** A term compiled once per request into a predicate over users (values parsed once). */
export function termPredicate(term: FilterTerm, on: Switches): (user: StoredUser) => boolean {
  const { kind, get } = fieldOf(term.field);
  // The offset-ignored fault: a timestamp's offset is dropped, its wall time read as UTC.
  const date = on.has('offset-ignored') ? term.value.replace(/(Z|[+-]\d{2}:?\d{2})$/i, 'Z') : term.value;
  // A boolean value but true reads as false, an operator but == compares false before true: the contract says no more.
  const expected: Value = kind === 'date' ? Date.parse(date) : kind === 'boolean' ? term.value === 'true' : term.value;
  const test = ((): ((actual: Value) => boolean) => {
    switch (term.op) {
      case '==':
        return (actual) => actual === expected;
      case '<=':
        return (on.has('lte-as-lt') && kind === 'date') || (on.has('string-lte-exclusive') && !kind)
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
    // Stryker disable next-line ConditionalExpression: whether a null value satisfies <= or >= is not in the contract
    return actual !== null && test(actual);
  };
}

/** The search compiled once per request into a predicate over users. */
function searchPredicate(search: string, on: Switches): (user: StoredUser) => boolean {
  // The control-chars-500 fault: a search with a control character crashes the handler.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: that is the fault
  if (on.has('control-chars-500') && /[\u0000-\u001f]/.test(search)) throw new Error('bad search text');
  if (on.has('search-case-sensitive')) return (u) => u.username.includes(search) || u.createdBy.includes(search);
  // Stryker disable next-line MethodExpression: which users a search must find is not in the contract (a SHOULD)
  const needle = search.toLowerCase();
  // Stryker disable next-line MethodExpression,ArrowFunction: which users a search must find is a SHOULD
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

/** A query integer as a number: NaN when it is none, which the schema check refuses. */
const intParam = (raw: string | null): number | undefined => (raw === null ? undefined : Number(raw));

export function parseListQuery(params: URLSearchParams, on: Switches): ListQuery {
  // The deprecated-filter-refused fault: the documented, deprecated `filter` parameter is refused.
  if (on.has('deprecated-filter-refused') && params.has('filter')) throw new BadRequest('filter is not supported');
  const limit = intParam(params.get('limit'));
  const offset = intParam(params.get('offset'));
  const limitSchema = paramSchema('get_users', 'limit');
  if (limit !== undefined)
    // Stryker disable next-line StringLiteral: a message text: the contract leaves the wording of messages open
    checkValue('limit', limit, on.has('limit-bounds-not-enforced') ? unbounded(limitSchema) : limitSchema);
  // The limit-max-rejected fault: the documented maximum itself is refused.
  if (on.has('limit-max-rejected') && limit === limitSchema.maximum) {
    throw new BadRequest('limit too large');
  }
  if (offset !== undefined) {
    checkParam('get_users', 'offset', offset);
    // Stryker disable next-line ConditionalExpression: the spec gives offset no minimum: a negative one is open
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
    // The offset-ignored-with-search fault: with a search, every page starts at the first user.
    offset: on.has('offset-ignored-with-search') && given !== undefined ? 0 : (offset ?? 0),
    // The repeated-limit-last-applied fault: the first limit is checked, the last one sent is applied.
    limit:
      (on.has('repeated-limit-last-applied') && params.getAll('limit').length > 1
        ? intParam(params.getAll('limit').at(-1) ?? null)
        : undefined) ??
      limit ??
      (on.has('default-limit-20') ? 20 : (limitSchema.default as number)),
  };
}

/**
 * The users matching filters and search, in insertion order. `enough`: stop after that many
 * matches (an unsorted page needs no more).
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
  // The terms-ored fault: terms are ORed.
  const all =
    on.has('terms-ored') && predicates.length > 1
      ? (u: StoredUser) => predicates.some((p) => p(u))
      : (u: StoredUser) => predicates.every((p) => p(u));
  const searched = search === undefined ? () => true : searchPredicate(search, on);
  const out: StoredUser[] = [];
  for (const u of store.users.values()) {
    if (all(u) && searched(u)) out.push(u);
    // Stryker disable next-line ConditionalExpression: an optimisation: the same page either way
    if (out.length === enough) break;
  }
  return out;
}
