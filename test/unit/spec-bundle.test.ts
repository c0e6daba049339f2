import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bundleSeed, extractDocuments } from '../../src/spec/bundle-seed.ts';
import { openapi, operations } from '../../src/spec/openapi.ts';

const seed = readFileSync(new URL('../../spec/seed/users-2.24.md', import.meta.url), 'utf8');
const doc = (paths: object, schemas: object) =>
  `\`\`\`json\n${JSON.stringify({ openapi: '3.0.3', info: {}, paths, components: { schemas } })}\n\`\`\`\n`;

describe('seed bundling', () => {
  it('finds the eight operations of the seed', () => {
    expect(extractDocuments(seed)).toHaveLength(8);
    expect([...operations.keys()].sort()).toEqual([
      'change_user_password',
      'count_users',
      'create_user',
      'delete_user_by_id',
      'get_user_by_id',
      'get_users',
      'logout_user',
      'reset_user_password',
    ]);
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
});
