// Nested configs as data: a config placed at its folder, and merged over the one above it.
import { describe, expect, it } from 'vitest';
import { mergeConfigs, placeConfig, prefixGlob } from '../../src/config/place.js';

describe('prefixGlob', () => {
  it.each([
    ['', 'services/**', 'services/**'],
    ['teams/b', 'services/**', 'teams/b/services/**'],
    ['teams/b', '**/*.yaml', 'teams/b/**/*.yaml'],
    ['teams/b', './live/*.yaml', 'teams/b/live/*.yaml'],
    ['teams/b', '/live/*.yaml', 'teams/b/live/*.yaml'],
    ['teams/b', '!generated/**', '!teams/b/generated/**'],
  ])('%j + %j → %j', (dir, glob, expected) => expect(prefixGlob(dir, glob)).toBe(expected));
});

describe('placeConfig', () => {
  const resolve = (path: string) => `/repo/teams/b/${path}`;
  it('prefixes every glob, resolves every file name, scopes and names the waivers', () => {
    const placed = placeConfig(
      {
        files: ['*.yaml'],
        ignore: ['gen/**'],
        policies: ['policies'],
        inventory: 'inv.yml',
        overrides: [{ files: ['sandbox/**'], rules: { 'x.y': 'warn' } }],
        schemas: [{ files: ['deploy.yaml', 'svc/*.yaml'], schema: 's.json' }],
        analyzers: [{ path: 'a.b', analyzer: 'verbosity' }],
        waivers: [
          { policy: 'x.y', reason: 'r', owner: 'o', expires: '2099-01-01' },
          { policy: 'x.z', files: ['a.yaml'], reason: 'r', owner: 'o', expires: '2099-01-01', id: 'mine' },
        ],
        rules: { 'x.y': 'block' },
      },
      'teams/b',
      resolve,
    );
    expect(placed).toEqual({
      files: ['teams/b/*.yaml'],
      ignore: ['teams/b/gen/**'],
      policies: ['/repo/teams/b/policies'],
      inventory: '/repo/teams/b/inv.yml',
      overrides: [{ files: ['teams/b/sandbox/**'], rules: { 'x.y': 'warn' } }],
      schemas: [{ files: ['teams/b/**/deploy.yaml', 'teams/b/svc/*.yaml'], schema: '/repo/teams/b/s.json' }],
      analyzers: [{ path: 'a.b', analyzer: 'verbosity', files: ['teams/b/**'] }],
      waivers: [
        { policy: 'x.y', reason: 'r', owner: 'o', expires: '2099-01-01', id: 'teams/b/x.y#1', files: ['teams/b/**'] },
        { policy: 'x.z', files: ['teams/b/a.yaml'], reason: 'r', owner: 'o', expires: '2099-01-01', id: 'mine' },
      ],
      rules: { 'x.y': 'block' },
    });
  });

  it('at the root: ids as a single config gives them, no scope added', () => {
    expect(placeConfig({ waivers: [{ policy: 'x.y', reason: 'r', owner: 'o', expires: '2099-01-01' }] }, '', (p) => `/repo/${p}`).waivers).toEqual([
      { policy: 'x.y', reason: 'r', owner: 'o', expires: '2099-01-01', id: 'x.y#1' },
    ]);
  });
});

describe('mergeConfigs', () => {
  it('lists add up, rules and analyzer options merge by name (nearer wins), single values are the nearest set', () => {
    const parent = {
      files: ['**/*.yaml'],
      ignore: ['a/**'],
      policies: ['/p1'],
      rules: { 'x.a': 'block' as const, 'x.b': 'warn' as const },
      analyzerOptions: { capacity: { capacityKeys: ['shards'] }, flag: { containers: ['flags'] } },
      failOn: 'block' as const,
      inventory: '/inv1',
      headroom: 10,
    };
    const child = {
      ignore: ['b/**'],
      policies: ['/p2'],
      rules: { 'x.b': 'off' as const },
      analyzerOptions: { capacity: { capacityKeys: ['pods'] } },
      inventory: '/inv2',
      root: false,
    };
    expect(mergeConfigs(parent, child)).toEqual({
      files: ['**/*.yaml'],
      ignore: ['a/**', 'b/**'],
      policies: ['/p1', '/p2'],
      rules: { 'x.a': 'block', 'x.b': 'off' },
      analyzerOptions: { capacity: { capacityKeys: ['pods'] }, flag: { containers: ['flags'] } },
      failOn: 'block',
      inventory: '/inv2',
      headroom: 10,
    });
  });
});
