// The inventory facts the failover-capacity and route-withdrawal recognisers read: the host
// registry and the workloads' pod labels, parsed and validated like the rest of the inventory.
import { describe, expect, test } from 'vitest';
import { parseInventory } from '../../../src/analyze/inventory.js';
import { InputError } from '../../../src/errors.js';

describe('inventory hosts and workloads', () => {
  test('are kept', () => {
    const inv = parseInventory({
      hosts: { 'idx-use1-01': { pool: 'idx-use1', region: 'us-east-1', capacity: 2000 } },
      workloads: { payments: { namespace: 'shop', labels: { app: 'payments' } } },
    }, 'inventory.yml');
    expect(inv.hosts?.['idx-use1-01']).toEqual({ pool: 'idx-use1', region: 'us-east-1', capacity: 2000 });
    expect(inv.workloads?.payments?.labels).toEqual({ app: 'payments' });
  });

  test.each([
    [{ hosts: { 'web-01': { capacity: 'big' } } }, '/hosts/web-01/capacity'],
    [{ hosts: { 'web-01': { pools: 'web' } } }, '"pools"'],
    [{ workloads: { payments: { namespace: 'shop' } } }, '/workloads/payments'],
    [{ workloads: { payments: { labels: { app: 3 } } } }, '/workloads/payments/labels/app'],
  ])('invalid: %j names %s in one line', (doc, pointer) => {
    let err: unknown;
    try {
      parseInventory(doc, 'ops/inventory.yml');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InputError);
    expect((err as Error).message).toContain(pointer);
    expect((err as Error).message).not.toContain('\n');
  });
});
