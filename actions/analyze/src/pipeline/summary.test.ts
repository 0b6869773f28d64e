import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { firstInOrder } from './summary.js';

describe('the printed decisions', () => {
  it('firstInOrder gives the first n of a stable sort, equal items in their input order', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ key: fc.integer({ min: 0, max: 5 }), id: fc.nat() }), { maxLength: 200 }), fc.integer({ min: 0, max: 50 }), (items, n) => {
        const byKey = (a: { key: number }, b: { key: number }) => a.key - b.key;
        expect(firstInOrder(items, byKey, n)).toEqual([...items].sort(byKey).slice(0, n));
      }),
    );
  });
});
