// A deleted file or a removed document is the removal of everything it declared: pools still
// routed to, members of a pool that survives elsewhere, entry points whose hosts nothing else routes.
import { describe, expect, it } from 'vitest';
import routing from '../../../src/analyze/routing/index.js';
import { parseConfigFile } from '../../../src/load/index.js';
import { diffFile } from '../../../src/diff/index.js';
import type { FileDiff } from '../../../src/model.js';
import type { Inventory } from '../../../src/analyze/types.js';

const side = (path: string, text: string) => parseConfigFile({ path, text, bytes: Buffer.byteLength(text) });
const deleted = (path: string, text: string): FileDiff => diffFile('deleted', path, { before: side(path, text) });
const added = (path: string, text: string): FileDiff => diffFile('added', path, { after: side(path, text) });
const modified = (path: string, before: string, after: string): FileDiff => diffFile('modified', path, { before: side(path, before), after: side(path, after) });
const run = (files: FileDiff[], inventory?: Inventory) =>
  routing.analyze(files, { options: {}, inventory }).map((s) => ({ kind: s.kind, file: s.file, line: s.line, pool: s.data.pool ?? s.data.service }));

const upstream = 'upstream:\n  name: chat\n  servers:\n    - 10.1.0.11:443\n    - 10.1.0.12:443\n';
const routes = (extra = '') => `routes:\n  - { path: /chat, upstream: chat }\n  - { path: /media, upstream: media }\n${extra}`;
const service = 'apiVersion: v1\nkind: Service\nmetadata: { name: checkout, namespace: shop }\nspec:\n  selector: { app: checkout }\n  ports: [{ port: 80 }]\n';
const ingress = (svc: string, host = 'shop.example.com') => `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: { name: shop, namespace: shop }\nspec:\n  rules:\n    - host: ${host}\n      http:\n        paths:\n          - path: /checkout\n            pathType: Prefix\n            backend: { service: { name: ${svc}, port: { number: 80 } } }\n`;
const dr = 'apiVersion: networking.istio.io/v1beta1\nkind: DestinationRule\nmetadata: { name: reviews, namespace: shop }\nspec:\n  host: reviews\n  subsets:\n    - { name: v1, labels: { version: v1 } }\n    - { name: v2, labels: { version: v2 } }\n';
const vs = (subset: string, gateways = '') => `apiVersion: networking.istio.io/v1beta1\nkind: VirtualService\nmetadata: { name: reviews, namespace: shop }\nspec:\n  hosts: [reviews${gateways ? ', reviews.example.com' : ''}]\n${gateways}  http:\n    - route:\n        - destination: { host: reviews${subset ? `, subset: ${subset}` : ''} }\n`;
const endpoints = 'apiVersion: v1\nkind: Endpoints\nmetadata: { name: orders-db, namespace: shop }\nsubsets:\n  - addresses: [{ ip: 10.20.0.5 }, { ip: 10.20.0.6 }]\n    ports: [{ port: 5432 }]\n';
const consul = (id: string, addr: string) => `{"service": {"name": "api", "id": "${id}", "address": "${addr}", "port": 443}}`;

describe('a deleted pool declaration', () => {
  it.each([
    ['an upstream file deleted while the routes file of the change still routes to it', [deleted('proxy/upstreams/chat.yaml', upstream), modified('proxy/routes.yaml', routes(), routes('  - { path: /ws, upstream: media }\n'))], undefined, [{ kind: 'pool-emptied', file: 'proxy/upstreams/chat.yaml', line: 1, pool: 'chat' }]],
    ['an upstream file deleted that the inventory says carries load', [deleted('proxy/upstreams/chat.yaml', upstream)], { pools: { chat: { capacity: 10000, load: 4000 } } }, [{ kind: 'pool-emptied', file: 'proxy/upstreams/chat.yaml', line: 1, pool: 'chat' }]],
    ['a Service deleted while an Ingress of the change still routes to it', [deleted('k8s/checkout-svc.yaml', service), modified('k8s/ingress.yaml', ingress('checkout', 'a.example.com'), ingress('checkout'))], undefined, [{ kind: 'pool-emptied', file: 'k8s/checkout-svc.yaml', line: 1, pool: 'checkout' }]],
    ['a DestinationRule deleted while a VirtualService of the change routes to its subset', [deleted('mesh/reviews-dr.yaml', dr), modified('mesh/reviews-vs.yaml', vs('v2'), vs('v1'))], undefined, [{ kind: 'pool-emptied', file: 'mesh/reviews-dr.yaml', line: 1, pool: 'reviews/v1' }]],
    ['Endpoints of a selector-less Service deleted (the Service stays)', [deleted('k8s/orders-db-endpoints.yaml', endpoints)], undefined, [{ kind: 'pool-emptied', file: 'k8s/orders-db-endpoints.yaml', line: 1, pool: 'orders-db' }]],
  ])('%s', (_name, files, inventory, expected) => {
    expect(run(files, inventory)).toEqual(expected);
  });

  it.each([
    ['an unused upstream file deleted (nothing routes to it, no load)', [deleted('proxy/upstreams/legacy.yaml', upstream.replace('chat', 'legacy')), modified('proxy/routes.yaml', routes(), routes('  - { path: /ws, upstream: media }\n'))], undefined],
    ['an upstream moved to another file of the change', [deleted('proxy/upstreams/chat.yaml', upstream), added('proxy/upstreams.yaml', `upstreams:\n  - name: chat\n    servers: [10.1.0.11:443, 10.1.0.12:443]\n`), modified('proxy/routes.yaml', routes(), routes('  - { path: /ws, upstream: media }\n'))], undefined],
    ['a Service deleted with the Ingress route to it', [deleted('k8s/checkout-svc.yaml', service), deleted('k8s/ingress.yaml', ingress('checkout'))], undefined],
    ['a DestinationRule deleted once the VirtualService routes to the host only', [deleted('mesh/reviews-dr.yaml', dr), modified('mesh/reviews-vs.yaml', vs('v1'), vs(''))], undefined],
    ['Endpoints deleted with their Service', [deleted('k8s/orders-db-endpoints.yaml', endpoints), deleted('k8s/orders-db-svc.yaml', service.replace(/checkout/g, 'orders-db'))], undefined],
    ['the same names in another test case folder', [deleted('testdata/040/upstream.yaml', upstream), modified('testdata/041/routes.yaml', routes(), routes('  - { path: /ws, upstream: media }\n'))], undefined],
  ])('passes: %s', (_name, files, inventory) => {
    expect(run(files, inventory)).toEqual([]);
  });
});

describe('members of a pool that survives elsewhere', () => {
  const hosts = { 'api-1': { pool: 'api', capacity: 6000 }, 'api-2': { pool: 'api', capacity: 6000 }, 'api-3': { pool: 'api', capacity: 6000 } };
  it('a Consul instance file deleted: the rest must carry the pool\'s load', () => {
    const files = [deleted('consul.d/api-3.json', consul('api-3', '10.0.2.10'))];
    expect(run(files, { hosts, pools: { api: { capacity: 18000, load: 11000 } } })).toEqual([
      { kind: 'routes-removed', file: 'consul.d/api-3.json', line: 1, pool: 'api' },
      { kind: 'pool-overloaded', file: 'consul.d/api-3.json', line: 1, pool: 'api' },
    ]);
  });
  it('with headroom left, only the removal is reported', () => {
    const files = [deleted('consul.d/api-3.json', consul('api-3', '10.0.2.10'))];
    expect(run(files, { hosts, pools: { api: { capacity: 18000, load: 6000 } } })).toEqual([{ kind: 'routes-removed', file: 'consul.d/api-3.json', line: 1, pool: 'api' }]);
  });
  it('the last instance of a pool nobody is known to use: nothing', () => {
    expect(run([deleted('consul.d/api-3.json', consul('api-3', '10.0.2.10'))])).toEqual([]);
  });
});

describe('a deleted entry point', () => {
  const gw = '  gateways: [public-gateway]\n';
  it('a gateway-bound VirtualService deleted while its backend stays: its public hosts are withdrawn', () => {
    expect(run([deleted('mesh/reviews-vs.yaml', vs('', gw))])).toEqual([{ kind: 'routes-withdrawn', file: 'mesh/reviews-vs.yaml', line: 1, pool: 'reviews' }]);
  });
  it('passes: a mesh-only VirtualService, one replaced in the change, one deleted with its backend', () => {
    expect(run([deleted('mesh/reviews-vs.yaml', vs(''))])).toEqual([]);
    expect(run([deleted('mesh/reviews-vs.yaml', vs('', gw)), added('mesh/reviews.yaml', vs('', gw).replace('name: reviews', 'name: reviews-public'))])).toEqual([]);
    expect(run([deleted('mesh/reviews-vs.yaml', vs('', gw)), deleted('mesh/reviews-svc.yaml', service.replace(/checkout/g, 'reviews'))])).toEqual([]);
  });
});

describe('more formats of a deleted pool or member set', () => {
  const se = 'apiVersion: networking.istio.io/v1beta1\nkind: ServiceEntry\nmetadata: { name: stripe, namespace: payments }\nspec:\n  hosts: [api.stripe.com]\n  location: MESH_EXTERNAL\n  ports: [{ number: 443, name: https, protocol: TLS }]\n  resolution: DNS\n';
  const seVs = (timeout: string) => `apiVersion: networking.istio.io/v1beta1\nkind: VirtualService\nmetadata: { name: stripe, namespace: payments }\nspec:\n  hosts: [api.stripe.com]\n  tls:\n    - match: [{ port: 443, sniHosts: [api.stripe.com] }]\n      route:\n        - destination: { host: api.stripe.com, port: { number: 443 } }\n  http:\n    - timeout: ${timeout}\n      route:\n        - destination: { host: api.stripe.com }\n`;
  const unit = (extra: string) => `{\n  "listeners": { "*:443": { "pass": "routes" } },\n  "routes": [\n    { "match": { "uri": "/chat/*" }, "action": { "pass": "upstreams/chat" } }${extra}\n  ]\n}\n`;
  const unitUpstream = '{\n  "upstreams": {\n    "chat": { "servers": { "10.1.0.11:443": {}, "10.1.0.12:443": { "weight": 2 } } }\n  }\n}\n';
  const traefik = '{\n  "http": {\n    "services": {\n      "chat": { "loadBalancer": { "servers": [{ "url": "http://10.1.0.11:8080" }, { "url": "http://10.1.0.12:8080" }] } }\n    }\n  }\n}\n';
  const routers = (rule: string) => `{\n  "http": {\n    "routers": {\n      "chat": { "rule": "${rule}", "service": "chat" }\n    }\n  }\n}\n`;
  const cla = (zone: string, ips: string[]) => `resources:\n  - "@type": type.googleapis.com/envoy.config.endpoint.v3.ClusterLoadAssignment\n    cluster_name: api\n    endpoints:\n      - locality: { zone: ${zone} }\n        lb_endpoints:\n${ips.map((ip) => `          - endpoint: { address: { socket_address: { address: ${ip}, port_value: 443 } } }\n`).join('')}`;

  it.each([
    ['an Istio ServiceEntry deleted while a VirtualService of the change routes to its host', [deleted('mesh/stripe-serviceentry.yaml', se), modified('mesh/stripe-virtualservice.yaml', seVs('5s'), seVs('10s'))], 'api.stripe.com'],
    ['an nginx Unit upstream deleted while a route of the change passes to upstreams/chat', [deleted('unit/upstreams.json', unitUpstream), modified('unit/routes.json', unit(''), unit(',\n    { "match": { "uri": "/ws/*" }, "action": { "pass": "upstreams/chat" } }'))], 'chat'],
    ['a Traefik service file deleted while a router of the change names it', [deleted('traefik/dynamic/chat-service.json', traefik), modified('traefik/dynamic/routers.json', routers('PathPrefix(`/chat`)'), routers('PathPrefix(`/chat`) || PathPrefix(`/ws`)'))], 'chat'],
  ])('%s', (_name, files, pool) => {
    expect(run(files)).toEqual([{ kind: 'pool-emptied', file: files[0]!.path, line: 1, pool }]);
  });

  it('an Envoy ClusterLoadAssignment for one zone deleted, the other zone in the change: members removed, capacity checked', () => {
    const inventory: Inventory = { pools: { api: { capacity: 40000, load: 30000 } }, hosts: { '10.0.1.10:443': { pool: 'api', capacity: 10000 }, '10.0.1.11:443': { pool: 'api', capacity: 10000 } } };
    const files = [deleted('eds/api-zone-b.yaml', cla('us-east-1b', ['10.0.2.10', '10.0.2.11'])), modified('eds/api-zone-a.yaml', cla('us-east-1a', ['10.0.1.10']), cla('us-east-1a', ['10.0.1.10', '10.0.1.11']))];
    expect(run(files, inventory)).toEqual([
      { kind: 'routes-removed', file: 'eds/api-zone-b.yaml', line: 1, pool: 'api' },
      { kind: 'pool-overloaded', file: 'eds/api-zone-b.yaml', line: 1, pool: 'api' },
    ]);
  });
});

describe('a pool entry removed in place gives the same signal as its file deleted', () => {
  const proxy = (ups: string, routesText: string) => `upstreams:\n${ups}routes:\n${routesText}`;
  const chat = '  - name: chat\n    servers: [10.1.0.11:443, 10.1.0.12:443]\n';
  const media = '  - name: media\n    servers: [10.2.0.11:443]\n';
  it('an upstream entry removed while a route of the same file still names it', () => {
    const got = run([modified('proxy/edge.yaml', proxy(chat + media, '  - { path: /chat, upstream: chat }\n'), proxy(media, '  - { path: /chat, upstream: chat }\n'))]);
    expect(got.filter((s) => s.kind === 'pool-emptied')).toEqual([{ kind: 'pool-emptied', file: 'proxy/edge.yaml', line: 2, pool: 'chat' }]);
  });
  it('passes: the upstream entry removed with its route', () => {
    const got = run([modified('proxy/edge.yaml', proxy(chat + media, '  - { path: /chat, upstream: chat }\n  - { path: /media, upstream: media }\n'), proxy(media, '  - { path: /media, upstream: media }\n'))]);
    expect(got.filter((s) => s.kind === 'pool-emptied')).toEqual([]);
  });
  it('an Envoy cluster removed from static_resources while a route still sends to it', () => {
    const envoy = (clusters: string[]) => `static_resources:\n  listeners:\n    - name: http\n      filter_chains:\n        - filters:\n            - name: envoy.filters.network.http_connection_manager\n              typed_config:\n                route_config:\n                  virtual_hosts:\n                    - name: all\n                      domains: ["*"]\n                      routes:\n                        - { match: { prefix: /api }, route: { cluster: api } }\n                        - { match: { prefix: / }, route: { cluster: web } }\n  clusters:\n${clusters.map((c) => `    - name: ${c}\n      type: STRICT_DNS\n      load_assignment:\n        cluster_name: ${c}\n        endpoints:\n          - lb_endpoints:\n              - endpoint: { address: { socket_address: { address: ${c}, port_value: 8080 } } }\n`).join('')}`;
    const got = run([modified('envoy/envoy.yaml', envoy(['api', 'web']), envoy(['web']))]);
    expect(got.filter((s) => s.kind === 'pool-emptied').map((s) => s.pool)).toEqual(['api']);
  });
});
