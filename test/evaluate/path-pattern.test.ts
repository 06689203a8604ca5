import { describe, expect, it } from 'vitest';
import { compilePathPattern } from '../../src/evaluate/path-pattern.js';

describe('compilePathPattern', () => {
  it.each([
    ['spec.replicas', ['spec', 'replicas'], true],
    ['spec.replicas', ['spec', 'replicas', 'x'], false],
    ['**.logLevel', ['logLevel'], true],
    ['**.logLevel', ['a', 'b', 'logLevel'], true],
    ['**.logLevel', ['a', 'logLevels'], false],
    ['logging.level.*', ['logging', 'level', 'com.acme'], true],
    ['logging.level.*', ['logging', 'level'], false],
    ['routes[*].weight', ['routes', 3, 'weight'], true],
    ['routes[*].weight', ['routes', 'weight'], false],
    ['containers.image', ['containers', 2, 'image'], true],
    ['**.env', ['spec', 'containers', 0, 'env', 1], true],
    ['*Level', ['logLevel'], true],
    ['*Level', ['level'], false],
    ['a["x.y"]', ['a', 'x.y'], true],
    ['**', ['anything', 1, 'at all'], true],
  ] as const)('%s ~ %j → %s', (pattern, path, expected) => {
    expect(compilePathPattern(pattern)([...path])).toBe(expected);
  });
});
