import { describe, expect, it } from 'vitest';
import { analyzeSize } from '../../../src/analyze/size/index.js';
import { byKind, kinds, run } from '../../support/analyze.js';

const routes = (n: number, from = 0) => Array.from({ length: n }, (_, i) => ({ name: `route-${from + i}`, prefix: `/svc${from + i}`, pool: 'api' }));

describe('size: growth', () => {
  it('a generated file doubling in bytes and entries', () => {
    const signals = run(analyzeSize, 'generated/features.json', { features: routes(50) }, { features: routes(110) });
    const s = byKind(signals, 'size-growth');
    expect(s.type).toBe('size');
    expect(s.direction).toBe('risky');
    expect(s.data).toMatchObject({ entriesBefore: 50, entriesAfter: 110, generated: true, largest: 'features' });
    expect(s.data.factor).toBeGreaterThanOrEqual(2.2);
    expect(s.summary).toContain('(generated) grew ×');
  });

  it('small growth is still risky: the direction is a sign, size.growth-limit decides how much is too much', () => {
    const s = byKind(run(analyzeSize, 'gen/hosts.json', { hosts: routes(40) }, { hosts: routes(46) }), 'size-growth');
    expect(s.direction).toBe('risky');
    expect(s.data.factor).toBeLessThan(1.3);
  });

  it('no signal for a tiny edit', () => {
    expect(kinds(run(analyzeSize, 'a.yaml', { a: 1, b: 'x' }, { a: 2, b: 'y' }))).toEqual([]);
  });

  it('uses the byte sizes of the files', () => {
    const s = byKind(run(analyzeSize, 'big.yaml', { a: 1 }, { a: 2 }, { side: { bytes: { before: 1000, after: 3500 } } }), 'size-growth');
    expect(s.data).toMatchObject({ bytesBefore: 1000, bytesAfter: 3500, factor: 3.5 });
  });
});

describe('size: duplicate identity', () => {
  it('two entries with the same name after the change', () => {
    const before = { routes: routes(3) };
    const after = { routes: [...routes(3), { name: 'route-1', prefix: '/other', pool: 'b' }] };
    const s = byKind(run(analyzeSize, 'routes.yaml', before, after), 'duplicate-identity');
    expect(s.direction).toBe('risky');
    expect(s.data).toMatchObject({ key: 'name', value: 'route-1', count: 2, indices: [1, 3] });
    expect(s.pathText).toBe('routes[name=route-1]');
    expect(s.path).toEqual(['routes', 3]);
  });

  it('by id in a nested list; duplicates that were there before are not this change', () => {
    const before = { groups: [{ name: 'g', rules: [{ id: 1 }, { id: 1 }, { id: 2 }] }] };
    const after = { groups: [{ name: 'g', rules: [{ id: 1 }, { id: 1 }, { id: 2 }, { id: 3 }] }] };
    expect(kinds(run(analyzeSize, 'r.yaml', before, after))).not.toContain('duplicate-identity');
    const after2 = { groups: [{ name: 'g', rules: [{ id: 1 }, { id: 1 }, { id: 2 }, { id: 2 }] }] };
    const s = byKind(run(analyzeSize, 'r.yaml', before, after2), 'duplicate-identity');
    expect(s.data).toMatchObject({ key: 'id', value: '2', count: 2 });
  });
});

// fluent/helm-charts d337c8fe, charts/fluent-bit/values.yaml: one volume mounted twice, at two
// paths. Kubernetes keys volumeMounts by mountPath (their strategic-merge key), not by name.
describe('fluent/helm-charts d337c8fe: lists Kubernetes keys by another field are judged by that key', () => {
  const mount = (name: string, mountPath: string, subPath?: string) => ({ name, mountPath, ...(subPath ? { subPath } : {}) });
  it('one volume mounted at two paths is no duplicate', () => {
    const after = { volumeMounts: [mount('config', '/fluent-bit/etc/fluent-bit.conf', 'fluent-bit.conf'), mount('config', '/fluent-bit/etc/custom_parsers.conf', 'custom_parsers.conf')] };
    expect(kinds(run(analyzeSize, 'charts/fluent-bit/values.yaml', { image: 'x' }, { image: 'x', ...after }))).not.toContain('duplicate-identity');
  });

  it('two mounts at the same path still are, by mountPath', () => {
    const after = { spec: { containers: [{ name: 'app', volumeMounts: [mount('config', '/etc/app'), mount('secrets', '/etc/app')] }] } };
    const s = byKind(run(analyzeSize, 'deploy.yaml', { spec: { containers: [{ name: 'app' }] } }, after), 'duplicate-identity');
    expect(s.data).toMatchObject({ key: 'mountPath', value: '/etc/app', count: 2 });
  });
});

// metallb/metallb 422685cf, config/manifests/metallb-frr-k8s-prometheus.yaml: controller-gen
// regrouped a ClusterRole's rules (10 → 7 entries) granting exactly the same, in a file where a
// new document was added above it.
describe('metallb/metallb 422685cf: a role\'s rules regrouped with every grant kept are no mass removal', () => {
  const role = (rules: unknown[]) => ({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'frr-k8s-daemon-role' }, rules });
  const rule = (resources: string[], verbs = ['get', 'list', 'watch'], apiGroups = ['frrk8s.metallb.io']) => ({ apiGroups, resources, verbs });
  const split = [rule(['bgpsessionstates']), rule(['frrconfigurations']), rule(['frrnodestates']), rule(['nodes'], ['get', 'list'], ['']), rule(['secrets'], ['get'], ['']), rule(['events'], ['create'], ['']), rule(['pods'], ['get'], [''])];
  const merged = [rule(['bgpsessionstates', 'frrconfigurations', 'frrnodestates']), rule(['nodes'], ['get', 'list'], ['']), rule(['secrets'], ['get'], ['']), rule(['events'], ['create'], ['']), rule(['pods'], ['get'], [''])];
  const crd = { apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: 'x.frrk8s.metallb.io' }, spec: {} };
  const multi = (docs: unknown[]) => docs;

  it('regrouped: no mass-removal signal', () => {
    const signals = run(analyzeSize, 'manifests.yaml', multi([role(split)]), multi([crd, role(merged)]), { side: { multi: true } });
    expect(kinds(signals)).not.toContain('mass-removal');
  });

  it('a grant lost in the regrouping is still a mass removal', () => {
    const lost = merged.filter((r) => !r.resources.includes('secrets') && !r.resources.includes('pods'));
    expect(kinds(run(analyzeSize, 'manifests.yaml', multi([role(split)]), multi([crd, role(lost)]), { side: { multi: true } }))).toContain('mass-removal');
  });
});

describe('deletion: mass removal', () => {
  it.each([
    { name: '12 of 30 routes removed (40%)', before: routes(30), after: routes(18), removed: 12, share: 40, direction: 'risky' },
    { name: '2 of 30 removed (6.7%): risky all the same (deletion.mass-removal decides the share)', before: routes(30), after: routes(28), removed: 2, share: 6.7, direction: 'risky' },
  ])('$name', ({ before, after, removed, share, direction }) => {
    const s = byKind(run(analyzeSize, 'routes.yaml', { routes: before }, { routes: after }), 'mass-removal');
    expect(s.type).toBe('deletion');
    expect(s.direction).toBe(direction);
    expect(s.data).toMatchObject({ removed, before: 30, after: 30 - removed, sharePercent: share, collection: 'routes' });
  });

  it('one of 30 removed is no signal', () => {
    expect(kinds(run(analyzeSize, 'routes.yaml', { routes: routes(30) }, { routes: routes(29) }))).toEqual([]);
  });

  it('keys removed from a map, with added ones counted: the share is the net loss', () => {
    const before = { flags: { a: 1, b: 2, c: 3, d: 4, e: 5 } };
    const after = { flags: { a: 1, e: 5, f: 6 } };
    const s = byKind(run(analyzeSize, 'flags.yaml', before, after), 'mass-removal');
    expect(s.data).toMatchObject({ removed: 3, added: 1, before: 5, after: 3, sharePercent: 40, entries: ['b', 'c', 'd'] });
  });

  // opentelemetry-demo 18b36c73: Locust replaced by k6 in a compose service's environment (12 of 17
  // variables removed, 10 added) read as "12 of 17 entries removed (70.6%)".
  it('a list rewritten, most removed entries replaced by new ones, counts its net loss', () => {
    const locust = ['LOCUST_WEB_PORT', 'LOCUST_USERS', 'LOCUST_HOST', 'LOCUST_HEADLESS', 'LOCUST_AUTOSTART', 'LOCUST_BROWSER_TRAFFIC_ENABLED=true', 'LOCUST_HTTP_USER_WEIGHT', 'LOCUST_BROWSER_USER_WEIGHT', 'OTEL_EXPORTER_OTLP_ENDPOINT', 'OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE', 'PROTOCOL_BUFFERS_PYTHON_IMPLEMENTATION=python', 'LOCUST_WEB_HOST=0.0.0.0'];
    const kept = ['OTEL_SERVICE_NAME=load-generator', 'FLAGD_HOST', 'FLAGD_PORT', 'FLAGD_OFREP_PORT', 'OTEL_RESOURCE_ATTRIBUTES'];
    const k6 = ['LOAD_GENERATOR_VUS', 'K6_TARGET_URL', 'OTEL_EXPORTER_OTLP_ENDPOINT=http://collector:4318', 'OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf', 'K6_OTEL_EXPORTER_PROTOCOL=http/protobuf', 'K6_OTEL_HTTP_EXPORTER_ENDPOINT=collector:4318', 'K6_OTEL_HTTP_EXPORTER_INSECURE=true', 'K6_BROWSER_ENABLED=true', 'K6_BROWSER_ARGS=no-sandbox', 'K6_OTEL_METRIC_PREFIX=k6.'];
    const before = { services: { 'load-generator': { environment: [...locust, ...kept] } } };
    const after = { services: { 'load-generator': { environment: [...k6, ...kept] } } };
    const s = byKind(run(analyzeSize, 'compose.yaml', before, after), 'mass-removal');
    // OTEL_EXPORTER_OTLP_ENDPOINT passed through before, set now: one variable, modified.
    expect(s.data).toMatchObject({ removed: 11, added: 9, before: 17, after: 15, sharePercent: 11.8 });
    expect(s.summary).toMatch(/11 of 17 entries removed, 9 added \(net 2, 11\.8%\)/);
  });

  it('alerting rules removed are named as such (deletion.alerts-removed judges them); recording rules are not', () => {
    const alerts = (n: number) => Array.from({ length: n }, (_, i) => ({ name: `Nats ${i}`, query: `x > ${i}`, severity: 'warning' }));
    const a = byKind(run(analyzeSize, 'rules.yml', { rules: alerts(19) }, { rules: alerts(13) }), 'mass-removal');
    expect(a.data).toMatchObject({ removed: 6, before: 19, entryKind: 'alerting-rule' });
    expect(a.summary).toMatch(/^rules: 6 of 19 alerting rules removed/);
    const records = (n: number) => Array.from({ length: n }, (_, i) => ({ record: `job:x${i}:sum`, expr: `sum(x${i})` }));
    const r = byKind(run(analyzeSize, 'rules.yml', { rules: records(12) }, { rules: records(8) }), 'mass-removal');
    expect(r.data.entryKind).toBeUndefined();
  });

  it('a whole list removed', () => {
    const s = byKind(run(analyzeSize, 'r.yaml', { routes: routes(6), other: 1 }, { other: 1 }), 'mass-removal');
    expect(s.data).toMatchObject({ removed: 6, before: 6, after: 0, sharePercent: 100 });
  });
});

describe('deletion: soft to hard delete', () => {
  it.each([
    ['CloudFormation DeletionPolicy Retain → Delete', { Resources: { Db: { DeletionPolicy: 'Retain' } } }, { Resources: { Db: { DeletionPolicy: 'Delete' } } }],
    ['PV reclaim policy', { spec: { persistentVolumeReclaimPolicy: 'Retain' } }, { spec: { persistentVolumeReclaimPolicy: 'Delete' } }],
    ['softDelete true → false', { storage: { softDelete: true } }, { storage: { softDelete: false } }],
    ['Argo CD prune false → true', { syncPolicy: { automated: { prune: false } } }, { syncPolicy: { automated: { prune: true } } }],
    ['prune added', { syncPolicy: { automated: { selfHeal: true } } }, { syncPolicy: { automated: { selfHeal: true, prune: true } } }],
    ['deletion_protection true → false', { db: { deletion_protection: true } }, { db: { deletion_protection: false } }],
  ])('%s', (_name, before, after) => {
    const s = byKind(run(analyzeSize, 'x.yaml', before, after), 'soft-to-hard-delete');
    expect(s.type).toBe('deletion');
    expect(s.direction).toBe('risky');
  });

  it.each([
    ['Delete → Retain', { r: { DeletionPolicy: 'Delete' } }, { r: { DeletionPolicy: 'Retain' } }],
    ['softDelete false → true', { softDelete: false }, { softDelete: true }],
    ['prune true → false', { prune: true }, { prune: false }],
  ])('safe direction: %s', (_name, before, after) => {
    expect(kinds(run(analyzeSize, 'x.yaml', before, after))).toEqual([]);
  });
});

describe('removals that are not mass removals (issue 13 pattern 5)', () => {
  const container = (name: string) => ({
    name, image: `${name}:1`, imagePullPolicy: 'Always', ports: [{ containerPort: 80 }], env: [{ name: 'A', value: '1' }],
    resources: { limits: { cpu: '1' } }, livenessProbe: { httpGet: { path: '/', port: 80 } }, readinessProbe: { httpGet: { path: '/', port: 80 } },
    volumeMounts: [{ name: 'v', mountPath: '/v' }], args: ['--a'], command: ['run'], securityContext: { runAsNonRoot: true },
  });
  it('one removed container (a record of 12 fields) is not "12 of 12 entries removed"', () => {
    const before = { spec: { containers: [container('api'), container('sidecar')] } };
    const after = { spec: { containers: [container('api')] } };
    expect(kinds(run(analyzeSize, 'deploy.yaml', before, after)).filter((k) => k === 'mass-removal')).toEqual([]);
  });
  it('a removed compose service (a record) is not a mass removal of its fields', () => {
    const svc = { image: 'x:1', container_name: 'x', mem_limit: '1g', depends_on: ['a'], entrypoint: ['run'], ports: ['80:80'] };
    expect(kinds(run(analyzeSize, 'compose.yaml', { services: { a: { image: 'a' }, x: svc } }, { services: { a: { image: 'a' } } })).filter((k) => k === 'mass-removal')).toEqual([]);
  });
  it('arguments removed from an entrypoint are an edited command line, not removed entries', () => {
    const before = { services: { x: { entrypoint: ['java', '-XX:+A', '-XX:+B', '-Dx=1', '-jar', '/app.jar', '--a', '--b', '--c', '--d'] } } };
    const after = { services: { x: { entrypoint: ['java', '-jar', '/app.jar', '--a', '--b'] } } };
    expect(kinds(run(analyzeSize, 'compose.yaml', before, after)).filter((k) => k === 'mass-removal')).toEqual([]);
  });
  it('a map of named entries removed whole is still a mass removal', () => {
    const routesMap = Object.fromEntries(routes(6).map((r, i) => [`r${i}`, r]));
    const s = byKind(run(analyzeSize, 'r.yaml', { routes: routesMap, other: 1 }, { other: 1 }), 'mass-removal');
    expect(s.data).toMatchObject({ removed: 6, before: 6, after: 0 });
  });
});

describe('a record is not a collection', () => {
  it('the fields of a dashboard document removed are not "13 of 13 entries removed"', () => {
    const dash = { annotations: { list: [] }, editable: true, panels: [{ id: 1 }], title: 'x', uid: 'u', version: 3, schemaVersion: 39, time: { from: 'now-6h' } };
    expect(kinds(run(analyzeSize, 'dash.json', dash, {})).filter((k) => k === 'mass-removal')).toEqual([]);
  });
});

// grafana/alloy-scenarios a897625f: a k8s-monitoring values file migrated to the chart's v4
// layout — collectors moved under `collectors:`, sections that were switched off dropped — read as
// "7 of 10 entries removed (70%)".
describe('entries that withdraw nothing when removed', () => {
  const v3 = {
    cluster: { name: 'demo' },
    destinations: [{ name: 'loki', type: 'loki' }],
    clusterEvents: { enabled: true, collector: 'alloy-logs' },
    nodeLogs: { enabled: false },
    podLogs: { enabled: true, gatherMethod: 'kubernetesApi', collector: 'alloy-logs' },
    'alloy-singleton': { enabled: false },
    'alloy-metrics': { enabled: false },
    'alloy-logs': { enabled: true, alloy: { clustering: { enabled: true } } },
    'alloy-profiles': { enabled: false },
    'alloy-receiver': { enabled: false },
  };
  const v4 = {
    cluster: { name: 'demo' },
    destinations: { loki: { type: 'loki' } },
    clusterEvents: { enabled: true, collector: 'alloy-singleton' },
    podLogsViaKubernetesApi: { enabled: true, collector: 'alloy-logs' },
    collectors: { 'alloy-singleton': { presets: ['singleton'] }, 'alloy-logs': { presets: ['clustered'] } },
  };
  it('sections moved elsewhere in the file, or switched off before, are not a mass removal', () => {
    expect(kinds(run(analyzeSize, 'k8s-monitoring-values.yml', v3, v4)).filter((k) => k === 'mass-removal')).toEqual([]);
  });
  it('sections that were serving and went nowhere still are, and say what the others were', () => {
    const served = { ...v3, a: { enabled: true, x: 1 }, b: { enabled: true, x: 2 }, c: { enabled: true, x: 3 } };
    const s = byKind(run(analyzeSize, 'values.yml', served, { ...v4 }), 'mass-removal');
    expect(s.data).toMatchObject({ removed: 10, added: 2, moved: 2, switchedOff: 4, before: 13, sharePercent: 15.4 });
    expect(s.summary).toMatch(/10 of 13 entries removed \(2 moved elsewhere in the file, 4 switched off before\), 2 added \(net 2, 15\.4%\)/);
  });
});

// samber/awesome-prometheus-alerts 03963ef6: the catalogue's categories rearranged. Linkerd and
// Istio moved to an existing group, ArgoCD, FluxCD and Spinnaker to a group the change creates:
// "5 of 10 services removed (2 moved elsewhere)" blocked. Every one of them is still in the file.
describe('samber/awesome-prometheus-alerts 03963ef6: entries moved to another parent are not removed', () => {
  const service = (name: string) => ({ name, exporters: [{ name: `${name.toLowerCase()}-exporter`, rules: [{ name: `${name} down`, query: `up{job="${name}"} == 0`, severity: 'critical' }] }] });
  const names = ['Kubernetes', 'Nomad', 'Consul', 'Etcd', 'Linkerd', 'Istio', 'ArgoCD', 'FluxCD', 'OpenStack', 'Spinnaker'];
  const before = { groups: [{ name: 'Orchestrators', services: names.map(service) }, { name: 'Proxies', services: [service('Envoy')] }] };
  const stays = ['Kubernetes', 'Nomad', 'Consul', 'Etcd', 'OpenStack'];
  it('moved into an existing group and into a group the change creates: no mass removal', () => {
    const after = {
      groups: [
        { name: 'Orchestrators', services: stays.map(service) },
        { name: 'Proxies', services: ['Envoy', 'Linkerd', 'Istio'].map(service) },
        { name: 'CI/CD', services: ['Jenkins', 'ArgoCD', 'FluxCD', 'Spinnaker'].map(service) },
      ],
    };
    expect(kinds(run(analyzeSize, 'rules.yml', before, after)).filter((k) => k === 'mass-removal')).toEqual([]);
  });
  it('the same services dropped from the file are still a mass removal, and say how many moved', () => {
    const after = { groups: [{ name: 'Orchestrators', services: stays.map(service) }, { name: 'Proxies', services: ['Envoy', 'Linkerd'].map(service) }] };
    const s = byKind(run(analyzeSize, 'rules.yml', before, after), 'mass-removal');
    expect(s.data).toMatchObject({ removed: 5, moved: 1, added: 0, before: 10, sharePercent: 40 });
    expect(s.pathText).toBe('groups[name=Orchestrators].services');
  });
});

// Found reading samber/awesome-prometheus-alerts 03963ef6: a removal's path is its parent's
// after-side path, and the parent was looked up at that path in the before document. A group
// inserted before the one losing entries shifted the index, so the removal went unseen.
describe('a group inserted before the collection that loses entries', () => {
  const svc = (n: string) => ({ name: n, port: 80, image: `${n}:1` });
  it.each([
    ['a list of groups', { groups: [{ name: 'A', services: ['a1', 'a2'].map(svc) }, { name: 'B', services: ['b1', 'b2', 'b3', 'b4', 'b5', 'b6'].map(svc) }] }, { groups: [{ name: 'New', services: [svc('n1')] }, { name: 'A', services: ['a1', 'a2'].map(svc) }, { name: 'B', services: ['b1', 'b2'].map(svc) }] }, 'groups[name=B].services'],
    ['a map of hosts beside a group added', { pools: [{ name: 'A', hosts: { h1: 'a', h2: 'b' } }, { name: 'B', hosts: { h1: 'a', h2: 'b', h3: 'c', h4: 'd', h5: 'e' } }] }, { pools: [{ name: 'N', hosts: { x: 'y' } }, { name: 'A', hosts: { h1: 'a', h2: 'b' } }, { name: 'B', hosts: { h1: 'a', h2: 'b' } }] }, 'pools[name=B].hosts'],
  ])('%s: the removal is still seen', (_name, before, after, pathText) => {
    const s = byKind(run(analyzeSize, 'x.yml', before, after), 'mass-removal');
    expect(s.pathText).toBe(pathText);
  });
});

// open-telemetry/opentelemetry-demo 39d7924c: Grafana's exemplarTraceIdDestinations already held
// two links for the label `trace_id` (Jaeger, the Jaeger UI); a third (the logs) was blocked as a
// duplicate identity. A value items already shared before the change is not their identity
// there: the reader takes every entry (one link each).
describe('open-telemetry/opentelemetry-demo 39d7924c: a value already shared in the list is not an identity', () => {
  const dest = (name: string, url: string) => ({ name, url, urlDisplayLabel: url });
  const ds = (list: unknown[]) => ({ datasources: [{ name: 'prometheus', jsonData: { exemplarTraceIdDestinations: list } }] });
  it.each([
    ['a third link for a label that had two', ds([dest('trace_id', 'jaeger'), dest('trace_id', 'ui')]), ds([dest('trace_id', 'jaeger'), dest('trace_id', 'ui'), dest('trace_id', 'logs')]), []],
    ['another value newly shared is still a duplicate, whatever the list held before', ds([dest('trace_id', 'jaeger'), dest('trace_id', 'ui'), dest('span_id', 'a')]), ds([dest('trace_id', 'jaeger'), dest('trace_id', 'ui'), dest('span_id', 'a'), dest('span_id', 'b')]), ['duplicate-identity']],
    ['a first duplicate in a list whose names were unique is still one', ds([dest('trace_id', 'jaeger'), dest('span_id', 'a')]), ds([dest('trace_id', 'jaeger'), dest('span_id', 'a'), dest('trace_id', 'logs')]), ['duplicate-identity']],
  ])('%s', (_name, before, after, expected) => {
    expect(kinds(run(analyzeSize, 'datasources/default.yaml', before, after)).filter((k) => k === 'duplicate-identity')).toEqual(expected);
  });
});
