// Blast radius: how far a change at one path reaches, as a share (0–100 %) of traffic,
// hosts, callers… Table-driven; every rule below is one row of a table.
//
// Order of evidence (first that applies wins, narrower beats wider):
//  1. Names: path segments, file-path segments, and scope fields on the changed object
//     or its ancestors (SCOPE_FIELDS: region, cluster, cohort, hosts, selector…) that
//     name a scope in `inventory.traffic[dimension]` → that scope's share, summed over
//     the names of one dimension, the narrowest dimension kept (basis 'inventory').
//  2. A canary / percentage field on the changed object or an ancestor
//     (PERCENT_FIELDS, or `canary: { weight: 5 }`) → that share (basis 'config');
//     combined with an inventory scope it is a share of that scope.
//  3. A per-host / per-instance override (OVERRIDE_SEGMENTS followed by a name, or an
//     override entry with a `host:` field) → HOST_SHARE per host (basis 'config'), or
//     the host's inventory share when the inventory lists it.
//  4. A canary-named scope with no number (`canary` in the path or file name) →
//     CANARY_SHARE, assumed.
//  5. Otherwise: 100 %, basis 'assumed', targets ['*'] (an unscoped or default key
//     reaches everything); `scopeMissing` says which fact would sharpen it.
import type { JsonPath, Scope } from '../../model.js';
import type { Inventory } from '../types.js';
import { getAt, isObject } from './paths.js';

/** Fields whose value names the scope a setting applies to (string, list of strings, or a selector object). */
export const SCOPE_FIELDS: readonly string[] = [
  'region', 'regions', 'zone', 'zones', 'cluster', 'clusters', 'cohort', 'cohorts', 'datacenter', 'datacenters',
  'dc', 'environment', 'env', 'pool', 'fleet', 'segment', 'hosts', 'host', 'hostname', 'instances', 'nodes',
  'selector', 'matchLabels', 'target', 'targets', 'scope', 'scopes', 'stage', 'ring',
];

/** Fields holding a percentage of traffic the setting applies to. */
export const PERCENT_FIELDS: readonly string[] = [
  'percentage', 'percent', 'canaryPercent', 'canary_percent', 'canaryPercentage', 'rolloutPercent',
  'rollout_percent', 'rolloutPercentage', 'trafficPercent', 'traffic_percent', 'samplePercent',
];

/** Sub-objects carrying a canary share as `weight`/`percentage`: `canary: { weight: 5 }`. */
export const CANARY_OBJECTS: readonly string[] = ['canary', 'rollout', 'staged', 'progressive'];

/** Path segments after which the next segment names one host / instance. */
export const OVERRIDE_SEGMENTS: readonly string[] = [
  'hosts', 'host', 'hostOverrides', 'host_overrides', 'perHost', 'per_host', 'instances', 'instanceOverrides',
  'instance_overrides', 'nodes', 'pods', 'machines', 'servers',
];

/** Segments that mark an override section (`overrides.hosts.web-17.level`). */
const OVERRIDE_MARKERS = /override|per[-_]?host|per[-_]?instance/i;

/** Share given to one host of an unknown fleet, percent. */
export const HOST_SHARE = 1;
/** Share assumed for a scope named canary when no number says how large it is, percent. */
export const CANARY_SHARE = 1;

/** Keys that explicitly mean "everything". */
const DEFAULT_KEYS = new Set(['default', 'defaults', 'global', 'all', '*', 'root', '_default']);

interface Hit {
  dimension: string;
  name: string;
  share: number;
}

function defaultDimension(inventory?: Inventory): string {
  const dims = Object.keys(inventory?.traffic ?? {});
  return dims.length === 1 ? dims[0]! : 'traffic';
}

/** Everything along `dimension`: 100 %, assumed. */
export function scopeAll(dimension = 'traffic'): Scope {
  return { dimension, targets: ['*'], share: 100, basis: 'assumed' };
}

function strings(v: unknown): string[] {
  if (typeof v === 'string') return [v];
  if (typeof v === 'number') return [String(v)];
  if (Array.isArray(v)) return v.flatMap((x) => (typeof x === 'string' || typeof x === 'number' ? [String(x)] : []));
  if (isObject(v)) return Object.values(v).flatMap((x) => (typeof x === 'string' ? [x] : []));
  return [];
}

/** Ancestor objects of the changed value, root first (the value's own parent last). */
function ancestors(doc: unknown, path: JsonPath): Array<{ obj: Record<string, unknown>; depth: number }> {
  const out: Array<{ obj: Record<string, unknown>; depth: number }> = [];
  for (let i = 0; i < path.length; i++) {
    const v = getAt(doc, path.slice(0, i));
    if (isObject(v)) out.push({ obj: v, depth: i });
  }
  return out;
}

/** Look up candidate names in the inventory; keeps one hit per (dimension, name). */
function lookup(names: Iterable<string>, inventory: Inventory | undefined): Hit[] {
  const traffic = inventory?.traffic;
  if (!traffic) return [];
  const hits = new Map<string, Hit>();
  for (const raw of names) {
    const name = raw.toLowerCase();
    for (const [dimension, scopes] of Object.entries(traffic)) {
      for (const [scopeName, share] of Object.entries(scopes)) {
        if (scopeName.toLowerCase() === name) hits.set(`${dimension}\0${scopeName}`, { dimension, name: scopeName, share });
      }
    }
  }
  return [...hits.values()];
}

/** Narrowest dimension: sum per dimension, keep the smallest sum. */
function narrowest(hits: Hit[]): { dimension: string; targets: string[]; share: number } | undefined {
  const per = new Map<string, { targets: string[]; share: number }>();
  for (const h of hits) {
    const d = per.get(h.dimension) ?? { targets: [], share: 0 };
    d.targets.push(h.name);
    d.share += h.share;
    per.set(h.dimension, d);
  }
  let best: { dimension: string; targets: string[]; share: number } | undefined;
  for (const [dimension, d] of per) {
    const share = Math.min(100, d.share);
    if (!best || share < best.share) best = { dimension, targets: d.targets, share };
  }
  return best;
}

function percentFrom(obj: Record<string, unknown>): number | undefined {
  for (const f of PERCENT_FIELDS) {
    const v = obj[f];
    if (typeof v === 'number' && v >= 0 && v <= 100) return v;
  }
  for (const c of CANARY_OBJECTS) {
    const sub = obj[c];
    if (isObject(sub)) {
      for (const f of ['weight', ...PERCENT_FIELDS]) {
        const v = sub[f];
        if (typeof v === 'number' && v >= 0 && v <= 100) return v;
      }
    }
  }
  return undefined;
}

/** Per-host override: the host names the path or its override entry points at. */
function overrideHosts(path: JsonPath, doc: unknown): string[] {
  const inOverride = path.some((s) => typeof s === 'string' && OVERRIDE_MARKERS.test(s));
  for (let i = 0; i < path.length - 1; i++) {
    const seg = path[i];
    const next = path[i + 1];
    if (typeof seg !== 'string' || typeof next !== 'string') continue;
    if (OVERRIDE_SEGMENTS.includes(seg) && (inOverride || i + 2 < path.length)) {
      // `hosts.web-17.level` (the name is followed by the overridden setting) or `overrides.hosts.web-17`
      if (i + 2 < path.length || inOverride) return [next];
    }
  }
  if (inOverride) {
    // list form: overrides: [{ host: web-17, level: debug, expires: … }]
    for (const { obj } of ancestors(doc, path).reverse()) {
      for (const f of ['host', 'hostname', 'instance', 'node', 'pod', 'machine']) {
        const v = obj[f];
        if (typeof v === 'string') return [v];
      }
      for (const f of ['hosts', 'instances', 'nodes']) {
        const v = obj[f];
        if (Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'string')) return v as string[];
      }
    }
  }
  return [];
}

/** The scope and the facts that would sharpen it. */
export function scopeWithHints(
  file: string,
  path: JsonPath,
  doc: unknown,
  inventory?: Inventory,
): { scope: Scope; missing: string[] } {
  const names = new Set<string>();
  for (const s of path) if (typeof s === 'string') names.add(s);
  for (const part of file.split('/')) {
    names.add(part);
    for (const piece of part.split('.').slice(0, -1)) names.add(piece); // eu-west-1.yaml, app.canary.yaml
    const stem = part.replace(/\.[^.]*$/, '');
    for (const piece of stem.split(/[-_]/)) names.add(piece); // application-canary.yml
  }
  const anc = ancestors(doc, path);
  for (const { obj } of anc) for (const f of SCOPE_FIELDS) for (const s of strings(obj[f])) names.add(s);
  // Kubernetes-style documents: labels and namespace of the object.
  for (const s of strings(getAt(doc, ['metadata', 'labels']))) names.add(s);
  for (const s of strings(getAt(doc, ['metadata', 'namespace']))) names.add(s);

  const hosts = overrideHosts(path, doc);
  let percent: number | undefined;
  for (const { obj } of anc) {
    const p = percentFrom(obj);
    if (p !== undefined) percent = p; // innermost wins
  }

  const hit = narrowest(lookup(names, inventory));
  if (hosts.length > 0) {
    const hostHit = narrowest(lookup(hosts, inventory));
    if (hostHit) return { scope: { ...hostHit, basis: 'inventory' }, missing: [] };
    return {
      scope: { dimension: 'hosts', targets: hosts, share: Math.min(100, HOST_SHARE * hosts.length), basis: 'config' },
      missing: [`traffic share of host ${hosts.join(', ')} (inventory traffic.hosts); taken as ${HOST_SHARE}% per host`],
    };
  }
  if (hit) {
    if (percent !== undefined) {
      return { scope: { ...hit, share: round((hit.share * percent) / 100), basis: 'config' }, missing: [] };
    }
    return { scope: { ...hit, basis: 'inventory' }, missing: [] };
  }
  if (percent !== undefined) {
    return { scope: { dimension: 'traffic', targets: [`${percent}%`], share: percent, basis: 'config' }, missing: [] };
  }
  const canary = [...names].find((n) => /^canary$/i.test(n));
  if (canary) {
    return {
      scope: { dimension: 'cohort', targets: [canary], share: CANARY_SHARE, basis: 'assumed' },
      missing: [`traffic share of the canary scope (inventory traffic.cohort.${canary}); taken as ${CANARY_SHARE}%`],
    };
  }
  const scope = scopeAll(defaultDimension(inventory));
  return { scope, missing: scopeMissing(scope, inventory, path) };
}

/**
 * Blast radius of a change at `path` in `file`, read from `doc` (the after document, or
 * the before one for removals) and the inventory.
 */
export function scopeForPath(file: string, path: JsonPath, doc: unknown, inventory?: Inventory): Scope {
  return scopeWithHints(file, path, doc, inventory).scope;
}

/** Facts that would sharpen an assumed scope (empty for inventory/config-based ones). */
export function scopeMissing(scope: Scope, inventory?: Inventory, path?: JsonPath): string[] {
  if (scope.basis !== 'assumed' || scope.share < 100) return [];
  const isDefault = path?.some((s) => typeof s === 'string' && DEFAULT_KEYS.has(s));
  const what = isDefault ? 'a default/global key' : 'no region, cluster, cohort or host scope found';
  if (!inventory?.traffic) {
    return [`${what}: taken to reach 100% of traffic; an inventory with traffic shares per scope (traffic.region, traffic.cohort…) would sharpen this`];
  }
  return [`${what}: taken to reach 100% of traffic; scope the setting to one of ${Object.keys(inventory.traffic).join(', ')} to reach less`];
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

/** A scope as words, for summaries: "on all regions (100% of traffic)", "on eu-west-1 (30% of traffic)". */
export function describeScope(scope: Scope): string {
  const pct = `${fmtShare(scope.share)}% of traffic`;
  if (scope.targets.length === 1 && scope.targets[0] === '*') {
    const dim = scope.dimension === 'traffic' ? 'traffic' : plural(scope.dimension);
    return dim === 'traffic' ? `everywhere (${pct}${scope.basis === 'assumed' ? ', unscoped' : ''})` : `on all ${dim} (${pct})`;
  }
  const what = scope.dimension === 'hosts' ? (scope.targets.length === 1 ? 'host ' : 'hosts ') : '';
  const about = scope.basis === 'inventory' ? '' : 'about ';
  return `on ${what}${scope.targets.join(', ')} (${about}${pct})`;
}

function plural(d: string): string {
  return d.endsWith('s') ? d : d.endsWith('y') ? `${d.slice(0, -1)}ies` : `${d}s`;
}

function fmtShare(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(n < 1 ? 2 : 1).replace(/\.?0+$/, '');
}
