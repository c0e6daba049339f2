import { describe, expect, it } from 'vitest';
import { Ownership } from '../../src/client/ownership.ts';
import type { UsersClient } from '../../src/client/users-client.ts';
import { sweepRun } from '../../src/harness/sweep-users.ts';

const PREFIX = 'rc-sweeptest-';
const email = (name: string) => `${PREFIX}${name}@conformance.invalid`;

interface Faults {
  /** The contains filter finds nothing (a server whose `=@` is broken). */
  containsBlind?: boolean;
  /** Deletes answer 204 and delete nothing. */
  deletesLie?: boolean;
}

/** A target of a few users, counting what the sweep asks of it. */
function fakeTarget(names: string[], faults: Faults = {}) {
  const users = new Map(names.map((n, i) => [`id-${i}`, { id: `id-${i}`, username: email(n) }]));
  const asked = { lists: 0, lookups: 0, reads: 0, deletes: 0 };
  const answer = (status: number, body?: unknown) => ({ response: { status }, body });
  const client = {
    ownership: new Ownership(PREFIX),
    async get_users(q: { filterBy?: string[]; search?: string }) {
      const term = q.filterBy?.[0] ?? '';
      if (term.startsWith('username=@')) {
        asked.lists++;
        const text = term.slice('username=@'.length);
        return answer(200, faults.containsBlind ? [] : [...users.values()].filter((u) => u.username.includes(text)));
      }
      asked.lookups++;
      const exact = term.startsWith('username==') ? term.slice('username=='.length) : q.search;
      return answer(
        200,
        [...users.values()].filter((u) => u.username === exact),
      );
    },
    async get_user_by_id(id: string) {
      asked.reads++;
      return users.has(id) ? answer(200, users.get(id)) : answer(404);
    },
    async delete_user_by_id(id: string) {
      asked.deletes++;
      if (!users.has(id)) return answer(404);
      if (!faults.deletesLie) users.delete(id);
      return answer(204);
    },
  } as unknown as UsersClient;
  return { client, users, asked };
}

describe('the sweep of a run', () => {
  // a and b were created and answered; c's answer was lost; d was refused and never made; a was deleted already.
  const log = (ids: string[]) => ({
    created: [
      { id: ids[0] as string, email: email('a') },
      { id: ids[1] as string, email: email('b') },
    ],
    deleted: new Set<string>(),
    sent: ['a', 'b', 'c', 'd'].map(email),
  });

  it('trusts a list that shows every standing user: no lookup by email, no read of each', async () => {
    const target = fakeTarget(['a', 'b', 'c']);
    const swept = await sweepRun(target.client, PREFIX, log(['id-0', 'id-1']));
    expect(target.users.size).toBe(0);
    expect(swept.leftovers).toEqual([]);
    expect(swept.deleted.sort()).toEqual(['a', 'b', 'c'].map(email));
    expect(target.asked).toEqual({ lists: 2, lookups: 0, reads: 0, deletes: 3 });
  });

  it('looks every email up and reads every delete back when the list missed a standing user', async () => {
    const target = fakeTarget(['a', 'b', 'c'], { containsBlind: true });
    const swept = await sweepRun(target.client, PREFIX, log(['id-0', 'id-1']));
    // c is found only by its email.
    expect(target.users.size).toBe(0);
    expect(swept.leftovers).toEqual([]);
    expect(target.asked.lookups).toBeGreaterThanOrEqual(2);
    expect(target.asked.reads).toBe(3);
  });

  it('names what a delete answered 2xx for and left standing', async () => {
    const target = fakeTarget(['a', 'b'], { deletesLie: true });
    const swept = await sweepRun(target.client, PREFIX, log(['id-0', 'id-1']), 5_000);
    expect(swept.leftovers.map((u) => u.username).sort()).toEqual(['a', 'b'].map(email));
    expect(swept.leftovers.every((u) => /still there/.test(u.reason))).toBe(true);
  });

  it('confirms a delete the run made before, by the list', async () => {
    const target = fakeTarget(['a', 'b']);
    const earlier = { ...log(['id-0', 'id-1']), deleted: new Set(['id-0']) };
    target.users.delete('id-0');
    const swept = await sweepRun(target.client, PREFIX, earlier);
    expect(swept.deleted.sort()).toEqual(['a', 'b'].map(email));
    expect(target.asked.deletes).toBe(1);
  });
});
