import { expect, test } from 'vitest';
import routing from '../../../src/analyze/routing/index.js';
import { run, table } from '../kit/table.js';

const pools = { pools: { 'api-a': { capacity: 40000, load: 30000 }, 'api-b': { capacity: 30000, load: 18000 } } };

table(routing, 'recognised (kind@line)', [
  {
    name: 'istio weights 90/10 → 50/50',
    file: 'vs.yaml',
    before: `
      kind: VirtualService
      spec:
        http:
          - route:
              - destination: { host: api, subset: a }
                weight: 90
              - destination: { host: api, subset: b }
                weight: 10`,
    after: `
      kind: VirtualService
      spec:
        http:
          - route:
              - destination: { host: api, subset: a }
                weight: 50
              - destination: { host: api, subset: b }
                weight: 50`,
    expect: ['traffic-shifted@6'],
  },
  {
    name: 'a weight map emptied of weight',
    file: 'split.yaml',
    before: `
      split:
        api-a: 50
        api-b: 50`,
    after: `
      split:
        api-a: 0
        api-b: 0`,
    expect: ['pool-emptied@2'],
  },
  {
    name: 'upstream switched onto a pool that cannot carry it',
    file: 'lb.yaml',
    before: `
      frontend:
        upstream: api-a`,
    after: `
      frontend:
        upstream: api-b`,
    inventory: pools,
    expect: ['pool-overloaded@2', 'traffic-shifted@2'],
  },
  {
    name: 'failover target changed',
    file: 'lb.yaml',
    before: `
      primary:
        name: api-a
        failover: api-c`,
    after: `
      primary:
        name: api-a
        failover: api-b`,
    expect: ['failover-changed@3'],
  },
  {
    name: 'a pool drained onto its failover',
    file: 'pools.yaml',
    before: `
      pools:
        - name: api-a
          drain: false
          failover: api-b
        - name: api-b
          drain: false`,
    after: `
      pools:
        - name: api-a
          drain: true
          failover: api-b
        - name: api-b
          drain: false`,
    inventory: pools,
    expect: ['pool-overloaded@3', 'traffic-shifted@3'],
  },
  {
    name: 'announce switched off withdraws the prefixes',
    file: 'bgp.yaml',
    before: `
      services:
        - name: msg
          prefixes: [10.0.0.0/16]
          announce: true`,
    after: `
      services:
        - name: msg
          prefixes: [10.0.0.0/16]
          announce: false`,
    expect: ['routes-withdrawn@4'],
  },
  {
    name: 'every backend removed',
    file: 'up.yaml',
    before: `
      upstreams:
        - name: api
          servers: [10.0.0.1, 10.0.0.2]`,
    after: `
      upstreams:
        - name: api
          servers: []`,
    expect: ['pool-emptied@3'],
  },
  {
    name: 'one of two backends removed',
    file: 'up.yaml',
    before: `
      upstreams:
        - name: api
          servers:
            - 10.0.0.1
            - 10.0.0.2`,
    after: `
      upstreams:
        - name: api
          servers:
            - 10.0.0.1`,
    // Bug: reported at the removed entry's line in the old file (5); the new file's list is at line 3.
    expect: ['routes-removed@3'],
  },
  {
    name: 'an emptied backend list is at the list line in the new file, not at a removed entry line',
    file: 'up.yaml',
    before: `
      upstreams:
        - name: chat
          servers:
            - 10.1.0.11:443
            - 10.1.0.12:443`,
    after: `
      upstreams:
        - name: chat
          servers: []`,
    expect: ['pool-emptied@3'],
  },
  {
    name: 'a route policy term moved below the catch-all reject',
    file: 'route-policy.yaml',
    before: `
      policy-statement:
        name: export-customers
        terms:
          - name: customers
            from: 10.0.0.0/8
            then: accept
          - name: default
            then: reject`,
    after: `
      policy-statement:
        name: export-customers
        terms:
          - name: default
            then: reject
          - name: customers
            from: 10.0.0.0/8
            then: accept`,
    expect: ['rule-reordered@4', 'routes-withdrawn@4'],
  },
  {
    name: 'a backend added at the same weight',
    file: 'lb.yaml',
    before: `
      upstreams:
        - name: api
          servers:
            - { host: 10.0.0.1, weight: 1 }
            - { host: 10.0.0.2, weight: 1 }`,
    after: `
      upstreams:
        - name: api
          servers:
            - { host: 10.0.0.1, weight: 1 }
            - { host: 10.0.0.2, weight: 1 }
            - { host: 10.0.0.3, weight: 1 }`,
    expect: ['backends-added@6'],
  },
  {
    name: 'a new route',
    file: 'routes.yaml',
    before: `
      routes:
        - name: api
          service: api-a`,
    after: `
      routes:
        - name: api
          service: api-a
        - name: search
          service: search-a`,
    expect: ['route-added@4'],
  },
]);

table(routing, 'ignored', [
  {
    // Bug (found on Kong/deck's test data): reported as "new route #-1 in model".
    name: 'a nameless object added under a route object is not a new route',
    file: 'gateway.yaml',
    before: `
      config:
        route:
          paths: [/ai]`,
    after: `
      config:
        route:
          paths: [/ai]
          model:
            path_aliases: ["@openai/gpt-4o"]`,
    expect: [],
  },
  {
    name: 'weights reordered, same shares',
    file: 'split.yaml',
    before: `
      weights: { a: 90, b: 10 }`,
    after: `
      weights: { b: 10, a: 90 }`,
    expect: [],
  },
  {
    name: 'a feature switched off is not a drain',
    file: 'app.yaml',
    before: `
      features:
        - name: search
          enabled: true`,
    after: `
      features:
        - name: search
          enabled: false`,
    expect: [],
  },
  {
    name: 'a rule list key inside a longer key is not a rule list',
    file: 'policy.yaml',
    before: `
      export_terms:
        - { name: customers, then: accept }
        - { name: default, then: reject }`,
    after: `
      export_terms:
        - { name: default, then: reject }
        - { name: customers, then: accept }`,
    expect: [],
  },
  {
    name: 'host outside any routing context',
    file: 'db.yaml',
    before: `
      database:
        host: db-1`,
    after: `
      database:
        host: db-2`,
    expect: [],
  },
]);

table(routing, 'steering: a forced path is read whatever its key', [
  {
    name: 'an unknown key forced to routing is a target switch',
    file: 'db.yaml',
    before: `
      database:
        writer: db-1`,
    after: `
      database:
        writer: db-2`,
    options: { analyzers: [{ path: 'database.writer', analyzer: 'routing' }] },
    expect: ['traffic-shifted@2'],
  },
  {
    name: 'an unknown list forced to routing is a backend list',
    file: 'db.yaml',
    before: `
      database:
        replicas_hosts: [db-1, db-2]`,
    after: `
      database:
        replicas_hosts: []`,
    options: { analyzers: [{ path: 'database.replicas_hosts', analyzer: 'routing' }] },
    expect: ['pool-emptied@2'],
  },
]);

test('a list-level signal names the list, not its first removed entry', () => {
  const [s] = run(routing, {
    name: 'emptied',
    file: 'up.yaml',
    before: 'upstreams:\n  - name: chat\n    servers:\n      - a:443\n      - b:443\n',
    after: 'upstreams:\n  - name: chat\n    servers: []\n',
    expect: [],
  });
  expect([s!.kind, s!.pathText, s!.line, s!.path]).toEqual(['pool-emptied', 'upstreams[name=chat].servers', 3, ['upstreams', 0, 'servers']]);
});

table(routing, 'route policies in router formats (kind@line)', [
  {
    name: 'GoBGP: the only accepting statement flipped to reject-route withdraws everything',
    file: 'gobgpd.yaml',
    before: `
      policy-definitions:
        - name: export-customers
          statements:
            - name: customers
              conditions: { match-prefix-set: { prefix-set: customers } }
              actions: { route-disposition: accept-route }`,
    after: `
      policy-definitions:
        - name: export-customers
          statements:
            - name: customers
              conditions: { match-prefix-set: { prefix-set: customers } }
              actions: { route-disposition: reject-route }`,
    expect: ['routes-withdrawn@6'],
  },
  {
    name: 'GoBGP: one of two accepting statements flipped narrows the export',
    file: 'gobgpd.json',
    before: JSON.stringify({ 'policy-definitions': [{ name: 'export-transit', statements: [
      { name: 'customers', conditions: { 'match-prefix-set': { 'prefix-set': 'customers' } }, actions: { 'route-disposition': 'accept-route' } },
      { name: 'anycast', conditions: { 'match-prefix-set': { 'prefix-set': 'anycast' } }, actions: { 'route-disposition': 'accept-route' } },
    ] }] }, null, 2),
    after: JSON.stringify({ 'policy-definitions': [{ name: 'export-transit', statements: [
      { name: 'customers', conditions: { 'match-prefix-set': { 'prefix-set': 'customers' } }, actions: { 'route-disposition': 'reject-route' } },
      { name: 'anycast', conditions: { 'match-prefix-set': { 'prefix-set': 'anycast' } }, actions: { 'route-disposition': 'accept-route' } },
    ] }] }, null, 2),
    expect: ['export-narrowed@14'],
  },
  {
    name: 'JunOS JSON: then { accept } → then { reject } on the only term',
    file: 'junos-export.json',
    before: JSON.stringify({ 'policy-options': { 'policy-statement': { 'EXPORT-BGP': { term: [{ name: 'customers', from: { 'prefix-list': ['CUSTOMERS'] }, then: { accept: [null] } }] } } } }, null, 2),
    after: JSON.stringify({ 'policy-options': { 'policy-statement': { 'EXPORT-BGP': { term: [{ name: 'customers', from: { 'prefix-list': ['CUSTOMERS'] }, then: { reject: [null] } }] } } } }, null, 2),
    expect: ['routes-withdrawn@14'],
  },
  {
    name: 'FRR route-map: a deny entry renumbered above the permits (list position unchanged)',
    file: 'frr.yaml',
    before: `
      route-map:
        EXPORT-UPSTREAM:
          - { seq: 10, action: permit, match: { ip-address-prefix-list: OURS } }
          - { seq: 20, action: permit, match: { ip-address-prefix-list: ANYCAST } }
          - { seq: 100, action: deny }`,
    after: `
      route-map:
        EXPORT-UPSTREAM:
          - { seq: 10, action: permit, match: { ip-address-prefix-list: OURS } }
          - { seq: 20, action: permit, match: { ip-address-prefix-list: ANYCAST } }
          - { seq: 5, action: deny }`,
    expect: ['rule-reordered@5', 'routes-withdrawn@5'],
  },
  {
    name: 'FRR route-map: a catch-all deny entry inserted at a low sequence number',
    file: 'frr.yaml',
    before: `
      route_maps:
        - name: EXPORT-UPSTREAM
          entries:
            - { sequence: 10, action: permit, match: { prefix_list: OURS } }`,
    after: `
      route_maps:
        - name: EXPORT-UPSTREAM
          entries:
            - { sequence: 10, action: permit, match: { prefix_list: OURS } }
            - { sequence: 1, action: deny }`,
    expect: ['rule-reordered@5', 'routes-withdrawn@5'],
  },
  {
    name: 'a rule renumbered within its place is not a reorder',
    file: 'frr.yaml',
    before: `
      route-map:
        EXPORT-UPSTREAM:
          - { seq: 10, action: permit, match: { ip-address-prefix-list: OURS } }
          - { seq: 100, action: deny }`,
    after: `
      route-map:
        EXPORT-UPSTREAM:
          - { seq: 10, action: permit, match: { ip-address-prefix-list: OURS } }
          - { seq: 200, action: deny }`,
    expect: [],
  },
  {
    name: 'a firewall rule flipped to deny is not an export policy',
    file: 'firewall.yaml',
    before: `
      firewall:
        rules:
          - { name: web, ports: [443], action: allow }
          - { name: ssh, ports: [22], action: allow }`,
    after: `
      firewall:
        rules:
          - { name: web, ports: [443], action: allow }
          - { name: ssh, ports: [22], action: deny }`,
    expect: [],
  },
]);

table(routing, 'announcements switched off and announcers removed (kind@line)', [
  {
    name: 'BIRD-style export all → none on a BGP protocol',
    file: 'router/bird.yaml',
    before: `
      protocols:
        bgp_transit:
          neighbor: 192.0.2.1
          export: all`,
    after: `
      protocols:
        bgp_transit:
          neighbor: 192.0.2.1
          export: none`,
    expect: ['routes-withdrawn@4'],
  },
  {
    name: 'advertise turned off on a BGP neighbor (JSON)',
    file: 'network/bgp.json',
    before: '{\n  "bgp": {\n    "neighbors": [\n      { "address": "192.0.2.1", "remote_as": 64512, "advertise": true }\n    ]\n  }\n}',
    after: '{\n  "bgp": {\n    "neighbors": [\n      { "address": "192.0.2.1", "remote_as": 64512, "advertise": false }\n    ]\n  }\n}',
    expect: ['routes-withdrawn@4'],
  },
  {
    name: 'export none → all is no withdrawal',
    file: 'router/bird.yaml',
    before: `
      protocols:
        bgp_transit:
          export: none`,
    after: `
      protocols:
        bgp_transit:
          export: all`,
    expect: [],
  },
  {
    name: 'an export switch outside any routing context is not an announcement',
    file: 'app/settings.yaml',
    before: `
      metrics:
        export: all`,
    after: `
      metrics:
        export: none`,
    expect: [],
  },
  {
    name: 'a service entry with its prefixes deleted',
    file: 'network/services.yaml',
    before: `
      services:
        - name: messaging
          prefixes: [10.20.0.0/16, 2001:db8:20::/48]
        - name: web
          prefixes: [10.30.0.0/16]`,
    after: `
      services:
        - name: web
          prefixes: [10.30.0.0/16]`,
    expect: ['routes-withdrawn@2'],
  },
  {
    name: 'a service entry deleted whose prefix another entry announces',
    file: 'network/services.yaml',
    before: `
      services:
        - name: messaging
          prefixes: [10.20.0.0/16]
        - name: messaging-v2
          prefixes: [10.20.0.0/16]`,
    after: `
      services:
        - name: messaging-v2
          prefixes: [10.20.0.0/16]`,
    expect: [],
  },
  {
    name: 'a network policy rule with an ipBlock cidr removed is not an announcement',
    file: 'k8s/netpol.yaml',
    before: `
      spec:
        egress:
          - to: [{ ipBlock: { cidr: 10.0.0.0/8 } }]
          - to: [{ ipBlock: { cidr: 192.168.0.0/16 } }]`,
    after: `
      spec:
        egress:
          - to: [{ ipBlock: { cidr: 10.0.0.0/8 } }]`,
    expect: [],
  },
]);

const svc = (sel: string) => `apiVersion: v1
kind: Service
metadata: { name: checkout }
spec:
  selector: { ${sel} }
  ports: [{ port: 80, targetPort: 8080 }]`;
const deploy = (labels: string) => `apiVersion: apps/v1
kind: Deployment
metadata: { name: checkout }
spec:
  template:
    metadata:
      labels: { ${labels} }`;

table(routing, 'Kubernetes Service selectors and Route 53 failover records (kind@line)', [
  {
    name: 'a Service selector changed so the Deployment beside it no longer matches',
    file: 'k8s/checkout.yaml',
    before: `${svc('app: checkout')}\n---\n${deploy('app: checkout, tier: web')}`,
    after: `${svc('app: checkout-v2')}\n---\n${deploy('app: checkout, tier: web')}`,
    expect: ['pool-emptied@5'],
  },
  {
    name: 'a Service selector and the pod labels changed together',
    file: 'k8s/checkout.yaml',
    before: `${svc('app: checkout')}\n---\n${deploy('app: checkout')}`,
    after: `${svc('app: checkout-v2')}\n---\n${deploy('app: checkout-v2')}`,
    expect: [],
  },
  {
    name: 'the pod labels changed under an unchanged selector',
    file: 'k8s/checkout.yaml',
    before: `${svc('app: checkout')}\n---\n${deploy('app: checkout')}`,
    after: `${svc('app: checkout')}\n---\n${deploy('app: payments')}`,
    expect: ['pool-emptied@5'],
  },
  {
    name: 'a Service selector narrowed, the pods known from the inventory',
    file: 'k8s/checkout.yaml',
    before: svc('app: checkout'),
    after: svc('app: checkout, track: canary'),
    inventory: { workloads: { checkout: { labels: { app: 'checkout', track: 'stable' } } } },
    expect: ['pool-emptied@5'],
  },
  {
    name: 'a Service selector changed, no workload known: the missing fact is named',
    file: 'k8s/checkout.yaml',
    before: svc('app: checkout'),
    after: svc('app: checkout-v2'),
    expect: ['selector-changed@5'],
  },
  {
    name: 'Route 53 (CloudFormation): the PRIMARY pointed at the secondary region',
    file: 'dns/api.yaml',
    before: `
      Resources:
        ApiPrimary:
          Type: AWS::Route53::RecordSet
          Properties: { Name: api.example.com., Type: A, SetIdentifier: use1, Failover: PRIMARY, HealthCheckId: hc-1, AliasTarget: { DNSName: lb-use1.example.com, HostedZoneId: Z1 } }
        ApiSecondary:
          Type: AWS::Route53::RecordSet
          Properties: { Name: api.example.com., Type: A, SetIdentifier: usw2, Failover: SECONDARY, AliasTarget: { DNSName: lb-usw2.example.com, HostedZoneId: Z2 } }`,
    after: `
      Resources:
        ApiPrimary:
          Type: AWS::Route53::RecordSet
          Properties: { Name: api.example.com., Type: A, SetIdentifier: use1, Failover: PRIMARY, HealthCheckId: hc-1, AliasTarget: { DNSName: lb-usw2.example.com, HostedZoneId: Z2 } }
        ApiSecondary:
          Type: AWS::Route53::RecordSet
          Properties: { Name: api.example.com., Type: A, SetIdentifier: usw2, Failover: SECONDARY, AliasTarget: { DNSName: lb-usw2.example.com, HostedZoneId: Z2 } }`,
    expect: ['traffic-shifted@4'],
  },
  {
    name: 'Route 53 (Terraform JSON): the SECONDARY record removed',
    file: 'dns/api.tf.json',
    before: JSON.stringify({ resource: { aws_route53_record: {
      primary: { name: 'api.example.com', type: 'A', set_identifier: 'use1', failover_routing_policy: [{ type: 'PRIMARY' }], health_check_id: 'hc-1', records: ['203.0.113.10'] },
      secondary: { name: 'api.example.com', type: 'A', set_identifier: 'usw2', failover_routing_policy: [{ type: 'SECONDARY' }], records: ['198.51.100.10'] },
    } } }, null, 2),
    after: JSON.stringify({ resource: { aws_route53_record: {
      primary: { name: 'api.example.com', type: 'A', set_identifier: 'use1', failover_routing_policy: [{ type: 'PRIMARY' }], health_check_id: 'hc-1', records: ['203.0.113.10'] },
    } } }, null, 2),
    expect: ['failover-removed@4'],
  },
]);

test('a backend removed from a pool the inventory does not size names the facts that would check the rest', () => {
  const c = { name: 'x', file: 'lb.yaml', expect: [], before: 'upstreams:\n  - name: therm-a\n    servers: [a:443, b:443, c:443]\n', after: 'upstreams:\n  - name: therm-a\n    servers: [a:443, b:443]\n' };
  const [s] = run(routing, c);
  expect([s!.kind, s!.data.removed, s!.missing?.[0]?.slice(0, 62)]).toEqual(['routes-removed', ['c:443'], 'the capacity of the backends left in therm-a and its peak load']);
  const [sized] = run(routing, { ...c, inventory: { pools: { 'therm-a': { capacity: 30000, load: 12000 } } } });
  expect(sized!.missing ?? []).toEqual([]);
});
