// Rate limits against the usage per caller: a caller whose usage in some window is over the
// limit that now applies to it (and was not before) is rate-limited. A limit kept in one counter
// for every caller (an Envoy local rate limit's bucket, an nginx zone keyed by server, Kong
// `limit_by: service`, an API gateway stage throttle) is compared with the sum of the usage of
// the callers sharing it. Without usage facts a tightened limit is reported neutral, with the
// fact that would sharpen it.
import type { Change, FileDiff, JsonPath, Scope, Signal } from '../../model.js';
import type { Inventory } from '../types.js';
import { makeSignal, round } from '../kit/signal.js';
import type { Limit } from './ratelimit.js';
import { endpointMatches } from './simulate.js';
import { WINDOWS } from './vocabulary.js';

type Caller = NonNullable<Inventory['callers']>[number];

interface Hit {
  id: string;
  internal: boolean;
  usage: number;
  limit: number;
  window: string;
  what: string;
  limitAt: Limit;
}

const WINDOW_NAMES: ReadonlyArray<[string, number]> = [['second', 1], ['minute', 60], ['hour', 3600], ['day', 86400], ['week', 604800], ['month', 2592000], ['year', 31536000]];
const windowName = (seconds: number): string => WINDOW_NAMES.find(([, s]) => s === seconds)?.[0] ?? `${seconds}s`;

/** A caller's usage over `window` seconds: the exact window, else the nearest one given, scaled. */
function usageIn(caller: Caller, window: number): number | undefined {
  const given = Object.entries(caller.usage ?? {}).map(([k, v]) => [WINDOWS[k] ?? 0, v] as const).filter(([w]) => w > 0);
  if (!given.length) return undefined;
  const exact = given.find(([w]) => w === window);
  if (exact) return exact[1];
  const [w, v] = given.reduce((a, b) => (Math.abs(Math.log(b[0] / window)) < Math.abs(Math.log(a[0] / window)) ? b : a));
  return (v / w) * window;
}

function applies(limit: Limit, caller: Caller, knownIds: Set<string>): boolean {
  if (limit.callers && limit.callers.some((c) => knownIds.has(c)) && !limit.callers.some((c) => c === caller.id || c === caller.plan)) return false;
  if (limit.endpoints.includes('*') || !caller.endpoints?.length) return true;
  // Gateway paths and route prefixes match what starts with them.
  return caller.endpoints.some((e) => limit.endpoints.some((p) => endpointMatches(p, e) || e.startsWith(p.endsWith('/') ? p : `${p}/`)));
}

/** The tightest limit a caller is over: the smallest limit / usage below 1. */
function worst(limits: readonly Limit[], caller: Caller, knownIds: Set<string>): Hit | undefined {
  let best: Hit | undefined;
  for (const l of limits) {
    if (!applies(l, caller, knownIds)) continue;
    const usage = usageIn(caller, l.window);
    if (usage === undefined || usage <= l.limit) continue;
    if (!best || l.limit / usage < best.limit / best.usage) {
      best = { id: caller.id, internal: caller.internal === true, usage: round(usage, 2), limit: l.limit, window: windowName(l.window), what: l.what, limitAt: l };
    }
  }
  return best;
}

const isPrefix = (a: JsonPath, b: JsonPath): boolean => a.length <= b.length && a.every((s, i) => s === b[i]);

/** The change that set a limit: inside it, or holding it. */
function changeAt(file: FileDiff, limit: Limit | undefined): Change {
  const c = limit && file.changes.find((x) => x.document === limit.document && (isPrefix(limit.path, x.path) || isPrefix(x.path, limit.path)));
  return c ?? file.changes[0]!;
}

interface SharedHit {
  limit: Limit;
  usage: number;
  callers: Array<{ id: string; internal: boolean; usage: number }>;
}

/** A shared limit the callers it applies to (two or more with usage) are over together. */
function sharedOver(l: Limit, callers: readonly Caller[], knownIds: Set<string>): SharedHit | undefined {
  if (!l.shared) return undefined;
  const sharing = callers
    .filter((c) => applies(l, c, knownIds))
    .map((c) => ({ id: c.id, internal: c.internal === true, usage: round(usageIn(c, l.window) ?? NaN, 2) }))
    .filter((c) => Number.isFinite(c.usage));
  if (sharing.length < 2) return undefined;
  const usage = round(sharing.reduce((a, c) => a + c.usage, 0), 2);
  return usage > l.limit ? { limit: l, usage, callers: sharing.sort((a, b) => b.usage - a.usage) } : undefined;
}

/** Shared limits of the after side the callers are over together, and were not over as tightly before. */
function sharedHits(before: readonly Limit[], after: readonly Limit[], callers: readonly Caller[], knownIds: Set<string>): SharedHit[] {
  const was = new Map<string, number>();
  for (const l of before) {
    const h = sharedOver(l, callers, knownIds);
    if (h) was.set(signature(l), Math.min(was.get(signature(l)) ?? Infinity, l.limit / h.usage));
  }
  return after.flatMap((l) => {
    const h = sharedOver(l, callers, knownIds);
    return h && l.limit / h.usage < (was.get(signature(l)) ?? Infinity) ? [h] : [];
  });
}

function emitShared(file: FileDiff, inventory: Inventory | undefined, h: SharedHit, total: number): Signal {
  const { limit: l } = h;
  const w = windowName(l.window);
  const internal = h.callers.filter((c) => c.internal).map((c) => c.id);
  const c = changeAt(file, l);
  const who = h.callers.slice(0, 4).map((x) => `${x.id} ${x.usage}`).join(', ');
  const whom = internal.length ? `${internal.length} internal caller${internal.length === 1 ? '' : 's'}` : `${h.callers.length} callers`;
  const summary = `${whom} rate-limited below ${internal.length === 1 ? 'its' : 'their'} usage: a shared limit ${l.limit}/${w} (${l.what}) on ${l.endpoints.join(', ')}, the ${h.callers.length} callers sharing it use ${h.usage}/${w} together (${who}${h.callers.length > 4 ? ', …' : ''})`;
  const scope: Scope = { dimension: 'callers', targets: h.callers.map((x) => x.id), share: round((h.callers.length / total) * 100, 2), basis: 'inventory' };
  const data = {
    callers: h.callers.map((x) => ({ ...x, limit: l.limit, window: w, what: l.what })), internal, count: h.callers.length, total, registry: true,
    shared: { limit: l.limit, window: w, usage: h.usage, what: l.what },
  };
  return makeSignal({ type: 'entitlement', kind: 'rate-limited', direction: 'risky', file, document: c.document, path: c.path, pathText: c.pathText, line: c.line, changes: [c], summary, data, scope }, inventory);
}

const signature = (l: Limit): string => `${[...l.endpoints].sort().join(',')}|${(l.callers ?? []).join(',')}|${l.window}`;

/** Limits of the after side that are new or lower than the before side's. */
function tightened(before: readonly Limit[], after: readonly Limit[]): Limit[] {
  const old = new Map<string, number>();
  for (const l of before) old.set(signature(l), Math.min(old.get(signature(l)) ?? Infinity, l.limit));
  return after.filter((l) => l.limit < (old.get(signature(l)) ?? Infinity));
}

function emit(file: FileDiff, inventory: Inventory | undefined, kind: 'rate-limited' | 'rate-limit-lifted', hits: Hit[], total: number): Signal {
  const ordered = [...hits].sort((a, b) => Number(b.internal) - Number(a.internal));
  const internal = ordered.filter((h) => h.internal).map((h) => h.id);
  const c = changeAt(file, ordered[0]!.limitAt);
  const list = ordered.slice(0, 3).map((h) => `${h.id} uses ${h.usage}/${h.window}, limit ${h.limit}/${h.window} (${h.what})`).join('; ');
  const who = internal.length ? `${internal.length} internal caller${internal.length === 1 ? '' : 's'}` : `${hits.length} caller${hits.length === 1 ? '' : 's'}`;
  const summary = kind === 'rate-limited'
    ? `${who} rate-limited below ${internal.length === 1 || hits.length === 1 ? 'its' : 'their'} usage: ${list}${ordered.length > 3 ? `; … (${ordered.length - 3} more)` : ''}`
    : `${hits.length} caller${hits.length === 1 ? '' : 's'} no longer limited below ${hits.length === 1 ? 'its' : 'their'} usage: ${ordered.map((h) => h.id).join(', ')}`;
  const scope: Scope = { dimension: 'callers', targets: ordered.map((h) => h.id), share: round((hits.length / total) * 100, 2), basis: 'inventory' };
  const data = { callers: ordered.map(({ limitAt: _l, ...h }) => h), internal, count: hits.length, total, registry: true };
  return makeSignal({ type: 'entitlement', kind, direction: kind === 'rate-limited' ? 'risky' : 'safe', file, document: c.document, path: c.path, pathText: c.pathText, line: c.line, changes: [c], summary, data, scope }, inventory);
}

/** The rate-limit signals of one file. */
export function limitSignals(file: FileDiff, before: readonly Limit[], after: readonly Limit[], inventory?: Inventory): Signal[] {
  if (file.changes.length === 0 || (before.length === 0 && after.length === 0)) return [];
  const callers = inventory?.callers ?? [];
  const withUsage = callers.filter((c) => c.usage && Object.keys(c.usage).length);
  const out: Signal[] = [];
  if (withUsage.length) {
    const known = new Set(callers.flatMap((c) => [c.id, ...(c.plan ? [c.plan] : [])]));
    const shared = sharedHits(before, after, withUsage, known);
    const limited: Hit[] = [];
    const lifted: Hit[] = [];
    for (const caller of withUsage) {
      const was = worst(before, caller, known);
      const now = worst(after, caller, known);
      if (now && (!was || now.limit / now.usage < was.limit / was.usage) && !shared.some((h) => h.limit === now.limitAt)) limited.push(now);
      if (was && !now) lifted.push(was);
    }
    if (limited.length) out.push(emit(file, inventory, 'rate-limited', limited, callers.length));
    for (const h of shared) out.push(emitShared(file, inventory, h, callers.length));
    if (lifted.length) out.push(emit(file, inventory, 'rate-limit-lifted', lifted, callers.length));
    return out;
  }
  const tighter = tightened(before, after);
  if (!tighter.length) return out;
  const l = tighter[0]!;
  const c = changeAt(file, l);
  const summary = `rate limit ${l.limit}/${windowName(l.window)} (${l.what}) on ${l.endpoints.join(', ')}${l.callers ? ` for ${l.callers.join(', ')}` : ''}: added or lowered`;
  out.push(makeSignal({
    type: 'entitlement', kind: 'rate-limit-tightened', direction: 'neutral', file, document: c.document, path: c.path, pathText: c.pathText, line: c.line, changes: [c], summary,
    data: { limit: l.limit, window: windowName(l.window), endpoints: l.endpoints, callers: l.callers ?? null, what: l.what },
    scope: { dimension: 'callers', targets: l.callers ?? ['*'], share: 100, basis: 'assumed' },
    missing: ['usage per caller (inventory callers[].usage: { second, minute, … }) to compare the limit with'],
  }, inventory));
  return out;
}
