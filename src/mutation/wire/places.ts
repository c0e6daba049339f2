/**
 * The places a wire mutant can change, read from the spec: every location of every documented
 * response body, every documented status and the header fields sent with it, every input of
 * every operation (query parameters, body properties, the path's id, and the value forms of
 * each: an enum's values, filterBy's fields and operators), and every write's answer. A new
 * operation, status, property or enum value is a new place as soon as the spec has it.
 */
import { fieldKind, filterFields, operatorsFor } from '../../oracles/user-fields.ts';
import { documentedStatuses, operation, operations, type Schema, schemaAt } from '../../spec/openapi.ts';

/** A location in a response body: `/*` steps into every item of an array. */
export interface FieldPlace {
  kind: 'field';
  operationId: string;
  status: string;
  pointer: string;
  schema: Schema;
  required: boolean;
}

export interface StatusPlace {
  kind: 'status';
  operationId: string;
  status: string;
}

export interface HeaderPlace {
  kind: 'header';
  operationId: string;
  status: string;
  header: string;
}

export interface InputPlace {
  kind: 'input';
  operationId: string;
  in: 'query' | 'body' | 'path';
  name: string;
  schema: Schema;
  /** A value form the place is limited to (an enum value, a filterBy field or operator). */
  form?: { of: 'value' | 'field' | 'operator'; value: string };
}

export type Place = FieldPlace | StatusPlace | HeaderPlace | InputPlace;

/**
 * The header fields each status is sent with: those of every JSON answer, the framing of one with
 * no content, and those RFC 9110 requires with a status (15.5.2: a 401 carries WWW-Authenticate).
 */
export const headersWith = (status: string, hasBody: boolean): string[] => [
  'date',
  // An answer with no content frames it by its Content-Length (0) where it sends one (RFC 9112 6.3).
  ...(hasBody ? ['content-type'] : ['content-length']),
  ...(status === '401' ? ['www-authenticate'] : []),
];

function fieldPlaces(operationId: string, status: string, schema: Schema, pointer = ''): FieldPlace[] {
  const resolved = schema.$ref ? schemaAt(schema.$ref.replace(/^#/, '')) : schema;
  if (resolved.type === 'array' && resolved.items) {
    const items = fieldPlaces(operationId, status, resolved.items, `${pointer}/*`);
    return [{ kind: 'field', operationId, status, pointer, schema: resolved, required: true }, ...items];
  }
  const own: FieldPlace[] = [];
  for (const [name, property] of Object.entries(resolved.properties ?? {})) {
    const at = `${pointer}/${name}`;
    const required = (resolved.required ?? []).includes(name);
    const inner = property.$ref ? schemaAt(property.$ref.replace(/^#/, '')) : property;
    own.push({ kind: 'field', operationId, status, pointer: at, schema: inner, required });
    if (inner.type === 'array' && inner.items) own.push(...fieldPlaces(operationId, status, inner.items, `${at}/*`));
  }
  return own;
}

/** Every input of an operation, with each value form it has. */
export function inputPlaces(operationId: string): InputPlace[] {
  const op = operation(operationId);
  const out: InputPlace[] = [];
  for (const p of op.parameters) {
    const where = p.in === 'path' ? 'path' : 'query';
    if (p.in === 'header') continue;
    out.push({ kind: 'input', operationId, in: where, name: p.name, schema: p.schema });
    for (const value of (p.schema.enum ?? []).map(String))
      out.push({ kind: 'input', operationId, in: where, name: p.name, schema: p.schema, form: { of: 'value', value } });
    // filterBy's value forms: each field the pattern names, each operator a field's kind takes.
    if (p.schema.type === 'array' && p.schema.items?.pattern) {
      for (const field of filterFields)
        out.push({
          ...{ kind: 'input', operationId, in: where, name: p.name, schema: p.schema },
          form: { of: 'field', value: field },
        });
      const ops = new Set(filterFields.flatMap((f) => operatorsFor(fieldKind(f))));
      for (const value of ops)
        out.push({
          kind: 'input',
          operationId,
          in: where,
          name: p.name,
          schema: p.schema,
          form: { of: 'operator', value },
        });
    }
  }
  if (op.requestBody) {
    const body = schemaAt(op.requestBody.schemaPointer);
    for (const [name, schema] of Object.entries(body.properties ?? {}))
      out.push({ kind: 'input', operationId, in: 'body', name, schema });
  }
  return out;
}

/** Every place of every operation, in the spec's order. */
export function allPlaces(): Place[] {
  const out: Place[] = [];
  for (const operationId of operations.keys()) {
    const op = operation(operationId);
    for (const status of documentedStatuses(operationId)) {
      out.push({ kind: 'status', operationId, status });
      const pointer = op.responses[status]?.schemaPointer;
      for (const header of headersWith(status, pointer !== undefined))
        out.push({ kind: 'header', operationId, status, header });
      if (pointer) out.push(...fieldPlaces(operationId, status, schemaAt(pointer)));
    }
    out.push(...inputPlaces(operationId));
  }
  return out;
}
