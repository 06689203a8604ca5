// The entitlement rule model a file is read into, and the small readers of values it shares.
import type { JsonPath } from '../../model.js';
import { isObject } from '../kit/paths.js';
import { findKey, matchKey, matchValue, type Vocabulary } from '../kit/keys.js';
import { BILLABLE, ENDPOINT_FIELDS, FREE, HTTP_METHODS, MODE_OFF, MODE_ON, NAME_FIELDS, PRICE_KEYS } from './vocabulary.js';
import { entriesOf } from '../kit/entries.js';

export interface PlanRule {
  /** Endpoint patterns the plan includes; undefined = every endpoint. */
  allow?: string[];
  deny: string[];
  /** Endpoint patterns that are charged on this plan ('*' = all). */
  charged: string[];
}

export interface EndpointRule {
  endpoints: string[];
  /** Plans, groups or caller ids allowed; undefined = everyone. */
  allow?: string[];
  deny: string[];
  charged: boolean;
}

export interface CallerRule {
  plans: string[];
  allow?: string[];
  deny: string[];
  exempt?: boolean;
}

export interface Rules {
  switches: Array<{ on: boolean; path: JsonPath }>;
  plans: Map<string, PlanRule>;
  endpointRules: EndpointRule[];
  callers: Map<string, CallerRule>;
  exempt: Set<string>;
  exemptInternal: boolean;
  defaultPlan?: string;
  /** Whether anything at all was recognised. */
  recognised: boolean;
  /** Endpoint patterns mentioned anywhere (for the registry-less simulation). */
  endpoints: Set<string>;
  /** The price of an endpoint no price entry names (`pricing.default`). */
  defaultPrice?: number;
  /** Prices of named endpoints, overriding the default (a price of 0 makes them free). */
  prices: Array<{ endpoints: string[]; price: number }>;
  /** Callers on a free tier's allow-list (`freeTier.allowedCallers`); every other caller pays. Undefined: no such list. */
  freeCallers?: Set<string>;
}

export function emptyRules(): Rules {
  return {
    switches: [],
    plans: new Map(),
    endpointRules: [],
    callers: new Map(),
    exempt: new Set(),
    exemptInternal: false,
    recognised: false,
    endpoints: new Set(),
    prices: [],
  };
}

export function strs(v: unknown): string[] {
  if (typeof v === 'string') return [v];
  if (typeof v === 'number') return [String(v)];
  if (Array.isArray(v)) return v.flatMap((x) => strs(x));
  return [];
}

/** Names in a list that may hold strings or objects (`[{ group: pro }]`, `[{ name: web }]`). */
export function names(v: unknown): string[] {
  if (typeof v === 'string') return [v];
  if (!Array.isArray(v)) return [];
  return v.flatMap((x) => {
    if (typeof x === 'string') return [x];
    if (isObject(x)) for (const f of NAME_FIELDS) if (typeof x[f] === 'string') return [x[f] as string];
    return [];
  });
}

/** The value of the first key of `obj` in the vocabulary. */
export function field(obj: Record<string, unknown>, vocabulary: Vocabulary): unknown {
  return findKey(obj, vocabulary)?.[1];
}

const METHOD_PREFIX = new RegExp(`^(?:(?:${HTTP_METHODS.join('|')}|\\*)\\s+)`, 'i');

export function stripMethod(s: string): string {
  return s.replace(METHOD_PREFIX, '');
}

export function isEndpoint(s: string): boolean {
  return s === '*' || stripMethod(s).startsWith('/');
}

/** Endpoint patterns from a list of strings or objects with a path field. */
export function endpointList(v: unknown): string[] {
  if (typeof v === 'string') return isEndpoint(v) ? [v] : [];
  if (!Array.isArray(v)) return [];
  return v.flatMap((x) => {
    if (typeof x === 'string') return isEndpoint(x) ? [x] : [];
    if (isObject(x)) return endpointList(field(x, ENDPOINT_FIELDS));
    return [];
  });
}

/** Whether an object says it is charged (a price above 0, a billable flag), free, or nothing. */
export function chargeable(obj: Record<string, unknown>): boolean | undefined {
  let result: boolean | undefined;
  for (const [k, v] of entriesOf(obj)) {
    const price = matchKey(k, PRICE_KEYS);
    if (price && typeof v === 'number') result = (result ?? false) || v > 0;
    if (price && typeof v === 'string' && /^\$?\d/.test(v)) result = (result ?? false) || Number(v.replace(/[^\d.]/g, '')) > 0;
    if (matchKey(k, BILLABLE) && typeof v === 'boolean') result = (result ?? false) || v;
    if (matchKey(k, FREE) && v === true) result = false;
  }
  return result;
}

/** An enforcement switch's state: a boolean, or a mode word (`enforce`, `dry-run`). */
export function switchValue(v: unknown): boolean | undefined {
  if (typeof v === 'boolean') return v;
  if (matchValue(v, MODE_ON)) return true;
  if (matchValue(v, MODE_OFF)) return false;
  return undefined;
}
