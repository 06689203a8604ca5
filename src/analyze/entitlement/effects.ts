// From two rule models to signals: the callers whose access or charge changes (simulated
// against the caller registry, or one pseudo-caller per plan without it), and the exemptions
// added or removed. Internal callers are named first: they are the ones the policy names.
import type { Change, FileDiff, Scope, Signal } from '../../model.js';
import type { SignalKind } from '../signals.js';
import type { Inventory } from '../types.js';
import { mentions, type Vocabulary } from '../kit/keys.js';
import { locatedAt, makeSignal, round } from '../kit/signal.js';
import type { Rules } from './model.js';
import { type Caller, isEnforced, simulate } from './simulate.js';
import { CAUSE, INTERNAL_TOKEN } from './vocabulary.js';

interface Affected {
  id: string;
  internal: boolean;
  endpoints: string[];
}

type Effect = 'lost' | 'gained' | 'charged' | 'uncharged';

/** What one file's change does, and where to report it. */
interface Report {
  file: FileDiff;
  inventory?: Inventory;
  oldRules: Rules;
  newRules: Rules;
  callers: Caller[];
  hasRegistry: boolean;
  out: Signal[];
}

/** Without a registry: one caller per plan (and one without a plan), each calling every endpoint named. */
function pseudoCallers(oldRules: Rules, newRules: Rules): Caller[] {
  const named = [...new Set([...oldRules.endpoints, ...newRules.endpoints])].filter((e) => e !== '*');
  // A default price or a free tier reaches endpoints nobody names: one stands for them all.
  const endpoints = named.length ? named : ['*'];
  const plans = new Set<string>([...oldRules.plans.keys(), ...newRules.plans.keys()]);
  for (const r of [...oldRules.endpointRules, ...newRules.endpointRules]) for (const w of [...(r.allow ?? []), ...r.deny]) plans.add(w);
  const callers: Caller[] = [...plans].filter((p) => p !== '*').map((p) => ({ id: `plan:${p}`, plan: p, endpoints }));
  callers.push({ id: '(caller without a plan)', endpoints });
  for (const [id, c] of [...oldRules.callers, ...newRules.callers]) {
    if (!callers.some((x) => x.id === id)) callers.push({ id, plan: c.plans[0], endpoints });
  }
  for (const id of [...(oldRules.freeCallers ?? []), ...(newRules.freeCallers ?? [])].filter((x) => x !== INTERNAL_TOKEN)) {
    if (!callers.some((x) => x.id === id)) callers.push({ id, endpoints });
  }
  return callers;
}

/** The endpoints of one caller whose access or charge changes, by effect. */
function effectsOn(r: Report, caller: Caller): Record<Effect, string[]> {
  const sets: Record<Effect, string[]> = { lost: [], gained: [], charged: [], uncharged: [] };
  for (const endpoint of caller.endpoints ?? []) {
    const before = simulate(r.oldRules, caller, endpoint);
    const after = simulate(r.newRules, caller, endpoint);
    if (before.allowed && !after.allowed) sets.lost.push(endpoint);
    if (!before.allowed && after.allowed) sets.gained.push(endpoint);
    if (after.charged && !before.charged) sets.charged.push(endpoint);
    if (before.charged && !after.charged && after.allowed) sets.uncharged.push(endpoint);
  }
  return sets;
}

/** The change that most likely caused the effect: a preferred key, then any key of the vocabulary, then the first. */
function causeOf(changes: readonly Change[], prefer: Vocabulary): Change | undefined {
  const keyed = (c: Change, v: Vocabulary) => mentions(c.path, v);
  return changes.find((c) => keyed(c, prefer)) ?? changes.find((c) => keyed(c, CAUSE.any)) ?? changes[0];
}

function push(r: Report, kind: SignalKind, direction: Signal['direction'], prefer: Vocabulary, summary: string, data: Record<string, unknown>, scope: Scope): void {
  const cause = causeOf(r.file.changes, prefer)!;
  const missing = r.hasRegistry ? [] : ['caller registry (inventory.callers)'];
  r.out.push(makeSignal({ type: 'entitlement', kind, direction, file: r.file, ...locatedAt(cause, r.file.changes), summary, data, scope, missing }, r.inventory));
}

function listText(affected: Affected[], max = 3): string {
  const parts = affected.slice(0, max).map((a) => `${a.id} → ${a.endpoints.join(', ')}`);
  return parts.join('; ') + (affected.length > max ? `; … (${affected.length - max} more)` : '');
}

/** "1 caller loses access: …", "2 internal callers become chargeable: … (5 callers in all)". */
function summaryOf(affected: Affected[], ordered: Affected[], internal: string[], verb: string): string {
  const phrase = (n: number) => (n === 1 ? verb.replace(/^lose /, 'loses ').replace(/^become /, 'becomes ').replace(/^gain /, 'gains ').replace(/^are /, 'is ') : verb);
  const lead = internal.length > 0
    ? `${internal.length} internal caller${internal.length === 1 ? '' : 's'} ${phrase(internal.length)}: ${listText(ordered.filter((a) => a.internal))}`
    : `${affected.length} caller${affected.length === 1 ? '' : 's'} ${phrase(affected.length)}: ${listText(ordered)}`;
  const others = internal.length > 0 && affected.length > internal.length ? ` (${affected.length} callers in all)` : '';
  return lead + others;
}

function emitEffect(r: Report, kind: SignalKind, direction: Signal['direction'], affected: Affected[], verb: string, prefer: Vocabulary): void {
  if (affected.length === 0) return;
  const internal = affected.filter((a) => a.internal).map((a) => a.id);
  const ordered = [...affected].sort((a, b) => Number(b.internal) - Number(a.internal));
  const total = r.callers.length;
  const scope: Scope = r.hasRegistry
    ? { dimension: 'callers', targets: ordered.map((a) => a.id), share: round((affected.length / total) * 100, 2), basis: 'inventory' }
    : { dimension: 'callers', targets: ['*'], share: 100, basis: 'assumed' };
  push(r, kind, direction, prefer, summaryOf(affected, ordered, internal, verb), {
    callers: ordered,
    internal,
    count: affected.length,
    total: r.hasRegistry ? total : null,
    registry: r.hasRegistry,
    enforcedBefore: isEnforced(r.oldRules),
    enforcedAfter: isEnforced(r.newRules),
  }, scope);
}

/** Exemptions: a set difference, whether or not the registry is there. */
function emitExemptions(r: Report): void {
  const { oldRules, newRules } = r;
  const added = [...newRules.exempt].filter((id) => !oldRules.exempt.has(id));
  const removed = [...oldRules.exempt].filter((id) => !newRules.exempt.has(id));
  for (const [id, c] of newRules.callers) if (c.exempt && !oldRules.callers.get(id)?.exempt) added.push(id);
  for (const [id, c] of oldRules.callers) if (c.exempt && !newRules.callers.get(id)?.exempt) removed.push(id);
  emitExemption(r, 'exemption-added', 'safe', added, newRules.exemptInternal && !oldRules.exemptInternal, 'added');
  emitExemption(r, 'exemption-removed', 'risky', removed, oldRules.exemptInternal && !newRules.exemptInternal, 'removed');
}

function emitExemption(r: Report, kind: SignalKind, direction: Signal['direction'], ids: string[], all: boolean, verb: string): void {
  if (ids.length === 0 && !all) return;
  const who = [...(all ? ['all internal callers'] : []), ...ids];
  const internal = r.callers.filter((c) => c.internal);
  const scope: Scope = r.hasRegistry
    ? { dimension: 'callers', targets: all ? internal.map((c) => c.id) : ids, share: round(((all ? internal.length : ids.length) / r.callers.length) * 100, 2), basis: 'inventory' }
    : { dimension: 'callers', targets: all ? ['internal'] : ids, share: 100, basis: 'assumed' };
  push(r, kind, direction, CAUSE.exempt, `exemption ${verb}: ${who.join(', ')}`, { callers: ids, internal: all }, scope);
}

/** The entitlement signals of one file whose old or new rules were recognised. */
export function signalsFor(file: FileDiff, oldRules: Rules, newRules: Rules, inventory?: Inventory): Signal[] {
  const registry = inventory?.callers;
  const hasRegistry = Boolean(registry && registry.length);
  const callers: Caller[] = hasRegistry ? registry! : pseudoCallers(oldRules, newRules);
  const r: Report = { file, inventory, oldRules, newRules, callers, hasRegistry, out: [] };
  const affected: Record<Effect, Affected[]> = { lost: [], gained: [], charged: [], uncharged: [] };
  for (const caller of callers) {
    const sets = effectsOn(r, caller);
    for (const effect of Object.keys(sets) as Effect[]) {
      if (sets[effect].length) affected[effect].push({ id: caller.id, internal: caller.internal === true, endpoints: sets[effect] });
    }
  }
  emitEffect(r, 'access-lost', 'risky', affected.lost, 'lose access', CAUSE.switch);
  emitEffect(r, 'charged', 'risky', affected.charged, 'become chargeable', CAUSE.switch);
  emitEffect(r, 'access-gained', 'safe', affected.gained, 'gain access', CAUSE.access);
  emitEffect(r, 'charge-removed', 'safe', affected.uncharged, 'are no longer charged', CAUSE.exempt);
  emitExemptions(r);
  return r.out;
}
