// What the flag analyzer reads, as data. Keys are matched with kit/keys.ts (any spelling:
// `feature_flags`, `featureFlags`); switch values are compared the same way.
import type { Vocabulary } from '../kit/keys.js';

/** Containers of flags: only keys under one count, so `autoscaling.enabled` is never a flag. */
export const CONTAINERS: Vocabulary = ['featureflag', 'featureflags', 'features', 'flags', 'toggles', 'featuretoggles', 'experiments'];
/** A flag's on/off field. */
export const SWITCH_KEYS: Vocabulary = ['enabled', 'on', 'active', 'state', 'status', 'default', 'defaultvalue', 'value'];
/** A flag's rollout percentage field, on the flag or on its `rollout` object. */
export const PERCENT_KEYS: Vocabulary = ['percent', 'percentage', 'rollout', 'rolloutpercent', 'rolloutpercentage', 'exposure'];
export const ROLLOUT_OBJECT = 'rollout';
/** Switch values (booleans are read as themselves). */
export const ON: Vocabulary = ['on', 'true', 'enabled', 'active', 'yes'];
export const OFF: Vocabulary = ['off', 'false', 'disabled', 'inactive', 'no'];
/** Fields naming a flag (in order); else its key. */
export const NAME_FIELDS: Vocabulary = ['key', 'name', 'id'];

// ── flag file formats (formats.ts) ──────────────────────────────────────────
/** Variant names and values that mean "off" (the baseline a rollout widens away from). */
export const OFF_VARIANTS: Vocabulary = ['off', 'false', 'disabled', 'control', 'baseline', 'none', 'old', 'legacy', 'no'];
/** flagd's fractional operator, by its current and its former name. */
export const FRACTIONAL_OPS: readonly string[] = ['fractional', 'fractionalEvaluation'];
/** flagd / OpenFeature: a flag's state, and the state that turns it off. */
export const FLAGD_DISABLED: Vocabulary = ['disabled'];
/** Unleash strategies that roll out to a percentage, and the parameter keys holding it. */
export const UNLEASH_PERCENT_STRATEGIES: Vocabulary = ['flexiblerollout', 'gradualrolloutrandom', 'gradualrolloutuserid', 'gradualrolloutsessionid'];
export const UNLEASH_PERCENT_PARAMS: Vocabulary = ['rollout', 'percentage'];
/** Unleash strategies that reach everyone. */
export const UNLEASH_ALL_STRATEGIES: Vocabulary = ['default', 'applicationhostname'];
/** LaunchDarkly rollout weights are thousandths of a percent: 100000 = 100%. */
export const LAUNCHDARKLY_WEIGHT_SCALE = 1000;
/** Flipt segments that mean every user. */
export const ALL_SEGMENTS: Vocabulary = ['all', 'allusers', 'everyone', 'default'];

// ── rollouts outside flag files (generic.ts) ────────────────────────────────
/** Objects whose percentage field is a rollout's reach: `rollout.percent`, `canary.weight`. */
export const ROLLOUT_HOLDERS: Vocabulary = ['rollout', 'canary', 'gradualrollout', 'progressiverollout', 'ramp', 'rampup', 'staged', 'exposure', 'release'];
export const ROLLOUT_PERCENT_FIELDS: Vocabulary = ['percent', 'percentage', 'weight', 'share', 'traffic', 'trafficpercent', 'exposure'];
/** Single keys naming a rollout's reach. */
export const ROLLOUT_PERCENT_KEYS: Vocabulary = ['rolloutpercent', 'rolloutpercentage', 'canaryweight', 'canarypercent', 'canarypercentage', 'rolloutshare', 'exposurepercent'];

// ── retired keys (retired.ts) ───────────────────────────────────────────────
/** Lists of retired flag keys. */
export const RETIRED_LISTS: Vocabulary = ['retired', 'retiredflags', 'archived', 'archivedflags', 'removedflags', 'deprecatedflags', 'graveyard', 'tombstones', 'deadflags'];
/** A flag's own retirement marker: a true boolean, or a state word. */
export const RETIRED_MARKERS: Vocabulary = ['archived', 'retired', 'deprecated', 'tombstoned', 'removed'];
export const RETIRED_STATE_KEYS: Vocabulary = ['state', 'status', 'lifecycle', 'stage'];
