import { describe, expect, it } from 'vitest';
import { ContentIndex } from '../../src/diff/content-index.js';

describe('ContentIndex', () => {
  it('gives equal items back first in, first out, each once', () => {
    const index = new ContentIndex();
    index.push('a', 0);
    index.push({ x: 1, y: [2] }, 1);
    index.push('a', 2);
    index.push({ y: [2], x: 1 }, 3);
    expect([index.take('a'), index.take('a'), index.take('a')]).toEqual([0, 2, undefined]);
    expect([index.take({ y: [2], x: 1 }), index.take({ x: 1, y: [2] }), index.take({ x: 1, y: [2] })]).toEqual([1, 3, undefined]);
  });

  it.each([
    ['a number and its digits as a string', 1, '1'],
    ['an object and a string of its JSON', { a: 1 }, '{"a":1}'],
    ['a list and a string of its JSON', [1, 2], '[1,2]'],
    ['null and the string "null"', null, 'null'],
    ['true and the string "true"', true, 'true'],
    ['an integer and the same digits as a bigint', 2 ** 53, 2n ** 53n],
  ])('keeps %s apart', (_, pushed, asked) => {
    const index = new ContentIndex();
    index.push(pushed, 7);
    expect(index.take(asked)).toBeUndefined();
    expect(index.take(pushed)).toBe(7);
  });

  it.each([
    ['NaN finds NaN', Number.NaN, Number.NaN],
    ['-0 finds 0', -0, 0],
    ['a bigint finds an equal bigint', 2n ** 64n, 2n ** 64n],
    ['a date finds an equal date', new Date(5), new Date(5)],
  ])('%s (as deepEqual has it)', (_, pushed, asked) => {
    const index = new ContentIndex();
    index.push(pushed, 3);
    expect(index.take(asked)).toBe(3);
  });
});
