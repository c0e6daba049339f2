/**
 * Values for one input, derived from its schema at run time, so a new constraint is covered
 * without code: boundary-valid values (each bound exactly, every enum value, null where
 * nullable), near misses (one small edit past a bound, another letter case or stray
 * whitespace where the spec spells a word exactly, the empty string, a wrong JSON type), and
 * an edge corpus of awkward text. Each boundary value is confirmed valid and each near miss
 * invalid against the schema itself, so the suite never calls a valid value invalid.
 */
import type { Schema } from '../src/spec/openapi.ts';
import { validateAt } from '../src/spec/schema-validator.ts';

export interface LabelledValue {
  label: string;
  value: unknown;
}

const INT32_MAX = 2 ** 31 - 1;
const show = (v: unknown) => {
  const text = JSON.stringify(v) ?? String(v);
  return text.length > 40 ? `${text.slice(0, 24)}…(${String(v).length} chars)` : text;
};

/**
 * `sample` grown (or cut) to exactly `length` characters while still matching `pattern`:
 * one of its own characters is repeated at the first position where that keeps it valid.
 */
export function resized(sample: string, length: number, pattern?: string, keepPrefix = 0): string | undefined {
  const ok = (s: string) => !pattern || new RegExp(pattern, 'u').test(s);
  if (!ok(sample)) return undefined;
  if (sample.length >= length) {
    for (let at = keepPrefix; at < sample.length; at++) {
      const cut = sample.slice(0, at) + sample.slice(at + sample.length - length);
      if (cut.length === length && ok(cut)) return cut;
    }
    return undefined;
  }
  for (let at = keepPrefix; at <= sample.length; at++) {
    for (const ch of new Set(sample)) {
      const grow = (n: number) => sample.slice(0, at) + ch.repeat(n) + sample.slice(at);
      if (ok(grow(1)) && ok(grow(length - sample.length))) return grow(length - sample.length);
    }
  }
  return undefined;
}

/** Valid values at every boundary the schema declares; `sample` is a valid value to grow strings from. */
export function boundaryValues(
  schema: Schema,
  sample?: unknown,
  options: { keepPrefix?: number } = {},
): LabelledValue[] {
  const out: LabelledValue[] = [];
  if (schema.nullable) out.push({ label: 'null', value: null });
  if (Array.isArray(schema.enum)) for (const v of schema.enum) out.push({ label: `enum ${show(v)}`, value: v });
  else if (schema.type === 'boolean') out.push({ label: 'true', value: true }, { label: 'false', value: false });
  else if (schema.type === 'integer' || schema.type === 'number') {
    const low = schema.minimum ?? (schema.format === 'int32' ? 0 : undefined);
    const high = schema.maximum ?? (schema.format === 'int32' ? INT32_MAX : undefined);
    for (const [name, v] of [
      ['minimum', low],
      ['maximum', high],
    ] as const) {
      if (v !== undefined) out.push({ label: `${name} ${v}`, value: v });
    }
  } else if (schema.type === 'string' && typeof sample === 'string') {
    for (const [name, length] of [
      ['minLength', schema.minLength],
      ['maxLength', schema.maxLength],
    ] as const) {
      if (length === undefined) continue;
      const value = resized(sample, length, schema.pattern, options.keepPrefix);
      if (value !== undefined) out.push({ label: `${name} ${length}`, value });
    }
  }
  return out;
}

const flipCase = (s: string) => (s === s.toUpperCase() ? s.toLowerCase() : s.toUpperCase());
const capitalised = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * Invalid values one small edit from valid ones; `sample` is a valid value to edit. In a query
 * an empty value reads as "absent" (or an empty array) to many servers: pass `emptyString: false`.
 */
export function nearMisses(
  schema: Schema,
  sample: unknown,
  options: { jsonTypes?: boolean; emptyString?: boolean } = {},
): LabelledValue[] {
  const candidates: LabelledValue[] = [];
  const text = typeof sample === 'string' ? sample : undefined;
  if (typeof schema.minimum === 'number') candidates.push({ label: `minimum - 1`, value: schema.minimum - 1 });
  if (typeof schema.maximum === 'number') candidates.push({ label: `maximum + 1`, value: schema.maximum + 1 });
  for (const v of (schema.enum ?? []).filter((e): e is string => typeof e === 'string')) {
    candidates.push(
      { label: `enum ${show(v)} in other case`, value: flipCase(v) },
      { label: `enum ${show(v)} capitalised`, value: capitalised(v) },
      { label: `enum ${show(v)} with a leading space`, value: ` ${v}` },
      { label: `enum ${show(v)} with a trailing space`, value: `${v} ` },
    );
  }
  if (schema.type === 'string' && options.emptyString !== false) candidates.push({ label: 'empty string', value: '' });
  if (text !== undefined) {
    if (typeof schema.minLength === 'number' && schema.minLength > 0) {
      const value = resized(text, schema.minLength - 1, undefined);
      if (value !== undefined) candidates.push({ label: `minLength - 1`, value });
    }
    if (typeof schema.maxLength === 'number') {
      const value = resized(text, schema.maxLength + 1, schema.pattern) ?? resized(text, schema.maxLength + 1);
      if (value !== undefined) candidates.push({ label: `maxLength + 1`, value });
    }
    if (schema.pattern) {
      candidates.push(
        { label: 'with a leading space', value: ` ${text}` },
        { label: 'with a trailing space', value: `${text} ` },
        { label: 'in other letter case', value: flipCase(text) },
      );
    }
  }
  if (options.jsonTypes) {
    const wrong: Record<string, unknown> = { string: 12345, boolean: 'true', integer: '1', number: '1', array: {} };
    if (schema.type && schema.type in wrong) candidates.push({ label: 'a wrong JSON type', value: wrong[schema.type] });
  }
  return candidates;
}

/** Keeps what the schema at `pointer` really accepts (`valid`) or refuses (`!valid`). */
export function confirmed(pointer: string, values: LabelledValue[], valid: boolean): LabelledValue[] {
  const seen = new Set<string>();
  return values.filter((v) => {
    const key = JSON.stringify(v.value);
    if (seen.has(key)) return false;
    seen.add(key);
    return (validateAt(pointer, v.value).length === 0) === valid;
  });
}

/** Awkward text for any input: no server error, no hang, a documented status. */
export const EDGE_CORPUS: LabelledValue[] = [
  { label: 'empty', value: '' },
  { label: 'one character', value: 'x' },
  { label: '1 KB', value: 'k'.repeat(1024) },
  { label: '8 KB', value: 'K'.repeat(8 * 1024) },
  { label: 'upper case', value: 'UPPER-CASE' },
  { label: 'mixed case', value: 'MiXeD-CaSe' },
  { label: 'Unicode with astral characters', value: 'üñí-名前-😀-𝔘' },
  { label: 'percent signs', value: '100%25%zz%' },
  { label: 'encoded reserved characters', value: '%2F%3F%23%26%3D' },
  { label: 'reserved characters', value: '/?#&=+,;' },
  { label: 'control characters', value: 'a\u0000b\u0001c\td\ne' },
  // Whitespace at either end, as a pasted value carries it.
  { label: 'a leading space', value: ' lead' },
  { label: 'a trailing space', value: 'trail ' },
  { label: 'spaces only', value: '   ' },
  { label: 'tabs and no-break spaces at the ends', value: '\t\u00a0edge\u00a0\t' },
  { label: 'quotes and brackets', value: `'"<>{}[]\\` },
];
