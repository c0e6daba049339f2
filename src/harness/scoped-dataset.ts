/**
 * The run's own users for exact-answer properties: designed usernames under one prefix, so
 * that a filter on the prefix selects exactly them however busy the server is. Usernames of
 * the plain kind differ only in lower-case letters at the same positions (every collation
 * orders them alike); a few carry characters special to LIKE and regexes, or capitals.
 * The truth is what the server says of each user by id, not what the list says.
 */
import { randomBytes } from 'node:crypto';
import { EMAIL_DOMAIN } from '../model/run-naming.ts';
import type { User } from '../model/user.ts';
import type { FilterTerm } from '../oracles/filter-oracle.ts';
import { inPool } from './in-pool.ts';
import type { RunContext } from './run-context.ts';
import { expectStatus, verify } from './verify.ts';

export interface ScopedDataset {
  prefix: string;
  /** The term that selects exactly this dataset: prepend it to every scoped query. */
  scope: FilterTerm;
  users: User[];
  /** Selects only the plain users, whose usernames every collation orders alike. */
  plainScope: FilterTerm;
  plainUsers: User[];
}

const SPECIAL = ['ab%cd', 'ab_cd', 'ab.cd', 'ab+cd', 'abc-d', 'AbCdE'];
const SIZE = { smoke: 0, standard: 24, full: 60 };

/** The i-th plain word: four lower-case letters, spread over the alphabet. */
export function plainWord(i: number): string {
  let n = (i * 7919 + 4241) % 26 ** 4;
  let word = '';
  for (let k = 0; k < 4; k++, n = Math.floor(n / 26)) word = String.fromCharCode(97 + (n % 26)) + word;
  return word;
}

async function build(run: RunContext): Promise<ScopedDataset> {
  const prefix = `${run.prefix}ds${randomBytes(2).toString('hex')}-`;
  const count = SIZE[run.profile] || SIZE.standard;
  const words = [...new Set(Array.from({ length: count - SPECIAL.length }, (_, i) => `w-${plainWord(i)}`))].concat(
    SPECIAL.map((w) => `x-${w}`),
  );
  const client = run.client;
  // Four at a time, so creation times spread out instead of landing on one instant.
  const ids = await inPool(words, 4, async (word) => {
    const ex = expectStatus(
      await client.create_user({ email: `${prefix}${word}@${EMAIL_DOMAIN}` }),
      201,
      'create_user/success/created-201',
    );
    return ex.body.id;
  });
  // Vary lastUpdated where the server tracks it.
  await inPool(
    ids.filter((_, i) => i % 5 === 0),
    4,
    (id) => client.reset_user_password(id),
  );
  const users = await inPool(
    ids,
    8,
    async (id) => expectStatus(await client.get_user_by_id(id), 200, 'get_user_by_id/success/matches-created-200').body,
  );
  verify(
    users.every((u) => u.username.toLowerCase().startsWith(prefix)),
    'a created user came back with another username',
    { requirement: 'get_user_by_id/success/matches-created-200' },
  );
  const plain = `${prefix}w-`;
  return {
    prefix,
    scope: { field: 'username', op: '=@', value: prefix },
    users,
    plainScope: { field: 'username', op: '=@', value: plain },
    plainUsers: users.filter((u) => u.username.toLowerCase().startsWith(plain)),
  };
}

let dataset: Promise<ScopedDataset> | undefined;

/** One dataset per worker, built by the first test that needs it. */
export function scopedDataset(run: RunContext): Promise<ScopedDataset> {
  dataset ??= build(run);
  return dataset;
}
