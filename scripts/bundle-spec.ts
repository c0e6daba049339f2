/**
 * Bundles the seed (one OpenAPI 3.0.3 document per operation, in fenced ```json blocks)
 * into spec/openapi.json. `--check` exits 1 when the committed bundle is stale.
 */
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { bundleSeed } from '../src/spec/bundle-seed.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const seedPath = join(root, 'spec', 'seed', 'users-2.24.md');
export const bundlePath = join(root, 'spec', 'openapi.json');

const text = JSON.stringify(bundleSeed(readFileSync(seedPath, 'utf8')), null, 2) + '\n';
if (process.argv.includes('--check')) {
  const current = existsSync(bundlePath) ? readFileSync(bundlePath, 'utf8') : '';
  if (current !== text) {
    console.error('spec/openapi.json is stale: run `npm run bundle-spec`');
    process.exit(1);
  }
  console.log('spec/openapi.json is up to date');
} else {
  writeFileSync(bundlePath, text);
  console.log(`wrote ${bundlePath}`);
}
