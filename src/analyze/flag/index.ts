// Feature flags: an existing flag switched on, or its rollout percentage raised, exposes a code
// path to more traffic. The blast radius is the share newly exposed: a flag switched on with no
// percentage reaches everyone; 5% → 10% exposes 5% more. Only keys under a flag container
// count (vocabulary.ts), so `autoscaling.enabled` or `ingress.enabled` are never read as
// flags; a path forced to `flag` in the config is read as a flag wherever it sits.
import type { Change, FileDiff, JsonPath, Scope, Signal } from '../../model.js';
import type { AnalyzeContext, Analyzer } from '../types.js';
import { defineBuiltinAnalyzer, optionsFor } from '../types.js';
import { forcedPaths, getAt, isObject } from '../kit/paths.js';
import { extend, matchKey, matchValue, type Vocabulary } from '../kit/keys.js';
import { locatedAt, makeSignal } from '../kit/signal.js';
import { parsePercent } from '../kit/quantities.js';
import { CONTAINERS, NAME_FIELDS, OFF, ON, PERCENT_KEYS, ROLLOUT_OBJECT, SWITCH_KEYS } from './vocabulary.js';
import { flagFileSignals, retiredKeys, reusedSignal } from './files.js';
import { rolloutSignal } from './generic.js';
import { entriesOf } from '../kit/entries.js';

export { FLAG_FORMATS, readFlagFiles, type FlagFormat, type FlagReach } from './formats.js';

export interface FlagOptions {
  /** More key names of flag containers. */
  containers?: string[];
}

/** Where the flag object sits: the container's child (a map key or a list item), or a forced path on the way. */
function flagPathOf(path: JsonPath, containers: Vocabulary, forced?: (p: JsonPath) => boolean): JsonPath | undefined {
  if (forced) for (let end = 1; end <= path.length; end++) if (forced(path.slice(0, end))) return path.slice(0, end);
  const at = path.findIndex((seg) => matchKey(seg, containers));
  if (at === -1 || path.length < at + 2) return undefined;
  return path.slice(0, at + 2);
}

function switchState(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (matchValue(value, ON)) return true;
  if (matchValue(value, OFF)) return false;
  return undefined;
}

/** The flag's rollout percentage, from a percentage field on it or on its `rollout` object. */
function percentOf(flag: unknown): number | undefined {
  if (!isObject(flag)) return undefined;
  for (const holder of [flag, flag[ROLLOUT_OBJECT]]) {
    if (!isObject(holder)) continue;
    for (const [k, v] of entriesOf(holder)) {
      const p = matchKey(k, PERCENT_KEYS) ? parsePercent(v) : undefined;
      if (p !== undefined && p >= 0 && p <= 100) return p;
    }
  }
  return undefined;
}

function flagState(flag: unknown): boolean | undefined {
  if (!isObject(flag)) return switchState(flag);
  for (const [k, v] of entriesOf(flag)) {
    if (!matchKey(k, SWITCH_KEYS)) continue;
    const s = switchState(v);
    if (s !== undefined) return s;
  }
  return undefined;
}

function flagName(flag: unknown, flagPath: JsonPath): string {
  if (isObject(flag)) for (const k of NAME_FIELDS) if (typeof flag[k] === 'string') return flag[k] as string;
  return String(flagPath[flagPath.length - 1]);
}

export const analyzeFlags: Analyzer = (files, ctx: AnalyzeContext) => {
  const containers = extend(CONTAINERS, optionsFor<FlagOptions>(ctx, 'flag').containers);
  const out: Signal[] = [];
  for (const file of files) {
    if (file.changes.length === 0) continue;
    const formatted = flagFileSignals(file, ctx);
    if (formatted) {
      out.push(...formatted);
      continue;
    }
    const seen = new Set<string>();
    const forced = forcedPaths(ctx.options, file.path, 'flag');
    const retired = retiredKeys(file.before?.documents ?? []);
    for (const change of file.changes) {
      if (change.kind === 'moved' || change.kind === 'removed') continue;
      const flagPath = flagPathOf(change.path, containers, forced);
      if (!flagPath) {
        const rollout = rolloutSignal(file, change, ctx);
        if (rollout) out.push(rollout);
        continue;
      }
      const key = `${change.document}\0${flagPath.join('\0')}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const signal = flagSignal(file, change, flagPath, ctx, retired);
      if (signal) out.push(signal);
    }
  }
  return out;
};

/** The share a flag reaches: 0 when off, its percentage (or 100) when on. */
function reach(flag: unknown, on: boolean): number {
  return on ? (percentOf(flag) ?? 100) : 0;
}

function flagSignal(file: FileDiff, change: Change, flagPath: JsonPath, ctx: AnalyzeContext, retired: ReadonlySet<string>): Signal | undefined {
  const before = getAt(file.before?.documents[change.document], flagPath);
  const after = getAt(file.after?.documents[change.document], flagPath);
  const afterName = flagName(after, flagPath);
  if (retired.has(afterName) && flagState(after) === true && flagState(before) !== true) {
    return reusedSignal(file, ctx, change, afterName, reach(after, true));
  }
  // Only a flag that was there before: a new entry under `features` is as often a list of model
  // features or a generated catalogue as a new flag, and a gate that cries wolf is switched off.
  if (before === undefined) return undefined;
  const was = flagState(before);
  const now = flagState(after);
  if (was === undefined || now === undefined) return undefined;
  const name = flagName(after, flagPath);
  const pctBefore = reach(before, was);
  const pctAfter = reach(after, now);
  if (pctAfter === pctBefore) return undefined;
  const widened = pctAfter > pctBefore;
  const kind = widened ? (was ? 'flag-widened' : 'flag-enabled') : now ? 'flag-narrowed' : 'flag-disabled';
  const exposed = widened ? pctAfter - pctBefore : pctBefore - pctAfter;
  // With a percentage, the newly exposed share is the reach; without one, the flag reaches
  // whatever its file or path is scoped to (a region file, a cohort), else everyone.
  const unscoped = widened && percentOf(after) === undefined;
  const scope: Scope | undefined = unscoped ? undefined : { dimension: 'traffic', targets: [name], share: exposed, basis: 'config' };
  const summary = widened
    ? `feature flag ${name} ${was ? `widened ${pctBefore}% → ${pctAfter}%` : `switched on for ${pctAfter}% of traffic`} (${exposed}% newly exposed)`
    : `feature flag ${name} ${now ? `narrowed ${pctBefore}% → ${pctAfter}%` : 'switched off'}`;
  return makeSignal(
    {
      type: 'flag',
      kind,
      direction: widened ? 'risky' : 'safe',
      file,
      ...locatedAt(change),
      summary,
      data: { flag: name, from: pctBefore, to: pctAfter, exposed },
      scope,
      missing: unscoped ? [`a rollout percentage on flag ${name} would let it go out in stages`] : [],
    },
    ctx.inventory,
  );
}

export default defineBuiltinAnalyzer({
  name: 'flag',
  doc: 'Feature flags switched on or widened: the share of traffic newly exposed.',
  signals: ['flag'],
  options: {
    type: 'object',
    additionalProperties: false,
    properties: {
      containers: { type: 'array', items: { type: 'string', minLength: 1 }, description: 'More key names of flag containers (any spelling).' },
    },
  },
  analyze: analyzeFlags,
});
