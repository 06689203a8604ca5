// A route or failover target switched: `upstream: api-a → api-b`, `failover: api-c → api-b`.
import type { Change } from '../../model.js';
import { getAt, isObject, lastKey } from '../kit/paths.js';
import { matchKey, mentions } from '../kit/keys.js';
import { describeScope, scopeWithHints } from '../kit/scope.js';
import { type Ctx, emit, findPool, stringKeys } from './context.js';
import { entryName } from './entries.js';
import { checkCapacity } from './load.js';
import { AMBIGUOUS_TARGET_KEYS, FAILOVER_KEYS, ROUTE_CONTEXT, STRICT_ROUTE_CONTEXT, TARGET_KEYS } from './vocabulary.js';

/** Whether a target or failover key (or a path forced to routing) holds this string change. */
export function isTargetKey(key: string): boolean {
  return matchKey(key, TARGET_KEYS) || matchKey(key, FAILOVER_KEYS);
}

/** The standby changed: would it carry the primary's load if the primary failed? */
function failoverSwitch(x: Ctx, c: Change, after: unknown, from: string, to: string): void {
  const ownerPath = c.path.slice(0, -1);
  const owner = getAt(after, ownerPath);
  const primary = isObject(owner) ? entryName(owner, ownerPath) : { label: lastKey(ownerPath), names: [lastKey(ownerPath)] };
  const { scope, missing } = scopeWithHints(x.f.path, c.path, after, x.ctx.inventory);
  const capMissing = checkCapacity(x, c, c.path, scope, [{ ...primary, fraction: 1 }], [{ label: to, names: [to], gain: 100 }], { failover: true, primary: primary.label });
  emit(x, {
    kind: 'failover-changed', direction: 'neutral', at: c, path: c.path, scope, missing: [...missing, ...capMissing],
    summary: `failover of ${primary.label}: ${from} → ${to} ${describeScope(scope)}`,
    data: { pool: primary.label, from, to },
  });
}

/**
 * A target key is routing when an inventory pool is named, or the path / file speaks of
 * routing; a forced path always is.
 */
function isRoutingTarget(x: Ctx, c: Change, key: string, known: boolean, forced: boolean): boolean {
  if (known || forced) return true;
  const context = [...stringKeys(c.path), x.f.path];
  if (!(matchKey(key, TARGET_KEYS) && mentions(context, ROUTE_CONTEXT))) return false;
  return !(matchKey(key, AMBIGUOUS_TARGET_KEYS) && !mentions(context, STRICT_ROUTE_CONTEXT));
}

export function analyzeTargetSwitch(x: Ctx, c: Change, after: unknown, forced = false): void {
  const key = lastKey(c.path);
  const from = c.before as string;
  const to = c.after as string;
  if (matchKey(key, FAILOVER_KEYS)) {
    failoverSwitch(x, c, after, from, to);
    return;
  }
  const known = Boolean(findPool(x.ctx.inventory, [from]) || findPool(x.ctx.inventory, [to]));
  if (!isRoutingTarget(x, c, key, known, forced)) return;
  const { scope, missing } = scopeWithHints(x.f.path, c.path, after, x.ctx.inventory);
  const capMissing = checkCapacity(x, c, c.path, scope, [{ label: from, names: [from], fraction: 1 }], [{ label: to, names: [to], gain: 100 }], {});
  emit(x, {
    kind: 'traffic-shifted', direction: 'risky', at: c, path: c.path, scope, missing: [...missing, ...capMissing],
    summary: `traffic of ${lastKey(c.path.slice(0, -1)) || key} moves from ${from} to ${to} ${describeScope(scope)}`,
    data: { moved: 100, before: { [from]: 100 }, after: { [to]: 100 }, sources: [from], receivers: [to], list: c.path.join('.') },
  });
}
