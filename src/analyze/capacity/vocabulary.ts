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

/**
 * A container's reservation: `resources.requests.*` is what the scheduler sets aside, not a ceiling
 * (that is `resources.limits.*`). Lowering it is a fact, not less capacity. Parent key, then key.
 */
export const RESERVATION_PARENTS: Vocabulary = ['resources'];
export const RESERVATION_KEYS: Vocabulary = ['requests'];

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

/** Collections of pools that serve one service and fail over to each other (a list or map of entries). */
export const POOL_SET_KEYS: Vocabulary = [
  'pools', 'backends', 'servers', 'upstreams', 'members', 'regions', 'clusters', 'datacenters', 'sites', 'cells',
  'origins', 'targets', 'nodes', 'instances', 'hosts', 'zones', 'endpoints',
];
/** Fields of a pool entry declaring what it can carry (the inventory's `pools.<name>.capacity` wins). */
export const POOL_CAPACITY_FIELDS: Vocabulary = [
  'capacityrps', 'maxrps', 'capacityqps', 'maxqps', 'rpscapacity', 'qpscapacity', 'capacity', 'maxload', 'capacitylimit',
];
/** Fields declaring the load a pool, or the whole set, carries at peak (the inventory's `pools.<name>.load` wins). */
export const POOL_LOAD_FIELDS: Vocabulary = [
  'expectedpeakrps', 'peakrps', 'loadrps', 'currentrps', 'expectedrps', 'expectedpeakqps', 'peakqps', 'currentqps', 'load',
  'peakload', 'expectedload',
];
/** Fields naming a pool entry (in order). */
export const POOL_NAME_FIELDS: Vocabulary = ['name', 'id', 'pool', 'region', 'host', 'hostname', 'server', 'address', 'cluster'];
/** Switches that take a pool out of service: `true` means out. */
export const OUT_FLAGS: Vocabulary = ['drain', 'drained', 'draining', 'disabled', 'down', 'maintenance', 'outofservice', 'cordoned', 'offline', 'backup'];
/** Switches that keep a pool in service: `false` means out. */
export const IN_FLAGS: Vocabulary = ['enabled', 'active', 'healthy', 'inservice', 'serving', 'up'];
/** Lists (or selectors) of hosts taken out of service: `drain: [a, b]`, `maintenance: { hosts: [idx-use1-*] }`. */
export const DRAIN_LIST_KEYS: Vocabulary = [
  'drain', 'drained', 'draining', 'drainhosts', 'outofservice', 'maintenance', 'maintenancehosts', 'inmaintenance',
  'cordon', 'cordoned', 'excludedhosts', 'offline', 'offlinehosts', 'disabledhosts', 'blackout',
];
/** Inside a drain object, the fields holding the host names or patterns. */
export const DRAIN_SELECTOR_FIELDS: Vocabulary = ['hosts', 'nodes', 'instances', 'servers', 'selector', 'match', 'pattern', 'patterns', 'names', 'targets'];
/** What a pool-margin signal reports when no pool would be left to fail over to (percent). */
export const NOTHING_LEFT = 1_000_000;
/** Characters that make a host name a pattern (`idx-use1-*`, `web-0[1-4]`). */
export const GLOB_CHARS = /[*?[\]{}]/;
/** Share of traffic one named host is taken to carry when no registry says (percent): as the kit's HOST_SHARE. */
export const NAMED_HOST_SHARE = 1;
/** Values of a drain key that are switches, not host names (`drain: "true"`); `all` means every host. */
export const SWITCH_WORDS: Vocabulary = ['true', 'false', 'yes', 'no', 'on', 'off', 'enabled', 'disabled', 'none', ''];
export const ALL_HOSTS: Vocabulary = ['all', 'any', 'everything'];
