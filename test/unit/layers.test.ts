/**
 * The layers import one way only: each module may import its own layer and the layers below
 * it, never one above, and no module takes part in an import cycle. The reference is an
 * island: it shares no code with the suite, so a bug in the suite's spec reading cannot hide
 * the same bug in the server it is tested against.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** Lowest first. A module may import from its own rank or below. */
const LAYERS: { name: string; paths: string[] }[] = [
  { name: 'spec', paths: ['spec/', 'src/spec/'] },
  { name: 'catalogue', paths: ['src/catalogue/'] },
  { name: 'model', paths: ['src/model/'] },
  { name: 'config', paths: ['src/config/'] },
  { name: 'client', paths: ['src/client/'] },
  { name: 'oracles', paths: ['src/oracles/'] },
  { name: 'generators', paths: ['generators/'] },
  // A mutation run's trace of requests to tests and its wire layer are harness; its Stryker plugins run the suite.
  {
    name: 'harness',
    paths: ['src/harness/', 'src/mutation/trace.ts', 'src/mutation/coverage.ts', 'src/mutation/wire/'],
  },
  { name: 'suites', paths: ['suites/'] },
  { name: 'reporters', paths: ['reporters/'] },
  {
    name: 'runner',
    paths: ['src/runner/', 'src/scoring/', 'src/mutation/', 'scripts/', 'bin/', 'vitest.config.ts', 'allurerc.mjs'],
  },
];
const ISLAND = 'reference/';
const UNRESTRICTED = 'test/';

const layerOf = (file: string) => LAYERS.findIndex((l) => l.paths.some((p) => file === p || file.startsWith(p)));

const IMPORT = /(?:from\s+|import\s*\(\s*|import\s+)(['"])(\.{1,2}\/[^'"]+)\1/g;

function sourceFiles(): string[] {
  const out = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '*.ts', '*.mjs'], {
    cwd: root,
    encoding: 'utf8',
  });
  return out.split('\n').filter((f) => f && !f.startsWith('node_modules/'));
}

function importsOf(file: string): string[] {
  const text = readFileSync(join(root, file), 'utf8');
  return [...text.matchAll(IMPORT)].map((m) => relative(root, resolve(root, dirname(file), m[2] ?? '')));
}

const graph = new Map(sourceFiles().map((f) => [f, importsOf(f)]));

describe('module layers', () => {
  it('every source file belongs to a layer, the reference or the project tests', () => {
    const homeless = [...graph.keys()].filter(
      (f) => layerOf(f) < 0 && !f.startsWith(ISLAND) && !f.startsWith(UNRESTRICTED) && f.includes('/'),
    );
    expect(homeless).toEqual([]);
  });

  it('no module imports a layer above its own', () => {
    const wrong: string[] = [];
    for (const [file, imports] of graph) {
      if (file.startsWith(UNRESTRICTED)) continue;
      for (const target of imports) {
        if (file.startsWith(ISLAND)) {
          if (!target.startsWith(ISLAND) && !target.startsWith('spec/openapi.json')) wrong.push(`${file} -> ${target}`);
          continue;
        }
        if (target.startsWith(ISLAND)) continue;
        const from = layerOf(file);
        const to = layerOf(target);
        if (to > from) wrong.push(`${file} (${LAYERS[from]?.name}) -> ${target} (${LAYERS[to]?.name})`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('no import cycles', () => {
    // Tarjan's strongly connected components: any component of more than one file is a cycle.
    let index = 0;
    const stack: string[] = [];
    const meta = new Map<string, { index: number; low: number; onStack: boolean }>();
    const cycles: string[][] = [];
    const visit = (v: string) => {
      const m = { index, low: index, onStack: true };
      index++;
      meta.set(v, m);
      stack.push(v);
      for (const w of graph.get(v) ?? []) {
        if (!graph.has(w)) continue;
        const seen = meta.get(w);
        if (!seen) {
          visit(w);
          m.low = Math.min(m.low, meta.get(w)?.low ?? m.low);
        } else if (seen.onStack) m.low = Math.min(m.low, seen.index);
      }
      if (m.low === m.index) {
        const component: string[] = [];
        for (let w = stack.pop(); w !== undefined; w = stack.pop()) {
          const wm = meta.get(w);
          if (wm) wm.onStack = false;
          component.push(w);
          if (w === v) break;
        }
        if (component.length > 1) cycles.push(component.sort());
      }
    };
    for (const v of graph.keys()) if (!meta.has(v)) visit(v);
    expect(cycles).toEqual([]);
  });
});
