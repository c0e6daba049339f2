/**
 * The reference's own reading of spec/openapi.json: routes, parameter schemas and request
 * body schemas, with `$ref`s followed. Deliberately shares no code with the suite, so a
 * mistake in the suite's reading of the spec shows up as a disagreement with the server.
 */
import { readFileSync } from 'node:fs';

type Json = Record<string, unknown>;
export type Schema = Json;

const doc = JSON.parse(readFileSync(new URL('../spec/openapi.json', import.meta.url), 'utf8')) as Json;

/** A node, or what its `$ref` (`#/components/...`: the spec's names need no escapes) points to. */
// Stryker disable all: the reference's own reading of the spec's $refs: broken, it cannot start (exit 2)
function follow(node: unknown): Json {
  const ref = (node as Json).$ref;
  return typeof ref === 'string'
    ? follow(
        ref
          .split('/')
          .slice(1)
          .reduce<Json>((n, key) => n[key] as Json, doc),
      )
    : (node as Json);
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

// The reference names only operations, parameters and bodies the spec has.
export const route = (operationId: string): Route => ROUTES.find((x) => x.operationId === operationId) as Route;
export const paramSchema = (operationId: string, name: string): Schema =>
  route(operationId).parameters.get(name) as Schema;
export const bodySchema = (operationId: string): Schema => route(operationId).body as Schema;
