import { describe, expect, it } from 'vitest';
import { analyzeCapacity } from '../../../src/analyze/capacity/index.js';
import { parseDuration, parseQuantity } from '../../../src/analyze/kit/quantities.js';
import type { Inventory } from '../../../src/analyze/types.js';
import { byKind, kinds, run } from '../../support/analyze.js';

describe('capacity: quantities', () => {
  it.each([
    [3, 3],
    ['3', 3],
    ['500m', 0.5],
    ['2Gi', 2 * 2 ** 30],
    ['512Mi', 512 * 2 ** 20],
    ['1.5', 1.5],
    ['1e3', 1000],
    ['2G', 2e9],
    ['512MB', 512e6],
    ['1GiB', 2 ** 30],
    ['600/m', 10],
    ['100r/s', 100],
    ['10 per minute', 10 / 60],
    ['fast', undefined],
    [true, undefined],
  ])('parseQuantity(%j) = %j', (input, want) => {
    expect(parseQuantity(input)).toBe(want);
  });

  it.each([
    ['30s', 30],
    ['5m', 300],
    ['1h30m', 5400],
    ['250ms', 0.25],
    ['PT1M', 60],
    ['MINUTE', 60],
    [60, 60],
    ['soon', undefined],
  ])('parseDuration(%j) = %j', (input, want) => {
    expect(parseDuration(input)).toBe(want);
  });
});

const deployment = (replicas: number, mem = '1Gi') => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'api' },
  spec: {
    replicas,
    template: { spec: { containers: [{ name: 'api', image: 'api:1', resources: { requests: { cpu: '500m', memory: mem }, limits: { memory: mem } } }] } },
  },
});

describe('capacity: signals', () => {
  const table: Array<{ name: string; file: string; before: unknown; after: unknown; expect: Array<Record<string, unknown>> }> = [
    {
      name: 'Deployment replicas 12 → 4',
      file: 'k8s/api.yaml',
      before: deployment(12),
      after: deployment(4),
      expect: [{ kind: 'capacity-dropped', direction: 'risky', from: 12, to: 4, dropPercent: 66.7, absolute: 8 }],
    },
    {
      name: 'Deployment replicas 4 → 6',
      file: 'k8s/api.yaml',
      before: deployment(4),
      after: deployment(6),
      expect: [{ kind: 'capacity-added', direction: 'safe', from: 4, to: 6, absolute: 2, dropPercent: 0 }],
    },
    {
      name: 'HPA minReplicas/maxReplicas lowered',
      file: 'hpa.yaml',
      before: { kind: 'HorizontalPodAutoscaler', spec: { minReplicas: 10, maxReplicas: 40 } },
      after: { kind: 'HorizontalPodAutoscaler', spec: { minReplicas: 8, maxReplicas: 20 } },
      expect: [
        { kind: 'capacity-dropped', from: 10, to: 8, dropPercent: 20 },
        { kind: 'capacity-dropped', from: 40, to: 20, dropPercent: 50 },
      ],
    },
    {
      name: 'CloudFormation ASG DesiredCapacity as strings',
      file: 'asg.json',
      before: { Resources: { Web: { Type: 'AWS::AutoScaling::AutoScalingGroup', Properties: { DesiredCapacity: '20', MinSize: '10', MaxSize: '40' } } } },
      after: { Resources: { Web: { Type: 'AWS::AutoScaling::AutoScalingGroup', Properties: { DesiredCapacity: '12', MinSize: '10', MaxSize: '40' } } } },
      expect: [{ kind: 'capacity-dropped', from: 20, to: 12, dropPercent: 40, absolute: 8 }],
    },
    {
      name: 'Terraform node pool node_count',
      file: 'gke.tf.json',
      before: { resource: { google_container_node_pool: { primary: { node_count: 9 } } } },
      after: { resource: { google_container_node_pool: { primary: { node_count: 6 } } } },
      expect: [{ kind: 'capacity-dropped', from: 9, to: 6, dropPercent: 33.3 }],
    },
    {
      name: 'memory request and limit lowered (quantities)',
      file: 'k8s/api.yaml',
      before: deployment(4, '2Gi'),
      after: deployment(4, '512Mi'),
      expect: [
        { kind: 'reservation-lowered', direction: 'neutral', from: 2 ** 31, to: 512 * 2 ** 20, dropPercent: 75, fromText: '2Gi', toText: '512Mi' },
        { kind: 'quota-lowered', direction: 'risky', dropPercent: 75, fromText: '2Gi', toText: '512Mi' },
      ],
    },
    {
      // stefanprodan/gitops-istio f5b13a97 and 77465204: the Istio sidecar's memory request 40Mi → 16Mi
      // stopped as a capacity drop; a request is what the scheduler reserves, the limit is the ceiling.
      name: 'a container resource request lowered is a reservation, not a limit (gitops-istio f5b13a97)',
      file: 'apps/backend/deployment.yaml',
      before: { kind: 'Deployment', spec: { template: { spec: { containers: [{ name: 'istio-proxy', resources: { limits: { memory: '1Gi' }, requests: { cpu: '10m', memory: '40Mi' } } }] } } } },
      after: { kind: 'Deployment', spec: { template: { spec: { containers: [{ name: 'istio-proxy', resources: { limits: { memory: '1Gi' }, requests: { cpu: '10m', memory: '16Mi' } } }] } } } },
      expect: [{ kind: 'reservation-lowered', direction: 'neutral', fromText: '40Mi', toText: '16Mi', dropPercent: 60 }],
    },
    {
      name: 'rate limit string raised',
      file: 'gateway.yaml',
      before: { routes: [{ name: 'search', rateLimit: '600/m' }] },
      after: { routes: [{ name: 'search', rateLimit: '1200/m' }] },
      expect: [{ kind: 'quota-raised', direction: 'safe', from: 10, to: 20 }],
    },
    {
      name: 'rate limit as requests + window: window widened lowers the rate',
      file: 'limits.yaml',
      before: { rateLimits: { search: { requests: 100, window: '1s' } } },
      after: { rateLimits: { search: { requests: 100, window: '1m' } } },
      expect: [{ kind: 'quota-lowered', from: 100, to: 100 / 60, unit: 'per second' }],
    },
    {
      name: 'ResourceQuota hard limits',
      file: 'quota.yaml',
      before: { kind: 'ResourceQuota', spec: { hard: { pods: '50', 'requests.cpu': '20' } } },
      after: { kind: 'ResourceQuota', spec: { hard: { pods: '50', 'requests.cpu': '10' } } },
      expect: [{ kind: 'quota-lowered', from: 20, to: 10, dropPercent: 50 }],
    },
    {
      name: 'Envoy circuit breaker max_connections',
      file: 'envoy.yaml',
      before: { circuit_breakers: { thresholds: [{ max_connections: 1000, max_pending_requests: 100 }] } },
      after: { circuit_breakers: { thresholds: [{ max_connections: 250, max_pending_requests: 100 }] } },
      expect: [{ kind: 'quota-lowered', from: 1000, to: 250, dropPercent: 75 }],
    },
    {
      name: 'unrelated numbers and timeouts are ignored',
      file: 'app.yaml',
      before: { port: 8080, retries: 3, limits: { timeout: '30s' }, image: 'a:1' },
      after: { port: 8081, retries: 2, limits: { timeout: '5m' }, image: 'a:2' },
      expect: [],
    },
  ];

  it.each(table)('$name', ({ file, before, after, expect: want }) => {
    const signals = run(analyzeCapacity, file, before, after);
    expect(signals.map((s) => ({ kind: s.kind, direction: s.direction, ...s.data }))).toMatchObject(want);
    expect(signals).toHaveLength(want.length);
  });

  it('removing replicas from a Deployment drops it to one pod', () => {
    const before = deployment(6);
    const after = structuredClone(before) as { spec: Record<string, unknown> };
    delete after.spec.replicas;
    const s = byKind(run(analyzeCapacity, 'd.yaml', before, after), 'capacity-dropped');
    expect(s.data).toMatchObject({ from: 6, to: 1, dropPercent: 83.3 });
  });

  it('compares a lowered quota with usage from the inventory', () => {
    const inventory: Inventory = { usage: { 'spec.hard["requests.cpu"]': 14, 'limits.search.rps': 80 } };
    const s = run(
      analyzeCapacity,
      'quota.yaml',
      { kind: 'ResourceQuota', spec: { hard: { 'requests.cpu': '20' } } },
      { kind: 'ResourceQuota', spec: { hard: { 'requests.cpu': '10' } } },
      { inventory },
    )[0]!;
    expect(s.data).toMatchObject({ usage: 14, belowUsage: true });
    expect(s.summary).toContain('below current usage 14');
    const t = run(analyzeCapacity, 'l.yaml', { limits: { search: { rps: 200 } } }, { limits: { search: { rps: 100 } } }, { inventory })[0]!;
    expect(t.data).toMatchObject({ from: 200, to: 100, usage: 80, belowUsage: false });
    expect(t.missing ?? []).not.toContain(expect.stringContaining('current usage'));
  });

  it('names usage as missing when a quota is lowered without it', () => {
    const s = run(analyzeCapacity, 'l.yaml', { rateLimit: { rps: 200 } }, { rateLimit: { rps: 100 } })[0]!;
    expect(s.data.belowUsage).toBe(false);
    expect(s.missing?.some((m) => m.includes('current usage'))).toBe(true);
  });

  it('scope comes from the path and the inventory', () => {
    const inventory: Inventory = { traffic: { region: { 'eu-west-1': 30, 'us-east-1': 70 } } };
    const s = run(analyzeCapacity, 'regions/eu-west-1/api.yaml', deployment(10), deployment(5), { inventory })[0]!;
    expect(s.scope).toMatchObject({ share: 30, targets: ['eu-west-1'], basis: 'inventory' });
    expect(kinds(run(analyzeCapacity, 'api.yaml', deployment(10), deployment(10)))).toEqual([]);
  });
});
