/**
 * The wire mutation operators, one registry: what each changes, at which places, and the rules
 * by which a mutant is equivalent (the contract cannot tell it from the reference), each with
 * its reason. A mutant is one operator at one place (and, for a status, one other status).
 */
import { requirement } from '../../catalogue/requirements.ts';
import { fieldKind, filterFields, operatorsFor } from '../../oracles/user-fields.ts';
import { callerOperations, documentedStatuses, operation, type Schema } from '../../spec/openapi.ts';
import type { FieldPlace, HeaderPlace, InputPlace, Place, StatusPlace } from './places.ts';

/** An answer as the layer holds it before it is sent. */
export interface Answer {
  status: number;
  headers: Record<string, string>;
  /** The body parsed when it is JSON, else undefined (then `text` is sent as it is). */
  json?: unknown;
  text: string;
}

export type OperatorKind = 'response' | 'request' | 'state';

interface Base<P extends Place> {
  id: string;
  kind: OperatorKind;
  describe: string;
  /** The arguments of the operator at a place (one mutant each), none when it does not apply there. */
  at(place: Place): place is P;
  args?(place: P): string[];
  /** Why the mutant is one the contract cannot tell from the reference, when it is. */
  equivalent?(place: P, arg?: string): string | undefined;
  /** What a request must have shown in the clean run for the mutant to change anything. */
  coverage(place: P): string;
}

export interface ResponseOperator<P extends Place = Place> extends Base<P> {
  kind: 'response';
  mutate(answer: Answer, place: P, arg?: string): Answer;
}

/** A request as the layer hands it on: its URL and parsed JSON body (undefined when it has none). */
export interface WireRequest {
  url: URL;
  body?: unknown;
}

export interface RequestOperator extends Base<InputPlace> {
  kind: 'request';
  /** The request to hand on, or 'refuse' for a 400 in its place; undefined when the input is not in it. */
  mutate(request: WireRequest, place: InputPlace, other: () => string | undefined): WireRequest | 'refuse' | undefined;
}

export type StateEffect = 'unapplied' | 'misdirected' | 'late';
export interface StateOperator extends Base<StatusPlace> {
  kind: 'state';
  effect: StateEffect;
}

export type Operator = ResponseOperator<FieldPlace> | ResponseOperator<StatusPlace> | ResponseOperator<HeaderPlace>;
export type AnyOperator = Operator | RequestOperator | StateOperator;

// ---- keys of the clean run's coverage -------------------------------------------------------

export const statusKey = (op: string, status: string | number) => `s ${op} ${status}`;
export const headerKey = (op: string, status: string | number, header: string) => `h ${op} ${status} ${header}`;
/** f: the field is there; v: it holds a value (not null); n: a non-empty array; m: two items or more. */
export const fieldKey = (level: 'f' | 'v' | 'n' | 'm', op: string, status: string | number, pointer: string) =>
  `${level} ${op} ${status} ${pointer}`;
export const inputKey = (op: string, name: string, form?: InputPlace['form']) =>
  `i ${op} ${name}${form ? ` ${form.of}:${form.value}` : ''}`;

// ---- values --------------------------------------------------------------------------------

const DROP = Symbol('drop');
type Edit = (value: unknown) => unknown;

/** The value at a pointer (`*` for every item) edited; DROP removes it. */
export function editAt(value: unknown, pointer: string, edit: Edit): unknown {
  const [head, ...rest] = pointer.split('/').slice(1);
  if (head === undefined) return edit(value);
  const inner = rest.length ? `/${rest.join('/')}` : '';
  if (head === '*')
    return Array.isArray(value)
      ? value.map((item) => editAt(item, inner, edit)).filter((item) => item !== DROP)
      : value;
  if (typeof value !== 'object' || value === null || Array.isArray(value) || !(head in value)) return value;
  const copy = { ...(value as Record<string, unknown>) };
  const next = editAt(copy[head], inner, edit);
  if (next === DROP) delete copy[head];
  else copy[head] = next;
  return copy;
}

const swapCase = (s: string) => [...s].map((c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())).join('');
function oneCharacter(s: string): string {
  const i = Math.floor(s.length / 2);
  const c = s[i] ?? '';
  const other = /\d/.test(c) ? String((Number(c) + 1) % 10) : c === 'a' ? 'b' : 'a';
  return s.slice(0, i) + other + s.slice(i + 1);
}
const HOUR = 3_600_000;
const reZoned = (s: string) => new Date(Date.parse(s) + 2 * HOUR).toISOString().replace('Z', '+02:00');
const retyped = (v: unknown): unknown =>
  typeof v === 'string'
    ? 42
    : typeof v === 'number' || typeof v === 'boolean'
      ? String(v)
      : Array.isArray(v)
        ? {}
        : v === null
          ? 0
          : [];

const isError = (place: FieldPlace) => Number(place.status) >= 400;
const isDate = (schema: Schema) => schema.format === 'date-time';
const last = (pointer: string) => pointer.split('/').at(-1) ?? '';

/** An answer whose JSON body has the place's value edited (answers without a JSON body as they are). */
const editBody = (answer: Answer, place: FieldPlace, edit: Edit): Answer =>
  answer.json === undefined ? answer : { ...answer, json: editAt(answer.json, place.pointer, edit) };

// ---- rules of equivalence ---------------------------------------------------------------------

const SAME_INSTANT = 'the same instant at another offset: RFC 3339 writes it either way';
const RFC3339_CASE = "RFC 3339 (5.6, NOTE) allows 't' and 'z' in lower case: the same timestamp";
const EMAIL_CASE = "an email's letter case: the contract leaves it open (identity servers fold it)";
const NO_ORDER = 'an array the spec gives no order';
const ID_ONLY = "the operation's only input is the user id: one it refuses names no user, so 404 fits as well as 400";
/** An operation whose only input is the path's id (no query, no body). */
const idOnly = (p: StatusPlace) => {
  const op = operation(p.operationId);
  return !op.requestBody && op.parameters.length > 0 && op.parameters.every((x) => x.in === 'path');
};
const UNFRAMED =
  'without Content-Length an answer with no content is framed otherwise (none for a 204, chunks): HTTP allows it';
const NEVER_ENDS =
  'a length past the body, where a body may follow, is a body that never comes: to any client a hung target ' +
  '(inconclusive, exit 2); after a 204 no body may follow, and the same lie is broken framing';
const NO_USER =
  "on the caller's own account a 403 goes only to a caller that is no user (an application): " +
  'what it gets, 400 or 404 as well, is open';
const TRANSIENT = 'a 503 is transient trouble (its documented meaning): retried, then inconclusive (exit 2)';
/** Inputs whose effect lies outside the API: a client cannot see it, so ignoring or misreading them is open. */
const UNSEEN_EFFECTS: Record<string, string> = {
  notify: 'notify sends an email: no client of the API can observe it',
  resetPassword: 'resetPassword asks for a reset at first login, outside the API: no client can observe it',
};
function unseen(place: InputPlace): string | undefined {
  if (place.in === 'body' && UNSEEN_EFFECTS[place.name]) return UNSEEN_EFFECTS[place.name];
  // A deprecated parameter with no documented form of its value: what it selects is open.
  const op = operation(place.operationId).parameters.find((p) => p.name === place.name);
  if (op?.deprecated && !place.schema.pattern && !place.schema.enum && !place.schema.format)
    return `${place.name} is deprecated and its values have no documented form: what it selects is open`;
  return undefined;
}

// ---- operators ------------------------------------------------------------------------------

const field = (p: Place): p is FieldPlace => p.kind === 'field';
const typed = (p: Place, types: string[]): p is FieldPlace => field(p) && types.includes(String(p.schema.type));
const arrayField = (p: Place): p is FieldPlace => field(p) && p.schema.type === 'array';

function fieldOperator(
  id: string,
  describe: string,
  at: (p: Place) => p is FieldPlace,
  level: 'f' | 'v' | 'n' | 'm',
  edit: (value: unknown) => unknown,
  equivalent?: (p: FieldPlace) => string | undefined,
): ResponseOperator<FieldPlace> {
  return {
    id,
    kind: 'response',
    describe,
    at,
    equivalent,
    coverage: (p) => fieldKey(level, p.operationId, p.status, p.pointer),
    // A value's perturbation leaves a null as it is: nulling is an operator of its own.
    mutate: (answer, p) => editBody(answer, p, level === 'f' ? edit : (v) => (v === null ? v : edit(v))),
  };
}

const notRoot = (p: Place): p is FieldPlace => field(p) && p.pointer !== '';
const strings = (p: Place): p is FieldPlace => typed(p, ['string']);
const dates = (p: Place): p is FieldPlace => strings(p) && isDate(p.schema);
/**
 * Values the contract leaves free are no place for a value's perturbation (only for its loss,
 * null or type): an error's message and details are open wording, and its code equals the
 * status only as a SHOULD. Read from the catalogue: were that a MUST, the code would be a place.
 */
function freeValue(p: FieldPlace): boolean {
  if (!isError(p)) return false;
  return p.schema.type !== 'integer' || requirement('common/error/code-matches-status').level !== 'MUST';
}
const fixedStrings = (p: Place): p is FieldPlace => strings(p) && !freeValue(p);
const fixedIntegers = (p: Place): p is FieldPlace => typed(p, ['integer']) && !freeValue(p);

const NO_CONTENT = new Set([204, 304]);
const statusChanged: ResponseOperator<StatusPlace> = {
  id: 'status-changed',
  kind: 'response',
  describe: 'the status changed to another the operation documents',
  at: (p): p is StatusPlace => p.kind === 'status',
  args: (p) => documentedStatuses(p.operationId).filter((s) => s !== p.status),
  equivalent: (p, to) =>
    to === '503'
      ? TRANSIENT
      : to === '404' && p.status === '400' && idOnly(p)
        ? ID_ONLY
        : p.status === '403' && callerOperations.includes(p.operationId) && (to === '400' || to === '404')
          ? NO_USER
          : undefined,
  coverage: (p) => statusKey(p.operationId, p.status),
  mutate: (answer, _p, to) => {
    if (!NO_CONTENT.has(Number(to))) return { ...answer, status: Number(to) };
    // A status that has no content (RFC 9110 15.3.5) is sent without a body and its fields: a well-formed 204.
    const { 'content-length': _length, 'content-type': _type, ...headers } = answer.headers;
    return { status: Number(to), headers, text: '' };
  },
};
const headerDropped: ResponseOperator<HeaderPlace> = {
  id: 'header-dropped',
  kind: 'response',
  describe: 'a header field left out',
  at: (p): p is HeaderPlace => p.kind === 'header',
  equivalent: (p) => (p.header === 'content-length' ? UNFRAMED : undefined),
  coverage: (p) => headerKey(p.operationId, p.status, p.header),
  mutate: (answer, p) => {
    const headers = { ...answer.headers };
    delete headers[p.header];
    return { ...answer, headers };
  },
};
const headerMalformed: ResponseOperator<HeaderPlace> = {
  id: 'header-malformed',
  kind: 'response',
  describe: 'a header field with a value not of its form',
  at: (p): p is HeaderPlace => p.kind === 'header',
  equivalent: (p) => (p.header === 'content-length' && !NO_CONTENT.has(Number(p.status)) ? NEVER_ENDS : undefined),
  coverage: (p) => headerKey(p.operationId, p.status, p.header),
  mutate: (answer, p) => ({ ...answer, headers: { ...answer.headers, [p.header]: MALFORMED[p.header] ?? '' } }),
};

const responseOperators: Operator[] = [
  fieldOperator('field-dropped', 'the field left out', notRoot, 'f', () => DROP),
  fieldOperator('field-nulled', 'the field null', notRoot, 'f', () => null),
  fieldOperator('field-retyped', 'the field of another JSON type', notRoot, 'f', retyped),
  fieldOperator(
    'string-case',
    'the letter case of a string swapped',
    fixedStrings,
    'v',
    (v) => swapCase(String(v)),
    (p) => (isDate(p.schema) ? RFC3339_CASE : last(p.pointer) === 'username' ? EMAIL_CASE : undefined),
  ),
  fieldOperator('string-character', 'one character of a string changed', fixedStrings, 'v', (v) =>
    oneCharacter(String(v)),
  ),
  fieldOperator('string-truncated', 'the last character of a string cut', fixedStrings, 'v', (v) =>
    String(v).slice(0, -1),
  ),
  fieldOperator('instant-moved', 'a timestamp an hour later', dates, 'v', (v) =>
    new Date(Date.parse(String(v)) + HOUR).toISOString(),
  ),
  fieldOperator(
    'instant-re-zoned',
    'a timestamp at another offset',
    dates,
    'v',
    (v) => reZoned(String(v)),
    () => SAME_INSTANT,
  ),
  fieldOperator('integer-plus-one', 'an integer one more', fixedIntegers, 'v', (v) => Number(v) + 1),
  fieldOperator('integer-minus-one', 'an integer one less', fixedIntegers, 'v', (v) => Number(v) - 1),
  fieldOperator(
    'boolean-flipped',
    'a boolean flipped',
    (p): p is FieldPlace => typed(p, ['boolean']),
    'v',
    (v) => !v,
  ),
  fieldOperator('item-dropped', 'the first item of an array left out', arrayField, 'n', (v) =>
    (v as unknown[]).slice(1),
  ),
  fieldOperator('item-duplicated', 'the first item of an array twice', arrayField, 'n', (v) => {
    const items = v as unknown[];
    return [items[0], ...items];
  }),
  fieldOperator(
    'items-reordered',
    'the items of an array reversed',
    arrayField,
    'm',
    (v) => [...(v as unknown[])].reverse(),
    (p) => (p.pointer === '' ? undefined : NO_ORDER),
  ),
  fieldOperator('items-truncated', 'the second half of an array cut', arrayField, 'm', (v) => {
    const items = v as unknown[];
    return items.slice(0, Math.ceil(items.length / 2));
  }),
  statusChanged,
  headerDropped,
  headerMalformed,
];

/** A value of each header field that is not of the form RFC 9110 gives it. */
const MALFORMED: Record<string, string> = {
  // 5.6.7: an HTTP-date in IMF-fixdate.
  date: '2026-02-31 25:00',
  // 8.3: a media type, here one that is not JSON.
  'content-type': 'text/plain; charset=utf-8',
  // RFC 9112 6.3: a length the message does not have (the answer has no content).
  'content-length': '10',
  // 11.6.1: a challenge starts with its auth-scheme.
  'www-authenticate': 'realm="runai"',
};

// ---- requests ---------------------------------------------------------------------------------

/** filterBy terms (explode: false: one comma list) and how each reads: its field and operator. */
function termsOf(value: string): { term: string; field?: string; operator?: string }[] {
  return value.split(',').map((term) => {
    const field = filterFields.find((f) => term.startsWith(f));
    const rest = field ? term.slice(field.length) : '';
    const operator = field ? operatorsFor(fieldKind(field)).find((o) => rest.startsWith(o)) : undefined;
    return { term, field, operator };
  });
}

/** Whether the input (in its form, when it has one) is in the request. */
export function inputPresent(request: WireRequest, place: InputPlace): boolean {
  if (place.in === 'path') return true;
  if (place.in === 'body')
    return typeof request.body === 'object' && request.body !== null && place.name in request.body;
  const value = request.url.searchParams.get(place.name);
  if (value === null) return false;
  const form = place.form;
  if (!form) return true;
  if (form.of === 'value') return value === form.value;
  return termsOf(value).some((t) => (form.of === 'field' ? t.field : t.operator) === form.value);
}

/** The next of a list after `value`, among those `keep` allows (undefined when there is none). */
function nextOf(list: string[], value: string, keep: (x: string) => boolean = () => true): string | undefined {
  const others = list.filter((x) => x !== value && keep(x));
  return others[Math.max(list.indexOf(value), 0) % Math.max(others.length, 1)];
}

function misreadQuery(url: URL, place: InputPlace): URL | undefined {
  const value = url.searchParams.get(place.name) ?? '';
  const schema = place.schema;
  let next: string | undefined;
  if (place.form?.of === 'field' || place.form?.of === 'operator') {
    const of = place.form.of;
    next = termsOf(value)
      .map(({ term, field, operator }) => {
        if (of === 'field' && field !== undefined && field === place.form?.value) {
          const other = nextOf(filterFields, field, (f) => fieldKind(f) === fieldKind(field));
          return other ? other + term.slice(field.length) : term;
        }
        if (of === 'operator' && field !== undefined && operator !== undefined && operator === place.form?.value) {
          const other = nextOf(operatorsFor(fieldKind(field)), operator);
          return other ? field + other + term.slice(field.length + operator.length) : term;
        }
        return term;
      })
      .join(',');
  } else if (schema.enum) next = nextOf(schema.enum.map(String), value);
  else if (schema.type === 'integer') next = String(Number(value) + 1);
  else next = oneCharacter(value);
  if (next === undefined || next === value) return undefined;
  const copy = new URL(url);
  copy.searchParams.set(place.name, next);
  return copy;
}

function misreadBody(body: Record<string, unknown>, name: string): Record<string, unknown> {
  const value = body[name];
  const next = typeof value === 'boolean' ? !value : typeof value === 'string' ? oneCharacter(value) : retyped(value);
  return { ...body, [name]: next };
}

function ignore(request: WireRequest, place: InputPlace): WireRequest {
  if (place.in === 'body') {
    const body = { ...(request.body as Record<string, unknown>) };
    delete body[place.name];
    return { ...request, body };
  }
  const url = new URL(request.url);
  const value = url.searchParams.get(place.name) ?? '';
  const form = place.form;
  if (form?.of === 'field' || form?.of === 'operator') {
    const kept = termsOf(value).filter((t) => (form.of === 'field' ? t.field : t.operator) !== form.value);
    if (kept.length) url.searchParams.set(place.name, kept.map((t) => t.term).join(','));
    else url.searchParams.delete(place.name);
  } else url.searchParams.delete(place.name);
  return { ...request, url };
}

const inputs = (p: Place): p is InputPlace => p.kind === 'input';
/** A filterBy field or operator with no other of its kind cannot be read as another. */
function misreadable(p: InputPlace): boolean {
  const form = p.form;
  if (form?.of === 'field')
    return nextOf(filterFields, form.value, (f) => fieldKind(f) === fieldKind(form.value)) !== undefined;
  if (form?.of === 'operator')
    return filterFields.some(
      (f) => operatorsFor(fieldKind(f)).length > 1 && operatorsFor(fieldKind(f)).includes(form.value),
    );
  return true;
}
const requestOperators: RequestOperator[] = [
  {
    id: 'input-refused',
    kind: 'request',
    describe: 'a valid input answered 400',
    at: inputs,
    coverage: (p) => inputKey(p.operationId, p.name, p.form),
    mutate: (request, p) => (inputPresent(request, p) ? 'refuse' : undefined),
  },
  {
    id: 'input-ignored',
    kind: 'request',
    describe: 'an input ignored, as if it had not been sent',
    at: (p): p is InputPlace => inputs(p) && p.in !== 'path',
    equivalent: (p) =>
      unseen(p) ??
      (p.form?.of === 'value' && String(p.schema.default) === p.form.value
        ? `${p.form.value} is the documented default of ${p.name}: without it the answer is the same`
        : undefined),
    coverage: (p) => inputKey(p.operationId, p.name, p.form),
    mutate: (request, p) => (inputPresent(request, p) ? ignore(request, p) : undefined),
  },
  {
    id: 'input-misread',
    kind: 'request',
    describe: 'an input read as another value (another user, for the path)',
    at: (p): p is InputPlace => inputs(p) && misreadable(p),
    equivalent: (p) =>
      unseen(p) ??
      (p.name === 'search' ? 'the letters a search matches are open (its case rules, what it spans)' : undefined),
    coverage: (p) => inputKey(p.operationId, p.name, p.form),
    mutate: (request, p, other) => {
      if (!inputPresent(request, p)) return undefined;
      if (p.in === 'body') return { ...request, body: misreadBody(request.body as Record<string, unknown>, p.name) };
      if (p.in === 'path') {
        const id = other();
        if (!id) return undefined;
        const url = new URL(request.url);
        url.pathname = url.pathname.replace(/\/users\/[^/]+/, `/users/${encodeURIComponent(id)}`);
        return { ...request, url };
      }
      const url = misreadQuery(request.url, p);
      return url ? { ...request, url } : undefined;
    },
  },
];

// ---- state ----------------------------------------------------------------------------------

const writes = (p: Place): p is StatusPlace =>
  p.kind === 'status' && operation(p.operationId).method !== 'GET' && p.status.startsWith('2');
const stateOperator = (effect: StateEffect, describe: string, at = writes): StateOperator => ({
  id: `write-${effect}`,
  kind: 'state',
  effect,
  describe,
  at,
  coverage: (p) => statusKey(p.operationId, p.status),
});
const stateOperators: StateOperator[] = [
  stateOperator('unapplied', 'a write answered as done but not applied'),
  stateOperator(
    'misdirected',
    'a write applied to another user than the one named',
    (p): p is StatusPlace => writes(p) && operation(p.operationId).responses['201'] === undefined,
  ),
  stateOperator('late', 'a write applied two seconds after its answer'),
];

export const operators: AnyOperator[] = [...responseOperators, ...requestOperators, ...stateOperators];

export function operatorById(id: string): AnyOperator {
  const found = operators.find((o) => o.id === id);
  if (!found) throw new Error(`no wire operator ${id}`);
  return found;
}
