// Lists of backends and routes: emptied (pool-emptied, routes-withdrawn), shrunk
// (routes-removed), and new routes (route-added).
import type { Change, JsonPath, Scope } from '../../model.js';
import { getAt, isObject, lastKey } from '../kit/paths.js';
import { matchKey } from '../kit/keys.js';
import { describeScope, scopeWithHints } from '../kit/scope.js';
import { type Ctx, emit, findPool, listLocation, round } from './context.js';
import { destOf, entryName, stillRouted } from './entries.js';
import { ENDPOINT_KEYS, GENERIC_POOL_WORDS, ROUTE_LISTS, ROUTING_ENTRY_KEYS } from './vocabulary.js';
import { entriesOf } from '../kit/entries.js';

/**
 * A map is a collection of backends or routes only when its values are entries (objects,
 * lists); a map of scalar settings under a backend word is configuration, not a pool: Spring's
 * `endpoints: { restart: enabled }` (spring-cloud-samples/config-repo 559479e4).
 */
function isSettingsMap(v: unknown): boolean {
  return isObject(v) && Object.keys(v).length > 0 && Object.values(v).every((e) => e === null || typeof e !== 'object');
}

/**
 * Whether a collection named by a generic pool word (`nodes`) holds something other than network
 * endpoints: object entries none of which has an endpoint key within two levels (a storage
 * operator's per-node disk pools: onedr0p/home-ops 4c84e547).
 */
function notEndpoints(key: string, v: unknown): boolean {
  if (!matchKey(key, GENERIC_POOL_WORDS)) return false;
  const entries = Array.isArray(v) ? v : isObject(v) ? Object.values(v) : [];
  return entries.length > 0 && entries.every((e) => isObject(e) && !hasEndpointKey(e, 2));
}

function hasEndpointKey(o: Record<string, unknown>, depth: number): boolean {
  for (const [k, v] of entriesOf(o)) {
    if (matchKey(k, ROUTING_ENTRY_KEYS) || matchKey(k, ENDPOINT_KEYS)) return true;
    if (depth > 1 && isObject(v) && hasEndpointKey(v, depth - 1)) return true;
  }
  return false;
}

function count(v: unknown): number {
  if (Array.isArray(v)) return v.length;
  if (isObject(v)) return Object.keys(v).length;
  return typeof v === 'string' && v !== '' ? 1 : 0;
}

/** Labels of a list's entries (strings, numbers, or named objects) or a map's keys. */
function labels(v: unknown): string[] {
  const label = (e: unknown, i: number) => (typeof e === 'string' || typeof e === 'number' ? String(e) : destOf(e, i).label);
  if (Array.isArray(v)) return v.map(label);
  if (isObject(v)) return Object.keys(v);
  return v ? [String(v)] : [];
}

/** A list of backends or routes that lost entries. */
export function analyzeList(x: Ctx, c: Change, listPath: JsonPath, before: unknown, after: unknown, group: Change[]): void {
  const b = getAt(before, listPath);
  const a = getAt(after, listPath);
  if (isSettingsMap(b) || isSettingsMap(a) || notEndpoints(lastKey(listPath), b)) return;
  const nb = count(b);
  const na = count(a);
  if (nb === 0 || na >= nb) return;
  const key = lastKey(listPath);
  const ownerPath = listPath.slice(0, -1);
  const ownerObj = getAt(after, ownerPath) ?? getAt(before, ownerPath);
  // Whole owner removed (a service deleted): the deletion analyzer's business, not a withdrawal.
  if (ownerObj === undefined || getAt(after, ownerPath) === undefined) return;
  const owner = isObject(ownerObj) ? entryName(ownerObj, ownerPath).label || key : key;
  const after_ = new Set(labels(a));
  const removed = (Array.isArray(b) || isObject(b) ? labels(b) : [String(b)]).filter((l) => !after_.has(l));
  const isRoute = matchKey(key, ROUTE_LISTS);
  const { scope, missing } = scopeWithHints(x.f.path, listPath, after, x.ctx.inventory);
  const list = { c, listPath, owner, group, nb, na, removed, isRoute };
  if (na === 0) emptied(x, list, after, scope, missing);
  else if (removed.length > 0) shrunk(x, list, scope);
}

interface ListChange {
  c: Change;
  listPath: JsonPath;
  owner: string;
  group: Change[];
  nb: number;
  na: number;
  removed: string[];
  isRoute: boolean;
}

function emptied(x: Ctx, l: ListChange, after: unknown, scope: Scope, missing: string[]): void {
  const still = l.isRoute ? l.removed.filter((p) => stillRouted(after, p, l.listPath)) : [];
  if (still.length === l.removed.length && l.removed.length > 0) return;
  const shown = `${l.removed.slice(0, 5).join(', ')}${l.removed.length > 5 ? ', …' : ''}`;
  emit(x, {
    kind: l.isRoute ? 'routes-withdrawn' : 'pool-emptied', direction: 'risky', at: l.c, path: l.listPath, scope, missing, changes: l.group,
    ...listLocation(x, l.c, l.listPath),
    summary: l.isRoute
      ? `${l.owner}: every route withdrawn (${l.nb} → 0: ${shown}) ${describeScope(scope)}`
      : `${l.owner}: every backend removed (${l.nb} → 0) ${describeScope(scope)}`,
    data: l.isRoute ? { service: l.owner, prefixes: l.removed, before: l.nb, after: 0 } : { pool: l.owner, before: l.nb, after: 0, entries: l.removed },
  });
}

/** Backends removed from a pool the inventory does not size: the facts that would check the rest can carry their share. */
function capacityFacts(x: Ctx, l: ListChange): string[] {
  if (l.isRoute || findPool(x.ctx.inventory, [l.owner])) return [];
  return [`the capacity of the backends left in ${l.owner} and its peak load (inventory pools.<name>.capacity / .load, or capacity_rps / expected_peak_rps in the config) to check they carry the share of the ${l.removed.length} removed`];
}

function shrunk(x: Ctx, l: ListChange, scope: Scope): void {
  const frac = l.removed.length / l.nb;
  const partScope: Scope = { ...scope, share: round(scope.share * frac), basis: scope.basis === 'assumed' ? 'config' : scope.basis, targets: l.removed };
  emit(x, {
    kind: 'routes-removed', direction: 'risky', at: l.c, path: l.listPath, scope: partScope, missing: capacityFacts(x, l), changes: l.group,
    ...listLocation(x, l.c, l.listPath),
    summary: `${l.owner}: ${l.removed.length} of ${l.nb} ${l.isRoute ? 'routes' : 'backends'} removed (${l.removed.slice(0, 5).join(', ')}), ${l.na} left ${describeScope(partScope)}`,
    data: { service: l.owner, removed: l.removed, remaining: l.na, before: l.nb, after: l.na },
  });
}

/** A new route for a destination the file did not route to before. */
export function analyzeAdded(x: Ctx, c: Change, before: unknown, after: unknown): void {
  const d = destOf(c.after, -1);
  // An object naming no destination (a setting added under a `route` object) is not a route.
  if (isObject(c.after) && d.label === '#-1') return;
  const text = JSON.stringify(before) ?? '';
  const fresh = d.names.filter((n) => !text.includes(JSON.stringify(n)));
  if (fresh.length === 0 && isObject(c.after)) return;
  const { scope } = scopeWithHints(x.f.path, c.path, after, x.ctx.inventory);
  const route = typeof c.after === 'string' ? c.after : d.label;
  emit(x, {
    kind: 'route-added', direction: 'safe', at: c, path: c.path, scope,
    summary: `new route ${route} in ${lastKey(c.path)}`,
    data: { route, destinations: d.names },
  });
}
