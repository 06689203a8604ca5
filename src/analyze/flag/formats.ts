// Declared recognisers of flag file formats: each reads a document into the flags it holds and
// the share of traffic each reaches (0–100), per environment where the format has them. The
// analyzer compares the reach before and after (index.ts). Vocabulary in vocabulary.ts.
import type { JsonPath } from '../../model.js';
import { matchKey, matchValue, normKey } from '../kit/keys.js';
import { isObject } from '../kit/paths.js';
import { parseNumber, parsePercent } from '../kit/quantities.js';
import {
  ALL_SEGMENTS, FLAGD_DISABLED, FRACTIONAL_OPS, LAUNCHDARKLY_WEIGHT_SCALE, OFF_VARIANTS, RETIRED_MARKERS, RETIRED_STATE_KEYS,
  UNLEASH_ALL_STRATEGIES, UNLEASH_PERCENT_PARAMS, UNLEASH_PERCENT_STRATEGIES,
} from './vocabulary.js';

export interface FlagReach {
  /** The flag's key, with its environment (`new-checkout@production`) where the format has them. */
  key: string;
  /** The flag (or its environment) object, for locating the change. */
  path: JsonPath;
  /** Share of traffic reached, percent. */
  reach: number;
  /** The variant the flag serves when off (flagd), kept to read the other side against. */
  baseline?: string;
  retired?: boolean;
  format: string;
  /** The document it was read from (set by readFlagFiles). */
  document?: number;
}

export interface FlagFormat {
  readonly name: string;
  readonly doc: string;
  /** The flags of a document, or undefined when it is not in this format. `baselines` are the other side's. */
  read(doc: unknown, baselines: ReadonlyMap<string, string>): FlagReach[] | undefined;
}

type Obj = Record<string, unknown>;
const entries = (v: unknown): Array<[string, Obj]> => (isObject(v) ? Object.entries(v).filter((e): e is [string, Obj] => isObject(e[1])) : []);
const clamp = (n: number): number => Math.max(0, Math.min(100, Math.round(n * 100) / 100));

/** Whether a variant (by name and value) is an "off" variant. */
function isOff(name: string, value: unknown, baseline?: string): boolean {
  if (value === false || value === 0 || value === null) return true;
  if (value === true) return false;
  if (matchValue(name, OFF_VARIANTS) || (typeof value === 'string' && matchValue(value, OFF_VARIANTS))) return true;
  return baseline !== undefined && name === baseline;
}

function isRetired(flag: Obj): boolean {
  for (const [k, v] of Object.entries(flag)) {
    if (matchKey(k, RETIRED_MARKERS) && (v === true || (typeof v === 'string' && v.length > 0 && !/^(false|no)$/i.test(v)))) return true;
    if (matchKey(k, RETIRED_STATE_KEYS) && typeof v === 'string' && matchValue(v, RETIRED_MARKERS)) return true;
  }
  return false;
}

/** The first `fractional` operation anywhere in a JsonLogic tree. */
function findFractional(v: unknown, depth = 0): unknown[] | undefined {
  if (depth > 12) return undefined;
  if (Array.isArray(v)) {
    for (const x of v) {
      const f = findFractional(x, depth + 1);
      if (f) return f;
    }
  } else if (isObject(v)) {
    for (const op of FRACTIONAL_OPS) if (Array.isArray(v[op])) return v[op] as unknown[];
    for (const x of Object.values(v)) {
      const f = findFractional(x, depth + 1);
      if (f) return f;
    }
  }
  return undefined;
}

/** flagd / OpenFeature: `{ state, variants, defaultVariant, targeting: { fractional: [[on, 10], [off, 90]] } }`. */
const flagd: FlagFormat = {
  name: 'flagd',
  doc: 'flagd / OpenFeature flag definitions (also inside an OpenFeature Operator FeatureFlag): defaultVariant and targeting.fractional weights.',
  read(doc, baselines) {
    const root = isObject(doc) && isObject(doc.spec) && isObject(doc.spec.flagSpec) ? doc.spec.flagSpec : doc;
    const prefix: JsonPath = root === doc ? [] : ['spec', 'flagSpec'];
    if (!isObject(root) || !isObject(root.flags)) return undefined;
    const flags = entries(root.flags).filter(([, f]) => isObject(f.variants) && typeof f.defaultVariant === 'string');
    if (!flags.length) return undefined;
    return flags.map(([key, f]) => {
      const variants = f.variants as Obj;
      const baseline = baselines.get(key) ?? (f.defaultVariant as string);
      const off = (name: string) => isOff(name, variants[name], Object.values(variants).some((v, i) => isOff(Object.keys(variants)[i]!, v)) ? undefined : baseline);
      let reach = off(f.defaultVariant as string) ? 0 : 100;
      const fractional = findFractional(f.targeting);
      if (fractional) {
        const buckets = fractional.filter(Array.isArray) as unknown[][];
        const weights = buckets.map((b) => ({ name: String(b[0]), w: parseNumber(b[1]) ?? 1 }));
        const total = weights.reduce((a, b) => a + b.w, 0);
        if (total > 0) reach = (weights.filter((b) => !off(b.name)).reduce((a, b) => a + b.w, 0) / total) * 100;
      }
      if (typeof f.state === 'string' && matchValue(f.state, FLAGD_DISABLED)) reach = 0;
      return { key, path: [...prefix, 'flags', key], reach: clamp(reach), baseline, retired: isRetired(f), format: 'flagd' };
    });
  },
};

function unleashStrategyReach(s: Obj): number {
  const name = typeof s.name === 'string' ? s.name : '';
  if (matchValue(normKey(name), UNLEASH_ALL_STRATEGIES)) return 100;
  if (matchValue(normKey(name), UNLEASH_PERCENT_STRATEGIES) && isObject(s.parameters)) {
    for (const [k, v] of Object.entries(s.parameters)) if (matchKey(k, UNLEASH_PERCENT_PARAMS)) return parsePercent(v) ?? 0;
  }
  return 0; // user ids, IP ranges, hostnames: a named few
}

function unleashReach(enabled: unknown, strategies: unknown): number {
  if (enabled === false) return 0;
  const list = Array.isArray(strategies) ? strategies.filter(isObject) : [];
  if (!list.length) return enabled === true ? 100 : 0;
  return Math.max(...list.filter((s) => s.disabled !== true).map(unleashStrategyReach), 0);
}

/** Unleash exports: features with strategies, per environment (`environments[]`, or v4 `featureStrategies`). */
const unleash: FlagFormat = {
  name: 'unleash',
  doc: 'Unleash feature exports: strategies (flexibleRollout `parameters.rollout: "100"`, default, gradual rollouts) per environment.',
  read(doc) {
    if (!isObject(doc) || !Array.isArray(doc.features)) return undefined;
    const features = doc.features.filter(isObject).filter((f) => typeof f.name === 'string');
    const out: FlagReach[] = [];
    const v4 = Array.isArray(doc.featureStrategies) ? doc.featureStrategies.filter(isObject) : undefined;
    const envs = Array.isArray(doc.featureEnvironments) ? doc.featureEnvironments.filter(isObject) : [];
    features.forEach((f, i) => {
      const name = f.name as string;
      if (Array.isArray(f.environments) && f.environments.some((e) => isObject(e) && Array.isArray(e.strategies))) {
        f.environments.forEach((e, j) => {
          if (isObject(e) && typeof e.name === 'string') out.push({ key: `${name}@${e.name}`, path: ['features', i, 'environments', j], reach: clamp(unleashReach(f.enabled === false ? false : e.enabled, e.strategies)), retired: isRetired(f), format: 'unleash' });
        });
      } else if (v4) {
        const byEnv = new Map<string, Obj[]>();
        for (const s of v4) if (s.featureName === name) byEnv.set(String(s.environment ?? 'default'), [...(byEnv.get(String(s.environment ?? 'default')) ?? []), s]);
        for (const [env, list] of byEnv) {
          const enabled = envs.find((e) => e.featureName === name && String(e.environment) === env)?.enabled ?? f.enabled;
          // v4 keeps strategies and environments in their own lists: the first change of the document locates it.
          out.push({ key: `${name}@${env}`, path: [], reach: clamp(unleashReach(enabled, list)), retired: isRetired(f), format: 'unleash' });
        }
      } else if (Array.isArray(f.strategies)) {
        out.push({ key: name, path: ['features', i], reach: clamp(unleashReach(f.enabled, f.strategies)), retired: isRetired(f), format: 'unleash' });
      }
    });
    return out.length ? out : undefined;
  },
};

/** LaunchDarkly: `variations` and per-environment `on`, `fallthrough` (a variation or a rollout), `offVariation`. */
function launchDarklyEnv(variations: unknown[], env: Obj): number {
  if (env.on !== true) return 0;
  const offIndex = typeof env.offVariation === 'number' ? env.offVariation : undefined;
  const onVariation = (i: number): boolean => {
    const v = variations[i];
    const value = isObject(v) ? v.value : v;
    if (typeof value === 'boolean') return value;
    return offIndex === undefined ? i !== 0 : i !== offIndex;
  };
  const ft = isObject(env.fallthrough) ? env.fallthrough : {};
  if (typeof ft.variation === 'number') return onVariation(ft.variation) ? 100 : 0;
  const rollout = isObject(ft.rollout) && Array.isArray(ft.rollout.variations) ? ft.rollout.variations.filter(isObject) : [];
  return rollout.filter((r) => typeof r.variation === 'number' && onVariation(r.variation)).reduce((a, r) => a + (parseNumber(r.weight) ?? 0), 0) / LAUNCHDARKLY_WEIGHT_SCALE;
}

const launchDarkly: FlagFormat = {
  name: 'launchdarkly',
  doc: 'LaunchDarkly flags: per-environment on/off, fallthrough variation or percentage rollout (weights in thousandths of a percent).',
  read(doc) {
    const flags: Array<[JsonPath, Obj]> = [];
    const consider = (path: JsonPath, f: unknown) => {
      if (isObject(f) && Array.isArray(f.variations) && isObject(f.environments) && entries(f.environments).some(([, e]) => 'fallthrough' in e || 'on' in e)) flags.push([path, f]);
    };
    consider([], doc);
    if (isObject(doc)) {
      for (const k of ['items', 'flags']) {
        const list = doc[k];
        if (Array.isArray(list)) list.forEach((f, i) => consider([k, i], f));
        else for (const [key, f] of entries(list)) consider([k, key], f);
      }
    }
    if (!flags.length) return undefined;
    return flags.flatMap(([path, f]) => entries(f.environments).map(([env, e]) => ({
      key: `${String(f.key ?? path[path.length - 1] ?? 'flag')}@${env}`, path: [...path, 'environments', env], reach: clamp(launchDarklyEnv(f.variations as unknown[], e)),
      retired: isRetired(f) || isRetired(e), format: 'launchdarkly',
    })));
  },
};

/** Flipt: boolean flags with `rollouts` (threshold percentages, segments), variant flags with distributions. */
function fliptReach(f: Obj): number {
  if (Array.isArray(f.rollouts)) {
    let remaining = 100;
    let reach = 0;
    for (const r of f.rollouts.filter(isObject)) {
      const t = isObject(r.threshold) ? r.threshold : undefined;
      const seg = isObject(r.segment) ? r.segment : undefined;
      if (t) {
        const p = Math.min(parsePercent(t.percentage) ?? 0, remaining);
        if (t.value === true) reach += p;
        remaining -= p;
      } else if (seg && matchValue(normKey(String(seg.key ?? '')), ALL_SEGMENTS)) {
        if (seg.value === true) reach += remaining;
        remaining = 0;
      }
    }
    return f.enabled === true ? reach + remaining : reach;
  }
  if (f.enabled !== true) return 0;
  // A boolean flag without rollouts serves `enabled` to everyone.
  if (!Array.isArray(f.rules) || (typeof f.type === 'string' && /boolean/i.test(f.type))) return 100;
  const rules = f.rules.filter(isObject);
  const shares = rules.map((r) => (Array.isArray(r.distributions) ? r.distributions.filter(isObject) : [])
    .filter((d) => !matchValue(String(d.variant ?? ''), OFF_VARIANTS)).reduce((a, d) => a + (parsePercent(d.rollout) ?? 0), 0));
  return shares.length ? Math.max(...shares) : 0;
}

const flipt: FlagFormat = {
  name: 'flipt',
  doc: 'Flipt feature files: boolean flags (rollouts: threshold percentage, segment) and variant flags (rules, distributions).',
  read(doc) {
    if (!isObject(doc) || !Array.isArray(doc.flags)) return undefined;
    const flags = doc.flags.map((f, i) => [i, f] as const).filter((e): e is readonly [number, Obj] => isObject(e[1]) && typeof e[1].key === 'string' && (typeof e[1].type === 'string' || Array.isArray(e[1].rollouts) || Array.isArray(e[1].rules)));
    if (!flags.length) return undefined;
    return flags.map(([i, f]) => ({ key: f.key as string, path: ['flags', i], reach: clamp(fliptReach(f)), retired: isRetired(f), format: 'flipt' }));
  },
};

const truthy = (v: unknown): boolean => !(v === false || v === 0 || v === null || v === undefined || v === '' || (typeof v === 'string' && matchValue(v, OFF_VARIANTS)));

/** GrowthBook: `features.<key>: { defaultValue, rules: [{ force, coverage } | { variations, weights, coverage }] }`. */
function growthBookReach(f: Obj): number {
  let remaining = 100;
  let reach = 0;
  for (const r of Array.isArray(f.rules) ? f.rules.filter(isObject) : []) {
    if (r.condition !== undefined && Object.keys(isObject(r.condition) ? r.condition : {}).length > 0) continue; // a targeted subset: its size is not in the file
    const coverage = (parseNumber(r.coverage) ?? 1) * remaining;
    if ('force' in r) {
      if (truthy(r.force)) reach += coverage;
    } else if (Array.isArray(r.variations)) {
      const variations: unknown[] = r.variations;
      const weights = Array.isArray(r.weights) ? r.weights.map((w) => parseNumber(w) ?? 0) : variations.map(() => 1 / variations.length);
      reach += coverage * variations.reduce<number>((a, v, i) => a + (truthy(v) ? (weights[i] ?? 0) : 0), 0);
    } else continue;
    remaining -= coverage;
  }
  return reach + (truthy(f.defaultValue) ? remaining : 0);
}

const growthBook: FlagFormat = {
  name: 'growthbook',
  doc: 'GrowthBook feature payloads: defaultValue, force rules with coverage, experiment rules with weights (targeted rules are left out).',
  read(doc) {
    const features = isObject(doc) ? doc.features : undefined;
    const flags = entries(features).filter(([, f]) => 'defaultValue' in f);
    if (!flags.length) return undefined;
    return flags.map(([key, f]) => ({ key, path: ['features', key], reach: clamp(growthBookReach(f)), retired: isRetired(f), format: 'growthbook' }));
  },
};

/** GO Feature Flag (an OpenFeature provider): `variations` map and `defaultRule: { variation | percentage }`. */
const goFeatureFlag: FlagFormat = {
  name: 'go-feature-flag',
  doc: 'GO Feature Flag files (OpenFeature): variations and defaultRule (a variation, or percentages per variation); disable: true.',
  read(doc) {
    const flags = entries(doc).filter(([, f]) => isObject(f.variations) && isObject(f.defaultRule));
    if (!flags.length) return undefined;
    return flags.map(([key, f]) => {
      const variations = f.variations as Obj;
      const rule = f.defaultRule as Obj;
      let reach = 0;
      if (typeof rule.variation === 'string') reach = isOff(rule.variation, variations[rule.variation]) ? 0 : 100;
      else if (isObject(rule.percentage)) reach = Object.entries(rule.percentage).filter(([v]) => !isOff(v, variations[v])).reduce((a, [, p]) => a + (parsePercent(p) ?? 0), 0);
      if (f.disable === true) reach = 0;
      return { key, path: [key], reach: clamp(reach), retired: isRetired(f), format: 'go-feature-flag' };
    });
  },
};

/** The formats, tried in this order; the first that reads a document wins. */
export const FLAG_FORMATS: readonly FlagFormat[] = Object.freeze([flagd, unleash, launchDarkly, flipt, growthBook, goFeatureFlag]);

/** The flags of a file's documents, by key, in the first format that reads them. */
export function readFlagFiles(documents: readonly unknown[], baselines: ReadonlyMap<string, string> = new Map()): { format: string; flags: Map<string, FlagReach> } | undefined {
  for (const format of FLAG_FORMATS) {
    const flags = new Map<string, FlagReach>();
    documents.forEach((doc, i) => {
      for (const f of format.read(doc, baselines) ?? []) flags.set(f.key, { ...f, document: i });
    });
    if (flags.size) return { format: format.name, flags };
  }
  return undefined;
}
