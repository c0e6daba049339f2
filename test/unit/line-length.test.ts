import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

// The formatter keeps code within 120 columns but leaves long strings and comments alone.
describe('source lines', () => {
  it('none is longer than 120 characters', () => {
    const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '*.ts', '*.mjs'], {
      cwd: root,
      encoding: 'utf8',
    })
      .split('\n')
      .filter(Boolean);
    const long = files.flatMap((f) =>
      readFileSync(`${root}/${f}`, 'utf8')
        .split('\n')
        .map((line, i) => ({ where: `${f}:${i + 1}`, bytes: Buffer.byteLength(line) }))
        .filter((l) => l.bytes > 120)
        .map((l) => `${l.where} (${l.bytes})`),
    );
    expect(long).toEqual([]);
  });
});
