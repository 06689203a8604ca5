// Routing: where traffic goes. Weights (generic, Istio VirtualService, Envoy
// weighted_clusters, weighted DNS records, Knative traffic), route targets and failover
// targets, drained / disabled backends, pools / backends / upstream servers, route and
// prefix announcements (BGP networks, announce flags), and order-sensitive rule lists
// (firewall / WAF / route-policy terms).
//
// Signal kinds (type 'routing'):
//   traffic-shifted   risky   data { moved, before: {dest: %}, after: {dest: %}, sources, receivers, list }
//   pool-overloaded   risky   data { pool, projected, capacity, limit, unit, load, added, headroom, failover? }
//   pool-emptied      risky   data { pool, before, after: 0, entries }         a pool / route left with no backends or weight
//   routes-withdrawn  risky   data { service, prefixes, before, after: 0 }     a service / prefix list left with no routes
//   routes-removed    risky   data { service, removed, remaining }             part of the routes / backends removed
//   failover-changed  neutral data { pool, from, to }                          (with pool-overloaded when the new target is too small)
//   rule-reordered    risky when an accepting rule moves past a terminal reject/deny, else neutral
//                             data { list, shadowed, terminal, order }
//   route-added       safe    data { route, destinations }                     a new route for a destination not routed before
import type { SignalKind } from '../signals.js';
import type { Change, FileDiff, JsonPath, Scope, Signal } from '../../model.js';
import type { AnalyzeContext, Analyzer, Inventory } from '../types.js';
import { defineAnalyzer } from '../types.js';
import { forcedAnalyzer, getAt, isObject, lastKey, words } from '../kit/paths.js';
import { describeScope, scopeWithHints } from '../kit/scope.js';

export const DEFAULT_HEADROOM = 20;

/** Numeric fields that carry a traffic weight in a list entry. */
const WEIGHT_FIELDS = ['weight', 'Weight', 'percent', 'load_balancing_weight', 'lbWeight', 'trafficWeight', 'traffic_weight', 'ratio'];
/** Maps of destination → weight: `split: { api-a: 90, api-b: 10 }`. */
const WEIGHT_MAPS = /^(weights|split|splits|trafficsplit|traffic_split|distribution|trafficweights|traffic)$/i;
/** Fields naming the destination of a weighted entry, tried in order. */
const DEST_FIELDS = ['subset', 'cluster', 'name', 'set_identifier', 'SetIdentifier', 'setIdentifier', 'revisionName', 'service', 'serviceName', 'backend', 'pool', 'upstream', 'target', 'host', 'id', 'region'];
/** Keys whose string value names the pool / upstream a route sends traffic to. */
const TARGET_KEYS = /^(upstream|backend|pool|activepool|active_pool|active|primary|cluster|service|servicename|destination|routeto|route_to|target|targetpool|servingpool|serving_pool|origin|host)$/i;
/** Keys naming where traffic goes when the primary fails. */
const FAILOVER_KEYS = /^(failover|failoverto|failover_to|failovertarget|failover_target|backup|fallback|secondary|standby)$/i;
/** Context that makes a target key a routing key even when no inventory pool is named. */
const ROUTE_CONTEXT = /route|upstream|failover|backend|traffic|balanc|lb|pool|gateway|ingress|proxy|dns|origin/i;
/** Words in a path or file name that say an entry is about routing. */
const ROUTING_WORDS = new Set(['route', 'routes', 'routing', 'upstream', 'upstreams', 'backend', 'backends', 'pool', 'pools', 'failover', 'lb', 'loadbalancer', 'balancer', 'bgp', 'announce', 'announcements', 'prefixes', 'dns', 'origin', 'origins', 'cluster', 'clusters', 'traffic', 'gateway', 'ingress', 'proxy', 'frontend', 'frontends', 'servers', 'targets', 'endpoints', 'peers', 'neighbors']);
/** Lists of backends: emptied → pool-emptied. */
const POOL_LISTS = /^(backends|servers|upstreams|endpoints|targets|members|instances|addresses|destinations|origins|pool|pools|nodes|lbEndpoints|lb_endpoints)$/i;
/** Lists of routes / announcements: emptied → routes-withdrawn. */
const ROUTE_LISTS = /^(routes|route|prefixes|networks|announcements|announce|advertise|advertisements|advertised_prefixes|advertisedPrefixes|aggregates|aggregate_address|records|ResourceRecords|resourceRecords|ResourceRecordSets|virtual_hosts|virtualHosts|http|paths)$/i;
/** Fields that switch an entry out of service, with the value that means "out". */
const DRAIN_FIELDS: Array<[RegExp, (v: unknown) => boolean | undefined]> = [
  [/^(drain|drained|draining|disabled|down|maintenance|withdraw|withdrawn|shutdown|cordoned)$/i, (v) => (typeof v === 'boolean' ? v : undefined)],
  [/^(enabled|active|healthy|inservice|in_service|serving|announce|announced|advertise|advertised|up)$/i, (v) => (typeof v === 'boolean' ? !v : undefined)],
  [/^(status|state|mode|admin_state|adminstate|health)$/i, (v) => (typeof v === 'string' ? /^(drain|drained|draining|down|disabled|maintenance|offline|out|standby|inactive|unhealthy|withdrawn|shutdown)$/i.test(v) : undefined)],
];
/** Order-sensitive rule lists. */
const RULE_LISTS = /^(rules|terms|term|statements|acl|acls|entries|ingress|egress|filters|policy_terms|policyTerms|route_map|routeMap|route_maps|sequences|firewall_rules|firewallRules|waf_rules|wafRules)$/i;
const ACTION_FIELDS = ['action', 'then', 'decision', 'verdict', 'effect', 'policy', 'result', 'permit'];
const TERMINAL_ACTIONS = /^(deny|reject|drop|block|discard|refuse|denyall|deny-all|reject-all)$/i;
const MATCH_FIELDS = ['match', 'from', 'source', 'src', 'sources', 'destination', 'dst', 'prefix', 'prefixes', 'prefix_list', 'prefixList', 'conditions', 'condition', 'when', 'ports', 'port', 'protocol', 'path', 'paths', 'host', 'hosts', 'cidr', 'cidrs', 'community', 'ip', 'ips', 'address', 'match_prefix', 'uri', 'methods'];
const CATCH_ALL = /^(any|all|\*|0\.0\.0\.0\/0|::\/0|true|\/)$/i;

// ── small helpers ──────────────────────────────────────────────────────────

// Formatters are built once: `toLocaleString` with options builds one per call, which showed in profiles.
const ONE_DECIMAL = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });
const WHOLE = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const fmt = (n: number): string => (n < 10 ? ONE_DECIMAL : WHOLE).format(n);
const round = (n: number): number => Math.round(n * 100) / 100;
const same = (a: JsonPath, b: JsonPath): boolean => a.length === b.length && a.every((s, i) => s === b[i]);
const startsWith = (p: JsonPath, prefix: JsonPath): boolean => prefix.length <= p.length && prefix.every((s, i) => p[i] === s);

function weightOf(o: unknown): number | undefined {
  if (!isObject(o)) return undefined;
  for (const f of WEIGHT_FIELDS) {
    const v = o[f];
    if (typeof v === 'number' && Number.isFinite(v)) return v;
    if (typeof v === 'string' && /^\d+(\.\d+)?$/.test(v)) return Number(v);
  }
  return undefined;
}

/** Destination label and the names to look it up by in the inventory's pools. */
function destOf(o: unknown, index: number): { label: string; names: string[] } {
  if (!isObject(o)) return { label: String(o), names: [String(o)] };
  const d = isObject(o.destination) ? o.destination : o;
  const names: string[] = [];
  const host = typeof d.host === 'string' ? d.host : undefined;
  const subset = typeof d.subset === 'string' ? d.subset : undefined;
  if (host && subset) names.push(`${host}-${subset}`, `${host}/${subset}`, subset, host);
  for (const f of DEST_FIELDS) {
    const v = d[f] ?? o[f];
    if (typeof v === 'string' && !names.includes(v)) names.push(v);
  }
  // weighted DNS records: the record values are the endpoints
  const rr = o.ResourceRecords ?? o.records ?? o.values;
  if (Array.isArray(rr)) for (const r of rr) if (isObject(r) && typeof r.Value === 'string') names.push(r.Value);
  const alias = isObject(o.AliasTarget) ? o.AliasTarget.DNSName : undefined;
  if (typeof alias === 'string') names.push(alias);
  const label = host && subset ? `${host}/${subset}` : names[0] ?? `#${index}`;
  return { label, names: names.length ? names : [label] };
}

/** `destOf(o, index).label` without collecting the names. */
function destLabel(o: unknown, index: number): string {
  if (!isObject(o)) return String(o);
  const d = isObject(o.destination) ? o.destination : o;
  const host = typeof d.host === 'string' ? d.host : undefined;
  const subset = typeof d.subset === 'string' ? d.subset : undefined;
  if (host && subset) return `${host}/${subset}`;
  for (const f of DEST_FIELDS) {
    const v = d[f] ?? o[f];
    if (typeof v === 'string') return v;
  }
  const rr = o.ResourceRecords ?? o.records ?? o.values;
  if (Array.isArray(rr)) for (const r of rr) if (isObject(r) && typeof r.Value === 'string') return r.Value;
  const alias = isObject(o.AliasTarget) ? o.AliasTarget.DNSName : undefined;
  return typeof alias === 'string' ? alias : `#${index}`;
}

function findPool(inv: Inventory | undefined, names: readonly string[]): { name: string; pool: NonNullable<Inventory['pools']>[string] } | undefined {
  const pools = inv?.pools;
  if (!pools) return undefined;
  for (const n of names) {
    for (const [k, p] of Object.entries(pools)) if (k.toLowerCase() === n.toLowerCase()) return { name: k, pool: p };
  }
  return undefined;
}

function docsOf(f: FileDiff, document: number): { before: unknown; after: unknown } {
  return { before: f.before?.documents[document], after: f.after?.documents[document] };
}

interface Ctx {
  f: FileDiff;
  ctx: AnalyzeContext;
  out: Signal[];
  headroom: number;
}

function signal(
  x: Ctx,
  c: Change,
  kind: SignalKind,
  direction: Signal['direction'],
  path: JsonPath,
  scope: Scope,
  summary: string,
  data: Record<string, unknown>,
  missing: string[],
  changes: Change[] = [c],
): Signal {
  const s: Signal = {
    type: 'routing', kind, direction, file: x.f.path, document: c.document, path, pathText: c.pathText,
    line: c.line, changes, scope, summary, data,
  };
  const m = [...new Set(missing)];
  if (m.length > 0 && direction !== 'safe') s.missing = m;
  x.out.push(s);
  return s;
}

/** Scope of moving `moved` percent of the traffic of the route at `path`. */
function movedScope(x: Ctx, path: JsonPath, doc: unknown, moved: number, targets: string[]): { scope: Scope; missing: string[] } {
  const base = scopeWithHints(x.f.path, path, doc, x.ctx.inventory);
  const share = round((base.scope.share * moved) / 100);
  const missing = base.scope.basis === 'assumed' && base.scope.share === 100 && moved < 100 ? [] : base.missing;
  return {
    scope: { dimension: base.scope.dimension, targets: targets.length ? targets : base.scope.targets, share, basis: base.scope.basis === 'assumed' ? 'config' : base.scope.basis },
    missing,
  };
}

/**
 * Projected load on each receiving destination: current load + the moved share of each
 * source's load, spread over the receivers by their gain. Emits pool-overloaded where the
 * projection exceeds capacity less headroom; returns the facts that were missing.
 */
function checkCapacity(
  x: Ctx,
  c: Change,
  path: JsonPath,
  scope: Scope,
  sources: Array<{ names: string[]; label: string; fraction: number }>,
  receivers: Array<{ names: string[]; label: string; gain: number }>,
  extra: Record<string, unknown> = {},
): string[] {
  const missing: string[] = [];
  let movedLoad = 0;
  let unit: string | undefined;
  for (const s of sources) {
    const p = findPool(x.ctx.inventory, s.names);
    if (!p || p.pool.load === undefined) {
      missing.push(`current load of pool ${s.label} (inventory pools.${s.label}.load)`);
      continue;
    }
    movedLoad += p.pool.load * s.fraction;
    unit ??= p.pool.unit;
  }
  const totalGain = receivers.reduce((a, r) => a + r.gain, 0) || 1;
  for (const r of receivers) {
    const p = findPool(x.ctx.inventory, r.names);
    if (!p) {
      missing.push(`capacity and current load of pool ${r.label} (inventory pools.${r.label})`);
      continue;
    }
    if (movedLoad === 0 && missing.length > 0) continue;
    const load = p.pool.load ?? 0;
    if (p.pool.load === undefined) missing.push(`current load of pool ${r.label} (inventory pools.${r.label}.load)`);
    const added = (movedLoad * r.gain) / totalGain;
    const projected = Math.round(load + added);
    const capacity = p.pool.capacity;
    const limit = Math.round(capacity * (1 - x.headroom / 100));
    const u = p.pool.unit ?? unit ?? 'rps';
    if (projected > limit) {
      signal(
        x, c, 'pool-overloaded', 'risky', path, { ...scope, targets: [p.name] },
        `pool ${p.name}: projected ${fmt(projected)} ${u} against capacity ${fmt(capacity)} (limit ${fmt(limit)} with ${x.headroom}% headroom)`,
        { pool: p.name, projected, capacity, limit, unit: u, load, added: Math.round(added), headroom: x.headroom, ...extra },
        [],
      );
    }
  }
  return missing;
}

// ── weighted groups ────────────────────────────────────────────────────────

/** Weight per destination label, with the (last) entry naming it: its names are read only for a signal. */
type Dist = Map<string, { weight: number; entry: unknown; index: number }>;

function listDist(list: unknown, groupKey: string | undefined): Map<string, Dist> {
  const groups = new Map<string, Dist>();
  if (Array.isArray(list)) {
    list.forEach((o, i) => {
      const w = weightOf(o);
      if (w === undefined || !isObject(o)) return;
      const g = groupKey ?? recordGroup(o);
      const label = destLabel(o, i);
      let dist = groups.get(g);
      if (!dist) groups.set(g, (dist = new Map()));
      const prev = dist.get(label);
      if (prev) {
        prev.weight += w;
        prev.entry = o;
        prev.index = i;
      } else {
        dist.set(label, { weight: w, entry: o, index: i });
      }
    });
  } else if (isObject(list)) {
    const dist: Dist = new Map();
    // A weight map's destination is its key: destOf(key) names just the key.
    for (const [k, v] of Object.entries(list)) if (typeof v === 'number') dist.set(k, { weight: v, entry: k, index: -1 });
    groups.set('', dist);
  }
  return groups;
}

/** Weighted DNS records are grouped by record name and type; other lists form one group. */
function recordGroup(o: Record<string, unknown>): string {
  const hasSet = 'SetIdentifier' in o || 'set_identifier' in o || 'setIdentifier' in o;
  if (!hasSet) return '';
  const name = o.Name ?? o.name ?? o.record ?? '';
  const type = o.Type ?? o.type ?? '';
  return `${String(name)} ${String(type)}`.trim();
}

function sameWeights(b: Dist, a: Dist): boolean {
  if (b.size !== a.size) return false;
  for (const [label, { weight }] of b) if (a.get(label)?.weight !== weight) return false;
  return true;
}

function isWeightedList(v: unknown): boolean {
  return Array.isArray(v) && v.some((o) => weightOf(o) !== undefined);
}

function isWeightMap(key: unknown, v: unknown): boolean {
  return typeof key === 'string' && WEIGHT_MAPS.test(key) && isObject(v) && Object.keys(v).length > 0 && Object.values(v).every((x) => typeof x === 'number');
}

/** The deepest weighted list or weight map on a change's path. */
function weightedListPath(c: Change, before: unknown, after: unknown): JsonPath | undefined {
  for (let j = c.path.length; j >= 1; j--) {
    const p = c.path.slice(0, j);
    const b = getAt(before, p);
    const a = getAt(after, p);
    if ((isWeightedList(b) || isWeightedList(a)) && (typeof c.path[j] === 'number' || j === c.path.length)) return p;
    if (isWeightMap(c.path[j - 1], a) || isWeightMap(c.path[j - 1], b)) return p;
  }
  return undefined;
}

function analyzeWeights(x: Ctx, c: Change, listPath: JsonPath, before: unknown, after: unknown, group: Change[]): void {
  const bGroups = listDist(getAt(before, listPath), undefined);
  const aGroups = listDist(getAt(after, listPath), undefined);
  for (const g of new Set([...bGroups.keys(), ...aGroups.keys()])) {
    const bd = bGroups.get(g) ?? new Map();
    const ad = aGroups.get(g) ?? new Map();
    const bSum = [...bd.values()].reduce((s, v) => s + v.weight, 0);
    const aSum = [...ad.values()].reduce((s, v) => s + v.weight, 0);
    // A reordered list carries the same weight to each destination: no share moved.
    if (bSum === aSum && Number.isFinite(bSum) && sameWeights(bd, ad)) continue;
    const share = (d: Dist, sum: number, k: string) => (sum > 0 ? ((d.get(k)?.weight ?? 0) / sum) * 100 : 0);
    const labels = [...new Set([...bd.keys(), ...ad.keys()])];
    const names = (k: string) => {
      const e = ad.get(k) ?? bd.get(k);
      return e ? destOf(e.entry, e.index).names : [k];
    };
    const beforeShares: Record<string, number> = {};
    const afterShares: Record<string, number> = {};
    for (const k of labels) {
      beforeShares[k] = round(share(bd, bSum, k));
      afterShares[k] = round(share(ad, aSum, k));
    }
    const service = g || lastKey(listPath.slice(0, -1)) || lastKey(listPath) || 'route';
    if (bSum > 0 && aSum === 0) {
      const { scope, missing } = scopeWithHints(x.f.path, listPath, after ?? before, x.ctx.inventory);
      signal(x, c, 'pool-emptied', 'risky', listPath, scope,
        `${service}: every destination weighted 0, nothing left to carry its traffic ${describeScope(scope)}`,
        { pool: service, before: bSum, after: 0, entries: labels }, missing, group);
      continue;
    }
    if (bSum === 0) continue; // a new weighted route, or one that carried nothing
    const moved = round(labels.reduce((s, k) => s + Math.max(0, afterShares[k]! - beforeShares[k]!), 0));
    if (moved <= 0) continue;
    const added = scaledOut(listPath, bd, ad);
    if (added) {
      const { scope, missing } = scopeWithHints(x.f.path, listPath, after, x.ctx.inventory);
      signal(x, c, 'backends-added', 'safe', listPath, scope,
        `${service}: ${added.length} backend${added.length === 1 ? '' : 's'} added (${added.join(', ')}), the others keep their weights ${describeScope(scope)}`,
        { pool: service, added, before: bd.size, after: ad.size }, missing, group);
      continue;
    }
    const receivers = labels.filter((k) => afterShares[k]! > beforeShares[k]!);
    const sources = labels.filter((k) => afterShares[k]! < beforeShares[k]!);
    const { scope, missing } = movedScope(x, listPath, after, moved, receivers);
    const capMissing = checkCapacity(
      x, c, listPath, scope,
      sources.map((k) => ({ names: names(k), label: k, fraction: (beforeShares[k]! - afterShares[k]!) / beforeShares[k]! })),
      receivers.map((k) => ({ names: names(k), label: k, gain: afterShares[k]! - beforeShares[k]! })),
      { moved },
    );
    const parts = [...sources, ...receivers].map((k) => `${k} ${fmt(beforeShares[k]!)}% → ${fmt(afterShares[k]!)}%`);
    signal(x, c, 'traffic-shifted', 'risky', listPath, scope,
      `traffic ${parts.join(', ')} (${fmt(moved)}% of ${g ? `record ${g}` : 'this route'} moved) ${describeScope(scope)}`,
      { moved, before: beforeShares, after: afterShares, sources, receivers, list: listPath.join('.') }, [...missing, ...capMissing], group);
  }
}

const MEMBER_LISTS = /^(servers|backends|endpoints|members|hosts|targets|instances|nodes|upstream_?servers)$/i;

/**
 * Scaling a pool out: a member list (servers, backends, endpoints…) that only gained members,
 * none weighted above the existing ones, while every existing member kept its weight. The
 * share each member carries drops, but no traffic moves to a different destination.
 */
function scaledOut(listPath: JsonPath, bd: Dist, ad: Dist): string[] | undefined {
  if (!MEMBER_LISTS.test(String(lastKey(listPath) ?? ''))) return undefined;
  let heaviest = 0;
  for (const [k, e] of bd) {
    if (ad.get(k)?.weight !== e.weight) return undefined;
    heaviest = Math.max(heaviest, e.weight);
  }
  const added = [...ad.keys()].filter((k) => !bd.has(k));
  if (added.length === 0 || added.some((k) => ad.get(k)!.weight > heaviest)) return undefined;
  return added;
}

// ── drains and target switches ─────────────────────────────────────────────

function drainState(o: unknown): boolean | undefined {
  if (!isObject(o)) return undefined;
  let seen: boolean | undefined;
  for (const [k, v] of Object.entries(o)) {
    for (const [re, test] of DRAIN_FIELDS) {
      if (!re.test(k)) continue;
      const r = test(v);
      if (r === true) return true;
      if (r === false) seen = false;
    }
  }
  return seen;
}

function entryName(o: Record<string, unknown>, path: JsonPath): { label: string; names: string[] } {
  const d = destOf(o, -1);
  const key = lastKey(path);
  if (d.label.startsWith('#') || (!DEST_FIELDS.some((f) => typeof o[f] === 'string') && typeof path[path.length - 1] === 'string')) {
    return { label: key, names: [key] };
  }
  return d;
}

function prefixesOf(o: Record<string, unknown>): string[] {
  const out: string[] = [];
  for (const f of ['prefixes', 'networks', 'prefix', 'network', 'announce', 'advertise', 'routes', 'cidrs', 'cidr']) {
    const v = o[f];
    if (typeof v === 'string') out.push(v);
    if (Array.isArray(v)) for (const p of v) if (typeof p === 'string') out.push(p);
      else if (isObject(p)) for (const k of ['prefix', 'network', 'cidr']) if (typeof p[k] === 'string') out.push(p[k] as string);
  }
  return out;
}

/** Whether `needle` still appears in `doc` outside `except`, in an entry that is not drained. */
function stillRouted(doc: unknown, needle: string, except: JsonPath, path: JsonPath = [], owner?: unknown): boolean {
  if (startsWith(path, except) && except.length > 0) return false;
  if (typeof doc === 'string') return doc === needle && drainState(owner) !== true;
  if (Array.isArray(doc)) return doc.some((v, i) => stillRouted(v, needle, except, [...path, i], owner));
  if (isObject(doc)) return Object.entries(doc).some(([k, v]) => stillRouted(v, needle, except, [...path, k], doc));
  return false;
}

function analyzeDrain(x: Ctx, c: Change, entryPath: JsonPath, before: unknown, after: unknown): void {
  const eb = getAt(before, entryPath);
  const ea = getAt(after, entryPath);
  if (!isObject(ea) || !isObject(eb)) return;
  const was = drainState(eb);
  const now = drainState(ea);
  if (was === true || now !== true) {
    return;
  }
  // Only routing entities drain: something with prefixes, a weight, a failover target, an
  // address, or that sits in a list of backends / routes or under routing words. A feature or
  // user switched off (`enabled: false`) is not traffic moving.
  const parentKey = lastKey(entryPath.slice(0, -1));
  const routingEntry =
    prefixesOf(ea).length > 0 || weightOf(ea) !== undefined || Object.keys(ea).some((k) => FAILOVER_KEYS.test(k) || /^(address|addresses|endpoint|endpoints|server|servers|url|upstream|backends|ip|pool|region|zone|datacenter)$/i.test(k)) ||
    POOL_LISTS.test(parentKey) || ROUTE_LISTS.test(parentKey) || findPool(x.ctx.inventory, entryName(ea, entryPath).names) !== undefined ||
    [...words([...entryPath.filter((s): s is string => typeof s === 'string'), x.f.path])].some((w) => ROUTING_WORDS.has(w));
  if (!routingEntry) return;
  const who = entryName(ea, entryPath);
  const prefixes = prefixesOf(ea);
  const parentPath = entryPath.slice(0, -1);
  const parent = getAt(after, parentPath);
  const parentBefore = getAt(before, parentPath);
  const siblings = (p: unknown): Array<[PathKey, Record<string, unknown>]> =>
    Array.isArray(p) ? p.map((v, i) => [i, v] as [PathKey, unknown]).filter((e): e is [PathKey, Record<string, unknown>] => isObject(e[1]))
      : isObject(p) ? Object.entries(p).filter((e): e is [string, Record<string, unknown>] => isObject(e[1])) : [];
  const key = entryPath[entryPath.length - 1]!;
  const activeBefore = siblings(parentBefore).filter(([, v]) => drainState(v) !== true);
  const activeAfter = siblings(parent).filter(([k, v]) => k !== key && drainState(v) !== true);
  const { scope: baseScope, missing: baseMissing } = scopeWithHints(x.f.path, entryPath, after, x.ctx.inventory);

  // announcements: the prefixes this entry announced
  if (prefixes.length > 0) {
    const gone = prefixes.filter((p) => !stillRouted(after, p, entryPath));
    if (gone.length === 0) return;
    const all = gone.length === prefixes.length;
    signal(x, c, all ? 'routes-withdrawn' : 'routes-removed', 'risky', entryPath, baseScope,
      `${who.label}: ${all ? 'every route withdrawn' : `${gone.length} of ${prefixes.length} routes withdrawn`} (${gone.join(', ')}), nothing else announces ${gone.length === 1 ? 'it' : 'them'} ${describeScope(baseScope)}`,
      { service: who.label, prefixes: gone, before: prefixes.length, after: prefixes.length - gone.length, removed: gone, remaining: prefixes.length - gone.length }, baseMissing);
    return;
  }

  // a drained backend / pool / region: its load moves to its failover target or the others
  const explicit = Object.entries(ea).find(([k, v]) => FAILOVER_KEYS.test(k) && (typeof v === 'string' || Array.isArray(v)))?.[1];
  const parentFailover = isObject(getAt(after, parentPath.slice(0, -1))) ? Object.entries(getAt(after, parentPath.slice(0, -1)) as Record<string, unknown>).find(([k]) => FAILOVER_KEYS.test(k))?.[1] : undefined;
  let receivers: Array<{ label: string; names: string[] }>;
  const targetOf = (v: unknown): string[] => (typeof v === 'string' ? [v] : Array.isArray(v) ? v.filter((t): t is string => typeof t === 'string') : []);
  if (targetOf(explicit).length) receivers = targetOf(explicit).map((t) => ({ label: t, names: [t] }));
  else if (isObject(parentFailover) && typeof parentFailover[who.label] === 'string') receivers = [{ label: parentFailover[who.label] as string, names: [parentFailover[who.label] as string] }];
  else receivers = activeAfter.map(([k, v]) => entryName(v, [...parentPath, k]));

  if (receivers.length === 0) {
    const owner = lastKey(parentPath.slice(0, -1)) || lastKey(parentPath) || 'pool';
    signal(x, c, 'pool-emptied', 'risky', parentPath, baseScope,
      `${owner}: ${who.label} drained and no other backend is in service ${describeScope(baseScope)}`,
      { pool: owner, before: activeBefore.length, after: 0, entries: [who.label] }, baseMissing);
    return;
  }
  // reach: the drained entry's own share if known, else its part of the active set
  let scope = baseScope;
  let missing = baseMissing;
  if (baseScope.basis === 'assumed' && activeBefore.length > 1) {
    scope = { dimension: baseScope.dimension, targets: [who.label], share: round(100 / activeBefore.length), basis: 'config' };
    missing = [];
  }
  const gain = 100 / receivers.length;
  const capMissing = checkCapacity(x, c, entryPath, scope, [{ ...who, fraction: 1 }], receivers.map((r) => ({ ...r, gain })), { drained: who.label });
  signal(x, c, 'traffic-shifted', 'risky', entryPath, scope,
    `${who.label} drained: its traffic moves to ${receivers.map((r) => r.label).join(', ')} ${describeScope(scope)}`,
    { moved: 100, drained: who.label, sources: [who.label], receivers: receivers.map((r) => r.label), before: { [who.label]: 100 }, after: Object.fromEntries(receivers.map((r) => [r.label, round(gain)])) },
    [...missing, ...capMissing]);
}

type PathKey = string | number;

function analyzeTargetSwitch(x: Ctx, c: Change, after: unknown): void {
  const key = lastKey(c.path);
  const from = c.before as string;
  const to = c.after as string;
  const inv = x.ctx.inventory;
  const known = findPool(inv, [from]) || findPool(inv, [to]);
  const context = c.path.filter((s): s is string => typeof s === 'string').join('.') + ' ' + x.f.path;
  if (FAILOVER_KEYS.test(key)) {
    // the standby changed: would it carry the primary's load if the primary failed?
    const owner = getAt(after, c.path.slice(0, -1));
    const primary = isObject(owner) ? entryName(owner, c.path.slice(0, -1)) : { label: lastKey(c.path.slice(0, -1)), names: [lastKey(c.path.slice(0, -1))] };
    const { scope, missing } = scopeWithHints(x.f.path, c.path, after, inv);
    const capMissing = checkCapacity(x, c, c.path, scope, [{ ...primary, fraction: 1 }], [{ label: to, names: [to], gain: 100 }], { failover: true, primary: primary.label });
    signal(x, c, 'failover-changed', 'neutral', c.path, scope, `failover of ${primary.label}: ${from} → ${to} ${describeScope(scope)}`,
      { pool: primary.label, from, to }, [...missing, ...capMissing]);
    return;
  }
  if (!known && !(TARGET_KEYS.test(key) && ROUTE_CONTEXT.test(context))) return;
  if (/^(host|service|target|destination)$/i.test(key) && !known && !/route|upstream|backend|failover|traffic/i.test(context)) return;
  const { scope, missing } = scopeWithHints(x.f.path, c.path, after, inv);
  const capMissing = checkCapacity(x, c, c.path, scope, [{ label: from, names: [from], fraction: 1 }], [{ label: to, names: [to], gain: 100 }], {});
  signal(x, c, 'traffic-shifted', 'risky', c.path, scope, `traffic of ${lastKey(c.path.slice(0, -1)) || key} moves from ${from} to ${to} ${describeScope(scope)}`,
    { moved: 100, before: { [from]: 100 }, after: { [to]: 100 }, sources: [from], receivers: [to], list: c.path.join('.') }, [...missing, ...capMissing]);
}

// ── lists of backends and routes ───────────────────────────────────────────

function analyzeList(x: Ctx, c: Change, listPath: JsonPath, before: unknown, after: unknown, group: Change[]): void {
  const b = getAt(before, listPath);
  const a = getAt(after, listPath);
  const count = (v: unknown): number => (Array.isArray(v) ? v.length : isObject(v) ? Object.keys(v).length : typeof v === 'string' && v !== '' ? 1 : 0);
  const nb = count(b);
  const na = count(a);
  if (nb === 0 || na >= nb) return;
  const key = lastKey(listPath);
  const ownerObj = getAt(after, listPath.slice(0, -1)) ?? getAt(before, listPath.slice(0, -1));
  const owner = isObject(ownerObj) ? entryName(ownerObj, listPath.slice(0, -1)).label || key : key;
  // Whole owner removed (a service deleted): the deletion analyzer's business, not a withdrawal.
  if (ownerObj === undefined || getAt(after, listPath.slice(0, -1)) === undefined) return;
  const label = (v: unknown, i: number) => (typeof v === 'string' || typeof v === 'number' ? String(v) : destOf(v, i).label);
  const bl = Array.isArray(b) ? b.map(label) : isObject(b) ? Object.keys(b) : [String(b)];
  const al = new Set(Array.isArray(a) ? a.map(label) : isObject(a) ? Object.keys(a) : a ? [String(a)] : []);
  const removed = bl.filter((l) => !al.has(l));
  const isRoute = ROUTE_LISTS.test(key);
  const { scope, missing } = scopeWithHints(x.f.path, listPath, after, x.ctx.inventory);
  if (na === 0) {
    const still = isRoute ? removed.filter((p) => stillRouted(after, p, listPath)) : [];
    if (still.length === removed.length && removed.length > 0) return;
    signal(x, c, isRoute ? 'routes-withdrawn' : 'pool-emptied', 'risky', listPath, scope,
      isRoute
        ? `${owner}: every route withdrawn (${nb} → 0: ${removed.slice(0, 5).join(', ')}${removed.length > 5 ? ', …' : ''}) ${describeScope(scope)}`
        : `${owner}: every backend removed (${nb} → 0) ${describeScope(scope)}`,
      isRoute ? { service: owner, prefixes: removed, before: nb, after: 0 } : { pool: owner, before: nb, after: 0, entries: removed }, missing, group);
    return;
  }
  if (removed.length === 0) return;
  const frac = removed.length / nb;
  const partScope: Scope = { ...scope, share: round(scope.share * frac), basis: scope.basis === 'assumed' ? 'config' : scope.basis, targets: removed };
  signal(x, c, 'routes-removed', 'risky', listPath, partScope,
    `${owner}: ${removed.length} of ${nb} ${isRoute ? 'routes' : 'backends'} removed (${removed.slice(0, 5).join(', ')}), ${na} left ${describeScope(partScope)}`,
    { service: owner, removed, remaining: na, before: nb, after: na }, [], group);
}

// ── order-sensitive rule lists ─────────────────────────────────────────────

function actionOf(o: unknown): string | undefined {
  if (!isObject(o)) return undefined;
  for (const f of ACTION_FIELDS) {
    const v = o[f];
    if (typeof v === 'string') return v;
    if (typeof v === 'boolean' && f === 'permit') return v ? 'permit' : 'deny';
    if (isObject(v)) for (const w of Object.values(v)) if (typeof w === 'string' && (TERMINAL_ACTIONS.test(w) || /^(accept|permit|allow)$/i.test(w))) return w;
  }
  return undefined;
}

function catchAll(o: Record<string, unknown>): boolean {
  for (const f of MATCH_FIELDS) {
    const v = o[f];
    if (v === undefined || v === null) continue;
    const vals = Array.isArray(v) ? v : isObject(v) ? Object.values(v) : [v];
    if (vals.length === 0) continue;
    if (!vals.every((x) => (typeof x === 'string' || typeof x === 'boolean') && CATCH_ALL.test(String(x)))) return false;
  }
  return true;
}

function ruleId(o: unknown, i: number): string {
  if (isObject(o)) for (const f of ['name', 'id', 'term', 'key', 'seq', 'sequence', 'priority', 'description']) if (typeof o[f] === 'string' || typeof o[f] === 'number') return String(o[f]);
  return JSON.stringify(o) ?? `#${i}`;
}

function analyzeRules(x: Ctx, c: Change, listPath: JsonPath, before: unknown, after: unknown, group: Change[]): void {
  const b = getAt(before, listPath);
  const a = getAt(after, listPath);
  if (!Array.isArray(b) || !Array.isArray(a)) return;
  if (![...a, ...b].some((o) => actionOf(o) !== undefined)) return;
  const bi = b.map(ruleId);
  const ai = a.map(ruleId);
  const firstTerminal = (list: unknown[]) => list.findIndex((o) => isObject(o) && TERMINAL_ACTIONS.test(actionOf(o) ?? '') && catchAll(o));
  const tb = firstTerminal(b);
  const ta = firstTerminal(a);
  const shadowed: string[] = [];
  if (ta >= 0) {
    ai.forEach((id, j) => {
      const i = bi.indexOf(id);
      if (i < 0 || j <= ta) return;
      if (TERMINAL_ACTIONS.test(actionOf(a[j]) ?? '')) return;
      if (tb < 0 || i < tb) shadowed.push(id);
    });
  }
  const common = ai.filter((id) => bi.includes(id));
  const orderB = bi.filter((id) => ai.includes(id));
  const reordered = common.some((id, k) => orderB[k] !== id);
  if (!reordered && shadowed.length === 0) return;
  const { scope, missing } = scopeWithHints(x.f.path, listPath, after, x.ctx.inventory);
  const terminal = ta >= 0 ? ai[ta]! : undefined;
  const list = lastKey(listPath) || 'rules';
  signal(x, c, 'rule-reordered', shadowed.length ? 'risky' : 'neutral', listPath, scope,
    shadowed.length
      ? `${list}: ${shadowed.join(', ')} now below the catch-all ${actionOf(a[ta]) ?? 'deny'} ${terminal}, so ${shadowed.length === 1 ? 'it never matches' : 'they never match'} ${describeScope(scope)}`
      : `${list}: rules reordered (${common.join(', ')})`,
    { list: listPath.join('.'), shadowed, terminal, order: ai }, shadowed.length ? missing : [], group);
  // An export / announce policy whose every accepting term is now shadowed announces nothing.
  const accepting = a.filter((o) => /^(accept|permit|allow|announce|advertise)$/i.test(actionOf(o) ?? ''));
  const context = listPath.filter((p): p is string => typeof p === 'string').join('.') + ' ' + x.f.path + ' ' + JSON.stringify(getAt(after, listPath.slice(0, -1)) ?? '').slice(0, 200);
  if (ta === 0 && accepting.length > 0 && shadowed.length >= accepting.length && /export|announce|advertis|bgp|route[-_]?policy|route[-_]?map|transit|peer/i.test(context)) {
    signal(x, c, 'routes-withdrawn', 'risky', listPath, scope,
      `${list}: the catch-all ${actionOf(a[0]) ?? 'reject'} ${terminal} now comes first, so nothing is announced any more ${describeScope(scope)}`,
      { service: list, prefixes: shadowed, before: accepting.length, after: 0 }, missing, group);
  }
}

// ── new routes ─────────────────────────────────────────────────────────────

function analyzeAdded(x: Ctx, c: Change, before: unknown, after: unknown): void {
  const d = destOf(c.after, -1);
  const text = JSON.stringify(before) ?? '';
  const fresh = d.names.filter((n) => !text.includes(JSON.stringify(n)));
  if (fresh.length === 0 && isObject(c.after)) return;
  const { scope } = scopeWithHints(x.f.path, c.path, after, x.ctx.inventory);
  const route = typeof c.after === 'string' ? c.after : d.label;
  signal(x, c, 'route-added', 'safe', c.path, scope, `new route ${route} in ${lastKey(c.path)}`, { route, destinations: d.names }, []);
}

// ── the analyzer ───────────────────────────────────────────────────────────

/** Routing signals of a change set. */
export const analyzeRouting: Analyzer = (files, ctx: AnalyzeContext) => {
  const out: Signal[] = [];
  const headroom = ctx.options.headroom ?? DEFAULT_HEADROOM;
  for (const f of files) {
    if (!f.before || !f.after) continue;
    const x: Ctx = { f, ctx, out, headroom };
    const done = new Set<string>();
    const once = (tag: string, doc: number, p: JsonPath): boolean => {
      const id = `${tag}:${doc}:${JSON.stringify(p)}`;
      if (done.has(id)) return false;
      done.add(id);
      return true;
    };
    const groupOf = (doc: number, p: JsonPath) => f.changes.filter((y) => y.document === doc && startsWith(y.path, p));
    // The weighted list of the previous change: the items of one list follow each other, and
    // a list seen once needs no `once` key built for each of its items.
    let lastWeighted: { doc: number; path: JsonPath } | undefined;
    for (const c of f.changes) {
      if (c.path.length === 0) continue;
      const { before, after } = docsOf(f, c.document);

      // weights
      const wl = weightedListPath(c, before, after);
      if (wl) {
        if (lastWeighted?.doc === c.document && same(lastWeighted.path, wl)) continue;
        lastWeighted = { doc: c.document, path: wl };
        if (once('w', c.document, wl)) analyzeWeights(x, c, wl, before, after, groupOf(c.document, wl));
        continue;
      }

      // rule lists (order-sensitive)
      const ri = c.path.findIndex((s) => typeof s === 'string' && RULE_LISTS.test(s));
      if (ri >= 0 && Array.isArray(getAt(after, c.path.slice(0, ri + 1)))) {
        const lp = c.path.slice(0, ri + 1);
        if (once('r', c.document, lp)) analyzeRules(x, c, lp, before, after, groupOf(c.document, lp));
      }

      // drains / announce switches on an entry
      const key = lastKey(c.path);
      if (c.kind === 'modified' && typeof c.path[c.path.length - 1] === 'string' && DRAIN_FIELDS.some(([re]) => re.test(key))) {
        const ep = c.path.slice(0, -1);
        if (once('d', c.document, ep)) analyzeDrain(x, c, ep, before, after);
        continue;
      }

      // target / failover switches: `upstream: api-a → api-b`
      if (c.kind === 'modified' && typeof c.before === 'string' && typeof c.after === 'string' && (TARGET_KEYS.test(key) || FAILOVER_KEYS.test(key) || forcedAnalyzer(ctx.options, f.path, c.path, 'routing'))) {
        analyzeTargetSwitch(x, c, after);
        continue;
      }

      // backend / route lists shrinking or emptied; new routes
      let li = -1;
      for (let i = c.path.length - 1; i >= 0; i--) {
        const s = c.path[i];
        if (typeof s === 'string' && (POOL_LISTS.test(s) || ROUTE_LISTS.test(s))) {
          li = i;
          break;
        }
      }
      if (li >= 0) {
        const lp = c.path.slice(0, li + 1);
        if (c.kind === 'added' && (c.path.length === li + 2 || c.path.length === li + 1) && ROUTE_LISTS.test(String(c.path[li])) && !same(lp, c.path)) {
          analyzeAdded(x, c, before, after);
          continue;
        }
        if ((c.kind === 'removed' || c.kind === 'modified') && once('l', c.document, lp)) analyzeList(x, c, lp, before, after, groupOf(c.document, lp));
      }
    }
  }
  return out;
};

export default defineAnalyzer({
  name: 'routing',
  doc: 'Where traffic goes: weights, route and failover targets, pools and backends, announcements, rule order.',
  signals: ['routing'],
  analyze: analyzeRouting,
});
