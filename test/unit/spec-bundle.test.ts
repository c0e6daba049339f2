import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { bundleSeed, extractDocuments } from '../../src/spec/bundle-seed.ts';
import { apiVersion, openapi, operations } from '../../src/spec/openapi.ts';
import { readSeed } from '../../src/spec/seed-files.ts';

const { text: seed, version } = readSeed(fileURLToPath(new URL('../../spec', import.meta.url)));
const doc = (paths: object, schemas: object) =>
  `\`\`\`json\n${JSON.stringify({ openapi: '3.0.3', info: {}, paths, components: { schemas } })}\n\`\`\`\n`;

describe('seed bundling', () => {
  it('holds every operation of the seed, and the version of its folder', () => {
    const documents = extractDocuments(seed);
    const inSeed = documents.flatMap((d) =>
      Object.values(d.paths).flatMap((item) =>
        Object.values(item).map((op) => (op as { operationId: string }).operationId),
      ),
    );
    expect(inSeed.length).toBeGreaterThan(0);
    expect([...operations.keys()].sort()).toEqual([...new Set(inSeed)].sort());
    expect(apiVersion).toBe(version);
  });

  it('merges methods of one path and shares identical components', () => {
    const bundle = bundleSeed(
      doc({ '/a': { get: { operationId: 'x' } } }, { E: { type: 'object' } }) +
        doc({ '/a': { post: { operationId: 'y' } } }, { E: { type: 'object' } }),
    );
    expect(Object.keys(bundle.paths['/a'] ?? {})).toEqual(['get', 'post']);
    expect(bundle.components?.schemas).toEqual({ E: { type: 'object' } });
  });

  it('refuses components that differ under one name', () => {
    expect(() => bundleSeed(doc({}, { E: { type: 'object' } }) + doc({}, { E: { type: 'string' } }))).toThrow(
      /conflicting definitions of components\/schemas\/E/,
    );
  });

  it('refuses a seed without JSON blocks or with broken JSON', () => {
    expect(() => bundleSeed('# nothing here')).toThrow(/no ```json blocks/);
    expect(() => bundleSeed('```json\n{oops\n```')).toThrow(/block 1 is not valid JSON/);
  });

  it('the committed bundle is what the script produces from the seed', () => {
    expect(JSON.parse(readFileSync(new URL('../../spec/openapi.json', import.meta.url), 'utf8'))).toEqual(
      bundleSeed(seed),
    );
    expect(() => execFileSync('npx', ['tsx', 'scripts/bundle-spec.ts', '--check'], { stdio: 'pipe' })).not.toThrow();
  });

  it('resolves parameter and response references of every operation', () => {
    for (const op of operations.values()) {
      expect(Object.keys(op.responses).length).toBeGreaterThan(0);
      for (const p of op.parameters) expect(p.schema, `${op.operationId} ${p.name}`).toBeTypeOf('object');
    }
    expect(openapi.openapi).toBe('3.0.3');
  });

  it('carries no examples (the traceability table says there are none to send: this holds it to that)', () => {
    const keys: string[] = [];
    const walk = (v: unknown, at: string) => {
      if (!v || typeof v !== 'object') return;
      for (const [k, child] of Object.entries(v)) {
        if (k === 'example' || k === 'examples') keys.push(`${at}/${k}`);
        walk(child, `${at}/${k}`);
      }
    };
    walk(openapi, '');
    expect(keys).toEqual([]);
  });
});
