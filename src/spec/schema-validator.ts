/**
 * Ajv (strict, ajv-formats) over the bundled document: every schema is looked up by JSON
 * pointer into that one document, so nothing restates a schema by hand.
 * OpenAPI 3.0 `nullable` is native to Ajv 8 when `type` stands beside it.
 */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { openapi } from './openapi.ts';

// ajv-formats ships CommonJS; under NodeNext its default export arrives wrapped.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule.default }).default ??
  addFormatsModule) as typeof addFormatsModule.default;

const DOC_ID = 'openapi.json';
// Keywords OpenAPI adds that are not JSON Schema: known to Ajv so strict mode accepts them.
const OPENAPI_KEYWORDS = [
  'example',
  'xml',
  'externalDocs',
  'discriminator',
  'openapi',
  'info',
  'servers',
  'security',
  'tags',
  'paths',
  'components',
];

function createAjv(): Ajv {
  const ajv = new Ajv({
    strict: true,
    allErrors: true,
    allowUnionTypes: true,
    strictRequired: false,
    strictTypes: false,
  });
  addFormats(ajv);
  ajv.addVocabulary(OPENAPI_KEYWORDS);
  ajv.addSchema({ ...openapi, $id: DOC_ID });
  return ajv;
}

const ajv = createAjv();
const cache = new Map<string, ValidateFunction>();

export function validatorAt(pointer: string): ValidateFunction {
  let fn = cache.get(pointer);
  if (!fn) {
    fn = ajv.getSchema(`${DOC_ID}#${pointer}`);
    if (!fn) throw new Error(`no schema at ${pointer}`);
    cache.set(pointer, fn);
  }
  return fn;
}

export interface SchemaViolation {
  path: string;
  message: string;
}

export function describeErrors(errors: ErrorObject[] | null | undefined): SchemaViolation[] {
  return (errors ?? []).map((e) => ({
    path: e.instancePath || '(root)',
    message: `${e.message ?? e.keyword}${Object.keys(e.params ?? {}).length ? ` ${JSON.stringify(e.params)}` : ''}`,
  }));
}

/** Validates `value` against the schema at `pointer`; an empty list means valid. */
export function validateAt(pointer: string, value: unknown): SchemaViolation[] {
  const fn = validatorAt(pointer);
  return fn(value) ? [] : describeErrors(fn.errors);
}
