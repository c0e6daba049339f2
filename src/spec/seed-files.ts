/**
 * Where the contract's text lives: one folder per API version under spec/ (`spec/2.24/`),
 * each holding the seed documents of that version as Markdown with fenced OpenAPI JSON.
 * The bundle is built from the newest version unless one is named.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const VERSION = /^\d+\.\d+(\.\d+)?$/;

const byVersion = (a: string, b: string) => {
  const [x, y] = [a, b].map((v) => v.split('.').map(Number));
  for (let i = 0; i < 3; i++) if ((x?.[i] ?? 0) !== (y?.[i] ?? 0)) return (x?.[i] ?? 0) - (y?.[i] ?? 0);
  return 0;
};

export function specVersions(specDir: string): string[] {
  return readdirSync(specDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && VERSION.test(d.name))
    .map((d) => d.name)
    .sort(byVersion);
}

/** The seed text of one version (default: the newest): its Markdown files, in name order. */
export function readSeed(specDir: string, version = specVersions(specDir).at(-1)): { version: string; text: string } {
  if (!version) throw new Error(`no version folder (e.g. 2.24/) under ${specDir}`);
  const folder = join(specDir, version);
  const files = readdirSync(folder)
    .filter((f) => f.endsWith('.md'))
    .sort();
  if (files.length === 0) throw new Error(`no seed documents in ${folder}`);
  return { version, text: files.map((f) => readFileSync(join(folder, f), 'utf8')).join('\n') };
}
