// Feature flags: an existing flag switched on, or its rollout percentage raised, exposes a code path to
// more traffic. The blast radius is the share newly exposed: a flag switched on with no
// percentage reaches everyone; 5% → 10% exposes 5% more. Only keys under a flag container
// (`flags`, `features`, `featureFlags`, `toggles`, `experiments`) count, so `autoscaling.enabled`
// or `ingress.enabled` are never read as flags.
import type { Change, FileDiff, JsonPath, Scope, Signal } from '../../model.js';
import type { AnalyzeContext, Analyzer } from '../types.js';
import { defineAnalyzer } from '../types.js';
import { getAt, isObject } from '../kit/paths.js';
import { locatedAt, makeSignal } from '../kit/signal.js';

const CONTAINER = /^(feature[_-]?flags?|features|flags|toggles|feature[_-]?toggles|experiments)$/i;
const SWITCH_KEYS = /^(enabled|on|active|state|status|default|default_?value|value)$/i;
const PERCENT_KEYS = /^(percent(age)?|rollout(_?percent(age)?)?|exposure)$/i;
const ON = new Set([true, 'on', 'true', 'enabled', 'active', 'yes']);
const OFF = new Set([false, 'off', 'false', 'disabled', 'inactive', 'no']);

/** Where the flag object sits: the container's child (a map key or a list item). */
function flagPathOf(path: JsonPath): JsonPath | undefined {
  const at = path.findIndex((seg) => typeof seg === 'string' && CONTAINER.test(seg));
  if (at === -1 || path.length < at + 2) return undefined;
  return path.slice(0, at + 2);
}

function switchState(value: unknown): boolean | undefined {
  const v = typeof value === 'string' ? value.toLowerCase() : value;
  if (ON.has(v as never)) return true;
  if (OFF.has(v as never)) return false;
  return undefined;
}

/** The flag's rollout percentage, from a percentage field on it or on its `rollout` object. */
function percentOf(flag: unknown): number | undefined {
  if (!isObject(flag)) return undefined;
  for (const holder of [flag, flag.rollout]) {
    if (!isObject(holder)) continue;
    for (const [k, v] of Object.entries(holder)) {
      if (PERCENT_KEYS.test(k) && typeof v === 'number' && v >= 0 && v <= 100) return v;
    }
  }
  return undefined;
}

function flagState(flag: unknown): boolean | undefined {
  if (!isObject(flag)) return switchState(flag);
  for (const [k, v] of Object.entries(flag)) if (SWITCH_KEYS.test(k)) {
    const s = switchState(v);
    if (s !== undefined) return s;
  }
  return undefined;
}

function flagName(flag: unknown, flagPath: JsonPath): string {
  if (isObject(flag)) for (const k of ['key', 'name', 'id']) if (typeof flag[k] === 'string') return flag[k] as string;
  return String(flagPath[flagPath.length - 1]);
}

export const analyzeFlags: Analyzer = (files, _ctx: AnalyzeContext) => {
  const out: Signal[] = [];
  for (const file of files) {
    const seen = new Set<string>();
    for (const change of file.changes) {
      if (change.kind === 'moved' || change.kind === 'removed') continue;
      const flagPath = flagPathOf(change.path);
      if (!flagPath) continue;
      const key = `${change.document}\0${flagPath.join('\0')}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const signal = flagSignal(file, change, flagPath, _ctx);
      if (signal) out.push(signal);
    }
  }
  return out;
};

function flagSignal(file: FileDiff, change: Change, flagPath: JsonPath, ctx: AnalyzeContext): Signal | undefined {
  const before = getAt(file.before?.documents[change.document], flagPath);
  const after = getAt(file.after?.documents[change.document], flagPath);
  // Only a flag that was there before: a new entry under `features` is as often a list of model
  // features or a generated catalogue as a new flag, and a gate that cries wolf is switched off.
  if (before === undefined) return undefined;
  const was = flagState(before);
  const now = flagState(after);
  if (was === undefined || now === undefined) return undefined;
  const name = flagName(after, flagPath);
  const pctBefore = was ? (percentOf(before) ?? 100) : 0;
  const pctAfter = now ? (percentOf(after) ?? 100) : 0;
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

export default defineAnalyzer({
  name: 'flag',
  doc: 'Feature flags switched on or widened: the share of traffic newly exposed.',
  signals: ['flag'],
  analyze: analyzeFlags,
});
