/** The partial sort of the reference's list is a full stable sort's first `count`, ties included. */
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { firstInOrder } from '../../reference/partial-sort.ts';

it('gives the first items of a stable sort, whatever the list, the count and the ties', () => {
  fc.assert(
    fc.property(fc.array(fc.integer({ min: 0, max: 9 }), { maxLength: 300 }), fc.nat(320), (keys, count) => {
      const items = keys.map((key, at) => ({ key, at }));
      const order = (a: { key: number }, b: { key: number }) => a.key - b.key;
      expect(firstInOrder(items, count, order)).toEqual([...items].sort(order).slice(0, count));
    }),
  );
});
