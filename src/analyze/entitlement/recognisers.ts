// Declared recognisers: shapes of entitlement rules read by key, each a name, a doc line, the
// keys it answers to (vocabulary.ts) and a reader that adds what it finds to the rule model.
// The reader (reader.ts) tries them before its own generic reading of a key.
import type { Vocabulary } from '../kit/keys.js';
import { matchKey, matchValue } from '../kit/keys.js';
import { isObject } from '../kit/paths.js';
import { type CallerRule, type EndpointRule, endpointList, field, isEndpoint, names, type Rules } from './model.js';
import {
  ALL_MARKERS, BINDING_LISTS, BINDING_WHO, CALLER_PLAN_FIELDS, DEFAULT_PRICE_KEYS, ENDPOINT_FIELDS, ENDPOINT_MAPS, FREE_TIER_KEYS,
  INTERNAL_MARKERS, INTERNAL_TOKEN, PRICE_CONTAINERS, PRICE_ENTRY_LISTS, PRICE_KEYS, TIER_CALLER_LISTS,
} from './vocabulary.js';
import { entriesOf } from '../kit/entries.js';

/** What a recogniser may add to the rule model. */
export interface RuleSink {
  readonly rules: Rules;
  addEndpointRule(rule: EndpointRule): void;
  addCaller(id: string, patch: Partial<CallerRule>): void;
  /** Who an object allows and charges (the generic reading), for values of endpoint maps. */
  accessOf(obj: Record<string, unknown>): Omit<EndpointRule, 'endpoints'> | undefined;
}

export interface Recogniser {
  readonly name: string;
  readonly doc: string;
  readonly keys: Vocabulary;
  /** Reads the value of a matching key; false when the value is not of this shape (the key is then read generically). */
  read(value: unknown, sink: RuleSink): boolean;
}

/** A price: a number, or a string that starts with one (`"$0.002"`, `"0.01 USD"`). */
export function priceValue(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v !== 'string') return undefined;
  const m = /^\s*[$€£]?\s*(\d+(?:\.\d+)?)/.exec(v);
  return m ? Number(m[1]) : undefined;
}

/** The price an entry object states (`price`, `pricePerCall`, `cost`…). */
function entryPrice(obj: Record<string, unknown>): number | undefined {
  for (const [k, v] of entriesOf(obj)) if (matchKey(k, PRICE_KEYS) && priceValue(v) !== undefined) return priceValue(v);
  return undefined;
}

/** Per-endpoint prices: `{ /media/*: 0.01 }` or `[{ path: /media/*, price: 0.01 }]`. */
function readPriceEntries(v: unknown, rules: Rules): void {
  const add = (endpoints: string[], price: number | undefined) => {
    if (!endpoints.length || price === undefined) return;
    rules.prices.push({ endpoints, price });
    endpoints.forEach((e) => rules.endpoints.add(e));
  };
  if (Array.isArray(v)) {
    for (const x of v) if (isObject(x)) add(endpointList(field(x, ENDPOINT_FIELDS)), entryPrice(x));
  } else if (isObject(v)) {
    for (const [k, x] of entriesOf(v)) if (isEndpoint(k)) add([k], isObject(x) ? entryPrice(x) : priceValue(x));
  }
}

const pricing: Recogniser = {
  name: 'price-default',
  doc: 'A price list with a default price (`pricing.default: 0 → 0.002`) and per-endpoint prices that override it.',
  keys: PRICE_CONTAINERS,
  read(value, { rules }) {
    if (!isObject(value)) return false;
    let found = false;
    for (const [k, v] of entriesOf(value)) {
      if (matchKey(k, DEFAULT_PRICE_KEYS) && priceValue(v) !== undefined) {
        rules.defaultPrice = Math.max(rules.defaultPrice ?? 0, priceValue(v)!);
        found = true;
      } else if (matchKey(k, PRICE_ENTRY_LISTS)) {
        const n = rules.prices.length;
        readPriceEntries(v, rules);
        found = found || rules.prices.length > n;
      }
    }
    if (found) rules.recognised = true;
    return found;
  },
};

/** Names of an allow-list, with the internal marker read as the internal token. */
function members(v: unknown): string[] {
  return names(v).map((x) => (matchValue(x, ALL_MARKERS) ? '*' : matchValue(x.replace(/^@/, ''), INTERNAL_MARKERS) ? INTERNAL_TOKEN : x));
}

const freeTier: Recogniser = {
  name: 'free-tier-allow-list',
  doc: 'A free tier with a caller allow-list (`freeTier.allowedCallers`): callers on it are not charged, every other caller is.',
  keys: FREE_TIER_KEYS,
  read(value, { rules }) {
    const list = isObject(value) ? field(value, TIER_CALLER_LISTS) : Array.isArray(value) ? value : undefined;
    if (!Array.isArray(list)) return false;
    rules.freeCallers ??= new Set();
    for (const id of members(list)) rules.freeCallers.add(id);
    rules.recognised = true;
    return true;
  },
};

const endpointMap: Recogniser = {
  name: 'endpoint-map',
  doc: 'Rules keyed by endpoint: `endpoints: { /media/*: { plans: [pro] } }`, `access: { "GET /timeline": [pro] }`.',
  keys: ENDPOINT_MAPS,
  read(value, sink) {
    if (!isObject(value)) return false;
    const entries = Object.entries(value).filter(([k]) => isEndpoint(k) && k !== '*');
    const rules = entries.flatMap(([endpoint, v]) => {
      const access = isObject(v) ? sink.accessOf(v) : Array.isArray(v) || typeof v === 'string' ? { allow: members(v), deny: [], charged: false } : undefined;
      return access ? [{ endpoints: [endpoint], ...access }] : [];
    });
    // An API description's `paths` (OpenAPI) names endpoints without access rules: left to the generic reading.
    if (rules.length === 0) return false;
    for (const [endpoint] of entries) sink.rules.endpoints.add(endpoint);
    rules.forEach((r) => sink.addEndpointRule(r));
    return true;
  },
};

const bindings: Recogniser = {
  name: 'plan-bindings',
  doc: 'Callers bound to plans (`bindings: [{ callers: [web-client], plan: first-party }]`); `internal` binds every internal caller.',
  keys: BINDING_LISTS,
  read(value, sink) {
    if (!Array.isArray(value)) return false;
    let found = false;
    for (const item of value) {
      if (!isObject(item)) continue;
      const plans = names(field(item, CALLER_PLAN_FIELDS));
      const who = members(field(item, BINDING_WHO));
      if (!plans.length || !who.length) continue;
      for (const id of who) sink.addCaller(id, { plans });
      found = true;
    }
    return found;
  },
};

/** The recognisers, tried in this order on every key. */
export const RECOGNISERS: readonly Recogniser[] = Object.freeze([pricing, freeTier, endpointMap, bindings]);
