import { describe } from 'vitest';
import { LIMIT_MAX } from '../../generators/list-queries.ts';
import { countOf, listAll, pagesShifted } from '../../src/harness/query-runner.ts';
import { check } from '../../src/harness/requirement-test.ts';
import { scopedDataset } from '../../src/harness/scoped-dataset.ts';
import { verify, violation } from '../../src/harness/verify.ts';
import type { Exchange } from '../../src/model/exchange.ts';
import { idSet } from '../../src/oracles/set-relations.ts';

// A file of its own: on a large dataset the walk is the heaviest check, and another worker takes it.
/** Walks before giving up on a verdict; more once a walk without a visible write disagreed. */
const MAX_WALKS = 4;
const MAX_WALKS_IN_DOUBT = 6;
/** Walks without a visible write that must disagree with count before it is a failure. */
const CONFIRMING_WALKS = 2;

describe('count_users against a walk of the whole dataset', () => {
  // Other writers may be at work: a user created or deleted mid-walk shifts the pages. So a run
  // user (it exists throughout) must be reached by at least one walk, and the number reached
  // must equal count on some walk that saw no write: counts before and after
  // agree, and pages that overlap by one user agree on that user (a create and a delete in the
  // window leave the count alone but shift the pages). A walk the data only grew under agrees as
  // well when it reached exactly the count taken after it (users created mid-walk were listed).
  // A create and a delete can still hide in one walk's window (on a single page nothing overlaps),
  // so a mismatch counts once a second such walk confirms it and no walk agreed.
  check('count_users/agreement/whole-dataset', async ({ client, run }) => {
    const own = run.includes('standard') ? (await scopedDataset(run)).users : [];
    let neverReached = own;
    let stable = 0;
    let agreed = false;
    let mismatched: { message: string; exchange: Exchange } | undefined;
    let mismatches = 0;
    for (let attempt = 0; attempt < (mismatches ? MAX_WALKS_IN_DOUBT : MAX_WALKS); attempt++) {
      const before = await countOf(client, { terms: [] });
      const maxPages = Math.ceil((before.count * 1.5) / LIMIT_MAX) + 2;
      const { users, pages } = await listAll(client, { terms: [] }, LIMIT_MAX, maxPages, before.count, LIMIT_MAX - 1);
      const after = await countOf(client, { terms: [] });
      const reached = idSet(users);
      neverReached = neverReached.filter((u) => !reached.has(u.id));
      const shifted = pagesShifted(pages, LIMIT_MAX);
      if (!shifted && after.count >= before.count && reached.size === after.count) agreed = true;
      if (before.count === after.count && !shifted) {
        stable++;
        if (reached.size !== before.count) {
          mismatches++;
          mismatched = {
            message:
              `count says ${before.count} (before and after), ` +
              `paging with limit=${LIMIT_MAX} (offsets ${LIMIT_MAX - 1} apart) reached ${reached.size}`,
            exchange: pages[pages.length - 1] ?? after.exchange,
          };
        }
      }
      if (!neverReached.length && (agreed || stable > mismatches)) return;
      if (!neverReached.length && mismatches >= CONFIRMING_WALKS) break;
    }
    verify(!neverReached.length, `no walk of the whole dataset reaches ${neverReached[0]?.username}, which exists`);
    if (mismatched && mismatches >= CONFIRMING_WALKS && mismatches === stable && !agreed)
      violation(`${mismatched.message} (on ${mismatches} walks)`, { exchange: mismatched.exchange });
  });
});
