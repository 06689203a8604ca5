// Issue 13, pattern 4: lists without a `name`/`id`/`key` on every item.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { propertyRuns } from '../support/property-runs.js';
import { applyChanges, diffDocuments } from '../../src/diff/index.js';

const diff = (before: unknown, after: unknown, opts = {}) => diffDocuments('f.yaml', [before], [after], opts);
const brief = (before: unknown, after: unknown, opts = {}) => diff(before, after, opts).map((c) => `${c.kind} ${c.pathText}`);

const alert = (name: string, expr: string, severity = 'warning') => ({ alert: name, expr, for: '5m', labels: { severity } });
const record = (name: string, expr: string) => ({ record: name, expr });

describe('identity of mixed lists: each item by the first identity key it has', () => {
  it.each([
    [
      'a PrometheusRule group: an alert inserted before the others is one addition',
      { rules: [alert('Down', 'up == 0'), record('job:x:sum', 'sum(x)'), alert('Slow', 'p99 > 1')] },
      { rules: [alert('New', 'y > 1'), alert('Down', 'up == 0'), record('job:x:sum', 'sum(x)'), alert('Slow', 'p99 > 2')] },
      ['added rules[alert=New]', 'modified rules[alert=Slow].expr'],
    ],
    [
      'a recording rule removed is one removal, named',
      { rules: [record('a:sum', 'sum(a)'), record('b:sum', 'sum(b)'), alert('Down', 'up == 0')] },
      { rules: [record('a:sum', 'sum(a)'), alert('Down', 'up == 0')] },
      ['removed rules[record=b:sum]'],
    ],
    [
      'chart dependencies by alias before name: two aliases of one chart',
      { dependencies: [{ name: 'redis', alias: 'cache', version: '1.0.0' }, { name: 'redis', alias: 'queue', version: '1.0.0' }, { name: 'common', version: '2.0.0' }] },
      { dependencies: [{ name: 'redis', alias: 'queue', version: '1.1.0' }, { name: 'redis', alias: 'cache', version: '1.0.0' }, { name: 'common', version: '2.0.0' }] },
      ['moved dependencies[alias=queue]', 'modified dependencies[alias=queue].version'],
    ],
    [
      'a list that is fully keyed by one key keeps that key',
      { containers: [{ name: 'app', image: 'a:1' }, { name: 'sidecar', image: 's:1' }] },
      { containers: [{ name: 'app', image: 'a:2' }, { name: 'sidecar', image: 's:1' }] },
      ['modified containers[name=app].image'],
    ],
  ])('%s', (_name, before, after, expected) => {
    expect(brief(before, after)).toEqual(expected);
  });

  it('falls back to alignment when an alert name repeats (one alert per severity)', () => {
    const before = { rules: [alert('Slow', 'p99 > 1', 'warning'), alert('Slow', 'p99 > 5', 'critical')] };
    const after = { rules: [alert('Slow', 'p99 > 1', 'warning'), alert('Slow', 'p99 > 4', 'critical')] };
    expect(brief(before, after)).toEqual(['modified rules[1].expr']);
  });
});

describe('alignment by content similarity', () => {
  const rule = (host: string, path: string, port: number) => ({ host, http: { paths: [{ path, backend: { service: { name: `${host}-svc`, port: { number: port } } } }] } });
  it('one edited and moved item is one move and one modification, not removed + added', () => {
    const before = { rules: [rule('a', '/a', 80), rule('b', '/b', 80), rule('c', '/c', 80)] };
    const after = { rules: [rule('c', '/c', 80), rule('n', '/n', 1), rule('a', '/a', 80), rule('b', '/b', 8080)] };
    const changes = brief(before, after);
    expect(changes.filter((c) => c.startsWith('removed'))).toEqual([]);
    expect(changes.filter((c) => c.startsWith('added'))).toEqual(['added rules[1]']);
    expect(changes).toContain('modified rules[3].http.paths[0].backend.service.port.number');
  });

  it.each([
    ['compose environment', { environment: ['A=1', 'ENDPOINT=grpc://c:4317', 'B=2'] }, { environment: ['A=1', 'ENDPOINT=http://c:4318', 'B=2'] }, ['modified environment[1]']],
    ['flags', { args: ['--port=80', '--v=2'] }, { args: ['--v=4', '--port=80'] }, ['moved args[0]', 'modified args[0]']],
    ['a different key is a removal and an addition', { environment: ['A=1', 'B=2'] }, { environment: ['A=1', 'C=2'] }, ['removed environment[1]', 'added environment[1]']],
  ])('a KEY=value list item whose value changed is one modification (%s)', (_name, before, after, expected) => {
    expect(brief(before, after)).toEqual(expected);
  });

  it('items with little in common stay a removal and an addition', () => {
    const before = { items: [{ a: 1, b: 2, c: 3 }, { x: 1, y: 2, z: 3 }] };
    const after = { items: [{ x: 1, y: 2, z: 3 }, { q: 1 }] };
    expect(brief(before, after)).toEqual(['removed items[0]', 'added items[1]']);
  });

  it('a list rewritten as a map is one modification (a restructure), not every entry removed', () => {
    const before = { env: Array.from({ length: 10 }, (_, i) => ({ name: `V${i}`, value: String(i) })) };
    const after = { env: Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`V${i}`, String(i)])) };
    expect(diff(before, after).map((c) => [c.kind, c.pathText])).toEqual([['modified', 'env']]);
    expect(diff(after, before).map((c) => [c.kind, c.pathText])).toEqual([['modified', 'env']]);
  });

  it('applying the diff gives the after side back, for lists of similar objects', () => {
    const item = fc.record({ alert: fc.constantFrom('A', 'B', 'C', 'D'), expr: fc.constantFrom('x', 'y', 'z'), for: fc.constantFrom('1m', '5m') });
    const list = fc.array(item, { maxLength: 6 });
    fc.assert(
      fc.property(list, list, (b, a) => {
        const changes = diff({ rules: b }, { rules: a });
        expect(applyChanges({ rules: b }, changes)).toEqual({ rules: a });
      }),
      { numRuns: propertyRuns(300), seed: 13 },
    );
  });
});

// Issue 13: kustomize `images:` entries are identified by `name`; moving images to a new
// registry renames every entry. Read by identity alone, that was every image removed and as many
// added (and, with one image dropped, a mass removal of all of them).
describe('renamed items of a keyed list', () => {
  const image = (name: string, newTag = '1.4.0') => ({ name, newTag });
  it('kustomize images moved to a new registry are renamed entries, not removals; the one dropped is removed', () => {
    const before = { images: [image('gcr.io/demo/ads'), image('gcr.io/demo/cart'), image('gcr.io/demo/checkout')] };
    const after = { images: [image('ghcr.io/demo/ads'), image('ghcr.io/demo/checkout')] };
    expect(brief(before, after)).toEqual([
      'removed images[name=gcr.io/demo/cart]',
      'modified images[name=ghcr.io/demo/ads].name',
      'modified images[name=ghcr.io/demo/checkout].name',
    ]);
    expect(applyChanges(before, diff(before, after))).toEqual(after);
  });

  it('an alerting rule renamed, its query kept, is one modified rule', () => {
    const rule = (name: string, query: string) => ({ name, description: `${name} is high`, query, severity: 'warning', for: '5m' });
    const before = { rules: [rule('Nats JetStream consumers exceeded', 'sum(accounts) > 100'), rule('Nats slow', 'x > 1')] };
    const after = { rules: [{ ...rule('Nats JetStream accounts exceeded', 'sum(accounts) > 100'), description: 'accounts high' }, rule('Nats slow', 'x > 1')] };
    expect(brief(before, after)).toEqual([
      'modified rules[name=Nats JetStream accounts exceeded].name',
      'modified rules[name=Nats JetStream accounts exceeded].description',
    ]);
  });

  it('items with nothing but their identity in common stay a removal and an addition', () => {
    const before = { routes: [{ name: 'a', prefix: '/a', pool: 'x' }, { name: 'b', prefix: '/b', pool: 'y' }] };
    const after = { routes: [{ name: 'c', prefix: '/c', pool: 'z' }, { name: 'b', prefix: '/b', pool: 'y' }] };
    expect(brief(before, after)).toEqual(['removed routes[name=a]', 'added routes[name=c]']);
  });
});

// samber/awesome-prometheus-alerts 03963ef6: the catalogue's categories rearranged — services
// moved from "Orchestrators" to "Proxies, load balancers and service meshes" and into a new
// "CI/CD" group — read as "5 of 10 services removed (2 moved elsewhere)". Across parents the diff
// keeps a removal and an addition (they apply back), and says on the removal where the entry went.
describe('samber/awesome-prometheus-alerts 03963ef6: entries moved to another parent are found there', () => {
  const service = (name: string, rules: string[]) => ({ name, exporters: [{ name: `${name.toLowerCase()}-exporter`, rules: rules.map((r) => ({ name: r, query: `${r}_total > 0`, severity: 'warning' })) }] });
  const argo = service('ArgoCD', ['ArgoAppUnhealthy', 'ArgoAppNotSynced']);
  const istio = service('Istio', ['IstioHighRequestLatency', 'IstioLowRequestRate', 'IstioHigh5xxRate']);
  const k8s = service('Kubernetes', ['KubeNodeNotReady']);
  const moved = (before: unknown, after: unknown) =>
    diffDocuments('rules.yml', [before], [after]).filter((c) => c.kind === 'removed').map((c) => [c.pathText, c.movedTo?.path ?? null]);
  it.each([
    [
      'into an existing group, unchanged',
      { groups: [{ name: 'Orchestrators', services: [k8s, istio] }, { name: 'Proxies', services: [] }] },
      { groups: [{ name: 'Orchestrators', services: [k8s] }, { name: 'Proxies', services: [istio] }] },
      [['groups[name=Orchestrators].services[name=Istio]', ['groups', 1, 'services', 0]]],
    ],
    [
      'into a group the change creates',
      { groups: [{ name: 'Orchestrators', services: [k8s, argo] }] },
      { groups: [{ name: 'Orchestrators', services: [k8s] }, { name: 'CI/CD', services: [argo] }] },
      [['groups[name=Orchestrators].services[name=ArgoCD]', ['groups', 1, 'services', 0]]],
    ],
    [
      'moved and edited under the same name (one of three rules changed)',
      { groups: [{ name: 'Orchestrators', services: [k8s, istio] }, { name: 'Proxies', services: [] }] },
      { groups: [{ name: 'Orchestrators', services: [k8s] }, { name: 'Proxies', services: [service('Istio', ['IstioHighRequestLatency', 'IstioLowRequestRate', 'IstioHigh4xxRate'])] }] },
      [['groups[name=Orchestrators].services[name=Istio]', ['groups', 1, 'services', 0]]],
    ],
    [
      'a map moved one level down, under a key the change adds',
      { collectors: { logs: { image: 'alloy:1', replicas: 2 } }, other: 1 },
      { spec: { collectors: { logs: { image: 'alloy:1', replicas: 2 } } }, other: 1 },
      [['collectors', ['spec', 'collectors']]],
    ],
    [
      'an item known only by its place, moved unchanged to another list',
      { a: { ports: [{ port: 80, protocol: 'TCP' }, { port: 443, protocol: 'TCP' }] }, b: { ports: [{ port: 9090, protocol: 'TCP' }] } },
      { a: { ports: [{ port: 80, protocol: 'TCP' }] }, b: { ports: [{ port: 9090, protocol: 'TCP' }, { port: 443, protocol: 'TCP' }] } },
      [['a.ports[1]', ['b', 'ports', 1]]],
    ],
  ])('%s', (_name, before, after, expected) => {
    expect(moved(before, after)).toEqual(expected);
  });

  it.each([
    [
      'an entry that went nowhere',
      { groups: [{ name: 'Orchestrators', services: [k8s, argo] }] },
      { groups: [{ name: 'Orchestrators', services: [k8s] }] },
    ],
    [
      'another entry under another name, even alike (a replacement, not a move)',
      { groups: [{ name: 'Other', services: [k8s, service('GitLab', ['GitLabDown'])] }] },
      { groups: [{ name: 'Other', services: [k8s] }, { name: 'CI/CD', services: [service('GitLab CI', ['GitLabDown'])] }] },
    ],
    [
      'the same name with most of its values rewritten',
      { groups: [{ name: 'Orchestrators', services: [k8s, istio] }, { name: 'Proxies', services: [] }] },
      { groups: [{ name: 'Orchestrators', services: [k8s] }, { name: 'Proxies', services: [service('Istio', ['A', 'B', 'C'])] }] },
    ],
  ])('not for %s', (_name, before, after) => {
    expect(moved(before, after).every(([, to]) => to === null)).toBe(true);
  });

  it('the changes still apply back to the before document', () => {
    const before = { groups: [{ name: 'Orchestrators', services: [k8s, argo, istio] }, { name: 'Proxies', services: [] }] };
    const after = { groups: [{ name: 'Orchestrators', services: [k8s] }, { name: 'Proxies', services: [istio] }, { name: 'CI/CD', services: [argo] }] };
    expect(applyChanges(before, diff(before, after))).toEqual(after);
  });
});
