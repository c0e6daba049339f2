/**
 * What a run leaves in its report folder for the next one to misread: results, the workers'
 * logs, the shared broken-MUST count and pause, the leftovers. A run starts without them.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { LEFTOVERS_FILE } from './created-users.ts';
import { EXCHANGES } from './worker-logs.ts';

const RUN_FILES = [
  'results.json',
  EXCHANGES,
  'created',
  'failures',
  'broken-musts',
  'pause-until',
  'pace-next',
  'pace-next.lock',
  LEFTOVERS_FILE,
];

export function clearRunFiles(reportDir: string): void {
  for (const name of RUN_FILES) rmSync(join(reportDir, name), { recursive: true, force: true });
}
