/**
 * The mutation session starts each mutant's run from the clean run's store: after a restore,
 * the store is the one it was, its index holding the very users its map holds, so that a
 * delete or update after a restore reaches every view of a user (a broken restore would make
 * a deleted user's name stay taken and kill mutants the suite never caught).
 */
import { expect, it } from 'vitest';
import { UserStore } from '../../reference/user-store.ts';
import { restore, snapshot } from '../../src/mutation/session.ts';

const fields = (username: string) => ({
  username,
  createdBy: 'admin@example.com',
  createdAt: 1,
  updatedAt: 1,
  lastLogin: null,
  isLocal: true,
  groups: null,
});

it('restores the store with its indexes sharing its users', () => {
  const store = new UserStore();
  const kept = store.add(fields('kept.user@example.com'));
  const gone = store.add(fields('gone.user@example.com'));
  const saved = snapshot(store);
  store.remove(kept);
  store.add(fields('later.user@example.com'));
  restore(store, saved);

  expect([...store.users.values()].map((u) => u.username)).toEqual([kept.username, gone.username]);
  const restored = store.users.get(gone.id);
  expect(store.findByUsername(gone.username)).toBe(restored);
  expect(store.findByUsername('later.user@example.com')).toBeUndefined();

  store.remove(store.users.get(gone.id) as typeof gone);
  expect(store.findByUsername(gone.username)).toBeUndefined();
  // A second restore starts from the same clean state, untouched by what the first one's run did.
  restore(store, saved);
  expect(store.findByUsername(gone.username)).toBe(store.users.get(gone.id));
});
