// Capacity and quota: replicas, autoscaler bounds, instance / node counts, desired
// capacity; resource requests and limits, rate limits, connection limits, quotas.
// A lowered value is risky, a raised one safe; quotas are compared with current usage
// from the inventory when it is known. What it recognises is in vocabulary.ts; signals
// and data in README.md.
import type { Change, FileDiff, JsonPath, Signal } from '../../model.js';
import type { AnalyzeContext, Analyzer } from '../types.js';
import { defineBuiltinAnalyzer, optionsFor } from '../types.js';
import { forcedPaths, getAt, isObject, lastKey } from '../kit/paths.js';
import { extend, matchKey, normKey, type Vocabulary } from '../kit/keys.js';
import { parseDuration, parseQuantity } from '../kit/quantities.js';
import { capacitySignal, parentText, quotaSignal } from './signals.js';
import { poolMargins } from './margins.js';
import { hostsDrained } from './drains.js';
import { CAPACITY_KEYS, COUNT_KEYS, DEFAULT_REPLICAS_KEY, NOT_AMOUNT, QUOTA_ANCESTORS, QUOTA_KEYS, WINDOW_KEYS, WORKLOAD_KINDS } from './vocabulary.js';

export { usageFor } from './signals.js';

export interface CapacityOptions {
  /** More key names counted as capacity / as quotas. */
  capacityKeys?: string[];
  quotaKeys?: string[];
}

type Category = 'capacity' | 'quota';

interface Vocabularies {
  capacity: Vocabulary;
  quota: Vocabulary;
}

function categorize(path: JsonPath, v: Vocabularies): Category | undefined {
  const key = lastKey(path);
  if (key === '' || matchKey(key, NOT_AMOUNT)) return undefined;
  // resources.limits.cpu / resources.requests.memory / spec.hard.pods — quota, even when the key says "pods".
  if (path.slice(0, -1).some((a) => matchKey(a, QUOTA_ANCESTORS))) return 'quota';
  if (matchKey(key, v.capacity)) return 'capacity';
  if (matchKey(key, v.quota)) return 'quota';
  return undefined;
}

type Rate = { rate: number; count: number; window: number };

// Computed once per object: every modified child of a map asks about the same parent, and a
// map of 100,000 keys with 1% of them changed would otherwise be read 1,000 times.
const rates = new WeakMap<object, Rate | undefined>();

/** A rate limit written as count + window (`{ requests: 100, window: 1m }`): the rate per second. */
function windowedRate(obj: unknown): Rate | undefined {
  if (!isObject(obj)) return undefined;
  if (rates.has(obj)) return rates.get(obj);
  const rate = readRate(obj);
  rates.set(obj, rate);
  return rate;
}

/** The keys a rate is read from, normalised. */
const RATE_KEYS = new Set([...COUNT_KEYS, ...WINDOW_KEYS]);

function readRate(obj: Record<string, unknown>): Rate | undefined {
  // Only the keys a rate is made of: a map of many keys is not copied whole for each object read.
  const byNorm = new Map<string, unknown>();
  for (const key in obj) {
    if (!Object.hasOwn(obj, key)) continue;
    const norm = normKey(key);
    if (RATE_KEYS.has(norm)) byNorm.set(norm, obj[key]);
  }
  const countKey = COUNT_KEYS.find((k) => parseQuantity(byNorm.get(k)) !== undefined);
  const windowKey = WINDOW_KEYS.find((k) => parseDuration(byNorm.get(k)) !== undefined);
  if (!countKey || !windowKey) return undefined;
  const count = parseQuantity(byNorm.get(countKey))!;
  const window = parseDuration(byNorm.get(windowKey))!;
  return { rate: count / window, count, window };
}

function isWorkload(doc: unknown): boolean {
  return isObject(doc) && WORKLOAD_KINDS.includes(doc.kind as string);
}

/** Per file: the windowed rate limits already compared (one signal per limit object). */
type Seen = Set<string>;

/** A rate limit written as count + window whose rate changed: one quota signal for the limit object. */
function rateChange(file: FileDiff, ctx: AnalyzeContext, change: Change, seen: Seen): Signal | 'consumed' | undefined {
  const parentPath = change.path.slice(0, -1);
  if (change.kind !== 'modified' || parentPath.length === 0) return undefined;
  const a = windowedRate(getAt(file.after?.documents[change.document], parentPath));
  const b = windowedRate(getAt(file.before?.documents[change.document], parentPath));
  if (!a || !b) return undefined;
  const key = JSON.stringify([change.document, parentPath]);
  if (seen.has(key)) return 'consumed';
  seen.add(key);
  if (a.rate === b.rate) return 'consumed';
  const parent = JSON.stringify(parentPath);
  const changes = file.changes.filter((c) => c.document === change.document && JSON.stringify(c.path.slice(0, -1)) === parent);
  return quotaSignal(file, ctx, { change, changes, path: parentPath, pathText: parentText(change.pathText), from: b.rate, to: a.rate, unit: 'per second' });
}

/** The numbers a change moves between, or undefined when it is not a change of amount. */
function amounts(file: FileDiff, change: Change, category: Category): { from: number; to: number } | undefined {
  let from: number | undefined;
  let to: number | undefined;
  if (change.kind === 'modified') {
    from = parseQuantity(change.before);
    to = parseQuantity(change.after);
  } else if (
    change.kind === 'removed' && category === 'capacity' && lastKey(change.path) === DEFAULT_REPLICAS_KEY &&
    isWorkload(file.before?.documents[change.document]) && change.path.length === 2
  ) {
    // A Deployment without `replicas` runs one pod.
    from = parseQuantity(change.before);
    to = 1;
  }
  if (from === undefined || to === undefined || from === to) return undefined;
  if (typeof change.before === 'boolean' || typeof change.after === 'boolean') return undefined;
  return { from, to };
}

type Forced = ((path: JsonPath) => boolean) | undefined;

function readChange(file: FileDiff, ctx: AnalyzeContext, change: Change, v: Vocabularies, seen: Seen, forced: Forced): Signal | undefined {
  const rate = rateChange(file, ctx, change, seen);
  if (rate === 'consumed') return undefined;
  if (rate) return rate;
  const category = categorize(change.path, v) ?? (forced?.(change.path) ? 'capacity' : undefined);
  if (!category) return undefined;
  const n = amounts(file, change, category);
  if (!n) return undefined;
  if (category === 'capacity') return capacitySignal(file, ctx, change, n.from, n.to);
  return quotaSignal(file, ctx, { change, changes: [change], path: change.path, pathText: change.pathText, ...n, rawFrom: change.before, rawTo: change.after });
}

export const analyzeCapacity: Analyzer = (files, ctx: AnalyzeContext) => {
  const options = optionsFor<CapacityOptions>(ctx, 'capacity');
  const v: Vocabularies = { capacity: extend(CAPACITY_KEYS, options.capacityKeys), quota: extend(QUOTA_KEYS, options.quotaKeys) };
  const out: Signal[] = [];
  for (const file of files) {
    const seen: Seen = new Set();
    const forced = forcedPaths(ctx.options, file.path, 'capacity');
    for (const change of file.changes) {
      const s = readChange(file, ctx, change, v, seen, forced);
      if (s) out.push(s);
    }
    out.push(...poolMargins(file, ctx), ...hostsDrained(file, ctx));
  }
  return out;
};

const keyList = (description: string) => ({ type: 'array', items: { type: 'string', minLength: 1 }, description });

export default defineBuiltinAnalyzer({
  name: 'capacity',
  doc: 'Replicas, autoscaling bounds, instance counts; quotas and rate limits against usage.',
  signals: ['capacity', 'quota'],
  options: {
    type: 'object',
    additionalProperties: false,
    properties: {
      capacityKeys: keyList('More key names whose number is serving capacity (any spelling; `*` for any characters).'),
      quotaKeys: keyList('More key names whose number is a quota or limit.'),
    },
  },
  analyze: analyzeCapacity,
});
