/**
 * Bundles the seed (one OpenAPI 3.0.3 document per operation, in fenced ```json blocks)
 * into spec/openapi.json. `--check` exits 1 when the committed bundle is stale.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleSeed } from '../src/spec/bundle-seed.ts';
import { writeOrCheck } from './write-or-check.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const seedPath = join(root, 'spec', 'seed', 'users-2.24.md');

writeOrCheck(
  join(root, 'spec', 'openapi.json'),
  `${JSON.stringify(bundleSeed(readFileSync(seedPath, 'utf8')), null, 2)}\n`,
  'npm run bundle-spec',
);
