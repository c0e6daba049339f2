/**
 * Every input of every operation, read from the spec: query parameters and top-level body
 * fields, each with its schema, the JSON pointer that validates it, and a valid sample value
 * to derive boundary values and near misses from. A new parameter or field is covered as soon
 * as the spec has it.
 */
import { fieldKind, filterFields, operatorsFor } from '../src/oracles/user-fields.ts';
import { derefPointer, operation, operations, requestBodyPointer, type Schema, schemaAt } from '../src/spec/openapi.ts';

export interface InputSlot {
  operationId: string;
  in: 'query' | 'body';
  name: string;
  schema: Schema;
  /** Validates one value of the input (for an array parameter, one item). */
  pointer: string;
  /** A valid value to grow boundaries from and to edit into near misses. */
  sample: unknown;
  /** True for array parameters: the values derived are items. */
  itemized: boolean;
}

/** A value of a field's kind, for filterBy terms. */
export function termValue(field: string): string {
  const kind = fieldKind(field);
  return kind === 'date' ? '2024-01-01T00:00:00.000Z' : kind === 'boolean' ? 'true' : 'a';
}

/** A valid filterBy term for a field: an operator its kind takes and a value of that kind. */
export const validTerm = (field: string): string => `${field}${operatorsFor(fieldKind(field))[0]}${termValue(field)}`;

function sampleFor(schema: Schema, name: string): unknown {
  if (Array.isArray(schema.enum)) return schema.enum[0];
  if (schema.type === 'integer' || schema.type === 'number') return schema.minimum ?? 0;
  if (schema.type === 'boolean') return true;
  if (name === 'filterBy') return validTerm(filterFields[0] ?? 'username');
  return 'a';
}

/** The query inputs of an operation; deprecated ones too when asked (they are still documented). */
export function querySlots(operationId: string, options: { deprecated?: boolean } = {}): InputSlot[] {
  return operation(operationId)
    .parameters.filter((p) => p.in === 'query' && (options.deprecated || !p.deprecated))
    .map((p) => {
      const itemized = p.schema.type === 'array';
      const schema = itemized ? (p.schema.items ?? {}) : p.schema;
      const pointer = derefPointer(`${p.pointer}/schema`) + (itemized ? '/items' : '');
      return { operationId, in: 'query', name: p.name, schema, pointer, sample: sampleFor(schema, p.name), itemized };
    });
}

export function bodySlots(operationId: string, samples: Record<string, unknown>): InputSlot[] {
  const pointer = derefPointer(requestBodyPointer(operationId));
  const body = operation(operationId).requestBody ? Object.entries(schemaAt(pointer).properties ?? {}) : [];
  return body.map(([name, schema]) => ({
    operationId,
    in: 'body',
    name,
    schema,
    pointer: derefPointer(`${pointer}/properties/${name}`),
    sample: samples[name] ?? sampleFor(schema, name),
    itemized: false,
  }));
}

/** Operations whose query takes constrained values (every GET with query parameters). */
export const queriedOperations = [...operations.values()]
  .filter((op) => op.parameters.some((p) => p.in === 'query' && !p.deprecated))
  .map((op) => op.operationId);
