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
      { file: 'f.yaml', document: 0, path: [], pathText: '', kind: 'moved', before: k('c'), after: k('c'), line: 1, beforeLine: 9, from: 2, to: 0 },
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
    ['a null item: no identity, the list is aligned', { l: [{ name: 'a', v: 1 }, null] }, { l: [{ name: 'a', v: 2 }, null] }, ['modified l[0].v']],
  ])('%s', (_name, before, after, expected) => {
    expect(brief(before, after)).toEqual(expected);
  });
});

describe('lists: aligned or linear matching', () => {
  const before = { x: [[1, 2], [3, 4]] };
  const after = { x: [[1, 2], [3, 5]] };
  it.each([
    ['default: aligned, the inner list edited in place', {}, ['removed x[1][1]', 'added x[1][1]']],
    ['both sides together exactly at maxAlignedItems: still aligned', { maxAlignedItems: 4 }, ['removed x[1][1]', 'added x[1][1]']],
    ['one over: linear, the inner list is replaced', { maxAlignedItems: 3 }, ['removed x[1]', 'added x[1]']],
  ])('%s', (_name, opts, expected) => {
    expect(brief(before, after, opts)).toEqual(expected);
  });

  it('items the sequence alignment takes as equal are paired in place (dates)', () => {
    expect(diff({ x: [new Date(0)] }, { x: [new Date(1000)] })).toStrictEqual([
      { file: 'f.yaml', document: 0, path: ['x', 0], pathText: 'x[0]', kind: 'modified', line: 0, before: new Date(0), after: new Date(1000), beforeLine: 0 },
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
