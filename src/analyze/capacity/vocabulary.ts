// What the capacity analyzer reads, as data. Keys are matched with kit/keys.ts (any spelling:
// `desired_capacity`, `DesiredCapacity`); `*` stands for any run of characters.
import type { Vocabulary } from '../kit/keys.js';

/** Keys whose number is an amount of serving capacity (instances, replicas, nodes). */
export const CAPACITY_KEYS: Vocabulary = [
  'replicas', 'replicacount', 'minreplicas', 'maxreplicas', 'minreplicacount', 'maxreplicacount',
  'instances', 'instancecount', 'mininstances', 'maxinstances', 'mininstancecount', 'maxinstancecount', 'totalinstances',
  'desiredcapacity', 'mincapacity', 'maxcapacity', 'minsize', 'maxsize', 'desiredsize',
  'nodecount', 'initialnodecount', 'minnodecount', 'maxnodecount', 'numnodes', 'nodes', 'minnodes', 'maxnodes',
  'mincount', 'maxcount', 'desiredcount', 'numworkers', 'workers', 'workercount', 'minworkers', 'maxworkers',
  'capacity', 'parallelism', 'servers', 'numservers', 'hosts', 'numhosts', 'hostcount', 'taskcount', 'numtasks',
];

/** Keys whose number is a limit on what callers or workloads may use. */
export const QUOTA_KEYS: Vocabulary = [
  'ratelimit', 'rps', 'qps', 'requestspersecond', 'requestsperminute', 'requestsperhour', 'requestsperday',
  'requestsperunit', 'burst', 'maxburst', 'average', 'maxconnections', 'connectionlimit', 'maxconns', 'maxconn',
  'maxrequests', 'maxconcurrentrequests', 'concurrency', 'maxconcurrency', 'maxpoolsize', 'poolsize',
  'connectionpoolsize', 'maxpendingrequests', 'maxrequestsperconnection', 'http1maxpendingrequests',
  'http2maxrequests', 'maxinflight', 'maxinflightrequests', 'quota', 'dailyquota', 'monthlyquota', 'hourlyquota',
  'limit', 'maxtokens', 'tokensperfill', 'maxretries', 'throttle', 'throttlerate', 'throttlingburstlimit',
  'throttlingratelimit', 'ratelimitpersecond', 'callspersecond', 'callsperminute',
  '*ratelimit*', '*quota*', '*maxconn*',
];

/** Ancestor keys under which every numeric leaf is a quota or limit (`resources.limits.cpu`, `spec.hard.pods`). */
export const QUOTA_ANCESTORS: Vocabulary = ['*ratelimit*', '*quota*', '*throttl*', 'requests', 'hard', '*limit', '*limits'];

/** Leaves that are never amounts, even under a quota ancestor: windows, timeouts, ratios, switches. */
export const NOT_AMOUNT: Vocabulary = [
  'window', 'period', 'interval', 'per', 'unit', 'timewindow', 'duration', 'fillinterval', 'timeout', 'seconds',
  'priority', 'weight', 'port', 'version', 'enabled', 'ttl', 'retryafter', 'statuscode', 'code', 'httpstatus',
  '*timeout*', '*interval*', '*period*', '*duration*', '*ttl*', '*delay*', '*window*', '*seconds*', '*percent*', '*ratio*',
];

/** A rate limit written as count + window (`{ requests: 100, window: 1m }`): the count and window keys, in order. */
export const COUNT_KEYS: Vocabulary = ['requests', 'limit', 'count', 'tokensperfill', 'requestsperunit', 'average', 'rate', 'quota', 'maxrequests', 'calls', 'max'];
export const WINDOW_KEYS: Vocabulary = ['window', 'period', 'interval', 'per', 'unit', 'timewindow', 'duration', 'fillinterval', 'timeunit'];

/** Kubernetes workloads whose `replicas`, when removed, defaults to 1. */
export const WORKLOAD_KINDS: Vocabulary = ['Deployment', 'StatefulSet', 'ReplicaSet', 'ReplicationController'];
export const DEFAULT_REPLICAS_KEY = 'replicas';
