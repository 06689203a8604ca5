import { describe, expect, test } from 'vitest';
import { extend, keyWords, matchKey, matchValue, matchWords, mentions, normKey, startKeyRun } from '../../../src/analyze/kit/keys.js';

const FAILOVER = ['failover', 'failoverto', 'backup'];
const QUOTA = ['ratelimit', 'maxconn*', '*quota*', 'per*price'];

describe('matchKey: one normalisation for every spelling', () => {
  test.each([
    ['failover', FAILOVER, true],
    ['failover_to', FAILOVER, true],
    ['failoverTo', FAILOVER, true],
    ['Failover-To', FAILOVER, true],
    ['failover to', FAILOVER, true],
    ['failovers', FAILOVER, false],
    ['backup_pool', FAILOVER, false],
    ['rate_limit', QUOTA, true],
    ['maxConnections', QUOTA, true],
    ['max_conn', QUOTA, true],
    ['dailyQuotaLimit', QUOTA, true],
    ['perRequestPrice', QUOTA, true],
    ['price', QUOTA, false],
    ['connections', QUOTA, false],
  ] as const)('%s in %j → %s', (key, vocabulary, expected) => {
    expect(matchKey(key, vocabulary)).toBe(expected);
  });

  test('answers stay right past what the caches keep, and in the next run', () => {
    // A file of many unique names fills the caches; what is asked after must still be answered.
    for (let run = 0; run < 2; run++) {
      startKeyRun();
      for (let i = 0; i < 10_000; i++) {
        expect(matchKey(`Item-${i}`, QUOTA)).toBe(false);
        expect(normKey(`Item_${i}`)).toBe(`item${i}`);
      }
      expect(matchKey('Max_Conn_Per_IP', QUOTA)).toBe(true);
      expect(matchKey('team-quota-total', QUOTA)).toBe(true);
      expect(matchKey('rate_limit', QUOTA)).toBe(true);
      expect(normKey('Desired Capacity')).toBe('desiredcapacity');
    }
  });

  test.each([
    ['replicas', 'replicas'],
    ['log.level', 'log.level'],
    ['v2', 'v2'],
    ['Ärger', 'ärger'],
    ['a\tb', 'ab'],
    ['a\u00a0b', 'ab'],
  ])('normKey(%j) → %j', (key, normal) => {
    expect(normKey(key)).toBe(normal);
  });

  test('numbers and undefined are never keys', () => {
    expect(matchKey(3, ['3'])).toBe(false);
    expect(matchKey(undefined, ['x'])).toBe(false);
  });

  test('normKey is the normalisation', () => {
    expect(['desired_capacity', 'DesiredCapacity', 'desired-capacity'].map(normKey)).toEqual(['desiredcapacity', 'desiredcapacity', 'desiredcapacity']);
  });
});

describe('matchValue: value words, `*` taken literally', () => {
  test.each([
    ['deny', ['deny', 'reject'], true],
    ['DENY', ['deny', 'reject'], true],
    ['deny_all', ['denyall'], true],
    ['*', ['*', 'any'], true],
    ['anything', ['*', 'any'], false],
    ['0.0.0.0/0', ['0.0.0.0/0'], true],
  ] as const)('%s in %j → %s', (value, vocabulary, expected) => {
    expect(matchValue(value, vocabulary)).toBe(expected);
  });
  test('non-strings never match', () => {
    expect(matchValue(true, ['true'])).toBe(false);
  });
});

describe('words and fragments', () => {
  test.each([
    [['accessLogPath'], ['access', 'log', 'path']],
    [['log_level', 'catalog.yaml'], ['log', 'level', 'catalog', 'yaml']],
  ])('keyWords(%j)', (parts, expected) => {
    expect([...keyWords(parts)]).toEqual(expected);
  });
  test.each([
    [['spec', 'upstreams'], ['upstream'], true],
    [['catalog.yaml'], ['log'], true],
    [['catalog.yaml'], ['dns'], false],
  ] as const)('mentions(%j, %j) → %s', (texts, fragments, expected) => {
    expect(mentions(texts, fragments)).toBe(expected);
  });
  test.each([
    [['catalog.yaml'], ['log'], false],
    [['accessLog'], ['log'], true],
    [['lb-pools.yaml'], ['pool*'], true],
  ] as const)('matchWords(%j, %j) → %s', (texts, vocabulary, expected) => {
    expect(matchWords(texts, vocabulary)).toBe(expected);
  });
});

describe('extend: options add words to a vocabulary', () => {
  test('adds, and leaves the original alone', () => {
    const base = Object.freeze(['replicas']);
    const more = extend(base, ['shards']);
    expect(matchKey('shards', more)).toBe(true);
    expect(matchKey('shards', base)).toBe(false);
    expect(extend(base, [])).toBe(base);
  });
});
