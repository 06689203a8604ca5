// What a whole document declares, for judging a deleted file or a removed document as the
// removal of everything in it: pools with their members (a Kubernetes Service, an Istio
// DestinationRule subset or ServiceEntry host, an Envoy cluster, an nginx / HAProxy / Kong
// upstream, a Traefik service), member sets of a pool named elsewhere (Endpoints, EndpointSlices,
// an Envoy ClusterLoadAssignment, a Consul service instance), entry points with the hosts they
// route in (a gateway-bound VirtualService, an Ingress, an HTTPRoute), and the names it routes to.
import type { JsonPath } from '../../model.js';
import { getAt, isObject } from '../kit/paths.js';
import { findKey, matchKey } from '../kit/keys.js';
import { parseQuantity } from '../kit/quantities.js';
import { POOL_CAPACITY_FIELDS, POOL_LOAD_FIELDS } from '../capacity/vocabulary.js';
import {
  CONSUL_SERVICE, DECLARED, MEMBER_FIELDS, MEMBER_HOLDERS, MEMBER_NAME_FIELDS, NAMED_REF_LISTS, POOL_DECLARATION, POOL_DECLARATIONS, POOL_REF_KEYS, WEIGHTED_CLUSTERS,
} from './vocabulary.js';
import { childrenOf, entriesOf } from '../kit/entries.js';

/** A pool by name: the names it answers to, its namespace when it has one. */
export interface Named {
  name: string;
  aliases: string[];
  ns?: string;
}

export interface PoolDecl extends Named {
  /** Members declared with it; undefined when they are chosen elsewhere (a Service's selector). */
  members?: string[];
  /** Capacity per member, where the member declares it (`max_rps`). */
  caps: Record<string, number>;
  /** Peak load declared beside the pool (`expected_peak_rps`). */
  load?: number;
  path: JsonPath;
  what: string;
}

export interface MemberSet extends Named {
  members: string[];
  caps: Record<string, number>;
  path: JsonPath;
  what: string;
}

export interface Ref {
  aliases: string[];
  ns?: string;
  path: JsonPath;
}

export interface EntryPoint {
  hosts: string[];
  backends: Ref[];
  path: JsonPath;
  what: string;
  name: string;
}

export interface Declared {
  pools: PoolDecl[];
  sets: MemberSet[];
  refs: Ref[];
  entries: EntryPoint[];
  /** Hosts routed in from outside (entry points, Flagger canaries): what a removed entry point may have moved to. */
  served: string[];
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x !== '') : []);

/** The names a host answers to: `reviews.shop.svc.cluster.local` is also `reviews.shop` and `reviews`. */
export function hostAliases(host: string, ns?: string): string[] {
  const h = host.toLowerCase().replace(/:\d+$/, '');
  const out = new Set([h]);
  const { clusterDomain, serviceDomain } = DECLARED;
  const bare = h.endsWith(clusterDomain) ? h.slice(0, -clusterDomain.length) : h.endsWith(serviceDomain) ? h.slice(0, -serviceDomain.length) : undefined;
  if (bare !== undefined) {
    out.add(bare);
    if (bare.includes('.')) out.add(bare.split('.')[0]!);
  } else if (!h.includes('.') && ns) out.add(`${h}.${ns}`);
  return [...out];
}

/** A route target as written: `upstreams/chat` (nginx Unit), `http://chat/api` (proxy_pass), `chat:8080`. */
function refAliases(value: string, ns?: string): string[] {
  const unpassed = value.startsWith(DECLARED.passPrefix) ? value.slice(DECLARED.passPrefix.length) : value;
  const v = unpassed.replace(/^[a-z]+:\/\//i, '').replace(/\/.*$/, '');
  return v ? hostAliases(v, ns) : [];
}

function memberName(v: unknown, key: string | number): string {
  if (typeof v === 'string') return v;
  if (!isObject(v)) return String(key);
  const sock = getAt(v, ['endpoint', 'address', 'socket_address']);
  if (isObject(sock) && str(sock.address)) return sock.port_value !== undefined ? `${sock.address}:${sock.port_value}` : (sock.address as string);
  for (const f of MEMBER_NAME_FIELDS) if (str(v[f])) return v[f] as string;
  if (Array.isArray(v.addresses) && str(v.addresses[0])) return v.addresses[0] as string;
  return String(key);
}

/** Members of a member list: strings, named objects, a map of addresses (nginx Unit), Envoy `lb_endpoints` inside locality groups. */
function membersOf(list: unknown): { members: string[]; caps: Record<string, number> } {
  const entries = [...childrenOf(list)];
  const flat = entries.flatMap(([k, e]) => (isObject(e) && Array.isArray(e.lb_endpoints) ? e.lb_endpoints.map((x, i) => [`${k}.${i}`, x] as [string, unknown]) : [[k, e] as [string | number, unknown]]));
  const caps: Record<string, number> = {};
  const members = flat.map(([k, e]) => {
    const name = Array.isArray(list) ? memberName(e, k) : String(k);
    const cap = isObject(e) ? findKey(e, POOL_CAPACITY_FIELDS) : undefined;
    const n = cap ? parseQuantity(cap[1]) : undefined;
    if (n !== undefined) caps[name] = n;
    return name;
  });
  return { members, caps };
}

/** The member list of a pool entry, directly or in a holder (`loadBalancer.servers`, `load_assignment.endpoints`). */
function memberList(o: Record<string, unknown>): unknown {
  const direct = findKey(o, MEMBER_FIELDS);
  if (direct && (Array.isArray(direct[1]) || isObject(direct[1]))) return direct[1];
  const holder = findKey(o, MEMBER_HOLDERS);
  if (holder && isObject(holder[1])) {
    const inner = findKey(holder[1], MEMBER_FIELDS);
    if (inner && (Array.isArray(inner[1]) || isObject(inner[1]))) return inner[1];
  }
  return undefined;
}

function loadOf(o: Record<string, unknown>): number | undefined {
  const hit = findKey(o, POOL_LOAD_FIELDS);
  return hit ? parseQuantity(hit[1]) : undefined;
}

class Reader {
  readonly d: Declared = { pools: [], sets: [], refs: [], entries: [], served: [] };

  read(doc: unknown): Declared {
    if (isObject(doc) && typeof doc.kind === 'string' && isObject(doc.metadata)) this.kube(doc);
    else if (isObject(doc)) this.consul(doc);
    this.walk(doc, [], undefined);
    return this.d;
  }

  private pool(p: Omit<PoolDecl, 'aliases'> & { aliases?: string[] }): void {
    this.d.pools.push({ ...p, aliases: p.aliases ?? hostAliases(p.name, p.ns) });
  }

  /** Kubernetes and Istio objects: declared by kind. */
  private kube(doc: Record<string, unknown>): void {
    const kind = doc.kind as string;
    const meta = doc.metadata as Record<string, unknown>;
    const name = str(meta.name);
    const ns = str(meta.namespace);
    const spec = isObject(doc.spec) ? doc.spec : {};
    if (!name) return;
    if (matchKey(kind, DECLARED.serviceKinds)) this.pool({ name, ns, caps: {}, path: [], what: 'Service' });
    if (matchKey(kind, DECLARED.endpointsKinds)) {
      const subsets = Array.isArray(doc.subsets) ? doc.subsets : [];
      const members = subsets.flatMap((s) => (isObject(s) && Array.isArray(s.addresses) ? s.addresses.map((a, i) => memberName(a, i)) : []));
      this.d.sets.push({ name, ns, aliases: hostAliases(name, ns), members, caps: {}, path: [], what: 'Endpoints' });
    }
    if (matchKey(kind, DECLARED.sliceKinds)) {
      const svc = str(getAt(meta, ['labels', DECLARED.sliceServiceLabel]));
      if (svc) this.d.sets.push({ name: svc, ns, aliases: hostAliases(svc, ns), ...membersOf(doc.endpoints), path: [], what: 'EndpointSlice' });
    }
    if (matchKey(kind, DECLARED.destinationRuleKinds) && str(spec.host) && Array.isArray(spec.subsets)) {
      const host = spec.host as string;
      for (const s of spec.subsets) {
        if (!isObject(s) || !str(s.name)) continue;
        const aliases = hostAliases(host, ns).map((h) => `${h}/${s.name}`);
        this.pool({ name: `${host}/${s.name}`, ns, aliases, caps: {}, path: ['spec', 'subsets'], what: 'DestinationRule subset' });
      }
    }
    if (matchKey(kind, DECLARED.serviceEntryKinds)) {
      const { members, caps } = membersOf(spec.endpoints);
      for (const h of strings(spec.hosts)) this.pool({ name: h, ns, members: members.length ? members : undefined, caps, path: ['spec', 'hosts'], what: 'ServiceEntry' });
    }
    this.entryPoint(kind, name, ns, spec);
  }

  /** A VirtualService bound to a gateway, an Ingress, an HTTPRoute: the hosts it routes in, the backends behind them. */
  private entryPoint(kind: string, name: string, ns: string | undefined, spec: Record<string, unknown>): void {
    const canaryHosts = strings(getAt(spec, ['service', 'hosts']));
    this.d.served.push(...canaryHosts.map((h) => h.toLowerCase()));
    let hosts: string[] | undefined;
    if (matchKey(kind, DECLARED.virtualServiceKinds)) {
      const gateways = strings(spec.gateways);
      if (gateways.some((g) => g !== DECLARED.meshGateway)) hosts = strings(spec.hosts);
    } else if (matchKey(kind, DECLARED.ingressKinds)) {
      const rules = Array.isArray(spec.rules) ? spec.rules : [];
      hosts = [...strings(spec.hostnames), ...rules.flatMap((r) => (isObject(r) && str(r.host) ? [r.host as string] : []))];
      if (hosts.length === 0) hosts = ['*'];
    }
    if (!hosts?.length) return;
    const lower = hosts.map((h) => h.toLowerCase());
    this.d.served.push(...lower);
    const backends = this.refsUnder(spec, ns);
    this.d.entries.push({ hosts: lower, backends, path: [], what: kind, name });
  }

  private refsUnder(v: unknown, ns?: string): Ref[] {
    const r = new Reader();
    r.walk(v, [], ns);
    return r.d.refs;
  }

  /** A Consul service definition file: `service: { name, id, address }` is one instance of the pool `name`. */
  private consul(doc: Record<string, unknown>): void {
    const one = doc[CONSUL_SERVICE.holder];
    const many = doc[CONSUL_SERVICE.holders];
    const defs: Array<[JsonPath, unknown]> = isObject(one) ? [[[CONSUL_SERVICE.holder], one]] : Array.isArray(many) ? many.map((s, i) => [[CONSUL_SERVICE.holders, i], s]) : [];
    for (const [path, s] of defs) {
      if (!isObject(s) || !str(s[CONSUL_SERVICE.name]) || memberList(s) !== undefined) continue;
      const addr = str(s[CONSUL_SERVICE.address]);
      const id = str(s[CONSUL_SERVICE.id]) ?? (addr ? `${addr}:${s[CONSUL_SERVICE.port] ?? ''}` : undefined);
      if (!id || (!addr && s[CONSUL_SERVICE.port] === undefined)) continue;
      const name = s[CONSUL_SERVICE.name] as string;
      const cap = findKey(s, POOL_CAPACITY_FIELDS) ?? (isObject(s.meta) ? findKey(s.meta, POOL_CAPACITY_FIELDS) : undefined);
      const n = cap ? parseQuantity(cap[1]) : undefined;
      this.d.sets.push({ name, aliases: hostAliases(name), members: [id], caps: n !== undefined ? { [id]: n } : {}, path, what: 'Consul service instance' });
    }
  }

  /** Pools declared in collections (upstreams, backends, clusters…) and every name routed to. */
  walk(v: unknown, path: JsonPath, ns: string | undefined): void {
    if (path.length > 30) return;
    if (Array.isArray(v)) {
      v.forEach((x, i) => this.walk(x, [...path, i], ns));
      return;
    }
    if (!isObject(v)) return;
    const docNs = path.length === 0 && isObject(v.metadata) ? str(v.metadata.namespace) : undefined;
    const here = ns ?? docNs;
    if (str(v.cluster_name) && Array.isArray(v.endpoints) && path.length <= 2) {
      const name = v.cluster_name as string;
      this.d.sets.push({ name, aliases: hostAliases(name), ...membersOf(v.endpoints), path, what: 'Envoy ClusterLoadAssignment' });
    }
    for (const [k, x] of entriesOf(v)) {
      const p = [...path, k];
      if (matchKey(k, POOL_DECLARATIONS)) this.poolCollection(x, p, v);
      if (matchKey(k, POOL_DECLARATION) && isObject(x)) this.poolCollection({ [k]: x }, path, v);
      if (matchKey(k, POOL_REF_KEYS)) this.ref(x, p, here, v);
      const named = matchKey(k, NAMED_REF_LISTS) ? x : matchKey(k, WEIGHTED_CLUSTERS) && isObject(x) ? x.clusters : undefined;
      if (Array.isArray(named)) {
        named.forEach((e, i) => isObject(e) && str(e.name) && this.d.refs.push({ aliases: refAliases(e.name as string, here), ns: here, path: [...p, i] }));
      }
      this.walk(x, p, here);
    }
  }

  private ref(x: unknown, p: JsonPath, ns: string | undefined, owner: Record<string, unknown>): void {
    if (isObject(x) && str(x.name) && memberList(x) === undefined) this.d.refs.push({ aliases: refAliases(x.name as string, ns), ns, path: p });
    if (typeof x !== 'string' || x === '') return;
    const aliases = refAliases(x, ns);
    // An Istio destination `{ host, subset }` routes to the DestinationRule's subset.
    if (str(owner.subset)) aliases.push(...aliases.map((a) => `${a}/${owner.subset}`));
    this.d.refs.push({ aliases, ns, path: p });
  }

  private poolCollection(x: unknown, p: JsonPath, owner: Record<string, unknown>): void {
    const entries = [...childrenOf(x)];
    for (const [k, e] of entries) {
      if (!isObject(e)) continue;
      const name = str(e.name) ?? (typeof k === 'string' ? k : undefined);
      const list = memberList(e);
      if (!name || list === undefined) continue;
      const { members, caps } = membersOf(list);
      this.pool({ name, members, caps, load: loadOf(e) ?? loadOf(owner), path: [...p, k], what: 'pool' });
    }
  }
}

/** What one document declares. */
export function declared(doc: unknown): Declared {
  return new Reader().read(doc);
}

/** Whether a route target names a pool: a shared alias, and the same namespace where both say. */
export function names(ref: { aliases: string[]; ns?: string }, pool: Named): boolean {
  if (ref.ns && pool.ns && ref.ns !== pool.ns && !ref.aliases.some((a) => a.includes('.'))) return false;
  return ref.aliases.some((a) => pool.aliases.includes(a));
}
