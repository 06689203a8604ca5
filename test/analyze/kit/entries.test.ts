import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { childrenOf, entriesOf, someEntry } from '../../../src/analyze/kit/entries.js';

describe('entriesOf, childrenOf, someEntry: Object.entries one entry at a time', () => {
  it('gives what Object.entries gives, in its order', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 1 })), (obj) => {
        expect([...entriesOf(obj)]).toEqual(Object.entries(obj));
        expect([...childrenOf(obj)]).toEqual(Object.entries(obj));
      }),
      { numRuns: 200 },
    );
  });

  it('a list by index; a scalar has no children', () => {
    expect([...childrenOf(['a', 'b'])]).toEqual([
      [0, 'a'],
      [1, 'b'],
    ]);
    expect([...childrenOf('text')]).toEqual([]);
    expect([...childrenOf(null)]).toEqual([]);
  });

  it('reads own keys only, also of a null-prototype object', () => {
    const inherited = Object.create({ inherited: 1 }) as Record<string, number>;
    inherited.own = 2;
    expect([...entriesOf(inherited)]).toEqual([['own', 2]]);
    const bare = Object.assign(Object.create(null) as Record<string, number>, { a: 1 });
    expect([...entriesOf(bare)]).toEqual([['a', 1]]);
  });

  it('someEntry stops at the first entry that passes', () => {
    const seen: string[] = [];
    expect(someEntry({ a: 1, b: 2, c: 3 }, (k, v) => (seen.push(k), v === 2))).toBe(true);
    expect(seen).toEqual(['a', 'b']);
    expect(someEntry({ a: 1 }, () => false)).toBe(false);
  });
});
