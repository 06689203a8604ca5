// Exact-value tables for the diff core (src/diff/index.ts), written against the mutants
// `npx stryker run stryker.bail.config.mjs --mutate src/diff/index.ts` left alive: document
// pairing and document lines, the choice of a list's identity key, the aligned and the linear
// list matchings, and the pairing of edited items.
import { describe, expect, it } from 'vitest';
import { diffDocuments, diffFile } from '../../src/diff/index.js';
import { parseConfigFile } from '../../src/load/index.js';
import type { ConfigFile } from '../../src/model.js';

const diff = (before: unknown, after: unknown, opts = {}) => diffDocuments('f.yaml', [before], [after], opts);
const brief = (before: unknown, after: unknown, opts = {}) => diff(before, after, opts).map((c) => `${c.kind} ${c.pathText}`);
const docs = (before: unknown[], after: unknown[]) => diffDocuments('k.yaml', before, after).map((c) => [c.kind, c.document, c.pathText]);
const parsed = (text: string, path = 'f.yaml') => parseConfigFile({ path, text, bytes: Buffer.byteLength(text) });
const k = (name: string, extra: Record<string, unknown> = {}) => ({ kind: 'K', metadata: { name, ...extra } });

describe('documents: which are paired by identity', () => {
  it.each([
    [
      'the first document without an identity: all by index',
      [{ a: 1 }, k('b'), k('c')],
      [{ a: 1 }, k('c'), k('b')],
      [
        ['modified', 1, 'metadata.name'],
        ['modified', 2, 'metadata.name'],
      ],
    ],
    ['only empty documents before: by index, not by their place among the empty ones', [null, null], [k('a'), null], [['modified', 0, '']]],
    [
      'two empty documents beside reordered ones: paired by identity, the empty ones by their order among themselves',
      [k('a'), null, k('b'), null],
      [k('b'), null, k('a'), null],
      [
        ['moved', 1, ''],
        ['moved', 0, ''],
      ],
    ],
    [
      'an undefined document is an empty one',
      [k('a'), undefined, k('b')],
      [k('b'), undefined, k('a')],
      [
        ['moved', 1, ''],
        ['moved', 0, ''],
      ],
    ],
    [
      'a namespace that is not a string is no namespace',
      [k('a', { namespace: 5 }), k('b')],
      [k('b'), k('a')],
      [
        ['removed', 1, 'metadata.namespace'],
        ['moved', 0, ''],
      ],
    ],
  ])('%s', (_name, before, after, expected) => {
    expect(docs(before, after)).toEqual(expected);
  });

  it('a removed document has the line of its start; a moved one its before line', () => {
    const before = parsed('kind: K\nmetadata:\n  name: a\n---\nkind: K\nmetadata:\n  name: b\n---\nkind: K\nmetadata:\n  name: c\n');
    const after = parsed('kind: K\nmetadata:\n  name: c\n---\nkind: K\nmetadata:\n  name: a\n');
    expect(diffFile('modified', 'f.yaml', { before, after }).changes).toStrictEqual([
      { file: 'f.yaml', document: 1, path: [], pathText: '', kind: 'removed', line: 5, before: k('b') },
      {
        file: 'f.yaml',
        document: 0,
        path: [],
        pathText: '',
        kind: 'moved',
        before: k('c'),
        after: k('c'),
        line: 1,
        beforeLine: 9,
        from: 2,
        to: 0,
      },
    ]);
  });
});

describe('lists: the identity key', () => {
  it.each([
    [
      'one key every item has wins over a key some items have first',
      { l: [{ id: 1, name: 'x', v: 1 }, { id: 2 }] },
      { l: [{ id: 1, name: 'x', v: 2 }, { id: 2 }] },
      ['modified l[id=1].v'],
    ],
    [
      'a name changed on an item known by its id is that item changed',
      { l: [{ id: 1, name: 'x' }, { id: 2 }] },
      { l: [{ id: 1, name: 'y' }, { id: 2 }] },
      ['modified l[id=1].name'],
    ],
    [
      'an item with none of the identity keys has no identity, even with a key named "undefined"',
      {
        l: [
          { name: 'a', v: 1 },
          { undefined: 'x', v: 1 },
        ],
      },
      {
        l: [
          { undefined: 'x', v: 1 },
          { name: 'a', v: 2 },
        ],
      },
      ['moved l[0]', 'modified l[1].v'],
    ],
    [
      'a null item: no identity, the list is aligned',
      { l: [{ name: 'a', v: 1 }, null] },
      { l: [{ name: 'a', v: 2 }, null] },
      ['modified l[0].v'],
    ],
  ])('%s', (_name, before, after, expected) => {
    expect(brief(before, after)).toEqual(expected);
  });
});

describe('lists: aligned or linear matching', () => {
  const before = {
    x: [
      [1, 2],
      [3, 4],
    ],
  };
  const after = {
    x: [
      [1, 2],
      [3, 5],
    ],
  };
  it.each([
    ['default: aligned, the inner list edited in place', {}, ['removed x[1][1]', 'added x[1][1]']],
    ['both sides together exactly at maxAlignedItems: still aligned', { maxAlignedItems: 4 }, ['removed x[1][1]', 'added x[1][1]']],
    ['one over: linear, the inner list is replaced', { maxAlignedItems: 3 }, ['removed x[1]', 'added x[1]']],
  ])('%s', (_name, opts, expected) => {
    expect(brief(before, after, opts)).toEqual(expected);
  });

  it('items the sequence alignment takes as equal are paired in place (dates)', () => {
    expect(diff({ x: [new Date(0)] }, { x: [new Date(1000)] })).toStrictEqual([
      {
        file: 'f.yaml',
        document: 0,
        path: ['x', 0],
        pathText: 'x[0]',
        kind: 'modified',
        line: 0,
        before: new Date(0),
        after: new Date(1000),
        beforeLine: 0,
      },
    ]);
  });
});

describe('lines of moved items', () => {
  // A file from a loader that keeps no per-list line table: every line comes from locate().
  const handMade = (documents: unknown[]): ConfigFile => ({
    path: 'f.json',
    format: 'json',
    documents,
    bytes: 0,
    locate: (doc, path) => {
      const last = path.at(-1);
      return { line: 1000 * doc + 100 * path.length + (typeof last === 'number' ? last : 0), column: 1 };
    },
  });

  it('a file without a list-line table: each item located by its path', () => {
    const before = handMade([{ l: [{ name: 'a' }, { name: 'b' }, { name: 'c' }] }]);
    const after = handMade([{ l: [{ name: 'c' }, { name: 'a' }, { name: 'b' }] }]);
    expect(diffFile('modified', 'f.json', { before, after }).changes).toStrictEqual([
      {
        file: 'f.json',
        document: 0,
        path: ['l', 0],
        pathText: 'l[name=c]',
        kind: 'moved',
        before: { name: 'c' },
        after: { name: 'c' },
        line: 200,
        beforeLine: 202,
        from: 2,
        to: 0,
      },
    ]);
  });
});

describe('lists: pairing what the matching left over', () => {
  const X = { a: 1, b: 1, c: 1, d: 1 };
  const Z = { a: 1, b: 1, c: 1, d: 2 };
  const Z2 = { a: 9, b: 9, c: 1, d: 2 };
  it.each([
    ['a scalar moved, aligned: one move', { l: [1, 2, 3] }, { l: [3, 1, 2] }, {}, ['moved l[0]']],
    ['a scalar moved, linear: one move', { l: [1, 2, 3] }, { l: [3, 1, 2] }, { maxAlignedItems: 0 }, ['moved l[0]']],
    ['strings that are no KEY=value assignment: removed and added', { l: ['a b'] }, { l: ['c d'] }, {}, ['removed l[0]', 'added l[0]']],
    [
      'an item already paired as a move is not offered again to a similar edited one',
      { l: [X, 5, 6, Z] },
      { l: [Z2, 5, 6, X] },
      {},
      ['moved l[0]', 'modified l[0].a', 'modified l[0].b', 'moved l[3]'],
    ],
    [
      'renamed items of equal similarity: the names sharing a prefix are paired',
      {
        l: [
          { name: 'api-old', v: 1 },
          { name: 'web-old', v: 1 },
        ],
      },
      {
        l: [
          { name: 'web-new', v: 1 },
          { name: 'api-new', v: 1 },
        ],
      },
      {},
      ['moved l[name=web-new]', 'modified l[name=web-new].name', 'modified l[name=api-new].name'],
    ],
  ])('%s', (_name, before, after, opts, expected) => {
    expect(brief(before, after, opts)).toEqual(expected);
  });
});

describe('renamed items of equal similarity: paired by the characters their names share at both ends', () => {
  const renamed = (removed: string[], added: string[]) =>
    diffDocuments('f.yaml', [{ l: removed.map((name) => ({ name, v: 1 })) }], [{ l: added.map((name) => ({ name, v: 1 })) }])
      .filter((c) => c.kind === 'modified')
      .map((c) => `${String(c.before)} → ${String(c.after)}`);
  it.each([
    ['a longer new name: the shared prefix counts once, ties go to the first', ['ab'], ['abc', 'abb'], ['ab → abc']],
    ['a shorter new name: likewise, from the other side', ['abc', 'abb'], ['ab'], ['abc → ab']],
    ['a name that repeats: the end is not matched into the start', ['ab'], ['abc', 'abab'], ['ab → abc']],
    ['a shared end counts as much as a shared start', ['xa'], ['ya', 'xb'], ['xa → ya']],
  ])('%s', (_name, removed, added, expected) => {
    expect(renamed(removed, added)).toEqual(expected);
  });
});

describe('similarity pairing is bounded', () => {
  const before = { l: [...Array.from({ length: 20 }, (_, k) => ({ k, v: 1 })), 'x'] };
  const after = { l: Array.from({ length: 20 }, (_, k) => ({ k, v: 2 })) };
  it('20 × 20 edited objects (400 pairs, the most compared) are paired; the removed string beside them does not count', () => {
    const changes = diffDocuments('f.yaml', [before], [after], { maxAlignedItems: 0 });
    expect(changes.filter((c) => c.kind !== 'modified').map((c) => `${c.kind} ${c.pathText}`)).toEqual(['removed l[20]']);
    expect(changes.filter((c) => c.kind === 'modified').map((c) => c.pathText)).toEqual(Array.from({ length: 20 }, (_, k) => `l[${k}].v`));
  });
});

describe('similarity: the leaf values two edited objects share', () => {
  // Each object the only one removed and the only one added, in the linear matching: paired
  // (one item edited) when at least half their leaf values are shared, else removed + added.
  const nest = (depth: number, leaf: unknown): unknown => (depth === 0 ? leaf : { n: nest(depth - 1, leaf) });
  it.each([
    ['half their leaves shared: one item edited', { c: 1, d: 1 }, { c: 1, d: 3 }, ['modified l[0].d']],
    ['the same values under swapped keys share nothing', { a: 1, b: 2 }, { a: 2, b: 1 }, ['removed l[0]', 'added l[0]']],
    ['lists inside compare item by item', { l: [1, 2, 3], c: 0 }, { l: [4, 5, 6], c: 9 }, ['removed l[0]', 'added l[0]']],
    ['an empty list and an empty map under other keys share nothing', { a: [], b: 1 }, { c: {}, b: 2 }, ['removed l[0]', 'added l[0]']],
    [
      'below 16 levels a map is one value: compared whole',
      nest(16, { p: 1, q: 1, r: 1 }),
      nest(16, { p: 1, q: 1, r: 2 }),
      ['removed l[0]', 'added l[0]'],
    ],
    [
      'at 15 levels its values still count one by one',
      nest(15, { p: 1, q: 1, r: 1 }),
      nest(15, { p: 1, q: 1, r: 2 }),
      [`modified l[0]${'.n'.repeat(15)}.r`],
    ],
  ])('%s', (_name, before, after, expected) => {
    expect(brief({ l: [before] }, { l: [after] }, { maxAlignedItems: 0 })).toEqual(expected);
  });

  it('edited objects of equal similarity are paired in order', () => {
    expect(
      brief(
        {
          l: [
            { c: 1, d: 1 },
            { c: 1, d: 2 },
          ],
        },
        {
          l: [
            { c: 1, d: 3 },
            { c: 1, d: 4 },
          ],
        },
        { maxAlignedItems: 0 },
      ),
    ).toEqual(['modified l[0].d', 'modified l[1].d']);
  });
});

describe('values equal but not identical', () => {
  it.each([
    ['NaN and NaN', { x: Number.NaN }, { x: Number.NaN }],
    ['two dates of one instant', { d: new Date(0) }, { d: new Date(0) }],
  ])('%s: no change', (_name, before, after) => {
    expect(diff(before, after)).toEqual([]);
  });
});
