import { describe, expect, it } from 'vitest';
import { compilePathPattern, globMatcher } from '../../src/match.js';

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
    ['routes[0].weight', ['routes', 0, 'weight'], true],
    ['routes[0].weight', ['routes', 1, 'weight'], false],
    ['**.chattiness', ['ops', 'chattiness'], true],
  ] as const)('%s ~ %j → %s', (pattern, path, expected) => {
    expect(compilePathPattern(pattern)([...path])).toBe(expected);
  });
});

describe('globMatcher', () => {
  it.each([
    [['**/*.yaml'], {}, '.github/a.yaml', true],
    [['*.yaml'], {}, 'deep/a.yaml', false],
    [['*.yaml'], { basename: true }, 'deep/a.yaml', true],
    [['conf/*.yaml'], { basename: true }, 'deep/conf/a.yaml', false],
    [[], {}, 'a.yaml', false],
    [['a/**', 'b/**'], {}, 'b/c.json', true],
  ] as const)('%j %j ~ %s → %s', (globs, opts, path, expected) => {
    expect(globMatcher(globs, opts)(path)).toBe(expected);
  });
});
