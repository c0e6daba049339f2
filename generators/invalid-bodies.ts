/**
 * Request bodies the schema forbids, made by mutating a valid body: a required property
 * dropped, a property of the wrong type, a string outside its length bounds or pattern, or
 * no object at all. Every candidate is checked invalid against the schema itself, so the
 * suite never calls a valid body invalid.
 */
import fc from 'fast-check';
import { schemaAt } from '../src/spec/openapi.ts';
import { validateAt } from '../src/spec/schema-validator.ts';
import { lengthBreakingStrings } from './spec-violations.ts';

export interface BodyMutation {
  description: string;
  apply: (body: Record<string, unknown>) => unknown;
}

const wrongTypes: Record<string, unknown[]> = {
  string: [12345, true, ['x'], { a: 1 }],
  boolean: ['yes', 1, ['true'], { v: true }],
  integer: ['1', 1.5, true],
  number: ['1', true],
};

/**
 * Single mutations under the schema at `pointer`. `badStrings` replaces the generic
 * out-of-length strings of a property (e.g. emails that keep the run prefix).
 */
export function bodyMutations(pointer: string, badStrings: Record<string, string[]> = {}): BodyMutation[] {
  const schema = schemaAt(pointer);
  const out: BodyMutation[] = [];
  for (const name of schema.required ?? []) {
    out.push({ description: `without ${name}`, apply: ({ [name]: _, ...rest }) => rest });
  }
  for (const [name, prop] of Object.entries(schema.properties ?? {})) {
    for (const value of wrongTypes[prop.type ?? ''] ?? [])
      out.push({ description: `${name}: ${JSON.stringify(value)}`, apply: (b) => ({ ...b, [name]: value }) });
    if (!prop.nullable) out.push({ description: `${name}: null`, apply: (b) => ({ ...b, [name]: null }) });
    if (prop.type === 'string') {
      for (const s of badStrings[name] ?? lengthBreakingStrings(prop)) {
        out.push({
          description: `${name}: ${JSON.stringify(s.length > 40 ? `${s.slice(0, 20)}…(${s.length})` : s)}`,
          apply: (b) => ({ ...b, [name]: s }),
        });
      }
    }
  }
  for (const value of [[], 'text', 42, true, null])
    out.push({ description: `body ${JSON.stringify(value)}`, apply: () => value });
  return out;
}

export interface InvalidBody {
  description: string;
  body: unknown;
}

/** Each single mutation of `valid` that the schema rejects: designed examples run every time. */
export function singleMutations(
  pointer: string,
  valid: Record<string, unknown>,
  badStrings?: Record<string, string[]>,
): InvalidBody[] {
  return bodyMutations(pointer, badStrings)
    .map((m) => ({ description: m.description, body: m.apply(valid) }))
    .filter(({ body }) => validateAt(pointer, body).length > 0);
}

/** One or two mutations applied together, kept only when the schema rejects the result. */
export function invalidBody(
  pointer: string,
  valid: () => Record<string, unknown>,
  badStrings?: Record<string, string[]>,
): fc.Arbitrary<InvalidBody> {
  const mutations = bodyMutations(pointer, badStrings);
  return fc
    .subarray(mutations, { minLength: 1, maxLength: 2 })
    .map((picked) => ({
      description: picked.map((m) => m.description).join(' + '),
      body: picked.reduce<unknown>(
        (b, m) => (b && typeof b === 'object' && !Array.isArray(b) ? m.apply(b as Record<string, unknown>) : b),
        valid(),
      ),
    }))
    .filter(({ body }) => validateAt(pointer, body).length > 0);
}
