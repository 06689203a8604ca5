import { describe, expect, it } from 'vitest';
import { compareLevel } from '../../src/severity.js';

describe('compareLevel: the one severity order', () => {
  it.each([
    ['block', 'rollout', -1],
    ['rollout', 'warn', -1],
    ['warn', 'notice', -1],
    ['notice', 'block', 1],
    ['warn', 'warn', 0],
  ] as const)('%s vs %s → sign %d', (a, b, sign) => {
    expect(Math.sign(compareLevel(a, b))).toBe(sign);
  });
});
