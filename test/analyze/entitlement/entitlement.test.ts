import { describe, expect, it } from 'vitest';
import { analyzeEntitlement, endpointMatches, readRules, simulate } from '../../../src/analyze/entitlement/index.js';
import type { Inventory } from '../../../src/analyze/types.js';
import { byKind, kinds, run } from '../../support/analyze.js';

const inventory: Inventory = {
  callers: [
    { id: 'web-client', internal: true, plan: 'first-party', endpoints: ['/media/upload', '/timeline'] },
    { id: 'ios-app', internal: true, endpoints: ['/media/upload', '/users/42'] },
    { id: 'partner-pro', plan: 'pro', endpoints: ['/media/upload', '/timeline'] },
    { id: 'hobbyist', plan: 'free', endpoints: ['/timeline'] },
  ],
};

// An API gateway plan file.
const gatewayBefore = {
  enforcement: false,
  plans: {
    free: { description: 'Free tier', endpoints: ['/timeline', '/users/*'], rateLimit: '100/m' },
    pro: { description: 'Pro tier', endpoints: ['/timeline', '/users/*', '/media/*'], price: 99 },
  },
};
const gatewayAfter = { ...gatewayBefore, enforcement: true };

describe('entitlement: rule reading and simulation', () => {
  it('matches endpoint patterns', () => {
    const table: Array<[string, string, boolean]> = [
      ['/media/*', '/media/upload', true],
      ['/media/*', '/timeline', false],
      ['/users/{id}', '/users/42', true],
      ['/users/:id', '/users/42', true],
      ['GET /timeline', '/timeline', true],
      ['/v2/', '/v2/search', true],
      ['*', '/anything', true],
      ['/timeline', '/timeline/', true],
      ['/timeline', '/timelines', false],
    ];
    for (const [p, e, want] of table) expect([p, e, endpointMatches(p, e)]).toEqual([p, e, want]);
  });

  it('simulates plans, enforcement and exemptions', () => {
    const rules = readRules([gatewayAfter]);
    expect(simulate(rules, { id: 'x', plan: 'free' }, '/media/upload')).toEqual({ allowed: false, charged: false });
    expect(simulate(rules, { id: 'x', plan: 'pro' }, '/media/upload')).toEqual({ allowed: true, charged: true });
    expect(simulate(rules, { id: 'x' }, '/timeline').allowed).toBe(false); // no plan, enforcement on
    expect(simulate(readRules([gatewayBefore]), { id: 'x' }, '/timeline').allowed).toBe(true); // enforcement off
    const exempt = readRules([{ ...gatewayAfter, exemptInternal: true }]);
    expect(simulate(exempt, { id: 'x', internal: true }, '/media/upload')).toEqual({ allowed: true, charged: false });
  });
});

describe('entitlement: signals', () => {
  it('API-gateway plan file: enforcement on without exempting internal callers → access-lost naming them', () => {
    const signals = run(analyzeEntitlement, 'gateway/plans.yaml', gatewayBefore, gatewayAfter, { inventory });
    const lost = byKind(signals, 'access-lost');
    expect(lost.direction).toBe('risky');
    expect(lost.type).toBe('entitlement');
    expect(lost.data.internal).toEqual(['web-client', 'ios-app']);
    expect(lost.data.callers).toEqual([
      { id: 'web-client', internal: true, endpoints: ['/media/upload', '/timeline'] },
      { id: 'ios-app', internal: true, endpoints: ['/media/upload', '/users/42'] },
    ]);
    expect(lost.scope).toEqual({ dimension: 'callers', targets: ['web-client', 'ios-app'], share: 50, basis: 'inventory' });
    expect(lost.summary).toMatch(/^2 internal callers lose access: web-client → \/media\/upload, \/timeline; ios-app → /);
    expect(lost.pathText).toBe('enforcement');
    const charged = byKind(signals, 'charged');
    expect(charged.data.callers).toEqual([{ id: 'partner-pro', internal: false, endpoints: ['/media/upload', '/timeline'] }]);
    expect(charged.data.internal).toEqual([]);
  });

  it('the same change with exemptInternal: true loses no internal caller', () => {
    const after = { ...gatewayAfter, exemptInternal: true };
    const signals = run(analyzeEntitlement, 'gateway/plans.yaml', gatewayBefore, after, { inventory });
    expect(signals.find((s) => s.kind === 'access-lost')).toBeUndefined();
    expect(byKind(signals, 'exemption-added').direction).toBe('safe');
    expect(byKind(signals, 'charged').data.internal).toEqual([]);
  });

  it('billing rules (JSON): billing.enforce on with a priced, plan-restricted endpoint', () => {
    const before = {
      billing: {
        enforce: false,
        exempt: ['ios-app'],
        rules: [{ endpoint: '/media/*', requiredPlans: ['pro', 'enterprise'], pricePerCall: 0.002 }],
      },
    };
    const after = { billing: { ...before.billing, enforce: true } };
    const signals = run(analyzeEntitlement, 'billing/rules.json', before, after, { inventory });
    const lost = byKind(signals, 'access-lost');
    expect(lost.data.internal).toEqual(['web-client']); // ios-app is exempt
    expect((lost.data.callers as Array<{ id: string }>).map((c) => c.id)).toEqual(['web-client']);
    expect(byKind(signals, 'charged').data.callers).toEqual([{ id: 'partner-pro', internal: false, endpoints: ['/media/upload'] }]);
    expect(lost.pathText).toBe('billing.enforce');
  });

  it('Kong-like consumer ACL: an acl plugin added to a route', () => {
    const base = {
      _format_version: '3.0',
      consumers: [
        { username: 'web-client', acls: [{ group: 'first-party' }] },
        { username: 'partner-pro', acls: [{ group: 'pro' }] },
      ],
      services: [{ name: 'media', url: 'http://media:8080', routes: [{ name: 'media-upload', paths: ['/media/upload'] }] }],
    };
    const after = structuredClone(base) as typeof base & { services: Array<{ routes: Array<Record<string, unknown>> }> };
    after.services[0]!.routes[0]!.plugins = [{ name: 'acl', config: { allow: ['pro', 'enterprise'] } }];
    const signals = run(analyzeEntitlement, 'kong/kong.yaml', base, after, { inventory });
    const lost = byKind(signals, 'access-lost');
    expect(lost.data.internal).toEqual(['web-client', 'ios-app']);
    expect(signals.find((s) => s.kind === 'charged')).toBeUndefined();
  });

  it('a top-level Kong plugin pointing at a route by name', () => {
    const base = {
      routes: [{ name: 'media-upload', paths: ['/media/upload'] }],
      plugins: [{ name: 'acl', route: 'media-upload', enabled: false, config: { allow: ['pro'] } }],
    };
    const after = { ...base, plugins: [{ ...base.plugins[0], enabled: true }] };
    const lost = byKind(run(analyzeEntitlement, 'kong.yaml', base, after, { inventory }), 'access-lost');
    expect((lost.data.callers as Array<{ id: string }>).map((c) => c.id)).toEqual(['web-client', 'ios-app']);
  });

  it('without a caller registry: plans are simulated, 100% assumed, registry named as missing', () => {
    const signals = run(analyzeEntitlement, 'plans.yaml', gatewayBefore, gatewayAfter);
    const lost = byKind(signals, 'access-lost');
    expect(lost.scope).toEqual({ dimension: 'callers', targets: ['*'], share: 100, basis: 'assumed' });
    expect(lost.missing).toContain('caller registry (inventory.callers)');
    expect(lost.data.internal).toEqual([]);
    expect(lost.data.registry).toBe(false);
  });

  it.each([
    ['a plan adds an endpoint', { ...gatewayAfter, plans: { ...gatewayAfter.plans, free: { ...gatewayAfter.plans.free, endpoints: ['/timeline', '/users/*', '/media/*'] } } }, []],
    ['a description-only change', { ...gatewayAfter, plans: { ...gatewayAfter.plans, free: { ...gatewayAfter.plans.free, description: 'Free tier (for hobbyists)' } } }, []],
    ['a caller added to the exemption list', { ...gatewayAfter, exempt: ['web-client'] }, ['access-gained', 'exemption-added']],
    ['the rate limit of a plan raised', { ...gatewayAfter, plans: { ...gatewayAfter.plans, free: { ...gatewayAfter.plans.free, rateLimit: '200/m' } } }, []],
  ])('%s → %j', (_name, after, expected) => {
    const before = { ...gatewayAfter, exempt: [] as string[] };
    const signals = run(analyzeEntitlement, 'plans.yaml', before, after, { inventory });
    expect(kinds(signals).sort()).toEqual([...expected].sort());
    for (const s of signals) expect(s.direction).toBe('safe');
  });

  it('a plan adding an endpoint is access-gained for the callers on it (plans simulated without a registry)', () => {
    const after = { ...gatewayAfter, plans: { ...gatewayAfter.plans, free: { ...gatewayAfter.plans.free, endpoints: ['/timeline', '/users/*', '/media/*'] } } };
    const signals = run(analyzeEntitlement, 'plans.yaml', gatewayAfter, after);
    expect(kinds(signals)).toEqual(['access-gained']);
    expect((byKind(signals, 'access-gained').data.callers as Array<{ id: string }>).map((c) => c.id)).toEqual(['plan:free']);
  });

  it('removing an internal caller from the exemption list is access-lost and exemption-removed', () => {
    const before = { ...gatewayAfter, exempt: ['web-client', 'ios-app'] };
    const after = { ...gatewayAfter, exempt: ['ios-app'] };
    const signals = run(analyzeEntitlement, 'plans.yaml', before, after, { inventory });
    expect(kinds(signals).sort()).toEqual(['access-lost', 'exemption-removed']);
    expect(byKind(signals, 'access-lost').data.internal).toEqual(['web-client']);
    expect(byKind(signals, 'access-lost').pathText).toMatch(/^exempt/);
  });

  it('per-caller allow lists in a consumer map', () => {
    const before = { consumers: { 'web-client': { plan: 'first-party', allow: ['/media/*', '/timeline'] } } };
    const after = { consumers: { 'web-client': { plan: 'first-party', allow: ['/timeline'] } } };
    const lost = byKind(run(analyzeEntitlement, 'acl.yaml', before, after, { inventory }), 'access-lost');
    expect(lost.data.callers).toEqual([{ id: 'web-client', internal: true, endpoints: ['/media/upload'] }]);
  });

  it('mode: monitor → enforce is an enforcement switch', () => {
    const before = { entitlements: { mode: 'monitor' }, plans: gatewayBefore.plans };
    const after = { entitlements: { mode: 'enforce' }, plans: gatewayBefore.plans };
    const lost = byKind(run(analyzeEntitlement, 'ent.yaml', before, after, { inventory }), 'access-lost');
    expect(lost.data.internal).toEqual(['web-client', 'ios-app']);
  });

  it('ignores files with no entitlement vocabulary', () => {
    expect(run(analyzeEntitlement, 'app.yaml', { replicas: 3, mode: 'fast' }, { replicas: 2, mode: 'slow' }, { inventory })).toEqual([]);
  });
});
