/**
 * For generated files kept in the repository: write `text` to `path`, or with `--check`
 * exit 1 when the committed file differs (a self-test's way of catching a stale file).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, relative } from 'node:path';

export function writeOrCheck(path: string, text: string, regenerate: string): void {
  const name = relative(process.cwd(), path);
  if (process.argv.includes('--check')) {
    const current = existsSync(path) ? readFileSync(path, 'utf8') : '';
    if (current !== text) {
      console.error(`${name} is stale: run \`${regenerate}\``);
      process.exit(1);
    }
    console.log(`${name} is up to date`);
    return;
  }
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
  console.log(`wrote ${name}`);
}
