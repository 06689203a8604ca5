// What the routing analyzer reads, as data. Key vocabularies are matched with kit/keys.ts
// (any spelling: `failover_to`, `failoverTo`); field lists marked "in order" are looked up by
// their exact names, first hit wins.
import type { Vocabulary } from '../kit/keys.js';

/** Numeric fields carrying a traffic weight in a list entry (in order). */
export const WEIGHT_FIELDS: Vocabulary = ['weight', 'Weight', 'percent', 'load_balancing_weight', 'lbWeight', 'trafficWeight', 'traffic_weight', 'ratio'];
/**
 * Keys of an entry whose weight ranks a preference, not a share of traffic: Kubernetes preferred
 * scheduling terms (`podAffinityTerm` of pod (anti-)affinity, `preference` of node affinity).
 */
export const PREFERENCE_ENTRY_KEYS: readonly string[] = ['podAffinityTerm', 'preference'];
/**
 * Navigation entries: links a site's menu or sidebar orders by `weight` (Hugo `[[menu.main]]` or
 * `[[main]]` in `menus.toml`, `menus:` in `hugo.yaml`). The weight ranks a link; no traffic
 * follows it. An entry is a link when it has no backend key and either a navigation key or a link
 * field holding a link path (`/docs/`, `#install`, `../upgrade/`, `docs/install/`); a link field
 * holding an endpoint (`http://10.0.0.1:8080/`, `//api.internal`, `api.internal:8080`) with no
 * navigation key is a destination (Traefik `loadBalancer.servers[].url`). A weighted list is a
 * menu when it holds a link and no destination, or when it is a menu by name — its key or its
 * parent's is a menu word (`menu.shortcuts`, `menus.main`), or it is a top-level list of a file
 * so named (`menus.toml`) — and no entry has a backend key: there an absolute URL is a link too
 * (metallb/metallb ac8d7f8e7, `[[menu.shortcuts]] url = "https://github.com/metallb/metallb"`).
 */
export const NAVIGATION = {
  /** Names of a site's menus (a list key, its parent's key, or a file's base name). */
  collections: ['menu', 'menus', 'nav', 'navigation', 'navbar', 'sidebar', 'sidebars'] as Vocabulary,
  /** Keys only a navigation entry has (Hugo's menu entry fields). */
  keys: ['identifier', 'pageRef', 'parent', 'pre', 'post'] as Vocabulary,
  /** Fields holding where an entry points (in order). */
  linkFields: ['url', 'href', 'link'],
  /** A link within a site: absolute path, anchor, query, or relative path without a scheme or port. */
  linkPath: /^(?:[#?]|\/(?!\/)|\.\.?\/|[^\s/:.?#]+\/[^:]*$)/,
  /** A network endpoint: a scheme with a host, a protocol-relative URL, or host:port. */
  endpoint: /^(?:[a-z][a-z0-9+.-]*:\/\/|\/\/|[^\s/:]+:\d+(?:\/|$))/i,
  /** Keys that make an entry a destination of traffic, whatever its link says. */
  backendKeys: [
    'host', 'hostname', 'port', 'address', 'addresses', 'addr', 'ip', 'endpoint', 'endpoints', 'server', 'servers',
    'upstream', 'backend', 'backends', 'service', 'servicename', 'cluster', 'subset', 'destination', 'target', 'pool',
    'region', 'zone', 'datacenter', 'setidentifier', 'resourcerecords', 'aliastarget', 'revisionname', 'configurationname',
    'latestrevision',
  ] as Vocabulary,
} as const;
/** Maps of destination → weight: `split: { api-a: 90, api-b: 10 }`. */
export const WEIGHT_MAPS: Vocabulary = ['weights', 'split', 'splits', 'trafficsplit', 'distribution', 'trafficweights', 'traffic'];
/** Fields naming the destination of a weighted entry (in order). */
export const DEST_FIELDS: Vocabulary = ['subset', 'cluster', 'name', 'set_identifier', 'SetIdentifier', 'setIdentifier', 'revisionName', 'service', 'serviceName', 'backend', 'pool', 'upstream', 'target', 'host', 'id', 'region'];
/** Weighted DNS records: the record list and value fields, the alias target. */
export const DNS = {
  recordLists: ['ResourceRecords', 'records', 'values'],
  recordValue: 'Value',
  alias: 'AliasTarget',
  aliasName: 'DNSName',
  setIdentifier: ['SetIdentifier', 'set_identifier', 'setIdentifier'],
  recordName: ['Name', 'name', 'record'],
  recordType: ['Type', 'type'],
} as const;

/** Keys whose string value names the pool / upstream a route sends traffic to. */
export const TARGET_KEYS: Vocabulary = [
  'upstream', 'backend', 'pool', 'activepool', 'active', 'primary', 'cluster', 'service', 'servicename', 'destination',
  'routeto', 'target', 'targetpool', 'servingpool', 'origin', 'host',
];
/** Target keys too common to count without a strict routing context (or an inventory pool). */
export const AMBIGUOUS_TARGET_KEYS: Vocabulary = ['host', 'service', 'target', 'destination'];
/** Keys naming where traffic goes when the primary fails. */
export const FAILOVER_KEYS: Vocabulary = ['failover', 'failoverto', 'failovertarget', 'backup', 'fallback', 'secondary', 'standby'];
/** Fragments of a path or file name that make a target key a routing key. */
export const ROUTE_CONTEXT: Vocabulary = ['route', 'upstream', 'failover', 'backend', 'traffic', 'balanc', 'lb', 'pool', 'gateway', 'ingress', 'proxy', 'dns', 'origin'];
/** The stricter context an ambiguous target key needs. */
export const STRICT_ROUTE_CONTEXT: Vocabulary = ['route', 'upstream', 'backend', 'failover', 'traffic'];
/** Words of a path or file name that say an entry is about routing. */
export const ROUTING_WORDS: Vocabulary = [
  'route', 'routes', 'routing', 'upstream', 'upstreams', 'backend', 'backends', 'pool', 'pools', 'failover', 'lb',
  'loadbalancer', 'balancer', 'bgp', 'announce', 'announcements', 'prefixes', 'dns', 'origin', 'origins', 'cluster',
  'clusters', 'traffic', 'gateway', 'ingress', 'proxy', 'frontend', 'frontends', 'servers', 'targets', 'endpoints',
  'peers', 'neighbors',
];
/**
 * Collections whose entries are parts or switches of a program, not places traffic goes: an entry
 * switched off there is not drained, whatever routing word the file's name holds (a Ceph
 * cluster's `mgr.modules`).
 */
export const NON_ROUTING_COLLECTIONS: Vocabulary = ['modules', 'plugins', 'features', 'extensions', 'addons', 'components', 'integrations', 'collectors', 'exporters', 'receivers', 'processors'];
/**
 * Pool words that also name other things (cluster nodes, storage nodes, group members): a
 * collection so named is a pool of backends only when its entries carry an endpoint key.
 */
export const GENERIC_POOL_WORDS: Vocabulary = ['nodes', 'members', 'instances'];
/** Keys of a network endpoint, for GENERIC_POOL_WORDS' entries (with ROUTING_ENTRY_KEYS). */
export const ENDPOINT_KEYS: Vocabulary = ['host', 'hostname', 'port', 'weight', 'target', 'addr'];
/** Keys that make an object a routing entry (an address, a pool, a place). */
export const ROUTING_ENTRY_KEYS: Vocabulary = [
  'address', 'addresses', 'endpoint', 'endpoints', 'server', 'servers', 'url', 'upstream', 'backends', 'ip', 'pool',
  'region', 'zone', 'datacenter',
];

/** Lists of backends: emptied → pool-emptied. */
export const POOL_LISTS: Vocabulary = [
  'backends', 'servers', 'upstreams', 'endpoints', 'targets', 'members', 'instances', 'addresses', 'destinations',
  'origins', 'pool', 'pools', 'nodes', 'lbendpoints',
];
/** Member lists of a pool: members added at no more than the others' weight is scaling out. */
export const MEMBER_LISTS: Vocabulary = ['servers', 'backends', 'endpoints', 'members', 'hosts', 'targets', 'instances', 'nodes', 'upstreamservers'];
/** Lists of routes / announcements: emptied → routes-withdrawn. */
export const ROUTE_LISTS: Vocabulary = [
  'routes', 'route', 'prefixes', 'networks', 'announcements', 'announce', 'advertise', 'advertisements',
  'advertisedprefixes', 'aggregates', 'aggregateaddress', 'records', 'resourcerecords', 'resourcerecordsets',
  'virtualhosts', 'http', 'paths',
];
/** Fields of an entry holding the prefixes it announces (in order), and of a prefix object. */
export const PREFIX_FIELDS: Vocabulary = ['prefixes', 'networks', 'prefix', 'network', 'announce', 'advertise', 'routes', 'cidrs', 'cidr'];
export const PREFIX_ITEM_FIELDS: Vocabulary = ['prefix', 'network', 'cidr'];

/** Switches that take an entry out of service: `true` means out. */
export const DRAIN_FLAGS: Vocabulary = ['drain', 'drained', 'draining', 'disabled', 'down', 'maintenance', 'withdraw', 'withdrawn', 'shutdown', 'cordoned'];
/** Switches that keep an entry in service: `false` means out. */
export const SERVING_FLAGS: Vocabulary = ['enabled', 'active', 'healthy', 'inservice', 'serving', 'announce', 'announced', 'advertise', 'advertised', 'up'];
/** State fields, and the states that mean out of service. */
export const STATE_FIELDS: Vocabulary = ['status', 'state', 'mode', 'adminstate', 'health'];
export const OUT_OF_SERVICE: Vocabulary = [
  'drain', 'drained', 'draining', 'down', 'disabled', 'maintenance', 'offline', 'out', 'standby', 'inactive', 'unhealthy',
  'withdrawn', 'shutdown',
];

/** Order-sensitive rule lists. */
export const RULE_LISTS: Vocabulary = [
  'rules', 'terms', 'term', 'statements', 'acl', 'acls', 'entries', 'ingress', 'egress', 'filters', 'policyterms',
  'routemap', 'routemaps', 'sequences', 'firewallrules', 'wafrules',
];
/** Fields holding a rule's action (in order): a word, or an object holding one (GoBGP `actions.route-disposition`, JunOS `then: { reject: … }`). */
export const ACTION_FIELDS: Vocabulary = ['action', 'actions', 'then', 'decision', 'verdict', 'effect', 'policy', 'result', 'permit'];
/** Numeric fields that order a rule list by number rather than by position (FRR / Cisco route-map `seq`, WAF `priority`, NACL `RuleNumber`), in order. */
export const ORDER_FIELDS: Vocabulary = ['seq', 'sequence', 'seqno', 'sequence_number', 'sequenceNumber', 'priority', 'Priority', 'order', 'rule_number', 'ruleNumber', 'RuleNumber', 'preference'];
/** The boolean action field: true permits, false denies. */
export const PERMIT_FIELD = 'permit';
export const TERMINAL_ACTIONS: Vocabulary = ['deny', 'reject', 'drop', 'block', 'discard', 'refuse', 'denyall', 'rejectall', 'rejectroute', 'denyroute'];
export const ACCEPT_ACTIONS: Vocabulary = ['accept', 'permit', 'allow', 'acceptroute', 'permitroute'];
export const ANNOUNCE_ACTIONS: Vocabulary = ['accept', 'permit', 'allow', 'announce', 'advertise', 'acceptroute', 'permitroute'];
/** Fields a rule matches on (in order); a rule whose every match value is a catch-all matches everything. */
export const MATCH_FIELDS: Vocabulary = [
  'match', 'from', 'source', 'src', 'sources', 'destination', 'dst', 'prefix', 'prefixes', 'prefix_list', 'prefixList',
  'conditions', 'condition', 'when', 'ports', 'port', 'protocol', 'path', 'paths', 'host', 'hosts', 'cidr', 'cidrs',
  'community', 'ip', 'ips', 'address', 'match_prefix', 'uri', 'methods',
];
export const CATCH_ALL: Vocabulary = ['any', 'all', '*', '0.0.0.0/0', '::/0', 'true', '/'];
/** Fields naming a rule (in order); the order fields name it only when no other field does. */
export const RULE_ID_FIELDS: Vocabulary = ['name', 'id', 'term', 'key', 'description'];
/** Context that makes a rule list an export / announce policy. */
export const EXPORT_CONTEXT: Vocabulary = ['export', 'announce', 'advertis', 'bgp', 'routepolicy', 'routemap', 'transit', 'peer'];

/** Keys setting what a speaker exports / announces: `export: all → none`, `advertise: true → false`. */
export const ANNOUNCE_MODE_KEYS: Vocabulary = [
  'export', 'exports', 'exportmode', 'exportpolicy', 'announce', 'announced', 'announcemode', 'advertise', 'advertised',
  'advertisement', 'advertisemode', 'advertisements', 'redistribute', 'redistribution',
];
/** Values of an announce / export mode that announce (everything, or by default). */
export const ANNOUNCE_ALL: Vocabulary = ['all', 'any', 'default', 'true', 'on', 'yes', 'enabled', 'enable', 'permit', 'accept', 'everything', 'allsubnets'];
/** Values of an announce / export mode that announce nothing. */
export const ANNOUNCE_NONE: Vocabulary = ['none', 'nothing', 'off', 'false', 'no', 'disabled', 'disable', 'deny', 'reject', 'filtered'];
/** Path or file-name fragments that make an announce / export switch a routing one. */
export const ANNOUNCE_CONTEXT: Vocabulary = [
  'bgp', 'peer', 'neighbor', 'neighbour', 'protocol', 'ospf', 'bird', 'frr', 'gobgp', 'router', 'routing', 'route',
  'anycast', 'prefix', 'announce', 'advertis', 'transit', 'upstream', 'backbone', 'speaker',
];
/** Fields holding the IP prefixes an entry announces: a deleted entry or file withdraws them (not `cidr`, which firewalls and network policies use). */
export const ANNOUNCED_PREFIX_FIELDS: Vocabulary = [
  'prefixes', 'networks', 'prefix', 'network', 'announce', 'announcements', 'advertise', 'advertisedprefixes',
  'advertisedipranges', 'aggregates', 'aggregateaddress',
];
/** An IPv4 or IPv6 prefix in CIDR notation: the value shape of an announcement. */
export const CIDR_SHAPE = /^(?:\d{1,3}(?:\.\d{1,3}){3}|[0-9a-f]*:[0-9a-f:]*)\/\d{1,3}$/i;

/** Kubernetes kinds whose pods a Service selects, and where their pod labels are (in order). */
export const WORKLOAD_KINDS: Vocabulary = ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'Job', 'Pod', 'Rollout', 'DeploymentConfig'];
export const POD_LABEL_PATHS: ReadonlyArray<readonly string[]> = [['spec', 'template', 'metadata', 'labels'], ['metadata', 'labels']];
/** Kinds whose `spec.selector` chooses the pods traffic goes to. */
export const SELECTING_KINDS: Vocabulary = ['Service'];

/** Failover routing records (Route 53): the field and its values, and where a Terraform record keeps them. */
export const FAILOVER_RECORD = {
  roleFields: ['Failover', 'failover'],
  policyFields: ['failover_routing_policy', 'FailoverRoutingPolicy', 'failoverRoutingPolicy'],
  policyType: ['type', 'Type'],
  primary: 'PRIMARY',
  secondary: 'SECONDARY',
  healthCheck: ['HealthCheckId', 'health_check_id', 'healthCheckId'],
  aliasFields: ['AliasTarget', 'alias'],
  aliasName: ['DNSName', 'name', 'dns_name'],
  valueLists: ['ResourceRecords', 'records'],
  recordValue: 'Value',
  name: ['Name', 'name'],
  type: ['Type', 'type'],
} as const;

/**
 * Whole declarations (declared.ts): what a deleted file or a removed document declared — pools
 * with their members, member sets of a pool named elsewhere, entry points with their hosts — and
 * what routes to a pool by name. A deletion is judged by what survives on the after side.
 */
export const DECLARED = {
  /** Kubernetes kinds: a Service is a pool by name; Endpoints / EndpointSlices are its members. */
  serviceKinds: ['Service'],
  endpointsKinds: ['Endpoints'],
  sliceKinds: ['EndpointSlice'],
  sliceServiceLabel: 'kubernetes.io/service-name',
  /** Istio: a DestinationRule declares `host/subset` pools, a ServiceEntry a pool per host. */
  destinationRuleKinds: ['DestinationRule'],
  serviceEntryKinds: ['ServiceEntry'],
  /** Entry points: the hosts they route in from outside, and the backends behind them. */
  virtualServiceKinds: ['VirtualService'],
  ingressKinds: ['Ingress', 'HTTPRoute', 'GRPCRoute'],
  /** A VirtualService bound only to the mesh gateway is no entry point. */
  meshGateway: 'mesh',
  /** Envoy xDS resources by `@type` suffix. */
  envoyCluster: '.Cluster',
  envoyLoadAssignment: '.ClusterLoadAssignment',
  /** Kubernetes service DNS: `reviews.shop.svc.cluster.local` is also `reviews.shop` and `reviews`. */
  clusterDomain: '.svc.cluster.local',
  serviceDomain: '.svc',
  /** nginx Unit routes pass to `upstreams/<name>`. */
  passPrefix: 'upstreams/',
} as const;
/** Collections whose entries are pools declared by name (nginx / HAProxy / Kong upstreams, Envoy clusters, Traefik services). */
export const POOL_DECLARATIONS: Vocabulary = ['upstreams', 'backends', 'clusters', 'pools', 'services'];
/** The same, one pool under a singular key: `upstream: { name: chat, servers: [...] }`. */
export const POOL_DECLARATION: Vocabulary = ['upstream', 'backend', 'cluster', 'pool'];
/** Fields of a pool entry listing its members (in order), and objects a member list may sit in. */
export const MEMBER_FIELDS: Vocabulary = ['servers', 'targets', 'members', 'endpoints', 'nodes', 'instances', 'addresses', 'lb_endpoints'];
export const MEMBER_HOLDERS: Vocabulary = ['loadBalancer', 'load_balancer', 'load_assignment', 'loadAssignment'];
/** Fields naming a member (in order). */
export const MEMBER_NAME_FIELDS: Vocabulary = ['target', 'url', 'address', 'host', 'hostname', 'ip', 'name', 'id'];
/** Keys whose string value routes to a pool by name (`upstream: chat`, nginx Unit `pass: upstreams/chat`, `proxy_pass: http://chat`). */
export const POOL_REF_KEYS: Vocabulary = ['upstream', 'backend', 'cluster', 'service', 'servicename', 'pool', 'pass', 'proxypass', 'host'];
/** Lists whose entries route to a pool by their `name` (Gateway API `backendRefs`), and Envoy's `weighted_clusters: { clusters: [...] }`. */
export const NAMED_REF_LISTS: Vocabulary = ['backendRefs'];
export const WEIGHTED_CLUSTERS: Vocabulary = ['weighted_clusters'];
/** A Consul service definition: one instance (`id`, `address`) of the pool `name`. */
export const CONSUL_SERVICE = { holder: 'service', holders: 'services', id: 'id', name: 'name', address: 'address', port: 'port' } as const;

/**
 * BGP peers (peers.ts): every session of a speaker gone withdraws every route it announced. A
 * peer is a Kubernetes object of its own (MetalLB, Calico `BGPPeer`: other peers of the same
 * install may sit in any file), or an entry of a speaker's own peer list (GoBGP `neighbors`,
 * Cilium `virtualRouters[].neighbors` and `bgpInstances[].peers`, FRR / BIRD-style YAML), which
 * is the speaker's whole list.
 */
export const BGP_PEERS = {
  /** Kinds of one peer each, by API group; `family` is the install all its peers belong to, the name the inventory's `bgp.speakers` uses. */
  standalone: [
    { kind: 'BGPPeer', groups: ['metallb.io'], family: 'metallb', label: 'MetalLB', address: ['peerAddress'], asn: ['peerASN'] },
    { kind: 'BGPPeer', groups: ['crd.projectcalico.org', 'projectcalico.org'], family: 'calico', label: 'Calico', address: ['peerIP'], asn: ['asNumber'] },
  ],
  /** Collections holding a speaker's peers. */
  lists: ['neighbors', 'neighbours', 'peers', 'bgpPeers', 'bgp_peers', 'neighbor', 'neighbour'] as Vocabulary,
  /** Objects a peer entry keeps its fields in (GoBGP `neighbors[].config`). */
  holders: ['config'] as Vocabulary,
  /** Fields holding a peer's address (in order); a map of peers may be keyed by it instead. */
  address: ['neighbor-address', 'neighborAddress', 'peerAddress', 'peer-address', 'peerIP', 'peer-ip', 'address', 'ip', 'remote-address', 'neighbor-interface', 'interface', 'name'] as Vocabulary,
  /** Fields holding a peer's AS: an entry with one is a BGP peer, not a WireGuard or etcd peer. */
  asn: ['peer-as', 'peerASN', 'remote-as', 'remoteASN', 'asNumber', 'as_number', 'neighbor-as', 'asn', 'as'] as Vocabulary,
  /** Fields naming the speaker that holds a peer list (in order): its name, router id, local AS. */
  speaker: ['name', 'router-id', 'routerID', 'localASN', 'local-as', 'myASN', 'asn', 'as'] as Vocabulary,
  /**
   * The address pools a speaker of an API group announces (Calico: what its BGPConfiguration
   * advertises), and where their prefixes are. Deleted with the peers — in the same file, or every
   * one of them — they are a decommission, not a withdrawal; kept, their prefixes are the routes
   * withdrawn.
   */
  addressPools: [
    { kind: 'IPAddressPool', groups: ['metallb.io'], prefixes: ['spec', 'addresses'] },
    { kind: 'CiliumLoadBalancerIPPool', groups: ['cilium.io'], prefixes: ['spec', 'blocks'] },
    { kind: 'CiliumLoadBalancerIPPool', groups: ['cilium.io'], prefixes: ['spec', 'cidrs'] },
    { kind: 'IPPool', groups: ['crd.projectcalico.org', 'projectcalico.org'], prefixes: ['spec', 'cidr'] },
    { kind: 'BGPConfiguration', groups: ['crd.projectcalico.org', 'projectcalico.org'], prefixes: ['spec', 'serviceLoadBalancerIPs'] },
    { kind: 'BGPConfiguration', groups: ['crd.projectcalico.org', 'projectcalico.org'], prefixes: ['spec', 'serviceExternalIPs'] },
    { kind: 'BGPConfiguration', groups: ['crd.projectcalico.org', 'projectcalico.org'], prefixes: ['spec', 'serviceClusterIPs'] },
  ],
  /**
   * Words of a path that say a file documents or keeps an example of a speaker's config rather
   * than configures one (`docs/deprecated/config.gateway-example.json`): its peers carry no session.
   */
  notLive: ['docs', 'doc', 'example', 'examples', 'sample', 'samples', 'deprecated', 'archive', 'archived', 'attic'] as Vocabulary,
  /** A Kubernetes list of manifests: its `items` are read as documents. */
  listKind: 'List',
  /** Where a GoBGP-style file names its speaker, from the document's root. */
  speakerPaths: [['global', 'config', 'router-id'], ['global', 'config', 'as'], ['bgp', 'router-id'], ['bgp', 'asn']] as ReadonlyArray<readonly string[]>,
} as const;
