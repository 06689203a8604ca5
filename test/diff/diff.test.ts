import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { propertyRuns } from '../support/property-runs.js';
import { applyChanges, applyDocumentChanges, diffDocuments } from '../../src/diff/index.js';

const diff = (before: unknown, after: unknown, opts = {}) => diffDocuments('f.yaml', [before], [after], opts);
const brief = (before: unknown, after: unknown, opts = {}) =>
  diff(before, after, opts).map((c) => `${c.kind} ${c.pathText}`);

describe('diffDocuments', () => {
  it.each([
    ['scalar modified', { a: 1 }, { a: 2 }, ['modified a']],
    ['key added', { a: 1 }, { a: 1, b: 2 }, ['added b']],
    ['key removed', { a: 1, b: 2 }, { a: 1 }, ['removed b']],
    ['nested', { a: { b: { c: 'x' } } }, { a: { b: { c: 'y' } } }, ['modified a.b.c']],
    ['odd key quoted', { 'a.b': 1 }, { 'a.b': 2 }, ['modified ["a.b"]']],
    ['type change', { a: [1] }, { a: { x: 1 } }, ['modified a']],
    ['unchanged', { a: [1, { b: 2 }] }, { a: [1, { b: 2 }] }, []],
    ['root scalar', 1, 2, ['modified ']],
  ])('%s', (_name, before, after, expected) => {
    expect(brief(before, after)).toEqual(expected);
  });

  it('matches lists of objects by identity key: an insertion is one addition', () => {
    const before = { routes: [{ name: 'a', w: 1 }, { name: 'b', w: 2 }] };
    const after = { routes: [{ name: 'new', w: 5 }, { name: 'a', w: 1 }, { name: 'b', w: 3 }] };
    expect(brief(before, after)).toEqual(['added routes[name=new]', 'modified routes[name=b].w']);
  });

  it('reports a reordering as one move per item', () => {
    const before = { rules: [{ id: 1 }, { id: 2 }, { id: 3 }, { id: 4 }] };
    const after = { rules: [{ id: 4 }, { id: 1 }, { id: 2 }, { id: 3 }] };
    const changes = diff(before, after);
    expect(changes.map((c) => [c.kind, c.pathText, c.from, c.to])).toEqual([['moved', 'rules[id=4]', 3, 0]]);
  });

  it('uses a per-path identity key', () => {
    const before = { bgp: { announce: [{ prefix: '10.0.0.0/8', med: 1 }] } };
    const after = { bgp: { announce: [{ prefix: '10.0.0.0/8', med: 2 }] } };
    expect(brief(before, after, { identityByPath: [{ path: '**.announce', key: 'prefix' }] })).toEqual([
      'modified bgp.announce[prefix=10.0.0.0/8].med',
    ]);
  });

  it('aligns unkeyed lists: an inserted host is one addition, a swap is a move', () => {
    expect(brief({ hosts: ['a', 'b', 'c'] }, { hosts: ['a', 'x', 'b', 'c'] })).toEqual(['added hosts[1]']);
    expect(brief({ hosts: ['a', 'b', 'c'] }, { hosts: ['c', 'a', 'b'] })).toEqual(['moved hosts[0]']);
  });

  it('uses the linear matching for long unkeyed lists', () => {
    const before = { xs: Array.from({ length: 5000 }, (_, i) => i) };
    const after = { xs: [...before.xs.slice(1), 0, 99999] };
    const changes = diff(before, after);
    expect(changes.map((c) => `${c.kind} ${c.pathText}`)).toEqual(['added xs[5000]', 'moved xs[4999]']);
    expect(applyChanges(before, changes)).toEqual(after);
  });

  it('matches Kubernetes documents by kind and name', () => {
    const dep = (name: string, replicas: number) => ({ kind: 'Deployment', metadata: { name }, spec: { replicas } });
    const changes = diffDocuments('k.yaml', [dep('a', 1), dep('b', 2)], [dep('z', 1), dep('a', 1), dep('b', 3)]);
    expect(changes.map((c) => [c.kind, c.document, c.pathText])).toEqual([
      ['modified', 2, 'spec.replicas'],
      ['added', 0, ''],
    ]);
  });
});

// Arbitrary config-like values: objects, keyed and unkeyed lists, scalars.
const scalar = fc.oneof(fc.integer({ min: -5, max: 5 }), fc.constantFrom('a', 'b', 'debug', 'info'), fc.boolean(), fc.constant(null));
const { value } = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalar,
    fc.dictionary(fc.constantFrom('a', 'b', 'c', 'name', 'w'), tie('value'), { maxKeys: 4 }),
    fc.array(tie('value'), { maxLength: 5 }),
    fc.uniqueArray(fc.record({ name: fc.constantFrom('r1', 'r2', 'r3', 'r4', 'r5'), w: tie('value') }), {
      selector: (r) => r.name,
      maxLength: 5,
    }),
  ),
}));

describe('property: applying the changes to before gives after', () => {
  it('holds for arbitrary values', () => {
    fc.assert(
      fc.property(value, value, (before, after) => {
        const changes = diff(before, after);
        expect(applyChanges(before, changes)).toEqual(after);
      }),
      { numRuns: propertyRuns(1500) },
    );
  });

  it('holds for permutations of keyed lists, with one move per displaced item', () => {
    const items = fc.uniqueArray(fc.integer({ min: 0, max: 60 }), { maxLength: 40 });
    fc.assert(
      fc.property(items, fc.infiniteStream(fc.nat()), (ids, stream) => {
        const before = ids.map((id) => ({ id, v: id * 2 }));
        const after = [...before].sort(() => (stream.next().value % 3) - 1);
        const changes = diff({ l: before }, { l: after });
        expect(changes.every((c) => c.kind === 'moved')).toBe(true);
        expect(applyChanges({ l: before }, changes)).toEqual({ l: after });
      }),
    );
  });
});

describe('whole documents', () => {
  it('a deleted file is one removal per document; an added file one addition', () => {
    expect(diffDocuments('f.yaml', [{ a: 1 }], []).map((c) => [c.kind, c.document, c.path])).toEqual([['removed', 0, []]]);
    expect(diffDocuments('f.yaml', [], [{ a: 1 }]).map((c) => [c.kind, c.document, c.path])).toEqual([['added', 0, []]]);
  });
});

describe('no quadratic path', () => {
  it('matches a long unkeyed list of identical items in linear steps', () => {
    const before = { xs: Array.from({ length: 100_000 }, () => 'same') };
    const after = { xs: [...before.xs, 'new'] };
    const changes = diffDocuments('f.yaml', [before], [after]);
    expect(changes.map((c) => `${c.kind} ${c.pathText}`)).toEqual(['added xs[100000]']);
  });
});

// Issue 10, item 14: Kubernetes documents are paired by kind/namespace/name, so a removed
// document (its before index) and an edited one (its after index) can share one index.
describe('multi-document files: applying the changes to the documents gives the after documents', () => {
  const k8s = (kind: string, name: string, spec: unknown) => ({ kind, metadata: { name }, spec });
  const roundTrip = (before: unknown[], after: unknown[]) => applyDocumentChanges(before, diffDocuments('k.yaml', before, after));

  it('a removed and an edited document sharing an index apply back', () => {
    const before = [k8s('Deployment', 'a', { replicas: 1 }), k8s('Service', 'b', { port: 80 })];
    const after = [k8s('Service', 'b', { port: 8080 })];
    expect(diffDocuments('k.yaml', before, after).map((c) => [c.kind, c.document, c.pathText])).toEqual([
      ['removed', 0, ''],
      ['modified', 0, 'spec.port'],
    ]);
    expect(roundTrip(before, after)).toEqual(after);
  });

  it('documents reordered are one move per displaced document, and apply back', () => {
    const before = [k8s('A', 'a', 1), k8s('B', 'b', 2), k8s('C', 'c', 3)];
    const after = [k8s('C', 'c', 3), k8s('A', 'a', 1), k8s('B', 'b', 5)];
    const changes = diffDocuments('k.yaml', before, after);
    expect(changes.map((c) => [c.kind, c.document, c.pathText, c.from, c.to])).toEqual([
      ['modified', 2, 'spec', undefined, undefined],
      ['moved', 0, '', 2, 0],
    ]);
    expect(applyDocumentChanges(before, changes)).toEqual(after);
  });

  it('documents paired by index (no Kubernetes identity) apply back', () => {
    expect(roundTrip([{ a: 1 }, { b: 2 }, { c: 3 }], [{ a: 2 }])).toEqual([{ a: 2 }]);
    expect(roundTrip([{ a: 1 }], [{ a: 1 }, 'x', { c: 3 }])).toEqual([{ a: 1 }, 'x', { c: 3 }]);
  });

  it('holds for arbitrary Kubernetes files: documents removed, added, edited and reordered', () => {
    const doc = fc.record({ kind: fc.constantFrom('Deployment', 'Service', 'ConfigMap'), name: fc.constantFrom('a', 'b', 'c', 'd'), spec: value });
    const file = fc.uniqueArray(doc, { selector: (d) => `${d.kind}/${d.name}`, maxLength: 6 }).map((docs) => docs.map((d) => k8s(d.kind, d.name, d.spec)));
    fc.assert(
      fc.property(file, file, (before, after) => {
        expect(roundTrip(before, after)).toEqual(after);
      }),
      { numRuns: propertyRuns(1000) },
    );
  });
});

// stefanprodan/gitops-istio ffa9e717: an operator manifest re-rendered with its documents in a new
// order and an empty document (a trailing `---`) lost its pairing by identity; compared by index,
// a ClusterRole read as "13 of 13 rules removed" and a document as emptied.
describe('an empty document does not stop documents being paired by identity', () => {
  const k8s = (kind: string, name: string, spec: unknown) => ({ kind, metadata: { name }, spec });
  it('reordered documents beside an empty one are moves, and apply back', () => {
    const before = [k8s('Namespace', 'op', 1), k8s('ClusterRole', 'op', { rules: [1, 2, 3] }), k8s('Deployment', 'op', 2)];
    const after = [k8s('ClusterRole', 'op', { rules: [1, 2, 3] }), k8s('Namespace', 'op', 1), k8s('Deployment', 'op', 3), null];
    const changes = diffDocuments('m.yaml', before, after);
    expect(changes.map((c) => [c.kind, c.document, c.pathText])).toEqual([
      ['moved', 0, ''],
      ['modified', 2, 'spec'],
      ['added', 3, ''],
    ]);
    expect(applyDocumentChanges(before, changes)).toEqual(after);
  });
  it('holds for arbitrary Kubernetes files with empty documents', () => {
    const doc = fc.oneof(
      fc.record({ kind: fc.constantFrom('Deployment', 'Service'), name: fc.constantFrom('a', 'b', 'c'), spec: value }).map((d) => k8s(d.kind, d.name, d.spec) as unknown),
      fc.constant(null),
    );
    const file = fc.uniqueArray(doc, { selector: (d) => (d === null ? 'empty' : `${(d as { kind: string }).kind}/${(d as { metadata: { name: string } }).metadata.name}`), maxLength: 6 });
    fc.assert(fc.property(file, file, (before, after) => {
      expect(applyDocumentChanges(before, diffDocuments('m.yaml', before, after))).toEqual(after);
    }), { numRuns: propertyRuns(800) });
  });
});
