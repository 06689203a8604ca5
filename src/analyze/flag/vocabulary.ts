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
