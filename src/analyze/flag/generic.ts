// A rollout percentage under any key, outside flag files and flag containers: `rollout.percent`,
// `canary.weight`, `rolloutPercentage`, an ingress `canary-weight` annotation. The newly exposed
// share is taken of the selector the setting sits under (a cohort, a region), from the
// inventory where it knows that selector's share of traffic.
import type { Change, FileDiff, Signal } from '../../model.js';
import type { AnalyzeContext } from '../types.js';
import { matchKey } from '../kit/keys.js';
import { lastKey } from '../kit/paths.js';
import { parsePercent } from '../kit/quantities.js';
import { scopeForPath } from '../kit/scope.js';
import { locatedAt, makeSignal, round } from '../kit/signal.js';
import { ROLLOUT_HOLDERS, ROLLOUT_PERCENT_FIELDS, ROLLOUT_PERCENT_KEYS } from './vocabulary.js';

/** Where the rollout's selector ends: the path before the rollout object (or before the key). */
function selectorEnd(change: Change): number | undefined {
  const key = lastKey(change.path).split('/').pop()!;
  if (matchKey(key, ROLLOUT_PERCENT_KEYS)) return change.path.length - 1;
  const parent = change.path[change.path.length - 2];
  if (matchKey(key, ROLLOUT_PERCENT_FIELDS) && typeof parent === 'string' && matchKey(parent, ROLLOUT_HOLDERS)) return change.path.length - 2;
  return undefined;
}

const percent = (v: unknown): number | undefined => {
  const p = parsePercent(v);
  return p !== undefined && p >= 0 && p <= 100 ? p : undefined;
};

/** The rollout signal of one modified change, or undefined when it is not a rollout percentage. */
export function rolloutSignal(file: FileDiff, change: Change, ctx: AnalyzeContext): Signal | undefined {
  if (change.kind !== 'modified') return undefined;
  const end = selectorEnd(change);
  if (end === undefined) return undefined;
  const from = percent(change.before);
  const to = percent(change.after);
  if (from === undefined || to === undefined || from === to) return undefined;
  const selector = scopeForPath(file.path, change.path.slice(0, end), undefined, ctx.inventory);
  const exposed = Math.abs(to - from);
  const share = round((exposed * selector.share) / 100, 2);
  const widened = to > from;
  const name = change.pathText;
  const of = selector.targets.includes('*') ? '' : ` of ${selector.targets.join(', ')} (${selector.share}% of ${selector.dimension})`;
  const summary = widened
    ? `rollout ${name} widened ${from}% → ${to}%${of}: ${share}% of traffic newly exposed`
    : `rollout ${name} narrowed ${from}% → ${to}%${of}`;
  return makeSignal({
    type: 'flag', kind: widened ? (from > 0 ? 'flag-widened' : 'flag-enabled') : to > 0 ? 'flag-narrowed' : 'flag-disabled',
    direction: widened ? 'risky' : 'safe', file, ...locatedAt(change), summary,
    data: { flag: name, from, to, exposed, selectorShare: selector.share },
    scope: { dimension: selector.dimension, targets: selector.targets, share, basis: selector.basis === 'inventory' ? 'inventory' : 'config' },
    missing: selector.basis === 'assumed' && widened
      ? [`the share of traffic behind ${change.pathText.replace(/\.[^.]*$/, '')} (inventory traffic: { cohort | region | …: { <name>: percent } }) to size this rollout`]
      : [],
  }, ctx.inventory);
}
