import { describe, expect, it } from 'vitest';
import { analyzeSize } from '../../../src/analyze/size/index.js';
import { byKind, kinds, run } from '../../support/analyze.js';

const routes = (n: number, from = 0) => Array.from({ length: n }, (_, i) => ({ name: `route-${from + i}`, prefix: `/svc${from + i}`, pool: 'api' }));

describe('size: growth', () => {
  it('a generated file doubling in bytes and entries', () => {
    const signals = run(analyzeSize, 'generated/features.json', { features: routes(50) }, { features: routes(110) });
    const s = byKind(signals, 'size-growth');
    expect(s.type).toBe('size');
    expect(s.direction).toBe('risky');
    expect(s.data).toMatchObject({ entriesBefore: 50, entriesAfter: 110, generated: true, largest: 'features' });
    expect(s.data.factor).toBeGreaterThanOrEqual(2.2);
    expect(s.summary).toContain('(generated) grew ×');
  });

  it('small growth is neutral', () => {
    const s = byKind(run(analyzeSize, 'gen/hosts.json', { hosts: routes(40) }, { hosts: routes(46) }), 'size-growth');
    expect(s.direction).toBe('neutral');
    expect(s.data.factor).toBeLessThan(1.3);
  });

  it('no signal for a tiny edit', () => {
    expect(kinds(run(analyzeSize, 'a.yaml', { a: 1, b: 'x' }, { a: 2, b: 'y' }))).toEqual([]);
  });

  it('uses the byte sizes of the files', () => {
    const s = byKind(run(analyzeSize, 'big.yaml', { a: 1 }, { a: 2 }, { side: { bytes: { before: 1000, after: 3500 } } }), 'size-growth');
    expect(s.data).toMatchObject({ bytesBefore: 1000, bytesAfter: 3500, factor: 3.5 });
  });
});

describe('size: duplicate identity', () => {
  it('two entries with the same name after the change', () => {
    const before = { routes: routes(3) };
    const after = { routes: [...routes(3), { name: 'route-1', prefix: '/other', pool: 'b' }] };
    const s = byKind(run(analyzeSize, 'routes.yaml', before, after), 'duplicate-identity');
    expect(s.direction).toBe('risky');
    expect(s.data).toMatchObject({ key: 'name', value: 'route-1', count: 2, indices: [1, 3] });
    expect(s.pathText).toBe('routes[name=route-1]');
    expect(s.path).toEqual(['routes', 3]);
  });

  it('by id in a nested list; duplicates that were there before are not this change', () => {
    const before = { groups: [{ name: 'g', rules: [{ id: 1 }, { id: 1 }, { id: 2 }] }] };
    const after = { groups: [{ name: 'g', rules: [{ id: 1 }, { id: 1 }, { id: 2 }, { id: 3 }] }] };
    expect(kinds(run(analyzeSize, 'r.yaml', before, after))).not.toContain('duplicate-identity');
    const after2 = { groups: [{ name: 'g', rules: [{ id: 1 }, { id: 1 }, { id: 2 }, { id: 2 }] }] };
    const s = byKind(run(analyzeSize, 'r.yaml', before, after2), 'duplicate-identity');
    expect(s.data).toMatchObject({ key: 'id', value: '2', count: 2 });
  });
});

describe('deletion: mass removal', () => {
  it.each([
    { name: '12 of 30 routes removed (40%)', before: routes(30), after: routes(18), removed: 12, share: 40, direction: 'risky' },
    { name: '2 of 30 removed (6.7%): neutral', before: routes(30), after: routes(28), removed: 2, share: 6.7, direction: 'neutral' },
  ])('$name', ({ before, after, removed, share, direction }) => {
    const s = byKind(run(analyzeSize, 'routes.yaml', { routes: before }, { routes: after }), 'mass-removal');
    expect(s.type).toBe('deletion');
    expect(s.direction).toBe(direction);
    expect(s.data).toMatchObject({ removed, before: 30, after: 30 - removed, sharePercent: share, collection: 'routes' });
  });

  it('one of 30 removed is no signal', () => {
    expect(kinds(run(analyzeSize, 'routes.yaml', { routes: routes(30) }, { routes: routes(29) }))).toEqual([]);
  });

  it('keys removed from a map, with added ones counted', () => {
    const before = { flags: { a: 1, b: 2, c: 3, d: 4, e: 5 } };
    const after = { flags: { a: 1, d: 4, e: 5, f: 6 } };
    const s = byKind(run(analyzeSize, 'flags.yaml', before, after), 'mass-removal');
    expect(s.data).toMatchObject({ removed: 2, before: 5, after: 4, sharePercent: 40, entries: ['b', 'c'] });
  });

  it('a whole list removed', () => {
    const s = byKind(run(analyzeSize, 'r.yaml', { routes: routes(6), other: 1 }, { other: 1 }), 'mass-removal');
    expect(s.data).toMatchObject({ removed: 6, before: 6, after: 0, sharePercent: 100 });
  });
});

describe('deletion: soft to hard delete', () => {
  it.each([
    ['CloudFormation DeletionPolicy Retain → Delete', { Resources: { Db: { DeletionPolicy: 'Retain' } } }, { Resources: { Db: { DeletionPolicy: 'Delete' } } }],
    ['PV reclaim policy', { spec: { persistentVolumeReclaimPolicy: 'Retain' } }, { spec: { persistentVolumeReclaimPolicy: 'Delete' } }],
    ['softDelete true → false', { storage: { softDelete: true } }, { storage: { softDelete: false } }],
    ['Argo CD prune false → true', { syncPolicy: { automated: { prune: false } } }, { syncPolicy: { automated: { prune: true } } }],
    ['prune added', { syncPolicy: { automated: { selfHeal: true } } }, { syncPolicy: { automated: { selfHeal: true, prune: true } } }],
    ['deletion_protection true → false', { db: { deletion_protection: true } }, { db: { deletion_protection: false } }],
  ])('%s', (_name, before, after) => {
    const s = byKind(run(analyzeSize, 'x.yaml', before, after), 'soft-to-hard-delete');
    expect(s.type).toBe('deletion');
    expect(s.direction).toBe('risky');
  });

  it.each([
    ['Delete → Retain', { r: { DeletionPolicy: 'Delete' } }, { r: { DeletionPolicy: 'Retain' } }],
    ['softDelete false → true', { softDelete: false }, { softDelete: true }],
    ['prune true → false', { prune: true }, { prune: false }],
  ])('safe direction: %s', (_name, before, after) => {
    expect(kinds(run(analyzeSize, 'x.yaml', before, after))).toEqual([]);
  });
});
