import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { designedTerms } from '../../generators/list-queries.ts';
import { plainWord } from '../../src/harness/scoped-dataset.ts';
import type { User } from '../../src/model/user.ts';
import { agreedOrder } from '../../src/oracles/collation.ts';
import { mayMatch, missingUsers, mustMatch, soundnessProblems } from '../../src/oracles/filter-oracle.ts';
import { distinctlyKeyed, orderProblems } from '../../src/oracles/sort-oracle.ts';
import { compareInstants, instantNs, shiftTimestamp } from '../../src/oracles/timestamps.ts';
import { filterFields, sortFields } from '../../src/oracles/user-fields.ts';

const user = (id: string, username: string, createdAt: string | null, extra: Partial<User> = {}): User => ({
  id,
  username,
  createdBy: 'admin',
  createdAt,
  updatedAt: createdAt,
  lastLogin: null,
  isLocal: true,
  groups: null,
  ...extra,
});

describe('timestamps', () => {
  it('compare at full precision and across offsets', () => {
    expect(compareInstants('2024-01-01T00:00:00.000001Z', '2024-01-01T00:00:00Z')).toBe(1);
    expect(compareInstants('2024-01-01T02:00:00+02:00', '2024-01-01T00:00:00.000Z')).toBe(0);
    expect(instantNs('yesterday')).toBeUndefined();
  });

  it('shift by whole milliseconds, keeping the precision', () => {
    expect(shiftTimestamp('2024-01-01T00:00:00.000Z', -1)).toBe('2023-12-31T23:59:59.999Z');
    expect(shiftTimestamp('2024-01-01T00:00:00.123456Z', 1)).toBe('2024-01-01T00:00:00.124456Z');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4e12 }), fc.integer({ min: -5000, max: 5000 }), (ms, d) => {
        const t = new Date(ms).toISOString();
        return compareInstants(shiftTimestamp(t, d), t) === Math.sign(d);
      }),
    );
  });
});

describe('collation', () => {
  it('agrees on plain lower-case words and abstains where collations differ', () => {
    expect(agreedOrder('abcd', 'abce')).toBe(-1);
    expect(agreedOrder('B', 'a')).toBeUndefined();
    expect(agreedOrder('ab_cd', 'abcd')).toBeUndefined();
  });

  it('orders every pair of designed plain words', () => {
    const words = Array.from({ length: 60 }, (_, i) => `rc-x-w-${plainWord(i)}@conformance.invalid`);
    expect(new Set(words).size).toBe(60);
    for (const a of words) for (const b of words) if (a !== b) expect(agreedOrder(a, b)).not.toBeUndefined();
  });
});

describe('filter oracle', () => {
  const u = user('1', 'rc-a-w-abcd@conformance.invalid', '2024-05-01T10:00:00.000Z');
  it('boundaries are inclusive for <= and >=, exclusive one millisecond beyond', () => {
    expect(mustMatch(u, { field: 'creationTime', op: '<=', value: '2024-05-01T10:00:00.000Z' })).toBe(true);
    expect(mayMatch(u, { field: 'creationTime', op: '<=', value: '2024-05-01T09:59:59.999Z' })).toBe(false);
    expect(mayMatch(u, { field: 'creationTime', op: '>=', value: '2024-05-01T10:00:00.001Z' })).toBe(false);
  });

  it('leaves case and nulls open: tolerated when returned, not required when missing', () => {
    const term = { field: 'username', op: '=@', value: 'ABCD' };
    expect(mayMatch(u, term)).toBe(true);
    expect(mustMatch(u, term)).toBe(false);
    const nullLogin = { field: 'lastLogin', op: '>=', value: '2024-01-01T00:00:00Z' };
    expect(mayMatch(u, nullLogin)).toBe(true);
    expect(mustMatch(u, nullLogin)).toBe(false);
  });

  it('reports returned users that break a term, and flags OR-like results', () => {
    const v = user('2', 'rc-a-w-zzzz@conformance.invalid', '2024-05-02T00:00:00Z');
    const [p] = soundnessProblems(
      [u, v],
      [
        { field: 'username', op: '=@', value: 'rc-a-' },
        { field: 'username', op: '==', value: u.username },
      ],
    );
    expect(p?.user.id).toBe('2');
    expect(p?.orLike).toBe(true);
    expect(missingUsers([u, v], [{ field: 'isLocal', op: '==', value: 'true' }], [u]).map((x) => x.id)).toEqual(['2']);
  });

  it('designed terms cover every filter field and both sides of each timestamp', () => {
    const terms = designedTerms([u, user('3', 'rc-b@conformance.invalid', '2024-06-01T00:00:00Z')]);
    expect(new Set(terms.map((t) => t.field))).toEqual(new Set(filterFields));
    expect(terms).toContainEqual({ field: 'creationTime', op: '<=', value: '2024-05-01T09:59:59.999Z' });
    expect(terms).toContainEqual({ field: 'creationTime', op: '>=', value: '2024-06-01T00:00:00.001Z' });
  });
});

describe('sort oracle', () => {
  const a = user('a', 'alpha', '2024-01-01T00:00:00Z');
  const b = user('b', 'bravo', null);
  const c = user('c', 'charlie', '2024-01-03T00:00:00Z');
  it('finds a swap, skipping nulls wherever they are', () => {
    expect(orderProblems([a, b, c], 'creationTime', 'asc')).toEqual([]);
    expect(orderProblems([c, b, a], 'creationTime', 'asc')).toHaveLength(1);
    expect(orderProblems([c, b, a], 'creationTime', 'desc')).toEqual([]);
    expect(orderProblems([c, a], 'username', 'asc')[0]?.message).toMatch(/charlie/);
  });

  it('type only groups users', () => {
    const local = user('l', 'l', null, { isLocal: true });
    const sso = user('s', 's', null, { isLocal: false });
    expect(orderProblems([sso, sso, local], 'type', 'asc')).toEqual([]);
    expect(orderProblems([local, sso, local], 'type', 'asc')).toHaveLength(1);
  });

  it('knows which keys fix the order', () => {
    expect(distinctlyKeyed([a, c], 'username').length).toBe(2);
    expect(distinctlyKeyed([a, b, c], 'creationTime').length).toBe(2);
    expect(distinctlyKeyed([a, c], 'createdBy')).toEqual([]);
    expect(sortFields).toContain('type');
  });
});
