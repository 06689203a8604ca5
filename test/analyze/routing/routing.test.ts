import { describe, expect, test } from 'vitest';
import { brief, run } from '../../support/analyze.js';
import { analyzeRouting } from '../../../src/analyze/routing/index.js';

const inv = { pools: { 'api-a': { capacity: 40000, load: 30000 }, 'api-b': { capacity: 30000, load: 18000 }, 'api-c': { capacity: 100000, load: 10000 } } };
const vs = (a: number, b: number) => ({
  apiVersion: 'networking.istio.io/v1', kind: 'VirtualService',
  spec: { hosts: ['api'], http: [{ route: [{ destination: { host: 'api', subset: 'a' }, weight: a }, { destination: { host: 'api', subset: 'b' }, weight: b }] }] },
});
const envoy = (a: number, b: number) => ({ route: { weighted_clusters: { clusters: [{ name: 'api-a', weight: a }, { name: 'api-b', weight: b }] } } });
const dns = (a: number, b: number) => ({ ResourceRecordSets: [{ Name: 'api.example.com.', Type: 'A', SetIdentifier: 'api-a', Weight: a }, { Name: 'api.example.com.', Type: 'A', SetIdentifier: 'api-b', Weight: b }] });

const upstream = (servers: Array<[string, number]>) => ({ upstreams: [{ name: 'api', servers: servers.map(([host, weight]) => ({ host, weight })) }] });
type Row = [name: string, file: string, before: unknown, after: unknown, expected: Array<Record<string, unknown>>];
const rows: Row[] = [
  ['a backend added to a pool at the same weight is scaling out, not a shift', 'lb.yaml',
    upstream([['10.0.0.1', 1], ['10.0.0.2', 1]]), upstream([['10.0.0.1', 1], ['10.0.0.2', 1], ['10.0.0.3', 1]]),
    [{ kind: 'backends-added', direction: 'safe', added: ['10.0.0.3'] }]],
  ['a backend added heavier than the others still shifts traffic', 'lb.yaml',
    upstream([['10.0.0.1', 1], ['10.0.0.2', 1]]), upstream([['10.0.0.1', 1], ['10.0.0.2', 1], ['10.0.0.3', 8]]),
    [{ kind: 'traffic-shifted', direction: 'risky' }]],
  ['a backend added while another is reweighted still shifts traffic', 'lb.yaml',
    upstream([['10.0.0.1', 1], ['10.0.0.2', 1]]), upstream([['10.0.0.1', 3], ['10.0.0.2', 1], ['10.0.0.3', 1]]),
    [{ kind: 'traffic-shifted', direction: 'risky' }]],
  ['istio full shift overloads api-b', 'vs.yaml', vs(100, 0), vs(0, 100), [
    { kind: 'pool-overloaded', direction: 'risky', pool: 'api-b', projected: 48000, capacity: 30000, limit: 24000 },
    { kind: 'traffic-shifted', direction: 'risky', moved: 100, share: 100 },
  ]],
  ['istio 1% canary step', 'vs.yaml', vs(100, 0), vs(99, 1), [{ kind: 'traffic-shifted', direction: 'risky', moved: 1, share: 1 }]],
  ['envoy weighted_clusters 50/50 → 0/100', 'envoy.yaml', envoy(50, 50), envoy(0, 100), [
    { kind: 'pool-overloaded', pool: 'api-b', projected: 48000 },
    { kind: 'traffic-shifted', moved: 50, share: 50 },
  ]],
  ['route53 weighted records', 'dns.json', dns(90, 10), dns(0, 100), [{ kind: 'pool-overloaded', projected: 48000 }, { kind: 'traffic-shifted', moved: 90 }]],
  ['all weights zero', 'envoy.yaml', envoy(50, 50), envoy(0, 0), [{ kind: 'pool-emptied', direction: 'risky' }]],
  ['drain with failover target', 'pools.yaml',
    { pools: [{ name: 'api-a', drain: false, failover: 'api-b' }, { name: 'api-b', drain: false }] },
    { pools: [{ name: 'api-a', drain: true, failover: 'api-b' }, { name: 'api-b', drain: false }] },
    [{ kind: 'pool-overloaded', pool: 'api-b', projected: 48000 }, { kind: 'traffic-shifted', drained: 'api-a', share: 50 }]],
  ['drain onto a big pool', 'pools.yaml',
    { pools: [{ name: 'api-a', enabled: true }, { name: 'api-c', enabled: true }] },
    { pools: [{ name: 'api-a', enabled: false }, { name: 'api-c', enabled: true }] },
    [{ kind: 'traffic-shifted', receivers: ['api-c'] }]],
  ['upstream switch', 'lb.yaml', { upstream: 'api-a' }, { upstream: 'api-b' }, [{ kind: 'pool-overloaded', projected: 48000 }, { kind: 'traffic-shifted', moved: 100 }]],
  ['failover target changed to a small pool', 'lb.yaml', { primary: { name: 'api-a', failover: 'api-c' } }, { primary: { name: 'api-a', failover: 'api-b' } }, [
    { kind: 'pool-overloaded', pool: 'api-b', failover: true }, { kind: 'failover-changed', direction: 'neutral' }]],
  ['announce switched off', 'bgp.yaml',
    { services: [{ name: 'msg', prefixes: ['10.0.0.0/16'], announce: true }] },
    { services: [{ name: 'msg', prefixes: ['10.0.0.0/16'], announce: false }] },
    [{ kind: 'routes-withdrawn', direction: 'risky', service: 'msg', share: 100 }]],
  ['announce off but another entry still announces', 'bgp.yaml',
    { services: [{ name: 'msg', prefixes: ['10.0.0.0/16'], announce: true }, { name: 'msg-2', prefixes: ['10.0.0.0/16'], announce: true }] },
    { services: [{ name: 'msg', prefixes: ['10.0.0.0/16'], announce: false }, { name: 'msg-2', prefixes: ['10.0.0.0/16'], announce: true }] },
    []],
  ['bgp networks emptied', 'bgp.json', { bgp: { asn: 65000, networks: ['10.0.0.0/16', '10.1.0.0/16'] } }, { bgp: { asn: 65000, networks: [] } }, [
    { kind: 'routes-withdrawn', prefixes: ['10.0.0.0/16', '10.1.0.0/16'] }]],
  ['backends emptied', 'up.yaml', { upstreams: [{ name: 'api', servers: ['10.0.0.1', '10.0.0.2'] }] }, { upstreams: [{ name: 'api', servers: [] }] }, [
    { kind: 'pool-emptied', pool: 'api' }]],
  ['one of two backends removed', 'up.yaml', { upstreams: [{ name: 'api', servers: ['10.0.0.1', '10.0.0.2'] }] }, { upstreams: [{ name: 'api', servers: ['10.0.0.1'] }] }, [
    { kind: 'routes-removed', remaining: 1, share: 50 }]],
  ['accept moved below catch-all deny', 'fw.yaml',
    { rules: [{ name: 'allow-api', action: 'accept', source: '10.0.0.0/8' }, { name: 'deny-all', action: 'deny' }] },
    { rules: [{ name: 'deny-all', action: 'deny' }, { name: 'allow-api', action: 'accept', source: '10.0.0.0/8' }] },
    [{ kind: 'rule-reordered', direction: 'risky', shadowed: ['allow-api'], terminal: 'deny-all' }]],
  ['export policy: catch-all reject moved first withdraws everything', 'bgp/export-policy.yaml',
    { route_policy: { name: 'EXPORT-TO-TRANSIT', terms: [{ name: 'announce-dc', from: { prefix_list: 'DC' }, then: 'accept' }, { name: 'reject-rest', then: 'reject' }] } },
    { route_policy: { name: 'EXPORT-TO-TRANSIT', terms: [{ name: 'reject-rest', then: 'reject' }, { name: 'announce-dc', from: { prefix_list: 'DC' }, then: 'accept' }] } },
    [{ kind: 'rule-reordered', direction: 'risky' }, { kind: 'routes-withdrawn', direction: 'risky' }]],
  ['rules reordered above the terminal', 'fw.yaml',
    { rules: [{ name: 'a', action: 'accept', source: '10.0.0.0/8' }, { name: 'b', action: 'accept', source: '10.1.0.0/16' }, { name: 'deny-all', action: 'deny' }] },
    { rules: [{ name: 'b', action: 'accept', source: '10.1.0.0/16' }, { name: 'a', action: 'accept', source: '10.0.0.0/8' }, { name: 'deny-all', action: 'deny' }] },
    [{ kind: 'rule-reordered', direction: 'neutral' }]],
  ['host set reordered', 'hosts.yaml', { upstream: { hosts: ['a', 'b', 'c'] } }, { upstream: { hosts: ['c', 'a', 'b'] } }, []],
  ['new route for a new service', 'routes.yaml', { routes: [{ name: 'api', prefix: '/api', backend: 'api' }] },
    { routes: [{ name: 'api', prefix: '/api', backend: 'api' }, { name: 'media', prefix: '/media', backend: 'media' }] }, [{ kind: 'route-added', direction: 'safe' }]],
  ['description only', 'routes.yaml', { routes: [{ name: 'api', description: 'x', weight: 100 }] }, { routes: [{ name: 'api', description: 'y', weight: 100 }] }, []],
];

describe('analyzeRouting', () => {
  test.each(rows)('%s', (_name, file, before, after, expected) => {
    const got = run(analyzeRouting, file, before, after, { inventory: inv }).map(brief);
    expect(got).toHaveLength(expected.length);
    expected.forEach((e, i) => expect(got[i]).toMatchObject(e));
  });

  test('pool-overloaded summary shows the numbers', () => {
    const [s] = run(analyzeRouting, 'vs.yaml', vs(100, 0), vs(0, 100), { inventory: inv });
    expect(s!.summary).toBe('pool api-b: projected 48,000 rps against capacity 30,000 (limit 24,000 with 20% headroom)');
    expect(s!.data).toMatchObject({ unit: 'rps', headroom: 20 });
  });

  test('headroom option', () => {
    const got = run(analyzeRouting, 'vs.yaml', vs(100, 0), vs(90, 10), { inventory: { pools: { 'api-a': { capacity: 40000, load: 30000 }, 'api-b': { capacity: 30000, load: 18000 } } }, options: { headroom: 50 } });
    // 18,000 + 3,000 = 21,000 > 15,000 (50% headroom)
    expect(got.map((s) => s.kind)).toEqual(['pool-overloaded', 'traffic-shifted']);
    expect(got[0]!.data).toMatchObject({ projected: 21000, limit: 15000 });
  });

  test('missing pools are named, not guessed', () => {
    const [s] = run(analyzeRouting, 'vs.yaml', vs(100, 0), vs(0, 100));
    expect(s!.kind).toBe('traffic-shifted');
    expect(s!.missing?.join('\n')).toMatch(/pool api\/a|pools\.api\/b/);
  });

  test('scope from the inventory: a region route moves only its share', () => {
    const file = 'regions/eu-west-1/route.yaml';
    const [s] = run(analyzeRouting, file, envoy(100, 0), envoy(0, 100), { inventory: { traffic: { region: { 'eu-west-1': 30, 'us-east-1': 70 } } } });
    expect(s!.scope).toMatchObject({ dimension: 'region', share: 30, basis: 'inventory' });
  });
});

describe('analyzeRouting: not routing', () => {
  test('a feature switched off is not a drain', () => {
    const got = run(analyzeRouting, 'features.yaml', { features: [{ name: 'dark-mode', enabled: true }, { name: 'beta', enabled: true }] }, { features: [{ name: 'dark-mode', enabled: false }, { name: 'beta', enabled: true }] });
    expect(got).toEqual([]);
  });
  test('a user deactivated is not a drain', () => {
    const got = run(analyzeRouting, 'users.yaml', { users: [{ id: 'ann', active: true }, { id: 'bob', active: true }] }, { users: [{ id: 'ann', active: false }, { id: 'bob', active: true }] });
    expect(got).toEqual([]);
  });
});
