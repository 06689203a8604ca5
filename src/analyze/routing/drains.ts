// An entry taken out of service (drained, disabled, announce off): the prefixes it announced
// are withdrawn unless another entry announces them; a drained backend's load moves to its
// failover target or to the backends still in service.
import type { Change, JsonPath, Scope } from '../../model.js';
import { getAt, isObject, lastKey } from '../kit/paths.js';
import { findKey, matchKey, matchWords } from '../kit/keys.js';
import { describeScope, scopeWithHints } from '../kit/scope.js';
import { type Ctx, emit, findPool, round, stringKeys } from './context.js';
import { type Dest, drainState, entryName, prefixesOf, stillRouted, weightOf } from './entries.js';
import { checkCapacity } from './load.js';
import { FAILOVER_KEYS, NON_ROUTING_COLLECTIONS, POOL_LISTS, ROUTE_LISTS, ROUTING_ENTRY_KEYS, ROUTING_WORDS } from './vocabulary.js';
import { childrenOf } from '../kit/entries.js';

type Entry = [string | number, Record<string, unknown>];

/** The object entries of a list or map. */
function siblings(p: unknown): Entry[] {
  const all = [...childrenOf(p)];
  return all.filter((e): e is Entry => isObject(e[1]));
}

/**
 * Only routing entities drain: something with prefixes, a weight, a failover target, an
 * address, or that sits in a list of backends / routes or under routing words. A feature or
 * user switched off (`enabled: false`) is not traffic moving. The routing words must name the
 * collection the entry sits in, not the entry itself: a chart's `ingress.enabled` or
 * `gateway.enabled` switches a component on or off, it is not one backend among others drained
 * (argoproj/argo-helm 485f86f9).
 */
function isRoutingEntry(x: Ctx, entry: Record<string, unknown>, entryPath: JsonPath): boolean {
  const parentPath = entryPath.slice(0, -1);
  const parentKey = lastKey(parentPath);
  // Routing words in the file's name or higher up say nothing of a list of modules or plugins (billimek/k8s-gitops 01313b84).
  const partsOfAProgram = matchKey(parentKey, NON_ROUTING_COLLECTIONS);
  return (
    prefixesOf(entry).length > 0 ||
    weightOf(entry) !== undefined ||
    Object.keys(entry).some((k) => matchKey(k, FAILOVER_KEYS) || matchKey(k, ROUTING_ENTRY_KEYS)) ||
    matchKey(parentKey, POOL_LISTS) ||
    matchKey(parentKey, ROUTE_LISTS) ||
    findPool(x.ctx.inventory, entryName(entry, entryPath).names) !== undefined ||
    (!partsOfAProgram && matchWords([...stringKeys(parentPath), x.f.path], ROUTING_WORDS))
  );
}

/** An entry taken out of service: where it is, what it was named, how far it reached. */
interface Drain {
  c: Change;
  entryPath: JsonPath;
  entry: Record<string, unknown>;
  before: unknown;
  after: unknown;
  who: Dest;
  scope: Scope;
  missing: string[];
}

export function analyzeDrain(x: Ctx, c: Change, entryPath: JsonPath, before: unknown, after: unknown): void {
  const eb = getAt(before, entryPath);
  const entry = getAt(after, entryPath);
  if (!isObject(entry) || !isObject(eb)) return;
  if (drainState(eb) === true || drainState(entry) !== true) return;
  if (!isRoutingEntry(x, entry, entryPath)) return;
  const who = entryName(entry, entryPath);
  const { scope, missing } = scopeWithHints(x.f.path, entryPath, after, x.ctx.inventory);
  const d: Drain = { c, entryPath, entry, before, after, who, scope, missing };
  if (prefixesOf(entry).length > 0) withdrawn(x, d);
  else drained(x, d);
}

/** Announcements: the prefixes this entry announced that nothing else announces now. */
function withdrawn(x: Ctx, { c, entryPath, entry, after, who, scope, missing }: Drain): void {
  const prefixes = prefixesOf(entry);
  const gone = prefixes.filter((p) => !stillRouted(after, p, entryPath));
  if (gone.length === 0) return;
  const all = gone.length === prefixes.length;
  emit(x, {
    kind: all ? 'routes-withdrawn' : 'routes-removed', direction: 'risky', at: c, path: entryPath, scope, missing,
    summary: `${who.label}: ${all ? 'every route withdrawn' : `${gone.length} of ${prefixes.length} routes withdrawn`} (${gone.join(', ')}), nothing else announces ${gone.length === 1 ? 'it' : 'them'} ${describeScope(scope)}`,
    data: { service: who.label, prefixes: gone, before: prefixes.length, after: prefixes.length - gone.length, removed: gone, remaining: prefixes.length - gone.length },
  });
}

/** Where a drained entry's traffic goes: its own failover target, its parent's, or the others in service. */
function receiversOf(ea: Record<string, unknown>, parentPath: JsonPath, after: unknown, who: Dest, activeAfter: Entry[]): Dest[] {
  const targetOf = (v: unknown): string[] => (typeof v === 'string' ? [v] : Array.isArray(v) ? v.filter((t): t is string => typeof t === 'string') : []);
  const explicit = Object.entries(ea).find(([k, v]) => matchKey(k, FAILOVER_KEYS) && (typeof v === 'string' || Array.isArray(v)))?.[1];
  if (targetOf(explicit).length) return targetOf(explicit).map((t) => ({ label: t, names: [t] }));
  const grand = getAt(after, parentPath.slice(0, -1));
  const parentFailover = isObject(grand) ? findKey(grand, FAILOVER_KEYS)?.[1] : undefined;
  if (isObject(parentFailover) && typeof parentFailover[who.label] === 'string') {
    const t = parentFailover[who.label] as string;
    return [{ label: t, names: [t] }];
  }
  return activeAfter.map(([k, v]) => entryName(v, [...parentPath, k]));
}

/** A drained backend / pool / region: its load moves to its failover target or the others. */
function drained(x: Ctx, d: Drain): void {
  const { c, entryPath, entry, before, after, who, scope: baseScope, missing: baseMissing } = d;
  const parentPath = entryPath.slice(0, -1);
  const key = entryPath[entryPath.length - 1]!;
  const activeBefore = siblings(getAt(before, parentPath)).filter(([, v]) => drainState(v) !== true);
  const activeAfter = siblings(getAt(after, parentPath)).filter(([k, v]) => k !== key && drainState(v) !== true);
  const receivers = receiversOf(entry, parentPath, after, who, activeAfter);
  if (receivers.length === 0) {
    const owner = lastKey(parentPath.slice(0, -1)) || lastKey(parentPath) || 'pool';
    emit(x, {
      kind: 'pool-emptied', direction: 'risky', at: c, path: parentPath, scope: baseScope, missing: baseMissing,
      summary: `${owner}: ${who.label} drained and no other backend is in service ${describeScope(baseScope)}`,
      data: { pool: owner, before: activeBefore.length, after: 0, entries: [who.label] },
    });
    return;
  }
  // reach: the drained entry's own share if known, else its part of the active set
  let scope = baseScope;
  let missing = baseMissing;
  if (baseScope.basis === 'assumed' && activeBefore.length > 1) {
    scope = { dimension: baseScope.dimension, targets: [who.label], share: round(100 / activeBefore.length), basis: 'config' };
    missing = [];
  }
  const gain = 100 / receivers.length;
  const capMissing = checkCapacity(x, c, entryPath, scope, [{ ...who, fraction: 1 }], receivers.map((r) => ({ ...r, gain })), { drained: who.label });
  emit(x, {
    kind: 'traffic-shifted', direction: 'risky', at: c, path: entryPath, scope, missing: [...missing, ...capMissing],
    summary: `${who.label} drained: its traffic moves to ${receivers.map((r) => r.label).join(', ')} ${describeScope(scope)}`,
    data: { moved: 100, drained: who.label, sources: [who.label], receivers: receivers.map((r) => r.label), before: { [who.label]: 100 }, after: Object.fromEntries(receivers.map((r) => [r.label, round(gain)])) },
  });
}
