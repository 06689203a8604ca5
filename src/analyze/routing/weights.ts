// Weighted routes: lists of weighted destinations (Istio, Envoy, DNS records, upstream servers)
// and weight maps. A change of shares is traffic moving; all weights 0 is an emptied pool; new
// members at no more than the others' weight is scaling out.
import type { Change, JsonPath } from '../../model.js';
import { getAt, isObject, lastKey } from '../kit/paths.js';
import { matchKey } from '../kit/keys.js';
import { scopeWithHints, describeScope } from '../kit/scope.js';
import { type Ctx, emit, fmt, round } from './context.js';
import { destLabel, destOf, hasBackendKey, pointsAt, weightOf } from './entries.js';
import { checkCapacity, movedScope } from './load.js';
import { DNS, MEMBER_LISTS, NAVIGATION, ROUTING_WORDS, WEIGHT_MAPS } from './vocabulary.js';
import { entriesOf } from '../kit/entries.js';

/** Weight per destination label, with the (last) entry naming it: its names are read only for a signal. */
type Dist = Map<string, { weight: number; entry: unknown; index: number }>;

function addWeight(dist: Dist, label: string, weight: number, entry: unknown, index: number): void {
  const prev = dist.get(label);
  if (prev) {
    prev.weight += weight;
    prev.entry = entry;
    prev.index = index;
  } else {
    dist.set(label, { weight, entry, index });
  }
}

/** Where a list sits: its file and its path, which may name it a menu. */
interface ListAt {
  file: string;
  path: JsonPath;
}

function listDist(list: unknown, at: ListAt): Map<string, Dist> {
  const groups = new Map<string, Dist>();
  if (Array.isArray(list)) {
    if (!isWeightedList(list, at)) return groups; // no weights, or a menu's
    list.forEach((o, i) => {
      const w = weightOf(o);
      if (w === undefined || !isObject(o)) return;
      const g = recordGroup(o);
      let dist = groups.get(g);
      if (!dist) groups.set(g, (dist = new Map()));
      addWeight(dist, destLabel(o, i), w, o, i);
    });
  } else if (isObject(list)) {
    const dist: Dist = new Map();
    // A weight map's destination is its key: destOf(key) names just the key.
    for (const [k, v] of entriesOf(list)) if (typeof v === 'number') dist.set(k, { weight: v, entry: k, index: -1 });
    groups.set('', dist);
  }
  return groups;
}

/** Weighted DNS records are grouped by record name and type; other lists form one group. */
function recordGroup(o: Record<string, unknown>): string {
  if (!DNS.setIdentifier.some((k) => k in o)) return '';
  const name = o[DNS.recordName[0]] ?? o[DNS.recordName[1]] ?? o[DNS.recordName[2]] ?? '';
  const type = o[DNS.recordType[0]] ?? o[DNS.recordType[1]] ?? '';
  return `${String(name)} ${String(type)}`.trim();
}

function sameWeights(b: Dist, a: Dist): boolean {
  if (b.size !== a.size) return false;
  for (const [label, { weight }] of b) if (a.get(label)?.weight !== weight) return false;
  return true;
}

// Once per list: every changed item of a list asks about the same list (a list of 300,000
// items with 1% changed would otherwise be scanned 3,000 times).
const weightedLists = new WeakMap<unknown[], boolean>();

function isWeightedList(v: unknown, at: ListAt): boolean {
  if (!Array.isArray(v)) return false;
  let weighted = weightedLists.get(v);
  if (weighted === undefined) {
    weighted = v.some((o) => weightOf(o) !== undefined) && !isMenu(v, at);
    weightedLists.set(v, weighted);
  }
  return weighted;
}

/**
 * A site's menu (NAVIGATION): its weighted entries are links, none a destination
 * (observatorium/observatorium b1f4fc5d: a Hugo `menus.toml` whose weights order a sidebar's
 * links); in a list named a menu, any entry without a backend key is a link.
 */
function isMenu(v: unknown[], at: ListAt): boolean {
  const named = namedMenu(at);
  let links = 0;
  for (const o of v) {
    if (!isObject(o) || weightOf(o) === undefined) continue;
    const points = pointsAt(o);
    if (points === 'destination' && (!named || hasBackendKey(o))) return false;
    if (points === 'link' || named) links++;
  }
  return links > 0;
}

/**
 * A list named a menu: its key or its parent's is a menu word (`menu.shortcuts`, `menus.main`),
 * or it is a top-level list of a file so named (`menus.toml`) — never when either key is a
 * routing word (`upstreams.menu`, `services.menu.loadBalancer.servers` route to a menu service).
 */
function namedMenu(at: ListAt): boolean {
  const key = at.path[at.path.length - 1];
  const parent = at.path[at.path.length - 2];
  const routing = (k: unknown) => typeof k === 'string' && (matchKey(k, ROUTING_WORDS) || matchKey(k, MEMBER_LISTS));
  if (typeof key !== 'string' || routing(key) || routing(parent)) return false;
  if (matchKey(key, NAVIGATION.collections)) return true;
  if (typeof parent === 'string' && matchKey(parent, NAVIGATION.collections)) return true;
  const stem = at.file.slice(at.file.lastIndexOf('/') + 1).split('.')[0] ?? '';
  return at.path.length === 1 && matchKey(stem, NAVIGATION.collections);
}

function isWeightMap(key: unknown, v: unknown): boolean {
  return typeof key === 'string' && matchKey(key, WEIGHT_MAPS) && isObject(v) && Object.keys(v).length > 0 && Object.values(v).every((x) => typeof x === 'number');
}

/** The deepest weighted list or weight map on a change's path. */
export function weightedListPath(c: Change, before: unknown, after: unknown): JsonPath | undefined {
  for (let j = c.path.length; j >= 1; j--) {
    const p = c.path.slice(0, j);
    const b = getAt(before, p);
    const a = getAt(after, p);
    const at = { file: c.file, path: p };
    if ((isWeightedList(b, at) || isWeightedList(a, at)) && (typeof c.path[j] === 'number' || j === c.path.length)) return p;
    if (isWeightMap(c.path[j - 1], a) || isWeightMap(c.path[j - 1], b)) return p;
  }
  return undefined;
}

/**
 * Scaling a pool out: a member list (servers, backends, endpoints…) that only gained members,
 * none weighted above the existing ones, while every existing member kept its weight. The
 * share each member carries drops, but no traffic moves to a different destination.
 */
function scaledOut(listPath: JsonPath, bd: Dist, ad: Dist): string[] | undefined {
  if (!matchKey(lastKey(listPath), MEMBER_LISTS)) return undefined;
  let heaviest = 0;
  for (const [k, e] of bd) {
    if (ad.get(k)?.weight !== e.weight) return undefined;
    heaviest = Math.max(heaviest, e.weight);
  }
  const added = [...ad.keys()].filter((k) => !bd.has(k));
  if (added.length === 0 || added.some((k) => ad.get(k)!.weight > heaviest)) return undefined;
  return added;
}

/** The weights of one group (a route, a DNS record) before and after, as shares in percent. */
interface Shares {
  group: string;
  bd: Dist;
  ad: Dist;
  bSum: number;
  aSum: number;
  labels: string[];
  before: Record<string, number>;
  after: Record<string, number>;
}

function sharesOf(group: string, bd: Dist, ad: Dist): Shares {
  const bSum = [...bd.values()].reduce((s, v) => s + v.weight, 0);
  const aSum = [...ad.values()].reduce((s, v) => s + v.weight, 0);
  const share = (d: Dist, sum: number, k: string) => (sum > 0 ? ((d.get(k)?.weight ?? 0) / sum) * 100 : 0);
  const labels = [...new Set([...bd.keys(), ...ad.keys()])];
  const before: Record<string, number> = {};
  const after: Record<string, number> = {};
  for (const k of labels) {
    before[k] = round(share(bd, bSum, k));
    after[k] = round(share(ad, aSum, k));
  }
  return { group, bd, ad, bSum, aSum, labels, before, after };
}

/** Every weight group of a weighted list or map: what moved, emptied or scaled out. */
export function analyzeWeights(x: Ctx, c: Change, listPath: JsonPath, before: unknown, after: unknown, group: Change[]): void {
  const at = { file: x.f.path, path: listPath };
  const bGroups = listDist(getAt(before, listPath), at);
  const aGroups = listDist(getAt(after, listPath), at);
  for (const g of new Set([...bGroups.keys(), ...aGroups.keys()])) {
    const bd = bGroups.get(g) ?? new Map();
    const ad = aGroups.get(g) ?? new Map();
    const s = sharesOf(g, bd, ad);
    // A reordered list carries the same weight to each destination: no share moved.
    if (s.bSum === s.aSum && Number.isFinite(s.bSum) && sameWeights(bd, ad)) continue;
    analyzeGroup(x, c, listPath, before, after, group, s);
  }
}

function analyzeGroup(x: Ctx, c: Change, listPath: JsonPath, before: unknown, after: unknown, group: Change[], s: Shares): void {
  const service = s.group || lastKey(listPath.slice(0, -1)) || lastKey(listPath) || 'route';
  if (s.bSum > 0 && s.aSum === 0) {
    const { scope, missing } = scopeWithHints(x.f.path, listPath, after ?? before, x.ctx.inventory);
    emit(x, {
      kind: 'pool-emptied', direction: 'risky', at: c, path: listPath, scope, missing, changes: group,
      summary: `${service}: every destination weighted 0, nothing left to carry its traffic ${describeScope(scope)}`,
      data: { pool: service, before: s.bSum, after: 0, entries: s.labels },
    });
    return;
  }
  if (s.bSum === 0) return; // a new weighted route, or one that carried nothing
  const moved = round(s.labels.reduce((sum, k) => sum + Math.max(0, s.after[k]! - s.before[k]!), 0));
  if (moved <= 0) return;
  const added = scaledOut(listPath, s.bd, s.ad);
  if (added) {
    const { scope, missing } = scopeWithHints(x.f.path, listPath, after, x.ctx.inventory);
    emit(x, {
      kind: 'backends-added', direction: 'safe', at: c, path: listPath, scope, missing, changes: group,
      summary: `${service}: ${added.length} backend${added.length === 1 ? '' : 's'} added (${added.join(', ')}), the others keep their weights ${describeScope(scope)}`,
      data: { pool: service, added, before: s.bd.size, after: s.ad.size },
    });
    return;
  }
  shifted(x, c, listPath, after, group, s, moved);
}

function shifted(x: Ctx, c: Change, listPath: JsonPath, after: unknown, group: Change[], s: Shares, moved: number): void {
  const names = (k: string) => {
    const e = s.ad.get(k) ?? s.bd.get(k);
    return e ? destOf(e.entry, e.index).names : [k];
  };
  const receivers = s.labels.filter((k) => s.after[k]! > s.before[k]!);
  const sources = s.labels.filter((k) => s.after[k]! < s.before[k]!);
  const { scope, missing } = movedScope(x, listPath, after, moved, receivers);
  const capMissing = checkCapacity(
    x, c, listPath, scope,
    sources.map((k) => ({ names: names(k), label: k, fraction: (s.before[k]! - s.after[k]!) / s.before[k]! })),
    receivers.map((k) => ({ names: names(k), label: k, gain: s.after[k]! - s.before[k]! })),
    { moved },
  );
  const parts = [...sources, ...receivers].map((k) => `${k} ${fmt(s.before[k]!)}% → ${fmt(s.after[k]!)}%`);
  emit(x, {
    kind: 'traffic-shifted', direction: 'risky', at: c, path: listPath, scope, missing: [...missing, ...capMissing], changes: group,
    summary: `traffic ${parts.join(', ')} (${fmt(moved)}% of ${s.group ? `record ${s.group}` : 'this route'} moved) ${describeScope(scope)}`,
    data: { moved, before: s.before, after: s.after, sources, receivers, list: listPath.join('.') },
  });
}
