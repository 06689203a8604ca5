// The capacity and quota signals: amounts before and after, the drop, and for quotas the
// current usage from the inventory when it is known.
import type { Change, FileDiff, JsonPath, Signal } from '../../model.js';
import type { AnalyzeContext, Inventory } from '../types.js';
import { lastKey } from '../kit/paths.js';
import { matchKey } from '../kit/keys.js';
import { RESERVATION_KEYS, RESERVATION_PARENTS } from './vocabulary.js';
import { locatedAt, makeSignal, round } from '../kit/signal.js';
import { parseQuantity } from '../kit/quantities.js';

/** Current usage of a quota from the inventory: by `file:path`, path text, dotted path, or a suffix of the path. */
export function usageFor(inventory: Inventory | undefined, file: string, pathText: string, path: JsonPath): number | undefined {
  const usage = inventory?.usage;
  if (!usage) return undefined;
  const dotted = path.map(String).join('.');
  for (const key of [`${file}:${pathText}`, `${file}#${pathText}`, `${file}:${dotted}`, pathText, dotted]) {
    const v = usage[key];
    if (v !== undefined) return parseQuantity(v);
  }
  let best: { key: string; value: number } | undefined;
  for (const [key, value] of Object.entries(usage)) {
    const hit = [pathText, dotted].some((p) => p.endsWith(`.${key}`) || p.endsWith(`]${key}`) || p === key);
    if (hit && (!best || key.length > best.key.length)) best = { key, value };
  }
  return best ? parseQuantity(best.value) : undefined;
}

function fmt(n: number): string {
  return Number.isInteger(n) ? n.toLocaleString('en-US') : String(round(n, 3));
}

function shown(raw: unknown, n: number): string {
  return typeof raw === 'string' && raw.trim() !== String(n) ? raw : fmt(n);
}

/** The path text of the parent: `limits.search.rps` → `limits.search`. */
export function parentText(pathText: string): string {
  const m = /^(.*?)(?:\.[^.[\]]+|\[[^\]]*\])$/.exec(pathText);
  return m ? m[1]! : pathText;
}

export function capacitySignal(file: FileDiff, ctx: AnalyzeContext, change: Change, from: number, to: number): Signal {
  const dropped = to < from;
  const absolute = Math.abs(from - to);
  const dropPercent = dropped ? round(((from - to) / from) * 100) : 0;
  const growthPercent = !dropped && from > 0 ? round(((to - from) / from) * 100) : undefined;
  const data: Record<string, unknown> = {
    key: lastKey(change.path),
    from,
    to,
    absolute,
    dropPercent,
    ...(growthPercent !== undefined ? { growthPercent } : {}),
  };
  const summary = dropped
    ? `${change.pathText}: capacity ${fmt(from)} → ${fmt(to)} (−${dropPercent}%, −${fmt(absolute)})`
    : `${change.pathText}: capacity ${fmt(from)} → ${fmt(to)} (+${fmt(absolute)})`;
  return makeSignal(
    {
      type: 'capacity',
      kind: dropped ? 'capacity-dropped' : 'capacity-added',
      direction: dropped ? 'risky' : 'safe',
      file,
      ...locatedAt(change),
      summary,
      data,
      doc: change.kind === 'removed' ? file.before?.documents[change.document] : undefined,
    },
    ctx.inventory,
  );
}

/** A quota moving from one amount to another, read at `path` (a limit object or one key). */
export interface QuotaChange {
  change: Change;
  changes: Change[];
  path: JsonPath;
  pathText: string;
  from: number;
  to: number;
  /** The values as written, when they were strings (`"100/s"`). */
  rawFrom?: unknown;
  rawTo?: unknown;
  unit?: string;
}

/** The usage facts of a quota signal: usage, whether the new limit is below it, the utilisation. */
function usageData(ctx: AnalyzeContext, file: FileDiff, q: QuotaChange, lowered: boolean): { data: Record<string, unknown>; missing: string[]; usage?: number } {
  const usage = usageFor(ctx.inventory, file.path, q.pathText, q.path);
  if (usage === undefined) {
    const missing = lowered ? [`current usage of ${q.pathText} (inventory usage["${q.pathText}"]) to compare the new limit with`] : [];
    return { data: { belowUsage: false }, missing };
  }
  return { data: { usage, belowUsage: q.to < usage, utilization: q.to > 0 ? round((usage / q.to) * 100) : null }, missing: [], usage };
}

/** `…resources.requests.<leaf>`: a scheduling reservation, not a limit. */
function isReservation(path: QuotaChange['path']): boolean {
  const n = path.length;
  return n >= 3 && matchKey(path[n - 3], RESERVATION_PARENTS) && matchKey(path[n - 2], RESERVATION_KEYS);
}

function quotaKind(q: QuotaChange, lowered: boolean): { kind: 'quota-lowered' | 'quota-raised' | 'reservation-lowered'; direction: 'risky' | 'safe' | 'neutral' } {
  if (lowered && isReservation(q.path)) return { kind: 'reservation-lowered', direction: 'neutral' };
  return lowered ? { kind: 'quota-lowered', direction: 'risky' } : { kind: 'quota-raised', direction: 'safe' };
}

export function quotaSignal(file: FileDiff, ctx: AnalyzeContext, q: QuotaChange): Signal {
  const { from, to } = q;
  const lowered = to < from;
  const dropPercent = lowered && from > 0 ? round(((from - to) / from) * 100) : 0;
  const data: Record<string, unknown> = { key: lastKey(q.path), from, to, absolute: Math.abs(from - to), dropPercent };
  if (typeof q.rawFrom === 'string') data.fromText = q.rawFrom;
  if (typeof q.rawTo === 'string') data.toText = q.rawTo;
  if (q.unit) data.unit = q.unit;
  const u = usageData(ctx, file, q, lowered);
  Object.assign(data, u.data);
  let summary = `${q.pathText}: limit ${shown(q.rawFrom, from)} → ${shown(q.rawTo, to)} (${lowered ? `−${dropPercent}%` : 'raised'})`;
  if (q.unit) summary += ` ${q.unit}`;
  if (u.usage !== undefined && lowered) summary += data.belowUsage ? `, below current usage ${fmt(u.usage)}` : `, current usage ${fmt(u.usage)}`;
  return makeSignal(
    {
      type: 'quota',
      ...quotaKind(q, lowered),
      file,
      document: q.change.document,
      path: q.path,
      pathText: q.pathText,
      line: q.change.line,
      changes: q.changes,
      summary,
      data,
      missing: u.missing,
    },
    ctx.inventory,
  );
}
