import { describe } from 'vitest';
import { LIMIT_MAX } from '../../generators/list-queries.ts';
import { countOf, listAll, pagesShifted } from '../../src/harness/query-runner.ts';
import { check } from '../../src/harness/requirement-test.ts';
import { scopedDataset } from '../../src/harness/scoped-dataset.ts';
import { verify, violation } from '../../src/harness/verify.ts';
import { InconclusiveError } from '../../src/model/errors.ts';
import type { Exchange } from '../../src/model/exchange.ts';
import { idSet } from '../../src/oracles/set-relations.ts';

// A file of its own: on a large dataset the walk is the heaviest check, and another worker takes it.
/** Walks before giving up on a verdict; more once a walk without a visible write disagreed. */
const MAX_WALKS = 4;
const MAX_WALKS_IN_DOUBT = 8;

interface Mismatch {
  ids: string;
  count: number;
  message: string;
  exchange: Exchange;
}

describe('count_users against a walk of the whole dataset', () => {
  // Other writers may be at work: a user created or deleted mid-walk shifts the pages. So a run
  // user (it exists throughout) must be reached by at least one walk, and the number reached
  // must equal count on some walk that saw no write: counts before and after agree, and pages
  // that overlap by one user agree on that user. A walk the data only grew under agrees as well
  // when it reached exactly the count taken after it (users created mid-walk were listed).
  // A create and a delete can still hide between a count and a page, so a mismatch is judged
  // only when two such walks reached the very same users under the same count: ids are never
  // reused, so every user of that set existed between the two walks, and nothing came or went.
  check('count_users/agreement/whole-dataset', async ({ client, run }) => {
    const own = run.includes('standard') ? (await scopedDataset(run)).users : [];
    let neverReached = own;
    let agreed = false;
    let cleanWalks = 0;
    const mismatches: Mismatch[] = [];
    let confirmed: Mismatch | undefined;
    const inDoubt = () => mismatches.length > 0 || neverReached.length > 0;
    for (let attempt = 0; attempt < (attempt >= MAX_WALKS && inDoubt() ? MAX_WALKS_IN_DOUBT : MAX_WALKS); attempt++) {
      const before = await countOf(client, { terms: [] });
      const maxPages = Math.ceil((before.count * 1.5) / LIMIT_MAX) + 2;
      const { users, pages } = await listAll(client, { terms: [] }, LIMIT_MAX, maxPages, before.count, LIMIT_MAX - 1);
      const after = await countOf(client, { terms: [] });
      const reached = idSet(users);
      neverReached = neverReached.filter((u) => !reached.has(u.id));
      const shifted = pagesShifted(pages, LIMIT_MAX);
      if (!shifted && after.count >= before.count && reached.size === after.count) agreed = true;
      const clean = before.count === after.count && !shifted;
      if (clean) cleanWalks++;
      if (clean && reached.size !== before.count) {
        const walk: Mismatch = {
          ids: [...reached].sort().join(','),
          count: before.count,
          message:
            `count says ${before.count} (before and after), ` +
            `paging with limit=${LIMIT_MAX} (offsets ${LIMIT_MAX - 1} apart) reached ${reached.size}`,
          exchange: pages[pages.length - 1] ?? after.exchange,
        };
        confirmed = mismatches.find((m) => m.ids === walk.ids && m.count === walk.count);
        mismatches.push(walk);
      }
      if (!neverReached.length && (agreed || confirmed)) break;
    }
    // A write between two pages can carry a user past a walk; only a walk no write moved is evidence.
    if (neverReached.length && !cleanWalks)
      throw new InconclusiveError(`every walk of the whole dataset was moved by writes (${MAX_WALKS_IN_DOUBT} walks)`);
    verify(!neverReached.length, `no walk of the whole dataset reaches ${neverReached[0]?.username}, which exists`);
    if (confirmed && !agreed)
      violation(`${confirmed.message} (twice, on the same users)`, { exchange: confirmed.exchange });
  });
});
