import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compactLists } from '../../src/load/compact.js';
import { parseConfigFile } from '../../src/load/index.js';

const parse = (text: string, slicing?: { minChars: number; sliceChars: number }) =>
  parseConfigFile({ path: 'c.yaml', text, bytes: Buffer.byteLength(text) }, {}, slicing);

describe('compactLists', () => {
  it('leaves every value as it was', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 5 }), (value) => {
        const copy = structuredClone(value);
        compactLists(copy);
        expect(copy).toEqual(value);
      }),
      { numRuns: 200 },
    );
  });

  it('swaps nested lists for copies, keeps objects and the root in place', () => {
    const inner = { tags: ['a', 'b'] };
    const root = [inner, [1, [2]]];
    const tags = inner.tags;
    compactLists(root);
    expect(root[0]).toBe(inner);
    expect(inner.tags).not.toBe(tags);
    expect(root).toEqual([{ tags: ['a', 'b'] }, [1, [2]]]);
  });

  it('a list shared through an alias stays one list', () => {
    const doc = parse('a: &x [1, 2]\nb: *x\nc: [3]\n').documents[0] as Record<string, unknown>;
    expect(doc.a).toBe(doc.b);
  });

  it('a sliced long list with an alias inside a slice keeps it shared', () => {
    const items = Array.from({ length: 400 }, (_, i) => `  - name: n${i}\n    ports: &p${i} [${i}, ${i + 1}]\n    again: *p${i}\n`).join('');
    const doc = parse(`items:\n${items}`, { minChars: 100, sliceChars: 512 }).documents[0] as { items: Array<{ ports: unknown; again: unknown }> };
    expect(doc.items).toHaveLength(400);
    for (const item of doc.items) expect(item.again).toBe(item.ports);
  });
});
