// A pool deleted while only a file the change leaves as it is routes to it: the source is asked
// for the base's unchanged configuration (git grep on the base tree, a scan of the before folder).
import { describe, expect, it } from 'vitest';
import { nearUnchanged } from '../../../src/analyze/routing/unchanged.js';
import { multiTable, type MultiCase } from './multi-file.js';

const upstream = (name: string) => `
  upstream:
    name: ${name}
    servers:
      - { address: 10.1.0.11:443 }
      - { address: 10.1.0.12:443 }
`;
const routes = (to: string) => `
  routes:
    - { path: /chat, upstream: ${to} }
    - { path: /media, upstream: media }
`;
const service = (name: string) => `{ "apiVersion": "v1", "kind": "Service", "metadata": { "name": "${name}", "namespace": "shop" }, "spec": { "selector": { "app": "${name}" }, "ports": [{ "port": 8080 }] } }`;
const ingress = (to: string) => `{
  "apiVersion": "networking.k8s.io/v1",
  "kind": "Ingress",
  "metadata": { "name": "storefront", "namespace": "shop" },
  "spec": { "rules": [{ "host": "shop.example.com", "http": { "paths": [{ "path": "/cart", "pathType": "Prefix", "backend": { "service": { "name": "${to}", "port": { "number": 8080 } } } }] } }] }
}`;
const httpRoute = `
  apiVersion: gateway.networking.k8s.io/v1
  kind: HTTPRoute
  metadata: { name: cart, namespace: shop }
  spec:
    parentRefs: [{ name: public }]
    rules:
      - backendRefs: [{ name: cart, port: 8080 }]
`;
const kongUpstreams = (names: string[]) => `
  _format_version: "3.0"
  upstreams:${names.map((n) => `\n    - name: ${n}\n      targets: [{ target: "10.0.0.1:8080" }, { target: "10.0.0.2:8080" }]`).join('')}
`;

const gatewayVs = (name: string) => `
  apiVersion: networking.istio.io/v1beta1
  kind: VirtualService
  metadata: { name: ${name}, namespace: shop }
  spec:
    hosts: [shop.example.com]
    gateways: [public-gateway]
    http:
      - route:
          - destination: { host: storefront }
`;

const rejected: MultiCase[] = [
  {
    name: 'a gateway VirtualService deleted, no unchanged file routes its host in',
    files: [{ path: 'mesh/storefront.yaml', before: gatewayVs('storefront') }],
    unchanged: { 'mesh/other.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: shop.example.com }\n' },
    expect: ['routes-withdrawn@mesh/storefront.yaml:1'],
  },
  {
    name: 'an upstream file deleted, the unchanged routes file above it still routes to it',
    files: [{ path: 'proxy/upstreams/chat.yaml', before: upstream('chat') }],
    unchanged: { 'proxy/routes.yaml': routes('chat'), 'proxy/upstreams/media.yaml': upstream('media') },
    expect: ['pool-emptied@proxy/upstreams/chat.yaml:1'],
  },
  {
    name: 'a Service deleted (JSON), the unchanged Ingress beside it still routes to it',
    files: [{ path: 'k8s/cart-service.json', before: service('cart') }],
    unchanged: { 'k8s/ingress.json': ingress('cart') },
    expect: ['pool-emptied@k8s/cart-service.json:1'],
  },
  {
    name: 'a Service deleted, an unchanged Gateway API HTTPRoute in a folder below still routes to it',
    files: [{ path: 'shop/cart.json', before: service('cart') }],
    unchanged: { 'shop/routes/cart.yaml': httpRoute },
    expect: ['pool-emptied@shop/cart.json:1'],
  },
  {
    name: 'a Kong upstream entry removed in place, the unchanged services file routes to it by host',
    files: [{ path: 'kong/upstreams.yaml', before: kongUpstreams(['chat.upstream', 'media.upstream']), after: kongUpstreams(['media.upstream']) }],
    unchanged: { 'kong/services.yaml': '_format_version: "3.0"\nservices:\n  - { name: chat, host: chat.upstream, routes: [{ name: chat, paths: [/chat] }] }\n' },
    expect: ['routes-removed@kong/upstreams.yaml:2', 'pool-emptied@kong/upstreams.yaml:3'],
  },
];

const accepted: MultiCase[] = [
  {
    name: 'a gateway VirtualService deleted while an unchanged one still routes its host in',
    files: [{ path: 'mesh/storefront-old.yaml', before: gatewayVs('storefront-old') }],
    unchanged: { 'mesh/storefront.yaml': gatewayVs('storefront') },
    expect: [],
  },
  {
    name: 'the same deletion, and the source cannot look (the GitHub API): as before, nothing said',
    files: [{ path: 'proxy/upstreams/chat.yaml', before: upstream('chat') }],
    expect: [],
  },
  {
    name: 'the unchanged routes file names it only in a comment and in chat-v2',
    files: [{ path: 'proxy/upstreams/chat.yaml', before: upstream('chat') }],
    unchanged: { 'proxy/routes.yaml': `# chat moved to chat-v2${routes('chat-v2')}`, 'proxy/upstreams/chat-v2.yaml': upstream('chat-v2') },
    expect: [],
  },
  {
    name: 'an unchanged file declares the same upstream: it is not gone',
    files: [{ path: 'proxy/upstreams/chat.yaml', before: upstream('chat') }],
    unchanged: { 'proxy/routes.yaml': routes('chat'), 'proxy/upstreams/chat-eu.yaml': upstream('chat') },
    expect: [],
  },
  {
    name: 'the only unchanged user is another app, far from the deleted file',
    files: [{ path: 'apps/chat/upstreams/chat.yaml', before: upstream('chat') }],
    unchanged: { 'apps/support/proxy/routes.yaml': routes('chat') },
    expect: [],
  },
  {
    name: 'a Service deleted with nothing in the base routing to it',
    files: [{ path: 'k8s/cart-service.json', before: service('cart') }],
    unchanged: { 'k8s/ingress.json': ingress('cart-v2'), 'k8s/cart-v2.json': service('cart-v2') },
    expect: [],
  },
];

multiTable('a deleted pool and the unchanged base (rejected)', rejected);
multiTable('a deleted pool and the unchanged base (accepted)', accepted);

describe('which unchanged files are near enough to a deleted one', () => {
  it.each([
    ['proxy/upstreams', 'proxy/upstreams', true],
    ['proxy/upstreams', 'proxy', true],
    ['proxy/upstreams', '', true],
    ['proxy', 'proxy/routes', true],
    ['proxy', 'proxy/routes/v1', false],
    ['', 'proxy', true],
    ['', 'apps/chat', false],
    ['apps/chat', 'apps/support', false],
    ['apps/chat', 'apps/chat-v2', false],
  ] as const)('deleted in %j, unchanged in %j: %s', (deleted, dir, near) => {
    expect(nearUnchanged(deleted, dir)).toBe(near);
  });
});
