/**
 * Bundles the seed of the newest API version under spec/ (one OpenAPI 3.0.3 document per
 * operation, in fenced ```json blocks) into spec/openapi.json; `--version X` picks another.
 * `--check` exits 1 when the committed bundle is stale.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { bundleSeed } from '../src/spec/bundle-seed.ts';
import { readSeed } from '../src/spec/seed-files.ts';
import { writeOrCheck } from './write-or-check.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { version: { type: 'string' }, check: { type: 'boolean' } } });
const seed = readSeed(join(root, 'spec'), values.version);

writeOrCheck(
  join(root, 'spec', 'openapi.json'),
  `${JSON.stringify(bundleSeed(seed.text), null, 2)}\n`,
  'npm run bundle-spec',
);
