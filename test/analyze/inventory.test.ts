import { describe, expect, test } from 'vitest';
import { parseInventory } from '../../src/analyze/inventory.js';
import { InputError } from '../../src/errors.js';

describe('parseInventory', () => {
  test('a full inventory', () => {
    const inv = parseInventory({
      traffic: { region: { 'eu-west-1': 30, 'us-east-1': 70 } },
      pools: { 'api-b': { capacity: 30000, load: 18000, unit: 'rps' } },
      callers: [{ id: 'web-client', internal: true, plan: 'free', endpoints: ['/media/upload'] }],
      usage: { 'quotas.api.rps': 1200 },
    }, 'inventory.yml');
    expect(inv.source).toBe('inventory.yml');
    expect(inv.pools?.['api-b']?.capacity).toBe(30000);
    expect(inv.callers?.[0]?.internal).toBe(true);
  });

  test('empty is fine', () => {
    expect(parseInventory(null, 'inventory.yml')).toEqual({ source: 'inventory.yml' });
  });

  test.each([
    [{ pools: { 'api-b': { capacity: 'lots' } } }, '/pools/api-b/capacity'],
    [{ traffic: { region: { 'eu-west-1': 130 } } }, '/traffic/region/eu-west-1'],
    [{ callers: [{ internal: true }] }, '/callers/0'],
    [{ pool: {} }, '"pool"'],
  ])('invalid: %j names %s', (doc, pointer) => {
    let err: unknown;
    try {
      parseInventory(doc, 'ops/inventory.yml');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InputError);
    const msg = (err as Error).message;
    expect(msg.startsWith('ops/inventory.yml: ')).toBe(true);
    expect(msg).toContain(pointer);
    expect(msg).not.toContain('\n');
  });
});
