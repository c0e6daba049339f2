/**
 * Read-only view of the bundled OpenAPI document: operations by operationId, their
 * parameters and responses with `$ref`s resolved, and JSON pointers for schema lookups.
 * Everything the suite knows about the contract comes through here.
 */

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const bundleFile = fileURLToPath(new URL('../../spec/openapi.json', import.meta.url));
const bundleText = readFileSync(bundleFile, 'utf8');
export const openapi = JSON.parse(bundleText) as Record<string, any>;
export const specSha256 = createHash('sha256').update(bundleText).digest('hex');

export type Schema = Record<string, any>;

export interface ParameterSpec {
  name: string;
  in: 'query' | 'path' | 'header';
  required: boolean;
  deprecated: boolean;
  explode?: boolean;
  schema: Schema;
  pointer: string;
}

export interface ResponseSpec {
  status: string;
  description: string;
  /** JSON pointer of the schema for application/json, when the response has a body. */
  schemaPointer?: string;
  pointer: string;
}

export interface OperationSpec {
  operationId: string;
  method: 'GET' | 'POST' | 'DELETE' | 'PUT' | 'PATCH';
  path: string;
  summary: string;
  pointer: string;
  parameters: ParameterSpec[];
  requestBody?: { required: boolean; schemaPointer: string };
  responses: Record<string, ResponseSpec>;
}

export const escapePointer = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');

export function resolvePointer(pointer: string): any {
  const parts = pointer
    .replace(/^#?\//, '')
    .split('/')
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  return parts.reduce((node: any, key) => {
    if (node === undefined || !(key in node)) throw new Error(`unresolvable pointer ${pointer}`);
    return node[key];
  }, openapi);
}

/** Follows `$ref` chains; returns the node and the pointer where it really lives. */
function deref(node: any, pointer: string): { node: any; pointer: string } {
  while (node && typeof node.$ref === 'string') {
    pointer = node.$ref.replace(/^#/, '');
    node = resolvePointer(pointer);
  }
  return { node, pointer };
}

function buildOperations(): Map<string, OperationSpec> {
  const ops = new Map<string, OperationSpec>();
  for (const [path, item] of Object.entries<any>(openapi.paths)) {
    for (const [method, op] of Object.entries<any>(item)) {
      const opPointer = `/paths/${escapePointer(path)}/${method}`;
      const parameters = (op.parameters ?? []).map((raw: any, i: number) => {
        const { node, pointer } = deref(raw, `${opPointer}/parameters/${i}`);
        const schema = deref(node.schema, `${pointer}/schema`);
        return {
          name: node.name,
          in: node.in,
          required: Boolean(node.required),
          deprecated: Boolean(node.deprecated),
          explode: node.explode,
          schema: schema.node,
          pointer,
        } satisfies ParameterSpec;
      });
      const responses: Record<string, ResponseSpec> = {};
      for (const [status, raw] of Object.entries<any>(op.responses)) {
        const { node, pointer } = deref(raw, `${opPointer}/responses/${status}`);
        const json = node.content?.['application/json'];
        responses[status] = {
          status,
          description: node.description,
          schemaPointer: json?.schema ? `${pointer}/content/application~1json/schema` : undefined,
          pointer,
        };
      }
      const body = op.requestBody && deref(op.requestBody, `${opPointer}/requestBody`);
      ops.set(op.operationId, {
        operationId: op.operationId,
        method: method.toUpperCase() as OperationSpec['method'],
        path,
        summary: op.summary,
        pointer: opPointer,
        parameters,
        requestBody: body && {
          required: Boolean(body.node.required),
          schemaPointer: `${body.pointer}/content/application~1json/schema`,
        },
        responses,
      });
    }
  }
  return ops;
}

export const operations = buildOperations();
export type OperationId = string;

/** The API and version the bundled document describes, e.g. "NVIDIA Run:ai Users API 2.24". */
export const apiVersion: string = openapi.info.version;
export const apiName = `${openapi.info.title} Users API ${apiVersion}`;

const takesPathId = (op: OperationSpec) => op.parameters.some((p) => p.in === 'path');
/** The caller's own resources (`/me/...`), as opposed to user management by an administrator. */
const actsOnCaller = (op: OperationSpec) => /\/me(\/|$)/.test(op.path);

/** Operations that change state as an administrator: a read-only identity gets 403. */
export const writeOperations: string[] = [...operations.values()]
  .filter((op) => op.method !== 'GET' && !actsOnCaller(op))
  .map((op) => op.operationId);

/** Writes that act on one existing user named in the path: only ever sent for users the run owns. */
export const userMutations: string[] = [...operations.values()]
  .filter((op) => op.method !== 'GET' && takesPathId(op))
  .map((op) => op.operationId);

export function operation(operationId: string): OperationSpec {
  const op = operations.get(operationId);
  if (!op) throw new Error(`unknown operationId ${operationId}`);
  return op;
}

export function parameter(operationId: string, name: string): ParameterSpec {
  const p = operation(operationId).parameters.find((x) => x.name === name);
  if (!p) throw new Error(`${operationId} has no parameter ${name}`);
  return p;
}

/** The schema a `$ref`-bearing schema stands for (one level of components lookup). */
export function schemaAt(pointer: string): Schema {
  return deref(resolvePointer(pointer), pointer).node;
}

export function componentSchema(name: string): Schema {
  return schemaAt(`/components/schemas/${escapePointer(name)}`);
}

export function documentedStatuses(operationId: string): string[] {
  return Object.keys(operation(operationId).responses);
}
