import { describe, expect, test } from 'vitest';
import { scopeAll, scopeForPath, scopeWithHints, describeScope } from '../../../src/analyze/kit/scope.js';
import { pathMatches, getAt, lastKey } from '../../../src/analyze/kit/paths.js';

const inv = { traffic: { region: { 'eu-west-1': 30, 'us-east-1': 60, 'ap-south-1': 10 }, cohort: { canary: 2 } } };

describe('paths', () => {
  test.each([
    ['spec.replicas', ['spec', 'replicas'], true],
    ['spec.replicas', ['spec', 'template', 'replicas'], false],
    ['**.logLevel', ['a', 'b', 'logLevel'], true],
    ['**.logLevel', ['logLevel'], true],
    ['*.level', ['logging', 'level'], true],
    ['*.level', ['a', 'logging', 'level'], false],
    ['routes[*].weight', ['routes', 3, 'weight'], true],
    ['routes[*].weight', ['routes', 'x', 'weight'], false],
    ['routes[2].weight', ['routes', 2, 'weight'], true],
  ] as const)('%s ~ %j → %s', (pattern, path, expected) => {
    expect(pathMatches(pattern, path)).toBe(expected);
  });
  test('getAt / lastKey', () => {
    expect(getAt({ a: [{ b: 1 }] }, ['a', 0, 'b'])).toBe(1);
    expect(getAt({ a: 1 }, ['a', 'b'])).toBeUndefined();
    expect(lastKey(['routes', 2])).toBe('routes');
  });
});

describe('scopeForPath', () => {
  test.each([
    ['path segment names a region', 'app.yaml', ['regions', 'eu-west-1', 'logLevel'], {}, { dimension: 'region', targets: ['eu-west-1'], share: 30, basis: 'inventory' }],
    ['file path names a region', 'regions/us-east-1/app.yaml', ['logLevel'], {}, { share: 60, basis: 'inventory' }],
    ['file name stem', 'config/app.ap-south-1.yaml', ['logLevel'], {}, { share: 10 }],
    ['sibling region list sums', 'app.yaml', ['logging', 'level'], { logging: { level: 'debug', regions: ['eu-west-1', 'ap-south-1'] } }, { share: 40, targets: ['eu-west-1', 'ap-south-1'] }],
    ['selector names the canary cohort', 'app.yaml', ['spec', 'logLevel'], { spec: { selector: { cohort: 'canary' }, logLevel: 'debug' } }, { dimension: 'cohort', share: 2 }],
    ['canary percentage field', 'app.yaml', ['feature', 'level'], { feature: { level: 'debug', percentage: 5 } }, { share: 5, basis: 'config' }],
    ['canary: { weight: 5 }', 'app.yaml', ['x', 'level'], { x: { level: 'debug', canary: { weight: 5 } } }, { share: 5, basis: 'config' }],
    ['percentage of a region', 'app.yaml', ['regions', 'eu-west-1', 'level'], { regions: { 'eu-west-1': { level: 'debug', percentage: 10 } } }, { share: 3, basis: 'config' }],
    ['per-host override', 'app.yaml', ['overrides', 'hosts', 'web-17', 'level'], {}, { dimension: 'hosts', targets: ['web-17'], share: 1, basis: 'config' }],
    ['unscoped', 'app.yaml', ['logLevel'], {}, { targets: ['*'], share: 100, basis: 'assumed' }],
    ['default key', 'app.yaml', ['regions', 'default', 'logLevel'], {}, { share: 100, basis: 'assumed' }],
  ] as const)('%s', (_n, file, path, doc, expected) => {
    expect(scopeForPath(file, path, doc, inv)).toMatchObject(expected);
  });

  test('unscoped: missing hint; no inventory: dimension traffic', () => {
    const r = scopeWithHints('app.yaml', ['logLevel'], {}, undefined);
    expect(r.scope).toEqual(scopeAll('traffic'));
    expect(r.missing[0]).toMatch(/inventory/);
    expect(scopeWithHints('app.yaml', ['regions', 'eu-west-1', 'x'], {}, inv).missing).toEqual([]);
  });

  test('canary named without numbers is small, assumed', () => {
    expect(scopeForPath('envs/canary/app.yaml', ['logLevel'], {}, undefined)).toMatchObject({ share: 1, basis: 'assumed' });
  });

  test('describeScope', () => {
    expect(describeScope(scopeAll('region'))).toBe('on all regions (100% of traffic)');
    expect(describeScope({ dimension: 'region', targets: ['eu-west-1'], share: 30, basis: 'inventory' })).toBe('on eu-west-1 (30% of traffic)');
    expect(describeScope({ dimension: 'hosts', targets: ['web-17'], share: 1, basis: 'config' })).toBe('on host web-17 (about 1% of traffic)');
  });
});
