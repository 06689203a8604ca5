// Exact-value tables for the structural diff (src/diff/): path texts, value helpers, the longest
// increasing subsequence, list-path patterns, document pairing, list identity, lines, and the
// inverse. Written against the mutants `npm run mutate` left alive.
import { describe, expect, it } from 'vitest';
import { applyChanges, diffDocuments, diffFile, listPathMatcher } from '../../src/diff/index.js';
import { appendIndex, appendKey, canonicalJson, cloneDeep, deepEqual, isPlainObject, pathToText } from '../../src/diff/values.js';
import { longestIncreasingSubsequence } from '../../src/diff/lis.js';
import { parseConfigFile } from '../../src/load/index.js';
import type { Change } from '../../src/model.js';

const diff = (before: unknown, after: unknown, opts = {}) => diffDocuments('f.yaml', [before], [after], opts);
const brief = (before: unknown, after: unknown, opts = {}) => diff(before, after, opts).map((c) => `${c.kind} ${c.pathText}`);
const parsed = (text: string, path = 'f.yaml') => parseConfigFile({ path, text, bytes: Buffer.byteLength(text) });

describe('readable paths', () => {
  it.each([
    [[], ''],
    [['a'], 'a'],
    [['a', 'b'], 'a.b'],
    [['a', 0, 'b'], 'a[0].b'],
    [[0], '[0]'],
    [['a.b'], '["a.b"]'],
    [['x', 'a b'], 'x["a b"]'],
    [['$ref', '_x', 'k-9'], '$ref._x.k-9'],
    [['9a'], '["9a"]'],
    [['-a'], '["-a"]'],
    [[''], '[""]'],
  ])('%j → %s', (path, text) => {
    expect(pathToText(path)).toBe(text);
  });

  it.each([
    ['', 'a', 'a'],
    ['x', 'a', 'x.a'],
    ['x', 'a:b', 'x["a:b"]'],
  ])('appendKey(%s, %s) → %s', (text, key, expected) => {
    expect(appendKey(text, key)).toBe(expected);
  });

  it.each([
    ['r', 2, undefined, 'r[2]'],
    ['r', 2, { key: 'name', value: 'api' }, 'r[name=api]'],
    ['r', 2, { key: 'id', value: 7 }, 'r[id=7]'],
    ['', 0, undefined, '[0]'],
  ])('appendIndex(%s, %s, %j) → %s', (text, index, identity, expected) => {
    expect(appendIndex(text, index, identity)).toBe(expected);
  });
});

describe('value helpers', () => {
  it.each([
    [{}, true],
    [Object.create(null), true],
    [[], false],
    [null, false],
    ['s', false],
    [new Date(0), false],
    [new Map(), false],
  ])('isPlainObject(%o) is %s', (value, expected) => {
    expect(isPlainObject(value)).toBe(expected);
  });

  it.each([
    [1, 1, true],
    [1, '1', false],
    [NaN, NaN, true],
    [NaN, 1, false],
    [null, null, true],
    [null, {}, false],
    [{}, null, false],
    [undefined, null, false],
    [[1, [2]], [1, [2]], true],
    [[1, 2], [1], false],
    [[1, 2], [1, 3], false],
    [[], {}, false],
    [{}, [], false],
    [{ a: 1, b: 2 }, { b: 2, a: 1 }, true],
    [{ a: 1 }, { b: 1 }, false],
    [{ a: 1 }, { a: 1, b: 1 }, false],
    [{ a: undefined }, { b: undefined }, false],
    [{ a: { b: 1 } }, { a: { b: 2 } }, false],
    [new Date(5), new Date(5), true],
    [new Date(5), new Date(6), false],
    [new Date(5), {}, false],
    [{}, new Date(5), false],
  ])('deepEqual(%o, %o) is %s', (a, b, expected) => {
    expect(deepEqual(a, b)).toBe(expected);
    expect(deepEqual(b, a)).toBe(expected);
  });

  it.each([
    [null, 'null'],
    [undefined, 'undefined'],
    [1, '1'],
    ['a', '"a"'],
    [[1, 'a', null], '[1,"a",null]'],
    [{ b: 1, a: [2, { d: 3, c: 4 }] }, '{"a":[2,{"c":4,"d":3}],"b":1}'],
    [new Date(0), '"1970-01-01T00:00:00.000Z"'],
    [{}, '{}'],
    [[], '[]'],
  ])('canonicalJson(%o) → %s', (value, text) => {
    expect(canonicalJson(value)).toBe(text);
  });

  it('cloneDeep copies objects, lists and dates, not scalars', () => {
    const date = new Date(7);
    const value = { a: [1, { b: date }], c: 's', n: null };
    const copy = cloneDeep(value);
    expect(copy).toStrictEqual(value);
    expect(copy).not.toBe(value);
    expect(copy.a).not.toBe(value.a);
    expect(copy.a[1]).not.toBe(value.a[1]);
    expect((copy.a[1] as { b: Date }).b).not.toBe(date);
    expect((copy.a[1] as { b: Date }).b.getTime()).toBe(7);
  });
});

describe('longestIncreasingSubsequence', () => {
  it.each([
    [[], []],
    [[5], [0]],
    [
      [0, 1, 2],
      [0, 1, 2],
    ],
    [[2, 1, 0], [2]],
    [
      [3, 0, 1, 2],
      [1, 2, 3],
    ],
    [
      [1, 3, 2, 4],
      [0, 2, 3],
    ],
    [
      [0, 5, 1, 2, 6, 3],
      [0, 2, 3, 5],
    ],
    [[2, 2, 2], [2]],
    [
      [4, 0, 5, 1, 6, 2, 7, 3],
      [1, 3, 5, 7],
    ],
  ])('%j → positions %j', (seq, positions) => {
    const mask = longestIncreasingSubsequence(seq);
    expect(mask).toHaveLength(seq.length);
    expect([...mask].flatMap((inRun, k) => (inRun === 1 ? [k] : []))).toEqual(positions);
  });
});

describe('list-path patterns', () => {
  it.each([
    ['spec.routes', ['spec', 'routes'], true],
    ['spec.routes', ['spec', 'routes', 'x'], false],
    ['spec.routes', ['spec'], false],
    ['spec.routes', ['spec', 0, 'routes'], true],
    ['*.routes', ['spec', 'routes'], true],
    ['*.routes', ['routes'], false],
    ['**.routes', ['routes'], true],
    ['**.routes', ['a', 'b', 'routes'], true],
    ['**.routes', ['a', 'routes', 'b'], false],
    ['a.**', ['a'], true],
    ['a.**', ['a', 'b', 'c'], true],
    ['a.**', ['b'], false],
    ['a..b', ['a', 'b'], true],
    ['', [], true],
    ['', ['a'], false],
    ['a', [0], false],
  ])('%s against %j is %s', (pattern, path, expected) => {
    expect(listPathMatcher(pattern)(path)).toBe(expected);
  });
});

describe('documents', () => {
  const dep = (name: string, replicas: number, namespace?: string) => ({
    kind: 'Deployment',
    metadata: { name, ...(namespace ? { namespace } : {}) },
    spec: { replicas },
  });

  it.each([
    [
      'by kind/namespace/name: same name in two namespaces',
      [dep('a', 1, 'x'), dep('a', 1, 'y')],
      [dep('a', 1, 'y'), dep('a', 2, 'x')],
      [
        ['modified', 1, 'spec.replicas'],
        ['moved', 0, ''],
      ],
    ],
    ['a document removed from the middle', [dep('a', 1), dep('b', 1), dep('c', 1)], [dep('a', 1), dep('c', 1)], [['removed', 1, '']]],
    [
      'duplicate identities: by index',
      [dep('a', 1), dep('a', 2)],
      [dep('a', 2), dep('a', 1)],
      [
        ['modified', 0, 'spec.replicas'],
        ['modified', 1, 'spec.replicas'],
      ],
    ],
    [
      'a document without a name: by index',
      [dep('a', 1), { kind: 'X', metadata: {} }],
      [{ kind: 'X', metadata: {} }, dep('a', 1)],
      [
        ['modified', 0, 'kind'],
        ['removed', 0, 'metadata.name'],
        ['removed', 0, 'spec'],
        ['modified', 1, 'kind'],
        ['added', 1, 'metadata.name'],
        ['added', 1, 'spec'],
      ],
    ],
    ['two documents in all: by index', [dep('a', 1)], [dep('b', 1)], [['modified', 0, 'metadata.name']]],
    [
      'a name that is not a string: by index',
      [
        { kind: 'K', metadata: { name: 1 } },
        { kind: 'K', metadata: { name: 2 } },
      ],
      [
        { kind: 'K', metadata: { name: 2 } },
        { kind: 'K', metadata: { name: 1 } },
      ],
      [
        ['modified', 0, 'metadata.name'],
        ['modified', 1, 'metadata.name'],
      ],
    ],
    [
      'metadata that is not a map: by index',
      [
        { kind: 'K', metadata: 'a' },
        { kind: 'K', metadata: 'b' },
      ],
      [
        { kind: 'K', metadata: 'b' },
        { kind: 'K', metadata: 'a' },
      ],
      [
        ['modified', 0, 'metadata'],
        ['modified', 1, 'metadata'],
      ],
    ],
    [
      'a kind that is not a string: by index',
      [
        { kind: 1, metadata: { name: 'a' } },
        { kind: 1, metadata: { name: 'b' } },
      ],
      [
        { kind: 1, metadata: { name: 'b' } },
        { kind: 1, metadata: { name: 'a' } },
      ],
      [
        ['modified', 0, 'metadata.name'],
        ['modified', 1, 'metadata.name'],
      ],
    ],
    ['an added last document', [{ a: 1 }], [{ a: 1 }, { b: 1 }], [['added', 1, '']]],
  ])('%s', (_name, before, after, expected) => {
    expect(diffDocuments('k.yaml', before, after).map((c) => [c.kind, c.document, c.pathText])).toEqual(expected);
  });

  it('a removed document carries its before value; an added one its after value', () => {
    const [removed] = diffDocuments('f.yaml', [{ a: 1 }], []);
    const [added] = diffDocuments('f.yaml', [], [{ b: 2 }]);
    expect(removed).toStrictEqual({ file: 'f.yaml', document: 0, path: [], pathText: '', kind: 'removed', line: 0, before: { a: 1 } });
    expect(added).toStrictEqual({ file: 'f.yaml', document: 0, path: [], pathText: '', kind: 'added', line: 0, after: { b: 2 } });
  });
});

describe('list identity', () => {
  it.each([
    [
      'numeric ids',
      {
        l: [
          { id: 1, v: 1 },
          { id: 2, v: 1 },
        ],
      },
      {
        l: [
          { id: 2, v: 1 },
          { id: 1, v: 2 },
        ],
      },
      ['moved l[id=2]', 'modified l[id=1].v'],
    ],
    ['ids "1" and 1 are different identities; the one item is aligned by content', { l: [{ id: '1', v: 1 }] }, { l: [{ id: 1, v: 1 }] }, ['modified l[id=1].id']],
    [
      'key before id before name? name first',
      { l: [{ name: 'n', id: 1, v: 1 }] },
      { l: [{ name: 'n', id: 2, v: 1 }] },
      ['modified l[name=n].id'],
    ],
    [
      'a key that is not on every item: the next one',
      { l: [{ id: 1, key: 'a' }, { key: 'b' }] },
      { l: [{ key: 'b' }, { id: 1, key: 'a' }] },
      ['moved l[key=b]'],
    ],
    [
      'a boolean identity is no identity',
      {
        l: [
          { name: true, v: 1 },
          { name: false, v: 1 },
        ],
      },
      {
        l: [
          { name: true, v: 2 },
          { name: false, v: 1 },
        ],
      },
      ['modified l[0].v'],
    ],
    ['items that are not all objects: aligned', { l: [{ name: 'a' }, 'x'] }, { l: ['x', { name: 'a' }] }, ['moved l[0]']],
    [
      'duplicates on the after side: aligned',
      {
        l: [
          { name: 'a', v: 1 },
          { name: 'b', v: 1 },
        ],
      },
      {
        l: [
          { name: 'a', v: 1 },
          { name: 'a', v: 2 },
        ],
      },
      ['removed l[1]', 'added l[1]'],
    ],
    [
      'a custom identity key',
      {
        l: [
          { host: 'h1', v: 1 },
          { host: 'h2', v: 1 },
        ],
      },
      {
        l: [
          { host: 'h2', v: 1 },
          { host: 'h1', v: 1 },
        ],
      },
      ['moved l[host=h2]'],
    ],
  ])('%s', (_name, before, after, expected) => {
    const opts = _name === 'a custom identity key' ? { identityKeys: ['host'] } : {};
    expect(brief(before, after, opts)).toEqual(expected);
  });

  it('a per-path key applies only under its path', () => {
    const before = {
      a: {
        l: [
          { p: 'x', n: 1 },
          { p: 'y', n: 2 },
        ],
      },
      b: {
        l: [
          { p: 'x', n: 1 },
          { p: 'y', n: 2 },
        ],
      },
    };
    const after = {
      a: {
        l: [
          { p: 'y', n: 2 },
          { p: 'x', n: 1 },
        ],
      },
      b: {
        l: [
          { p: 'y', n: 2 },
          { p: 'x', n: 1 },
        ],
      },
    };
    expect(brief(before, after, { identityByPath: [{ path: 'a.l', key: 'p' }] })).toEqual(['moved a.l[p=y]', 'moved b.l[0]']);
  });

  it('chart dependencies are known by alias, by default', () => {
    const before = {
      dependencies: [
        { alias: 'a', name: 'redis', v: 1 },
        { alias: 'b', name: 'redis', v: 1 },
      ],
    };
    const after = {
      dependencies: [
        { alias: 'b', name: 'redis', v: 1 },
        { alias: 'a', name: 'redis', v: 2 },
      ],
    };
    expect(brief(before, after)).toEqual(['moved dependencies[alias=b]', 'modified dependencies[alias=a].v']);
  });
});

describe('unkeyed lists', () => {
  it.each([
    [
      'a flag value changed is one item',
      { args: ['--a=1', '--port=80', 'x'] },
      { args: ['--a=1', 'x', '--port=8080'] },
      ['moved args[1]', 'modified args[2]'],
    ],
    ['an env assignment changed is one item', { args: ['A=1', 'B=2'] }, { args: ['B=3', 'A=1'] }, ['moved args[0]', 'modified args[0]']],
    ['a dotted key assignment', { args: ['-x.y=1', 'k'] }, { args: ['k', '-x.y=2'] }, ['moved args[0]', 'modified args[1]']],
    ['different keys are removed and added', { args: ['--a=1'] }, { args: ['--b=1'] }, ['removed args[0]', 'added args[0]']],
    ['plain strings are removed and added', { args: ['a'] }, { args: ['b'] }, ['removed args[0]', 'added args[0]']],
  ])('%s', (_name, before, after, expected) => {
    expect(brief(before, after, { maxAlignedItems: 0 })).toEqual(expected);
  });

  // maxAlignedItems 0: the linear matching, then pairing by content similarity (json-diff's
  // alignment pairs similar objects on its own).
  it.each([
    ['objects sharing half their leaves are one item edited', [{ a: 1, b: 2 }], [{ a: 1, b: 3 }], ['modified l[0].b']],
    [
      'objects sharing less than half are removed and added',
      [{ a: 1, b: 2, c: 3 }],
      [{ a: 1, b: 9, c: 9 }],
      ['removed l[0]', 'added l[0]'],
    ],
    [
      'the best match pairs first',
      [
        { a: 1, b: 1, c: 1, d: 1 },
        { a: 2, b: 2, c: 2, d: 2 },
      ],
      [{ a: 2, b: 2, c: 2, d: 9 }, { a: 1, b: 1, c: 1, d: 9 }, 'x'],
      ['added l[2]', 'moved l[0]', 'modified l[0].d', 'modified l[1].d'],
    ],
    ['empty objects and lists count as leaves', [{ a: {}, b: [] }], [{ a: {}, b: [], c: 1 }], ['added l[0].c']],
  ])('%s', (_name, before, after, expected) => {
    expect(brief({ l: before }, { l: after }, { maxAlignedItems: 0 })).toEqual(expected);
  });

  it('past maxAlignedItems the linear matching takes over, with the same answer for a move', () => {
    const before = { l: ['a', 'b', 'c', 'd'] };
    const after = { l: ['d', 'a', 'b', 'c'] };
    expect(brief(before, after, { maxAlignedItems: 8 })).toEqual(['moved l[0]']);
    expect(brief(before, after, { maxAlignedItems: 7 })).toEqual(['moved l[0]']);
    expect(brief({ l: ['a', 'b', 'a'] }, { l: ['a', 'a', 'c'] }, { maxAlignedItems: 1 })).toEqual(['removed l[1]', 'added l[2]']);
  });

  it('too many removed × added objects to compare: removals and additions stay apart', () => {
    const before = { l: Array.from({ length: 21 }, (_, i) => ({ a: i, b: 1 })) };
    const after = { l: Array.from({ length: 20 }, (_, i) => ({ a: i + 100, b: 1 })) };
    const kinds = (x: unknown, y: unknown) => diff(x, y, { maxAlignedItems: 0 }).map((c) => c.kind);
    expect(kinds(before, after)).toEqual([...Array(21).fill('removed'), ...Array(20).fill('added')]);
    expect(kinds({ l: before.l.slice(0, 20) }, after)).toEqual(Array(20).fill('modified'));
  });
});

describe('changes carry their lines', () => {
  const before = parsed('a: 1\nl:\n  - name: x\n    v: 1\n  - name: y\n    v: 2\ngone: true\n');
  const after = parsed('a: 2\nl:\n  - name: y\n    v: 2\n  - name: x\n    v: 5\nnew: 1\n');

  it('modified, moved, added and removed, with before lines', () => {
    const { changes } = diffFile('modified', 'f.yaml', { before, after });
    expect(changes.map((c) => [c.kind, c.pathText, c.line, c.beforeLine ?? null, c.from ?? null, c.to ?? null])).toEqual([
      ['modified', 'a', 1, 1, null, null],
      ['moved', 'l[name=y]', 3, 5, 1, 0],
      ['modified', 'l[name=x].v', 6, 4, null, null],
      ['removed', 'gone', 7, null, null, null],
      ['added', 'new', 7, null, null, null],
    ]);
  });

  it('a file diff keeps its status, paths and sides', () => {
    const d = diffFile('renamed', 'g.yaml', { before, after, oldPath: 'f.yaml' });
    expect([d.path, d.oldPath, d.status, d.before, d.after]).toEqual(['g.yaml', 'f.yaml', 'renamed', before, after]);
    expect(d.changes.every((c) => c.file === 'g.yaml')).toBe(true);
    expect(diffFile('deleted', 'f.yaml', { before }).changes.map((c) => [c.kind, c.line])).toEqual([['removed', 1]]);
  });

  it('a move carries the item as both before and after', () => {
    const move = diff({ l: [{ id: 1 }, { id: 2 }] }, { l: [{ id: 2 }, { id: 1 }] })[0];
    expect(move).toStrictEqual({
      file: 'f.yaml',
      document: 0,
      path: ['l', 0],
      pathText: 'l[id=2]',
      kind: 'moved',
      before: { id: 2 },
      after: { id: 2 },
      line: 0,
      beforeLine: 0,
      from: 1,
      to: 0,
    });
  });

  it('a removed list item is addressed under the surviving list, by its before index', () => {
    const [removed] = diff({ l: [{ id: 1 }, { id: 2 }] }, { l: [{ id: 1 }] });
    expect([removed.path, removed.pathText, removed.before, 'after' in removed]).toEqual([['l', 1], 'l[id=2]', { id: 2 }, false]);
  });
});

describe('applyChanges, the inverse', () => {
  it.each([
    ['a root replaced', 1, 2],
    ['a root removed', { a: 1 }, undefined],
    ['keys added, removed and changed', { a: 1, b: 2 }, { b: 3, c: 4 }],
    [
      'a keyed list reordered, edited and grown',
      { l: [{ id: 1, v: 1 }, { id: 2 }, { id: 3 }] },
      { l: [{ id: 3 }, { id: 4 }, { id: 1, v: 2 }] },
    ],
    ['an unkeyed list with an item replaced', { l: ['a', 'b', 'c'] }, { l: ['a', 'x', 'c'] }],
    ['nested lists', { l: [[1, 2], [3]] }, { l: [[3], [1, 2, 4]] }],
    ['a list become a map', { l: [1] }, { l: { a: 1 } }],
  ])('%s', (_name, before, after) => {
    const changes: Change[] = diff(before, after);
    expect(applyChanges(before, changes)).toStrictEqual(after);
  });

  it('does not touch its input', () => {
    const before = { l: [{ id: 1, v: 1 }], m: { a: 1 } };
    const snapshot = structuredClone(before);
    applyChanges(before, diff(before, { l: [{ id: 1, v: 2 }], m: {} }));
    expect(before).toStrictEqual(snapshot);
  });

  it('a change under a scalar is ignored', () => {
    expect(
      applyChanges({ a: 1 }, [{ file: 'f', document: 0, path: ['a', 'b'], pathText: 'a.b', kind: 'added', after: 1, line: 0 } as Change]),
    ).toStrictEqual({ a: 1 });
  });
});
