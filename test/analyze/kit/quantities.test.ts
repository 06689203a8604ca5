import { describe, expect, test } from 'vitest';
import {
  parseDuration,
  parseKeyedQuantity,
  parseNumber,
  parsePercent,
  parseQuantity,
  parseRatio,
  unitOfKey,
} from '../../../src/analyze/kit/quantities.js';

describe('parseQuantity: Kubernetes quantities, byte sizes, rates', () => {
  test.each([
    [3, 3],
    ['100', 100],
    [' 2.5 ', 2.5],
    ['1e3', 1000],
    ['500m', 0.5],
    ['2k', 2000],
    ['512Mi', 512 * 2 ** 20],
    ['1Gi', 2 ** 30],
    ['1GiB', 2 ** 30],
    ['512MB', 512e6],
    ['100/s', 100],
    ['6000r/m', 100],
    ['10 per minute', 10 / 60],
    ['120 requests per hour', 120 / 3600],
    ['', undefined],
    ['lots', undefined],
    [true, undefined],
    [Number.NaN, undefined],
  ])('%j → %j', (value, expected) => {
    expect(parseQuantity(value)).toBe(expected);
  });
});

describe('parseDuration: seconds', () => {
  test.each([
    ['1s', 1],
    ['5m', 300],
    ['1h30m', 5400],
    ['250ms', 0.25],
    ['PT1M', 60],
    ['PT1H30M', 5400],
    ['minute', 60],
    ['MINUTE', 60],
    ['30', 30],
    [15, 15],
    [0, undefined],
    ['5 parsecs', undefined],
    ['1m5', undefined],
  ])('%j → %j', (value, expected) => {
    expect(parseDuration(value)).toBe(expected);
  });
});

describe('numbers, percentages, ratios', () => {
  test.each([
    ['100', 100],
    [' -2 ', -2],
    [7, 7],
    ['7x', undefined],
    [null, undefined],
  ])('parseNumber(%j) → %j', (value, expected) => {
    expect(parseNumber(value)).toBe(expected);
  });
  test.each([
    [25, 25],
    ['25', 25],
    ['25%', 25],
    ['12.5 %', 12.5],
    ['a%', undefined],
  ])('parsePercent(%j) → %j', (value, expected) => {
    expect(parsePercent(value)).toBe(expected);
  });
  test.each([
    [0.25, 0.25],
    ['0.25', 0.25],
    ['25%', 0.25],
    ['1/4', 0.25],
    ['1:3', 0.25],
    ['1/0', undefined],
    [3, undefined],
  ])('parseRatio(%j) → %j', (value, expected) => {
    expect(parseRatio(value)).toBe(expected);
  });
});

describe('the unit in the key name', () => {
  test.each([
    ['limit_gib', 'GiB'],
    ['memoryMiB', 'MiB'],
    ['memory_mb', 'MB'],
    ['size_bytes', 'B'],
    ['timeout_ms', 'ms'],
    ['timeoutMs', 'ms'],
    ['interval_seconds', 's'],
    ['ttl_days', 'd'],
    ['bytes', undefined],
    ['limit', undefined],
    ['climb', undefined],
  ])('unitOfKey(%s) → %s', (key, unit) => {
    expect(unitOfKey(key)?.unit).toBe(unit);
  });
  test.each([
    ['limit_gib', 4, 4 * 2 ** 30],
    ['limit_gib', '4', 4 * 2 ** 30],
    ['timeout_ms', 250, 0.25],
    ['memory', '512Mi', 512 * 2 ** 20],
    ['replicas', '3', 3],
  ])('parseKeyedQuantity(%s, %j) → %j', (key, value, expected) => {
    expect(parseKeyedQuantity(key, value)).toBe(expected);
  });
});
