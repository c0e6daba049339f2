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
/** The parts of a JSON Schema (OpenAPI 3.0 flavour) the suite reads. */
export interface Schema {
  type?: string;
  format?: string;
  enum?: unknown[];
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  default?: unknown;
  nullable?: boolean;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  $ref?: string;
  [keyword: string]: unknown;
}

type Node = Record<string, unknown>;

interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<string, Record<string, Node>>;
  [section: string]: unknown;
}

export const openapi = JSON.parse(bundleText) as OpenApiDocument;
export const specSha256 = createHash('sha256').update(bundleText).digest('hex');

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

const isNode = (value: unknown): value is Node => typeof value === 'object' && value !== null;

export function resolvePointer(pointer: string): unknown {
  const parts = pointer
    .replace(/^#?\//, '')
    .split('/')
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  return parts.reduce<unknown>((node, key) => {
    if (!isNode(node) || !(key in node)) throw new Error(`unresolvable pointer ${pointer}`);
    return node[key];
  }, openapi);
}

/** Follows `$ref` chains; returns the node and the pointer where it really lives. */
function deref(start: unknown, at: string): { node: Node; pointer: string } {
  let node = start;
  let pointer = at;
  while (isNode(node) && typeof node.$ref === 'string') {
    pointer = node.$ref.replace(/^#/, '');
    node = resolvePointer(pointer);
  }
  if (!isNode(node)) throw new Error(`no object at ${pointer}`);
  return { node, pointer };
}

const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const entries = (value: unknown): [string, unknown][] => (isNode(value) ? Object.entries(value) : []);

function buildOperations(): Map<string, OperationSpec> {
  const ops = new Map<string, OperationSpec>();
  for (const [path, item] of Object.entries(openapi.paths)) {
    for (const [method, op] of Object.entries(item)) {
      const opPointer = `/paths/${escapePointer(path)}/${method}`;
      const parameters = list(op.parameters).map((raw, i): ParameterSpec => {
        const { node, pointer } = deref(raw, `${opPointer}/parameters/${i}`);
        return {
          name: String(node.name),
          in: node.in as ParameterSpec['in'],
          required: Boolean(node.required),
          deprecated: Boolean(node.deprecated),
          explode: node.explode as boolean | undefined,
          schema: deref(node.schema, `${pointer}/schema`).node as Schema,
          pointer,
        };
      });
      const responses: Record<string, ResponseSpec> = {};
      for (const [status, raw] of entries(op.responses)) {
        const { node, pointer } = deref(raw, `${opPointer}/responses/${status}`);
        const content = isNode(node.content) ? node.content['application/json'] : undefined;
        responses[status] = {
          status,
          description: String(node.description ?? ''),
          schemaPointer: isNode(content) && content.schema ? `${pointer}/content/application~1json/schema` : undefined,
          pointer,
        };
      }
      const body = op.requestBody ? deref(op.requestBody, `${opPointer}/requestBody`) : undefined;
      const operationId = String(op.operationId);
      ops.set(operationId, {
        operationId,
        method: method.toUpperCase() as OperationSpec['method'],
        path,
        summary: String(op.summary ?? ''),
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

/** Operations on the caller's own account: sent with a created user's own token. */
export const callerOperations: string[] = [...operations.values()].filter(actsOnCaller).map((op) => op.operationId);

/** Operations that create a user and answer its id (POST documenting 201). */
export const createOperations: string[] = [...operations.values()]
  .filter((op) => op.method === 'POST' && op.responses['201'] !== undefined)
  .map((op) => op.operationId);

/** Writes that act on one existing user named in the path: only ever sent for users the run owns. */
export const userMutations: string[] = [...operations.values()]
  .filter((op) => op.method !== 'GET' && takesPathId(op))
  .map((op) => op.operationId);

/** Operations that delete the user named in the path (DELETE with a path id). */
export const deleteOperations: string[] = [...operations.values()]
  .filter((op) => op.method === 'DELETE' && takesPathId(op))
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

/** The pointer where the node at `pointer` really lives, `$ref`s followed. */
export const derefPointer = (pointer: string): string => deref(resolvePointer(pointer), pointer).pointer;

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

/** A fact the suite needs from the spec; fails loudly, naming what is missing, when it is not there. */
export function specFact<T>(value: T | undefined | null, what: string): T {
  if (value === undefined || value === null) throw new Error(`the spec does not state ${what}`);
  return value;
}

export const enumValues = (schema: Schema): string[] => specFact(schema.enum, 'an enum').map(String);

/** The schema of one property of an object schema. */
export const propertyOf = (schema: Schema, name: string): Schema =>
  specFact(schema.properties?.[name], `a property ${name}`);

/** The pattern every filterBy item of an operation must match. */
export const filterByPattern = (operationId: string): string =>
  specFact(parameter(operationId, 'filterBy').schema.items?.pattern, `a filterBy pattern for ${operationId}`);

/** JSON pointer of an operation's JSON request body schema. */
export const requestBodyPointer = (operationId: string): string =>
  specFact(operation(operationId).requestBody?.schemaPointer, `a request body for ${operationId}`);
