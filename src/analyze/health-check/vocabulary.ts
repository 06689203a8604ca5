// What the health-check analyzer reads, as data. Keys are matched with kit/keys.ts (any
// spelling: `health_check`, `healthCheck`, `HealthCheck`).
import type { Vocabulary } from '../kit/keys.js';

/**
 * Objects that are a shared health check: a load balancer's, a target group's, an upstream's,
 * an Envoy cluster's, a mesh's outlier detection. Everything under one is read as its fields.
 */
export const CHECK_OBJECTS: Vocabulary = [
  'healthcheck', 'healthchecks', 'health_checks', 'httphealthcheck', 'httpshealthcheck', 'grpchealthcheck',
  'tcphealthcheck', 'activehealthcheck', 'outlierdetection',
];

/**
 * Flat health-check fields beside other settings: CloudFormation target groups
 * (`HealthCheckPath`, `HealthCheckTimeoutSeconds`), ALB ingress annotations
 * (`alb.ingress.kubernetes.io/healthcheck-path`). A key starting with FLAT_PREFIX is one, read
 * by what follows the prefix; these are too, beside one.
 */
export const FLAT_PREFIX = 'healthcheck';
export const FLAT_FIELDS: Vocabulary = ['healthythresholdcount', 'unhealthythresholdcount', 'matcher', 'successcodes'];

/** Structural keys skipped when naming what a check belongs to (`Resources.ApiTargetGroup.Properties`). */
export const STRUCTURAL: Vocabulary = [
  'properties', 'spec', 'trafficpolicy', 'loadbalancer', 'metadata', 'annotations', 'config', 'settings', 'http', 'tcp',
  'staticresources', 'clusters', 'upstreams', 'services', 'backends', 'resources', 'portlevelsettings', 'values',
];

/**
 * Checks of one workload's own containers: a Kubernetes probe, a compose `healthcheck` (with
 * `test`). A rolling update stages them pod by pod: not a fleet-wide check.
 */
export const WORKLOAD_CHECKS: Vocabulary = ['livenessprobe', 'readinessprobe', 'startupprobe', 'probes'];
/** Fields marking a container health check (compose, Dockerfile, ECS task definitions). */
export const CONTAINER_CHECK_FIELDS: Vocabulary = ['test', 'command', 'cmd', 'startperiod', 'start_period'];

/** Segments above a workload check that make it a default for every workload (a Helm `global`). */
export const FLEET_DEFAULTS: Vocabulary = ['global', 'defaults', 'default', 'commondefaults', 'poddefaults', 'allservices'];

/** Fields whose change changes what the check asks: any change can fail every backend. */
export const CRITERIA: Vocabulary = [
  'path', 'requestpath', 'httppath', 'uri', 'url', 'port', 'host', 'protocol', 'type', 'method', 'expectedstatuses',
  'expectedstatus', 'httpstatuses', 'statuses', 'successcodes', 'httpcode', 'matcher', 'codes', 'expect', 'expectedbody',
  'receive', 'send', 'body', 'match', 'grpcservicename', 'servicename', 'healthcheckpath', 'healthcheckport',
  'healthcheckprotocol', 'response', 'headers', 'tls',
];

/** Numeric fields and which way is tighter: `lower` (less time, fewer failures tolerated) or `higher`. */
export const TIGHTER_WHEN: Readonly<Record<string, 'lower' | 'higher'>> = {
  timeout: 'lower', timeoutsec: 'lower', timeoutseconds: 'lower', healthchecktimeoutseconds: 'lower', timeoutms: 'lower',
  unhealthythreshold: 'lower', unhealthythresholdcount: 'lower', fails: 'lower', failurethreshold: 'lower', maxfails: 'lower',
  unhealthy: 'lower', tcpfailures: 'lower', httpfailures: 'lower', timeouts: 'lower',
  consecutive5xx: 'lower', consecutive5xxerrors: 'lower', consecutiveerrors: 'lower', consecutivegatewayerrors: 'lower',
  consecutivegatewayfailure: 'lower', consecutivelocaloriginfailure: 'lower',
  healthythreshold: 'higher', healthythresholdcount: 'higher', passes: 'higher', successes: 'higher', rise: 'higher',
  maxejectionpercent: 'higher', baseejectiontime: 'higher', enforcingconsecutive5xx: 'higher', enforcingsuccessrate: 'higher',
  interval: 'lower', intervalsec: 'lower', intervalseconds: 'lower', checkintervalsec: 'lower', healthcheckintervalseconds: 'lower',
  fall: 'lower',
};

/** Fields naming what a check belongs to, on an ancestor: the name looked up in inventory.healthChecks. */
export const NAME_FIELDS: Vocabulary = ['name', 'id', 'cluster_name', 'clustername', 'host', 'service', 'upstream'];
