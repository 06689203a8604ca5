// False stops of the routing analyzer found replaying real history (issue 13), each named after
// the commit that showed it, judged through the whole pipeline with zero configuration, and the
// class of key behind it pinned at the analyzer.
import { beforeAll, describe, expect, it } from 'vitest';
import { runPipeline } from '../../../src/gate.js';
import { textChangeSet } from '../../support/analyze.js';
import { fsReader, loadSetup, type GateSetup } from '../../../src/config/index.js';
import routing from '../../../src/analyze/routing/index.js';
import { run } from '../kit/table.js';

const NOW = new Date('2026-12-01T00:00:00Z');
let setup: GateSetup;
beforeAll(async () => {
  setup = await loadSetup({ reader: fsReader(process.cwd()) });
});

function judge(path: string, before: string, after: string) {
  return runPipeline({ changeSet: textChangeSet(path, before, after), setup, now: NOW });
}

// argoproj/argo-helm 485f86f9, charts/argocd-image-updater/values.yaml (excerpt, same shape).
const helmValues = (ingress: boolean) => `image:
  repository: quay.io/argoprojlabs/argocd-image-updater
  pullPolicy: Always
rbac:
  enabled: true
service:
  enabled: true
  type: ClusterIP
  ports: { http: 8080 }
metrics:
  enabled: false
ingress:
  # -- Enable an ingress resource for the deployment
  enabled: ${ingress}
  labels: {}
  annotations: {}
  ingressClassName: ""
  hosts: []
  tls: []
`;

// spring-cloud-samples/config-repo 559479e4, application.yml: a document added above the one there was.
const springBefore = `---
spring:
  profiles: cloud
application:
  domain: 23.23.221.131.xip.io
endpoints:
  restart: enabled
eureka:
  instance:
    nonSecurePort: 80
`;
const springAfter = `info:
  new:
  stuff: Hello World

${springBefore}`;

describe('argoproj/argo-helm 485f86f9: a chart section switched off (ingress.enabled) is a component toggle, not a drain', () => {
  it('passes through the pipeline', () => {
    const result = judge('charts/argocd-image-updater/values.yaml', helmValues(true), helmValues(false));
    expect(result.findings.filter((f) => f.policy.startsWith('routing.'))).toEqual([]);
    expect(result.verdict).toBe('pass');
  });

  it('the routing analyzer reads no routing signal from it', () => {
    expect(run(routing, { name: 'x', file: 'charts/x/values.yaml', before: helmValues(true), after: helmValues(false), expect: [] })).toEqual([]);
  });

  it('a gateway section of the same shape in a values file is no drain either', () => {
    const v = (on: boolean) => `gateway:\n  enabled: ${on}\n  annotations: {}\ncontroller:\n  replicas: 2\n`;
    expect(run(routing, { name: 'x', file: 'values.yaml', before: v(true), after: v(false), expect: [] })).toEqual([]);
  });

  it('a member of a pool collection switched off still drains', () => {
    const v = (on: boolean) => `pools:\n  api-a:\n    enabled: ${on}\n  api-b:\n    enabled: true\n`;
    expect(run(routing, { name: 'x', file: 'lb.yaml', before: v(true), after: v(false), expect: [] }).map((s) => s.kind)).toEqual(['traffic-shifted']);
  });
});

describe('spring-cloud-samples/config-repo 559479e4: Spring endpoints.restart is a settings map, not a backend pool', () => {
  it('passes through the pipeline without a routing finding', () => {
    const result = judge('application.yml', springBefore, springAfter);
    expect(result.findings.filter((f) => f.policy.startsWith('routing.'))).toEqual([]);
  });

  it('a map of scalar settings under a backend-list key is not a pool', () => {
    const b = 'endpoints:\n  restart: enabled\n  shutdown: enabled\n';
    const a = 'endpoints:\n  restart: enabled\n';
    expect(run(routing, { name: 'x', file: 'application.yml', before: b, after: a, expect: [] })).toEqual([]);
  });

  it('a map of backend entries under the same key still is', () => {
    const b = 'endpoints:\n  a: { address: 10.0.0.1 }\n  b: { address: 10.0.0.2 }\n';
    const a = 'endpoints: {}\n';
    expect(run(routing, { name: 'x', file: 'lb.yaml', before: b, after: a, expect: [] }).map((s) => s.kind)).toEqual(['pool-emptied']);
  });
});

// thanos-io/kube-thanos 1eb49983, examples/all/manifests/thanos-receive-statefulSet.yaml (excerpt):
// a second preferred anti-affinity term added, each with `weight: 100`.
const receive = (zone: boolean) => `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: thanos-receive
spec:
  replicas: 3
  template:
    spec:
      affinity:
        podAntiAffinity:
          preferredDuringSchedulingIgnoredDuringExecution:
          - podAffinityTerm:
              labelSelector:
                matchExpressions:
                - key: app.kubernetes.io/instance
                  operator: In
                  values:
                  - thanos-receive
              topologyKey: kubernetes.io/hostname
            weight: 100
${
  zone
    ? `          - podAffinityTerm:
              labelSelector:
                matchExpressions:
                - key: app.kubernetes.io/instance
                  operator: In
                  values:
                  - thanos-receive
              topologyKey: topology.kubernetes.io/zone
            weight: 100
`
    : ''
}        nodeAffinity:
          preferredDuringSchedulingIgnoredDuringExecution:
          - preference:
              matchExpressions:
              - key: disktype
                operator: In
                values: [ssd]
            weight: ${zone ? 20 : 80}
      containers:
      - name: thanos-receive
        image: quay.io/thanos/thanos:v0.12.0
`;

describe('thanos-io/kube-thanos 1eb49983: scheduling preference weights (affinity terms) are not traffic weights', () => {
  it('passes through the pipeline', () => {
    const result = judge('examples/all/manifests/thanos-receive-statefulSet.yaml', receive(false), receive(true));
    expect(result.findings.filter((f) => f.policy.startsWith('routing.'))).toEqual([]);
    expect(result.verdict).toBe('pass');
  });

  it('the routing analyzer reads no traffic shift from pod or node affinity terms', () => {
    expect(run(routing, { name: 'x', file: 'sts.yaml', before: receive(false), after: receive(true), expect: [] })).toEqual([]);
  });

  it('a weighted list of destinations of the same shape still shifts traffic', () => {
    const split = (a: number) => `routes:\n- destination: api-a\n  weight: ${a}\n- destination: api-b\n  weight: ${100 - a}\n`;
    expect(run(routing, { name: 'x', file: 'lb.yaml', before: split(100), after: split(50), expect: [] }).map((s) => s.kind)).toEqual(['traffic-shifted']);
  });
});

// billimek/k8s-gitops 01313b84, kubernetes/rook-ceph/cluster/rook-ceph-cluster.yaml (excerpt): a
// Ceph manager module switched off, in a file whose name holds "cluster".
const cephCluster = (rook: boolean) => `apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata:
  name: rook-ceph-cluster
spec:
  values:
    cephClusterSpec:
      mgr:
        count: 2
        modules:
          - name: pg_autoscaler
            enabled: true
          - name: rook
            enabled: ${rook}
          - name: telemetry
            enabled: true
`;

describe('billimek/k8s-gitops 01313b84: a module switched off in a list of modules is no backend drained', () => {
  it('passes through the pipeline', () => {
    const result = judge('kubernetes/rook-ceph/cluster/rook-ceph-cluster.yaml', cephCluster(true), cephCluster(false));
    expect(result.findings.filter((f) => f.policy.startsWith('routing.'))).toEqual([]);
    expect(result.verdict).toBe('pass');
  });

  it('a member of a backends list switched off in the same file still drains', () => {
    const lb = (on: boolean) => `backends:\n  - name: a\n    enabled: true\n  - name: b\n    enabled: ${on}\n`;
    expect(run(routing, { name: 'x', file: 'rook-ceph-cluster.yaml', before: lb(true), after: lb(false), expect: [] }).map((s) => s.kind)).toEqual(['traffic-shifted']);
  });
});

// onedr0p/home-ops 4c84e547, kubernetes/apps/miroir-system/miroir/app/helmrelease.yaml (excerpt): a
// storage operator's per-node disk pools moved out of the chart values (into a CR).
const miroir = (nodes: boolean) => `apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata:
  name: miroir
spec:
  values:
    replicaCount: 2
${
  nodes
    ? `    nodes:
${['k8s-0', 'k8s-1', 'k8s-2'].map((n) => `      ${n}:\n        pools:\n          default:\n            backend: lvmthin\n            device: /dev/disk/by-partlabel/r-miroir\n`).join('')}`
    : ''
}    monitoring:
      enabled: true
`;

describe('onedr0p/home-ops 4c84e547: storage nodes removed from a chart\'s values are no backend pool emptied', () => {
  it('passes through the pipeline', () => {
    const result = judge('kubernetes/apps/miroir-system/miroir/app/helmrelease.yaml', miroir(true), miroir(false));
    expect(result.findings.filter((f) => f.policy.startsWith('routing.'))).toEqual([]);
  });

  it('nodes that are network endpoints (an address each) removed still empty a pool', () => {
    const lb = (on: boolean) => `upstream:\n  name: api\n  nodes:\n${on ? '    - address: 10.0.0.1\n      port: 80\n    - address: 10.0.0.2\n      port: 80\n' : '    []\n'}`;
    expect(run(routing, { name: 'x', file: 'lb.yaml', before: lb(true), after: lb(false), expect: [] }).map((s) => s.kind)).toContain('pool-emptied');
  });
});
