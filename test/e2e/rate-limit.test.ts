import { afterEach, describe, expect, it } from 'vitest';
import { type RunningReference, startReference } from '../../reference/reference-server.ts';
import { parseVariants } from '../../reference/variants.ts';
import { runCli } from '../../src/scoring/run-cli.ts';

// A target that rate-limits at 20 requests per second: RUNAI_MAX_RPS below that provokes no 429.
// Without a cap, against a tighter limit, the run meets 429s and retries them, and never calls them
// non-conformance (what outlasts the retries is inconclusive: broken infrastructure, exit 2).
const LIMIT = 20;
let ref: RunningReference | undefined;
afterEach(async () => {
  await ref?.close();
  ref = undefined;
});

describe('rate limits', () => {
  const only = ['--only', 'get_users/parameters,count_users/count.test'];

  it('with RUNAI_MAX_RPS below the limit, no request is refused', async () => {
    ref = await startReference({ seedUsers: 20, rateLimit: LIMIT });
    const run = await runCli(['run', ...only, '--max-rps', String(LIMIT - 5)], {
      RUNAI_BASE_URL: ref.url,
      RUNAI_TOKEN: ref.admin.token,
    });
    expect(run.code, run.stderr.slice(-800)).toBe(0);
    expect(run.results?.requests?.retries).toBe(0);
  });

  it('a limit whose 429s carry no Retry-After: the run learns a rate of its own and finishes', async () => {
    ref = await startReference({ seedUsers: 20, variants: parseVariants('rate-limited-no-retry-after') });
    // Files whose requests go out many at once: far past 40 a second unpaced.
    const busy = ['--only', 'get_users/paging-properties,count_users/count-properties'];
    const run = await runCli(['run', ...busy], { RUNAI_BASE_URL: ref.url, RUNAI_TOKEN: ref.admin.token });
    expect(run.code, run.stdout.slice(-800)).toBe(0);
    expect(run.results?.requests?.retries).toBeGreaterThan(0);
  });

  it('without a cap, 429s are met and retried, and never reported as failures', async () => {
    // A limit the run's requests exceed whatever the machine's speed, some of them past every retry.
    ref = await startReference({ seedUsers: 20, rateLimit: 5 });
    const run = await runCli(['run', ...only, '--concurrency', '32'], {
      RUNAI_BASE_URL: ref.url,
      RUNAI_TOKEN: ref.admin.token,
    });
    expect([0, 2], run.stderr.slice(-800)).toContain(run.code);
    expect(run.results?.requirements.filter((r) => r.outcome === 'fail').map((r) => r.id)).toEqual([]);
    expect(run.results?.requests?.retries).toBeGreaterThan(0);
  });
});
