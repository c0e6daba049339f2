import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostileModes, startHostileProxy } from '../../reference/hostile-proxy.ts';
import { type RunningReference, startReference } from '../../reference/reference-server.ts';
import { runCli } from '../../src/scoring/run-cli.ts';

// The target answers the first requests, then misbehaves at the transport level. The run
// must end within its bounds, report inconclusive (not conformant, not a crash), write its
// reports and exit non-zero; bodies are capped, so memory stays bounded.
let upstream: RunningReference;
beforeAll(async () => {
  upstream = await startReference({ seedUsers: 50 });
});
afterAll(async () => upstream.close());

describe.concurrent('hostile targets', () => {
  for (const mode of hostileModes) {
    it(`${mode}: the run stays in control`, async () => {
      const proxy = await startHostileProxy(upstream.url, mode, 40);
      try {
        const started = Date.now();
        const run = await runCli(
          ['run', '--timeout', '1500', '--max-attempts', '2', '--profile', 'smoke'],
          { RUNAI_BASE_URL: proxy.url, RUNAI_TOKEN: upstream.admin.token },
          150_000,
        );
        expect(Date.now() - started).toBeLessThan(120_000);
        expect(run.code, run.stdout.slice(-2000) + run.stderr.slice(-2000)).toBe(2);
        expect(run.results?.verdict).toBe('incomplete');
        const inconclusive = run.results?.requirements.filter((r) => r.outcome === 'inconclusive') ?? [];
        expect(inconclusive.length).toBeGreaterThan(0);
        expect(run.results?.requirements.filter((r) => r.outcome === 'fail').map((r) => r.id)).toEqual([]);
        expect(run.stdout).toMatch(/INCOMPLETE/);
      } finally {
        await proxy.close();
      }
    });
  }
});
