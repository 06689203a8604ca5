// Flag files in a known format (formats.ts), and retired keys: the reach of every flag before and
// after, compared. A flag new in the file is not reported, unless its key was retired.
import type { Change, FileDiff, JsonPath, Signal } from '../../model.js';
import type { AnalyzeContext } from '../types.js';
import { matchKey } from '../kit/keys.js';
import { isObject } from '../kit/paths.js';
import { locatedAt, makeSignal } from '../kit/signal.js';
import { type FlagReach, readFlagFiles } from './formats.js';
import { RETIRED_LISTS } from './vocabulary.js';
import { entriesOf } from '../kit/entries.js';

const isPrefix = (a: JsonPath, b: JsonPath): boolean => a.length <= b.length && a.every((s, i) => s === b[i]);

/** Keys listed as retired anywhere in the documents (`retired: [old-checkout]`). */
export function retiredKeys(documents: readonly unknown[]): Set<string> {
  const out = new Set<string>();
  const visit = (v: unknown, depth: number): void => {
    if (depth > 8 || !isObject(v)) return;
    for (const [k, x] of entriesOf(v)) {
      if (matchKey(k, RETIRED_LISTS) && Array.isArray(x)) for (const e of x) if (typeof e === 'string') out.add(e);
      else if (matchKey(k, RETIRED_LISTS) && isObject(x)) for (const e of Object.keys(x)) out.add(e);
      else visit(x, depth + 1);
    }
  };
  documents.forEach((d) => visit(d, 0));
  return out;
}

const bareKey = (key: string): string => key.replace(/@[^@]*$/, '');

function changeIn(file: FileDiff, flag: FlagReach): Change | undefined {
  return file.changes.find((c) => c.document === flag.document && (isPrefix(flag.path, c.path) || isPrefix(c.path, flag.path)));
}

export function reusedSignal(file: FileDiff, ctx: AnalyzeContext, change: Change, name: string, to: number): Signal {
  return makeSignal({
    type: 'flag', kind: 'flag-reused', direction: 'risky', file, ...locatedAt(change),
    summary: `retired flag key ${name} switched on again for ${to}% of traffic: code still behind the old key may run`,
    data: { flag: name, from: 0, to, exposed: to },
    scope: { dimension: 'traffic', targets: [name], share: to, basis: 'config' },
  }, ctx.inventory);
}

function reachSignal(file: FileDiff, ctx: AnalyzeContext, change: Change, name: string, from: number, to: number): Signal {
  const widened = to > from;
  const kind = widened ? (from > 0 ? 'flag-widened' : 'flag-enabled') : to > 0 ? 'flag-narrowed' : 'flag-disabled';
  const exposed = Math.round(Math.abs(to - from) * 100) / 100;
  const summary = widened
    ? `feature flag ${name} ${from > 0 ? `widened ${from}% → ${to}%` : `switched on for ${to}% of traffic`} (${exposed}% newly exposed)`
    : `feature flag ${name} ${to > 0 ? `narrowed ${from}% → ${to}%` : 'switched off'}`;
  return makeSignal({
    type: 'flag', kind, direction: widened ? 'risky' : 'safe', file, ...locatedAt(change), summary,
    data: { flag: name, from, to, exposed },
    scope: { dimension: 'traffic', targets: [name], share: exposed, basis: 'config' },
  }, ctx.inventory);
}

/** Signals of a file in a known flag format, or undefined when it is in none. */
export function flagFileSignals(file: FileDiff, ctx: AnalyzeContext): Signal[] | undefined {
  const before = readFlagFiles(file.before?.documents ?? []);
  const baselines = new Map([...(before?.flags.values() ?? [])].flatMap((f) => (f.baseline ? [[f.key, f.baseline] as const] : [])));
  const after = readFlagFiles(file.after?.documents ?? [], baselines);
  if (!before && !after) return undefined;
  const retired = retiredKeys(file.before?.documents ?? []);
  const out: Signal[] = [];
  for (const [key, a] of after?.flags ?? []) {
    const b = before?.flags.get(key);
    const change = changeIn(file, a);
    if (!change) continue;
    const wasRetired = b?.retired === true || retired.has(bareKey(key));
    if (wasRetired && !a.retired && a.reach > 0 && (b?.reach ?? 0) === 0) {
      out.push(reusedSignal(file, ctx, change, key, a.reach));
      continue;
    }
    if (!b || a.reach === b.reach) continue;
    out.push(reachSignal(file, ctx, change, key, b.reach, a.reach));
  }
  return out;
}
