/**
 * The reference's own reading of spec/openapi.json: routes, parameter schemas and request
 * body schemas, with `$ref`s followed. Deliberately shares no code with the suite, so a
 * mistake in the suite's reading of the spec shows up as a disagreement with the server.
 */
import { readFileSync } from 'node:fs';

type Json = Record<string, unknown>;
export type Schema = Json;

const doc = JSON.parse(readFileSync(new URL('../spec/openapi.json', import.meta.url), 'utf8')) as Json;

// Stryker disable all: the reference's own reading of the spec's $refs: broken, it cannot start (exit 2)
function follow(node: unknown): Json {
  let current = node as Json;
  while (current && typeof current.$ref === 'string') {
    const path = current.$ref.replace(/^#\//, '').split('/');
    current = path.reduce<Json>((n, key) => n[key.replace(/~1/g, '/').replace(/~0/g, '~')] as Json, doc);
  }
  return current;
}
// Stryker restore all

export interface Route {
  operationId: string;
  method: string;
  pattern: RegExp;
  parameters: Map<string, Schema>;
  body?: Schema;
}

function routes(): Route[] {
  const out: Route[] = [];
  for (const [path, item] of Object.entries(doc.paths as Record<string, Record<string, Json>>)) {
    for (const [method, op] of Object.entries(item)) {
      const parameters = new Map<string, Schema>();
      // Stryker disable next-line ArrayDeclaration,LogicalOperator: an operation without parameters has none either way
      for (const raw of (op.parameters as unknown[] | undefined) ?? []) {
        const p = follow(raw);
        parameters.set(String(p.name), follow(p.schema));
      }
      const body = op.requestBody ? follow(follow(op.requestBody).content as Json) : undefined;
      out.push({
        operationId: String(op.operationId),
        method: method.toUpperCase(),
        pattern: new RegExp(`^${path.replace(/\{[^}]+\}/g, '([^/]+)')}$`),
        parameters,
        body: body ? follow((body['application/json'] as Json).schema) : undefined,
      });
    }
  }
  return out;
}

export const ROUTES = routes();

export function route(operationId: string): Route {
  const r = ROUTES.find((x) => x.operationId === operationId);
  // Stryker disable next-line ConditionalExpression: the reference names only operations the spec has
  if (!r) throw new Error(`no route ${operationId}`);
  return r;
}

export function paramSchema(operationId: string, name: string): Schema {
  const s = route(operationId).parameters.get(name);
  // Stryker disable next-line ConditionalExpression: the reference names only parameters the spec has
  if (!s) throw new Error(`${operationId} has no parameter ${name}`);
  return s;
}

export function bodySchema(operationId: string): Schema {
  const s = route(operationId).body;
  // Stryker disable next-line ConditionalExpression: the reference names only bodies the spec has
  if (!s) throw new Error(`${operationId} takes no body`);
  return s;
}
