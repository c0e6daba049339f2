/**
 * The requirement catalogue, checked without a run: ids well formed and unique, every
 * reference resolves (a JSON pointer into the bundle, or a committed file), and every
 * requirement is checked by a test collected from the suites, by the client, or says why not.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { idsInTitle } from '../../reporters/conformance-doc.ts';
import { collectTests } from '../../scripts/conformance-doc.ts';
import { profiles, requirements } from '../../src/catalogue/requirements.ts';
import { operations, resolvePointer } from '../../src/spec/openapi.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const ID = /^([a-z_]+)\/([a-z][a-z0-9-]*)\/([a-z0-9][a-z0-9-]*)$/;

describe('requirement catalogue', () => {
  it('ids are <operationId|common>/<aspect>/<slug>, unique, with a short title', () => {
    const bad = requirements.filter((r) => {
      const m = ID.exec(r.id);
      return !m || !(m[1] === 'common' || operations.has(m[1] ?? '')) || r.title.length > 70 || !r.title;
    });
    expect(bad.map((r) => r.id)).toEqual([]);
    expect(new Set(requirements.map((r) => r.id)).size).toBe(requirements.length);
  });

  it('levels, sources and profiles are known', () => {
    for (const r of requirements) {
      expect(['MUST', 'SHOULD', 'MAY'], r.id).toContain(r.level);
      expect(['seed', 'docs', 'rfc9110', 'inferred'], r.id).toContain(r.source);
      expect(profiles, r.id).toContain(r.profile);
    }
  });

  it('every reference resolves: a pointer into spec/openapi.json or a committed file', () => {
    const unresolved = requirements.filter((r) => {
      if (r.ref.startsWith('/')) {
        try {
          resolvePointer(r.ref);
          return false;
        } catch {
          return true;
        }
      }
      return !existsSync(`${root}/${r.ref.split('#')[0]}`);
    });
    expect(unresolved.map((r) => `${r.id}: ${r.ref}`)).toEqual([]);
  });

  describe('coverage by the suites (collected, not run)', () => {
    let named: Set<string>;
    beforeAll(() => {
      named = new Set(collectTests().flatMap((t) => idsInTitle(t.name)?.ids ?? []));
    });

    it('every requirement is checked by a test, by the client on every exchange, or says why not', () => {
      const unchecked = requirements.filter((r) => !named.has(r.id) && r.checkedBy !== 'client' && !r.untestedBecause);
      expect(unchecked.map((r) => r.id)).toEqual([]);
    });

    it('every id a test names is catalogued', () => {
      const known = new Set(requirements.map((r) => r.id));
      expect([...named].filter((id) => !known.has(id))).toEqual([]);
    });
  });
});
