import { describe, expect, test } from 'vitest';
import healthCheck from '../../../src/analyze/health-check/index.js';
import { run, table, type Case } from '../kit/table.js';

const TARGET_GROUP = (path: string, timeout: number, codes: string) => `
  Resources:
    ApiTargetGroup:
      Type: AWS::ElasticLoadBalancingV2::TargetGroup
      Properties:
        Port: 8080
        HealthCheckPath: ${path}
        HealthCheckTimeoutSeconds: ${timeout}
        UnhealthyThresholdCount: 2
        Matcher:
          HttpCode: "${codes}"
`;

const ENVOY = (timeout: string, path: string, unhealthy: number) => `
  static_resources:
    clusters:
      - name: api
        connect_timeout: 1s
        health_checks:
          - timeout: ${timeout}
            interval: 10s
            unhealthy_threshold: ${unhealthy}
            healthy_threshold: 2
            http_health_check:
              path: ${path}
`;

const DEPLOYMENT = (path: string) => `
  apiVersion: apps/v1
  kind: Deployment
  metadata: { name: api }
  spec:
    template:
      spec:
        containers:
          - name: api
            livenessProbe:
              httpGet: { path: ${path}, port: 8080 }
              timeoutSeconds: 1
`;

const cases: Case[] = [
  { name: 'a target group check path changed (CloudFormation)', before: TARGET_GROUP('/healthz', 5, '200'), after: TARGET_GROUP('/health/ready', 5, '200'), expect: ['check-changed@6'] },
  { name: 'a target group matcher narrowed', before: TARGET_GROUP('/healthz', 5, '200-399'), after: TARGET_GROUP('/healthz', 5, '200'), expect: ['check-changed@10'] },
  { name: 'a target group timeout lengthened is a loosening', before: TARGET_GROUP('/healthz', 5, '200'), after: TARGET_GROUP('/healthz', 10, '200'), expect: ['check-loosened@7'] },
  { name: 'an Envoy cluster check timeout cut', file: 'envoy.yaml', before: ENVOY('5s', '/healthz', 3), after: ENVOY('250ms', '/healthz', 3), expect: ['check-changed@6'] },
  { name: 'an Envoy cluster check path changed', file: 'envoy.yaml', before: ENVOY('5s', '/healthz', 3), after: ENVOY('5s', '/ready', 3), expect: ['check-changed@11'] },
  { name: 'an Envoy unhealthy threshold raised is a loosening', file: 'envoy.yaml', before: ENVOY('5s', '/healthz', 3), after: ENVOY('5s', '/healthz', 5), expect: ['check-loosened@8'] },
  { name: 'a Deployment probe edited is that workload\'s, rolled out pod by pod', before: DEPLOYMENT('/healthz'), after: DEPLOYMENT('/ready'), expect: [] },
  {
    name: 'a compose container healthcheck is the container\'s own',
    file: 'docker-compose.yml',
    before: 'services:\n  api:\n    healthcheck:\n      test: ["CMD", "curl", "-f", "http://localhost/healthz"]\n      interval: 30s\n      timeout: 5s\n',
    after: 'services:\n  api:\n    healthcheck:\n      test: ["CMD", "curl", "-f", "http://localhost/ready"]\n      interval: 30s\n      timeout: 1s\n',
    expect: [],
  },
  {
    name: 'a probe under a Helm global default reaches every workload',
    before: 'global:\n  livenessProbe:\n    httpGet: { path: /healthz, port: http }\n    timeoutSeconds: 5\n',
    after: 'global:\n  livenessProbe:\n    httpGet: { path: /livez, port: http }\n    timeoutSeconds: 5\n',
    expect: ['check-changed@3'],
  },
  {
    name: 'mesh-wide outlier detection tightened (Istio DestinationRule)',
    before: 'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata: { name: default, namespace: istio-system }\nspec:\n  host: "*.local"\n  trafficPolicy:\n    outlierDetection:\n      consecutive5xxErrors: 5\n      maxEjectionPercent: 10\n',
    after: 'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata: { name: default, namespace: istio-system }\nspec:\n  host: "*.local"\n  trafficPolicy:\n    outlierDetection:\n      consecutive5xxErrors: 1\n      maxEjectionPercent: 100\n',
    expect: ['check-changed@8'],
  },
  {
    name: 'a Kong upstream active check path changed (JSON)',
    file: 'kong.json',
    before: '{"upstreams": [{"name": "orders", "healthchecks": {"active": {"http_path": "/status", "timeout": 1}}}]}',
    after: '{"upstreams": [{"name": "orders", "healthchecks": {"active": {"http_path": "/health", "timeout": 1}}}]}',
    expect: ['check-changed@1'],
  },
  {
    name: 'a check added to a running target group',
    before: 'upstreams:\n  - name: api\n    servers: [a:80, b:80]\n',
    after: 'upstreams:\n  - name: api\n    servers: [a:80, b:80]\n    health_check:\n      uri: /healthz\n      interval: 5s\n',
    expect: ['check-changed@4'],
  },
  {
    name: 'a new pool with its check is not a change to a running one',
    before: 'upstreams:\n  - name: api\n    servers: [a:80]\n',
    after: 'upstreams:\n  - name: api\n    servers: [a:80]\n  - name: web\n    servers: [w:80]\n    health_check: { uri: /healthz }\n',
    expect: [],
  },
  {
    name: 'a Service healthCheckNodePort is not a check field',
    before: 'kind: Service\nspec:\n  healthCheckNodePort: 30001\n  type: LoadBalancer\n',
    after: 'kind: Service\nspec:\n  healthCheckNodePort: 30002\n  type: LoadBalancer\n',
    expect: [],
  },
  {
    name: 'a description beside a check is not its criteria',
    before: 'health_check:\n  path: /healthz\n  description: old\n',
    after: 'health_check:\n  path: /healthz\n  description: new\n',
    expect: [],
  },
  {
    name: 'bug: Flux Kustomization healthChecks (objects a deploy waits for) are not a traffic check',
    before: 'apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata: { name: apps }\nspec:\n  interval: 10m\n',
    after: 'apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata: { name: apps }\nspec:\n  interval: 10m\n  healthChecks:\n    - apiVersion: helm.toolkit.fluxcd.io/v2\n      kind: HelmRelease\n      name: podinfo\n      namespace: podinfo\n',
    expect: [],
  },
];

table(healthCheck, 'shared health checks', cases);

describe('health-check: reach and data', () => {
  test('the inventory gives a check its reach and its backends', () => {
    const [s] = run(healthCheck, { name: 'x', before: TARGET_GROUP('/healthz', 5, '200'), after: TARGET_GROUP('/ready', 5, '200'), expect: [], inventory: { healthChecks: { ApiTargetGroup: { share: 3, backends: 12 } } } });
    expect(s!.scope).toEqual({ dimension: 'backends', targets: ['ApiTargetGroup'], share: 3, basis: 'inventory' });
    expect(s!.data).toMatchObject({ check: 'ApiTargetGroup', backends: 12, tightened: ['HealthCheckPath'] });
    expect(s!.missing).toBeUndefined();
  });

  test('without the inventory the reach is assumed and the fact is named', () => {
    const [s] = run(healthCheck, { name: 'x', file: 'envoy.yaml', before: ENVOY('5s', '/healthz', 3), after: ENVOY('1s', '/healthz', 3), expect: [] });
    expect(s!.scope.share).toBe(100);
    expect(s!.data.check).toBe('api');
    expect(s!.missing?.some((m) => m.includes('inventory.healthChecks.api.share'))).toBe(true);
  });

  test('a canary pool reaches the canary share', () => {
    const before = 'upstreams:\n  - name: api-canary\n    health_check: { uri: /healthz, timeout: 5s }\n';
    const after = 'upstreams:\n  - name: api-canary\n    health_check: { uri: /ready, timeout: 5s }\n';
    const [s] = run(healthCheck, { name: 'x', file: 'lb/canary.yaml', before, after, expect: [] });
    expect(s!.scope.share).toBeLessThanOrEqual(5);
  });
});
