// Pool sets: the pools (regions, clusters, backends…) that serve one service and fail over to
// each other, read with their numbers — capacity and peak load declared in the config
// (`capacity_rps`, `max_rps`, `expected_peak_rps`) or, taking precedence, in the inventory.
// For each side of a change: the load against the capacity in service, and the worst case of
// losing any one pool (N−1). The margin signal carries both; policies decide.
import type { FileDiff, JsonPath } from '../../model.js';
import type { Inventory } from '../types.js';
import { getAt, isObject, lastKey } from '../kit/paths.js';
import { findKey, matchKey } from '../kit/keys.js';
import { parseQuantity } from '../kit/quantities.js';
import { NOTHING_LEFT, IN_FLAGS, OUT_FLAGS, POOL_CAPACITY_FIELDS, POOL_LOAD_FIELDS, POOL_NAME_FIELDS, POOL_SET_KEYS } from './vocabulary.js';
import { childrenOf, entriesOf, someEntry } from '../kit/entries.js';

export interface Member {
  name: string;
  capacity?: number;
  load?: number;
  out: boolean;
}

export interface PoolSet {
  label: string;
  path: JsonPath;
  members: Member[];
  /** Peak load of the whole set, declared beside it. */
  setLoad?: number;
  unit: string;
}

export interface Margin {
  inService: number;
  capacity?: number;
  load?: number;
  steadyPercent?: number;
  n1Percent?: number;
  n1Lost?: string;
  missing: string[];
}

function numberIn(o: Record<string, unknown>, fields: readonly string[]): number | undefined {
  const hit = findKey(o, fields);
  return hit ? parseQuantity(hit[1]) : undefined;
}

function nameOf(v: unknown, key: string | number): string {
  if (typeof v === 'string') return v;
  if (isObject(v)) for (const f of POOL_NAME_FIELDS) if (typeof v[f] === 'string') return v[f] as string;
  return String(key);
}

function isOut(v: unknown): boolean {
  if (!isObject(v)) return false;
  return someEntry(v, (k, x) => (matchKey(k, OUT_FLAGS) && x === true) || (matchKey(k, IN_FLAGS) && x === false));
}

/** One member with its numbers: the inventory's pool or host first, then what the entry declares. */
function memberOf(v: unknown, key: string | number, inv: Inventory | undefined, drained: (name: string) => boolean): Member {
  const name = nameOf(v, key);
  const pool = inv?.pools?.[name];
  const host = inv?.hosts?.[name];
  const own = isObject(v) ? v : {};
  return {
    name,
    capacity: pool?.capacity ?? host?.capacity ?? numberIn(own, POOL_CAPACITY_FIELDS),
    load: pool?.load ?? numberIn(own, POOL_LOAD_FIELDS),
    out: isOut(v) || drained(name),
  };
}

/** The pool set at `path` in a document: a list or map of entries (objects or names). */
export function readSet(doc: unknown, path: JsonPath, inv: Inventory | undefined, drained: (name: string) => boolean): PoolSet | undefined {
  const v = getAt(doc, path);
  const entries = [...childrenOf(v)];
  if (entries.length === 0 || !entries.every(([, e]) => isObject(e) || typeof e === 'string')) return undefined;
  const owner = getAt(doc, path.slice(0, -1));
  const unit = Object.values(inv?.pools ?? {}).find((p) => p.unit)?.unit ?? 'rps';
  return {
    label: (isObject(owner) && nameOf(owner, '') !== '' ? nameOf(owner, '') : '') || lastKey(path),
    path,
    members: entries.map(([k, e]) => memberOf(e, k, inv, drained)),
    setLoad: isObject(owner) ? numberIn(owner, POOL_LOAD_FIELDS) : undefined,
    unit,
  };
}

/** Paths of the pool sets in a document (a set is not searched for sets inside it). */
export function findSets(doc: unknown, path: JsonPath = [], out: JsonPath[] = []): JsonPath[] {
  if (Array.isArray(doc)) doc.forEach((v, i) => findSets(v, [...path, i], out));
  else if (isObject(doc)) {
    for (const [k, v] of entriesOf(doc)) {
      if (matchKey(k, POOL_SET_KEYS) && (Array.isArray(v) || isObject(v))) out.push([...path, k]);
      else findSets(v, [...path, k], out);
    }
  }
  return out;
}

/** Whether any member's capacity is known: a set without one number is not judged. */
export const hasNumbers = (s: PoolSet | undefined): boolean => Boolean(s?.members.some((m) => m.capacity !== undefined));

/** The load the set carries: declared for the set, else the sum of its members' loads (before the change: traffic does not leave with a pool). */
export function loadOf(before: PoolSet, after: PoolSet): number | undefined {
  const declared = after.setLoad ?? before.setLoad;
  if (declared !== undefined) return declared;
  const served = before.members.filter((m) => !m.out);
  return served.length && served.every((m) => m.load !== undefined) ? served.reduce((a, m) => a + m.load!, 0) : undefined;
}

const pct = (load: number, cap: number): number => (cap > 0 ? Math.round((load / cap) * 1000) / 10 : NOTHING_LEFT);

/** Load against the capacity in service, and against what is left after losing the largest pool. */
export function marginOf(set: PoolSet, load: number | undefined): Margin {
  const inService = set.members.filter((m) => !m.out);
  const missing: string[] = [];
  for (const m of inService) if (m.capacity === undefined) missing.push(`capacity of ${m.name} (inventory pools.${m.name}.capacity, or capacity_rps in the entry)`);
  if (load === undefined) missing.push(`peak load of ${set.label} (inventory pools.<name>.load per pool, or expected_peak_rps beside the pools)`);
  const m: Margin = { inService: inService.length, missing };
  if (missing.length > 0) return m;
  const capacity = inService.reduce((a, x) => a + x.capacity!, 0);
  Object.assign(m, { capacity, load, steadyPercent: pct(load!, capacity) });
  const largest = inService.reduce<Member | undefined>((a, x) => (!a || x.capacity! > a.capacity! ? x : a), undefined);
  if (largest) Object.assign(m, { n1Percent: pct(load!, capacity - largest.capacity!), n1Lost: largest.name });
  return m;
}

/** Every document pair of a file, for the sets in it. */
export function documentPairs(f: FileDiff): Array<{ document: number; before: unknown; after: unknown }> {
  const docs = new Set(f.changes.map((c) => c.document));
  return [...docs].map((d) => ({ document: d, before: f.before?.documents[d], after: f.after?.documents[d] }));
}
