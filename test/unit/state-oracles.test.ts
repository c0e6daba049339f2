import { describe, expect, it } from 'vitest';
import { explains, type SlotState, serialStates, UNKNOWN, writePairs } from '../../generators/overlapping-writes.ts';
import type { User } from '../../src/model/user.ts';
import { fieldChanges } from '../../src/oracles/user-state.ts';

const user: User = {
  id: 'u1',
  username: 'rc-x-a@conformance.invalid',
  createdBy: 'admin',
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
  lastLogin: null,
  isLocal: true,
  groups: ['b', 'a'],
};

describe('whole-state judgements', () => {
  it('the same instant in another spelling, and groups in another order, are no change', () => {
    const again = { ...user, createdAt: '2026-01-01T00:00:00.000+00:00', groups: ['a', 'b'] };
    expect(fieldChanges(user, again, false)).toEqual([]);
  });

  it('fields no action writes may not change; times move only forwards, and only when touched', () => {
    const later = { ...user, updatedAt: '2026-01-02T00:00:00Z', lastLogin: '2026-01-02T00:00:00Z' };
    expect(fieldChanges(user, later, true)).toEqual([]);
    expect(fieldChanges(user, later, false).map((c) => [c.field, c.why])).toEqual([
      ['updatedAt', 'untouched'],
      ['lastLogin', 'untouched'],
    ]);
    expect(fieldChanges(later, user, true).map((c) => [c.field, c.why])).toEqual([
      ['updatedAt', 'backwards'],
      ['lastLogin', 'cleared'],
    ]);
    expect(fieldChanges(user, { ...user, createdBy: 'other', isLocal: false }, true).map((c) => c.why)).toEqual([
      'stable',
      'stable',
    ]);
  });
});

describe('overlapping writes against their serial orders', () => {
  const start: SlotState = { holder: 'original', password: 'p0', session: true };
  const reset = (password: string) => ({ op: 'reset_user_password' as const, password, succeeded: true });

  it('covers every write operation with every other, on one user and on two', () => {
    const pairs = writePairs();
    expect(pairs.filter((p) => p.sameUser)).toHaveLength(15);
    expect(pairs.filter((p) => !p.sameUser)).toHaveLength(15);
  });

  it('two resets: exactly the later temporary password works', () => {
    const possible = [
      ...serialStates(start, [reset('t1'), reset('t2')], 'p0'),
      ...serialStates(start, [reset('t2'), reset('t1')], 'p0'),
    ];
    const known = ['p0', 't1', 't2'];
    expect(possible.some((s) => explains(s, { holder: 'original', working: ['t2'] }, known))).toBe(true);
    expect(possible.some((s) => explains(s, { holder: 'original', working: ['t1', 't2'] }, known))).toBe(false);
    expect(possible.some((s) => explains(s, { holder: 'original', working: ['p0'] }, known))).toBe(false);
  });

  it('a change after a logout may or may not take effect; a failed reset leaves an unknown password', () => {
    const logout = { op: 'logout_user' as const, succeeded: true };
    const change = { op: 'change_user_password' as const, password: 'n', succeeded: false };
    const after = serialStates(start, [logout, change], 'p0').map((s) => s.password);
    expect(after.sort()).toEqual(['n', 'p0']);
    const failed = serialStates(start, [{ op: 'reset_user_password', succeeded: false }], 'p0');
    expect(failed.map((s) => s.password)).toEqual([UNKNOWN]);
  });

  it('a create and a delete of one email: the user is gone, or a new one holds the email', () => {
    const create = { op: 'create_user' as const, password: 'c', succeeded: true };
    const del = { op: 'delete_user_by_id' as const, succeeded: true };
    const holders = [...serialStates(start, [create, del], 'p0'), ...serialStates(start, [del, create], 'p0')];
    expect(holders.map((s) => s.holder).sort()).toEqual(['new', 'none']);
    expect(holders.some((s) => explains(s, { holder: 'several' }, []))).toBe(false);
  });
});
