// Reading one routing entry: its weight, its destination, whether it is in service, what it announces.
import type { JsonPath } from '../../model.js';
import { isObject, lastKey } from '../kit/paths.js';
import { matchKey, matchValue } from '../kit/keys.js';
import { parseNumber } from '../kit/quantities.js';
import { startsWith } from './context.js';
import {
  DEST_FIELDS,
  DNS,
  DRAIN_FLAGS,
  NAVIGATION,
  OUT_OF_SERVICE,
  PREFERENCE_ENTRY_KEYS,
  PREFIX_FIELDS,
  PREFIX_ITEM_FIELDS,
  SERVING_FLAGS,
  STATE_FIELDS,
  WEIGHT_FIELDS,
} from './vocabulary.js';
import { entriesOf, someEntry } from '../kit/entries.js';

export interface Dest {
  label: string;
  /** Names to look the destination up by in the inventory's pools. */
  names: string[];
}

export function weightOf(o: unknown): number | undefined {
  if (!isObject(o) || PREFERENCE_ENTRY_KEYS.some((k) => Object.hasOwn(o, k))) return undefined;
  for (const f of WEIGHT_FIELDS) {
    const v = o[f];
    if (typeof v === 'number' && Number.isFinite(v)) return v;
    if (typeof v === 'string' && /^\d+(\.\d+)?$/.test(v)) return parseNumber(v);
  }
  return undefined;
}

/** Whether an entry has a key that makes it a destination of traffic (NAVIGATION.backendKeys). */
export function hasBackendKey(o: Record<string, unknown>): boolean {
  return Object.keys(o).some((k) => matchKey(k, NAVIGATION.backendKeys));
}

/**
 * What a weighted entry points at: a `link` of a site's navigation (NAVIGATION), a `destination`
 * of traffic (a backend key, or an endpoint URL without navigation keys), or neither said.
 */
export function pointsAt(o: Record<string, unknown>): 'link' | 'destination' | undefined {
  if (hasBackendKey(o)) return 'destination';
  if (Object.keys(o).some((k) => matchKey(k, NAVIGATION.keys))) return 'link';
  for (const f of NAVIGATION.linkFields) {
    const v = o[f];
    if (typeof v !== 'string') continue;
    if (NAVIGATION.endpoint.test(v)) return 'destination';
    if (NAVIGATION.linkPath.test(v)) return 'link';
  }
  return undefined;
}

/** The endpoints of weighted DNS records: record values and alias targets. */
function recordNames(o: Record<string, unknown>): string[] {
  const out: string[] = [];
  const rr = o[DNS.recordLists[0]] ?? o[DNS.recordLists[1]] ?? o[DNS.recordLists[2]];
  if (Array.isArray(rr)) for (const r of rr) if (isObject(r) && typeof r[DNS.recordValue] === 'string') out.push(r[DNS.recordValue] as string);
  const alias = isObject(o[DNS.alias]) ? (o[DNS.alias] as Record<string, unknown>)[DNS.aliasName] : undefined;
  if (typeof alias === 'string') out.push(alias);
  return out;
}

/** Destination label and the names to look it up by in the inventory's pools. */
export function destOf(o: unknown, index: number): Dest {
  // A nested list is no destination name: String() of it would call its items' own `toString` keys (found by fuzzing).
  if (!isObject(o)) {
    const label = Array.isArray(o) ? `#${index}` : String(o);
    return { label, names: [label] };
  }
  const d = isObject(o.destination) ? o.destination : o;
  const names: string[] = [];
  const host = typeof d.host === 'string' ? d.host : undefined;
  const subset = typeof d.subset === 'string' ? d.subset : undefined;
  if (host && subset) names.push(`${host}-${subset}`, `${host}/${subset}`, subset, host);
  for (const f of DEST_FIELDS) {
    const v = d[f] ?? o[f];
    if (typeof v === 'string' && !names.includes(v)) names.push(v);
  }
  names.push(...recordNames(o));
  const label = host && subset ? `${host}/${subset}` : names[0] ?? `#${index}`;
  return { label, names: names.length ? names : [label] };
}

/** `destOf(o, index).label` without collecting the names. */
export function destLabel(o: unknown, index: number): string {
  if (!isObject(o)) return String(o);
  const d = isObject(o.destination) ? o.destination : o;
  const host = typeof d.host === 'string' ? d.host : undefined;
  const subset = typeof d.subset === 'string' ? d.subset : undefined;
  if (host && subset) return `${host}/${subset}`;
  for (const f of DEST_FIELDS) {
    const v = d[f] ?? o[f];
    if (typeof v === 'string') return v;
  }
  return recordNames(o)[0] ?? `#${index}`;
}

/** An entry's name: its destination fields, else the key it sits under. */
export function entryName(o: Record<string, unknown>, path: JsonPath): Dest {
  const d = destOf(o, -1);
  const key = lastKey(path);
  if (d.label.startsWith('#') || (!DEST_FIELDS.some((f) => typeof o[f] === 'string') && typeof path[path.length - 1] === 'string')) {
    return { label: key, names: [key] };
  }
  return d;
}

/** Whether one field says the entry is out of service (true), in service (false), or nothing. */
function fieldDrained(key: string, value: unknown): boolean | undefined {
  if (matchKey(key, DRAIN_FLAGS) && typeof value === 'boolean') return value;
  if (matchKey(key, SERVING_FLAGS) && typeof value === 'boolean') return !value;
  if (matchKey(key, STATE_FIELDS) && typeof value === 'string') return matchValue(value, OUT_OF_SERVICE);
  return undefined;
}

/** Whether a key is one of the drain / serving / state switches. */
export function isDrainKey(key: string): boolean {
  return matchKey(key, DRAIN_FLAGS) || matchKey(key, SERVING_FLAGS) || matchKey(key, STATE_FIELDS);
}

/** Out of service (true), in service by an explicit switch (false), or no switch (undefined). */
export function drainState(o: unknown): boolean | undefined {
  if (!isObject(o)) return undefined;
  let seen: boolean | undefined;
  for (const [k, v] of entriesOf(o)) {
    const r = fieldDrained(k, v);
    if (r === true) return true;
    if (r === false) seen = false;
  }
  return seen;
}

/** The prefixes an entry announces. */
export function prefixesOf(o: Record<string, unknown>): string[] {
  const out: string[] = [];
  for (const f of PREFIX_FIELDS) {
    const v = o[f];
    if (typeof v === 'string') out.push(v);
    if (!Array.isArray(v)) continue;
    for (const p of v) {
      if (typeof p === 'string') out.push(p);
      else if (isObject(p)) for (const k of PREFIX_ITEM_FIELDS) if (typeof p[k] === 'string') out.push(p[k] as string);
    }
  }
  return out;
}

/** Whether `needle` still appears in `doc` outside `except`, in an entry that is not drained. */
export function stillRouted(doc: unknown, needle: string, except: JsonPath, path: JsonPath = [], owner?: unknown): boolean {
  if (startsWith(path, except) && except.length > 0) return false;
  if (typeof doc === 'string') return doc === needle && drainState(owner) !== true;
  if (Array.isArray(doc)) return doc.some((v, i) => stillRouted(v, needle, except, [...path, i], owner));
  if (isObject(doc)) return someEntry(doc, (k, v) => stillRouted(v, needle, except, [...path, k], doc));
  return false;
}
