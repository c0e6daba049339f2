/**
 * Turns the seed text (markdown with one OpenAPI document per operation) into one document.
 * Components with the same name must be identical across documents: a silent overwrite
 * would let one operation's schema change another's contract.
 */
export type OpenApiDoc = {
  openapi: string;
  info: Record<string, unknown>;
  paths: Record<string, Record<string, unknown>>;
  components?: Record<string, Record<string, unknown>>;
  [key: string]: unknown;
};

export function extractDocuments(seedText: string): OpenApiDoc[] {
  const blocks = [...seedText.matchAll(/```json\s*\n([\s\S]*?)\n```/g)].map((m) => m[1] ?? '');
  if (blocks.length === 0) throw new Error('seed contains no ```json blocks');
  return blocks.map((block, i) => {
    try {
      return JSON.parse(block) as OpenApiDoc;
    } catch (error) {
      throw new Error(`seed block ${i + 1} is not valid JSON: ${(error as Error).message}`);
    }
  });
}

function mergeNamed(target: Record<string, unknown>, source: Record<string, unknown>, where: string): void {
  for (const [name, value] of Object.entries(source)) {
    if (name in target && JSON.stringify(target[name]) !== JSON.stringify(value)) {
      throw new Error(`conflicting definitions of ${where}/${name}`);
    }
    target[name] = value;
  }
}

export function bundleSeed(seedText: string): OpenApiDoc {
  const docs = extractDocuments(seedText);
  const [first] = docs;
  if (!first) throw new Error('seed contains no documents');
  const components: Record<string, Record<string, unknown>> = {};
  const bundle: OpenApiDoc = {
    openapi: first.openapi,
    info: { ...first.info, description: 'Users API, bundled from the seed (one document per operation).' },
    servers: first.servers,
    security: first.security,
    tags: first.tags,
    paths: {},
    components,
  };
  for (const doc of docs) {
    if (doc.openapi !== first.openapi) throw new Error(`mixed OpenAPI versions: ${doc.openapi}`);
    for (const [path, item] of Object.entries(doc.paths)) {
      bundle.paths[path] = { ...bundle.paths[path] };
      mergeNamed(bundle.paths[path], item, `paths${path}`);
    }
    for (const [section, entries] of Object.entries(doc.components ?? {})) {
      components[section] = { ...components[section] };
      mergeNamed(components[section], entries, `components/${section}`);
    }
  }
  for (const section of Object.values(components)) {
    const sorted = Object.fromEntries(Object.entries(section).sort(([a], [b]) => a.localeCompare(b)));
    for (const key of Object.keys(section)) delete section[key];
    Object.assign(section, sorted);
  }
  return bundle;
}
