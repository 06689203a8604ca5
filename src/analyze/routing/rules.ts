// Order-sensitive rule lists (firewall, WAF, route-policy terms, route-maps): a rule moved below
// a catch-all terminal deny never matches again; an export policy whose accepting terms are all
// unreachable (below a catch-all reject, or flipped to reject) announces nothing; one that
// rejects what it advertised before announces less. Lists ordered by a number (`seq`,
// `priority`) are read in that order, not in list position.
import type { Change, JsonPath, Scope } from '../../model.js';
import { getAt, isObject, lastKey } from '../kit/paths.js';
import { matchKey, matchValue, mentions } from '../kit/keys.js';
import { describeScope, scopeWithHints } from '../kit/scope.js';
import { type Ctx, emit, stringKeys } from './context.js';
import {
  ACCEPT_ACTIONS,
  ACTION_FIELDS,
  ANNOUNCE_ACTIONS,
  CATCH_ALL,
  EXPORT_CONTEXT,
  MATCH_FIELDS,
  ORDER_FIELDS,
  PERMIT_FIELD,
  RULE_ID_FIELDS,
  TERMINAL_ACTIONS,
} from './vocabulary.js';
import { entriesOf } from '../kit/entries.js';

const isActionWord = (w: unknown): w is string => matchValue(w, TERMINAL_ACTIONS) || matchValue(w, ACCEPT_ACTIONS);

/** The action word inside an action object: a value (`route-disposition: reject-route`) or a key (`then: { reject: null }`), one level deep. */
function actionIn(v: Record<string, unknown>, depth = 0): string | undefined {
  for (const [k, w] of entriesOf(v)) {
    if (isActionWord(w)) return w;
    if (isActionWord(k) && w !== false) return k;
    if (isObject(w) && depth === 0) {
      const inner = actionIn(w, 1);
      if (inner) return inner;
    }
  }
  return undefined;
}

function actionOf(o: unknown): string | undefined {
  if (!isObject(o)) return undefined;
  for (const f of ACTION_FIELDS) {
    const v = o[f];
    if (typeof v === 'string') return v;
    if (typeof v === 'boolean' && f === PERMIT_FIELD) return v ? 'permit' : 'deny';
    if (isObject(v)) {
      const w = actionIn(v);
      if (w) return w;
    }
  }
  return undefined;
}

const isTerminal = (o: unknown): boolean => matchValue(actionOf(o), TERMINAL_ACTIONS);
const isAnnouncing = (o: unknown): boolean => matchValue(actionOf(o), ANNOUNCE_ACTIONS);

/** A rule that matches everything: every match field it has holds only catch-all values. */
function catchAll(o: Record<string, unknown>): boolean {
  for (const f of MATCH_FIELDS) {
    const v = o[f];
    if (v === undefined || v === null) continue;
    const vals = Array.isArray(v) ? v : isObject(v) ? Object.values(v) : [v];
    if (vals.length === 0) continue;
    if (!vals.every((x) => (typeof x === 'string' || typeof x === 'boolean') && matchValue(String(x), CATCH_ALL))) return false;
  }
  return true;
}

/** The number a rule is ordered by, when it has one. */
function orderOf(o: unknown): number | undefined {
  if (!isObject(o)) return undefined;
  for (const f of ORDER_FIELDS) {
    const v = o[f];
    if (typeof v === 'number' && Number.isFinite(v)) return v;
    if (typeof v === 'string' && /^\d+$/.test(v)) return Number(v);
  }
  return undefined;
}

/** The list in the order it is evaluated: by number when every rule carries one, else by position. */
function evaluated(list: unknown[]): unknown[] {
  const orders = list.map(orderOf);
  if (list.length < 2 || orders.some((n) => n === undefined)) return list;
  return list.map((o, i) => ({ o, n: orders[i]!, i })).sort((p, q) => p.n - q.n || p.i - q.i).map((e) => e.o);
}

/** A rule's identity: a naming field, else its content without its order number (a `seq` changed is the same rule moved). */
function ruleId(o: unknown, i: number): string {
  if (!isObject(o)) return JSON.stringify(o) ?? `#${i}`;
  for (const f of RULE_ID_FIELDS) if (typeof o[f] === 'string' || typeof o[f] === 'number') return String(o[f]);
  const rest = Object.fromEntries(Object.entries(o).filter(([k]) => !matchKey(k, ORDER_FIELDS)));
  const n = orderOf(o);
  const withoutOrder = JSON.stringify(rest);
  return withoutOrder === '{}' && n !== undefined ? String(n) : withoutOrder;
}

/** Rules that sat above the first catch-all terminal before and sit below it now. */
function shadowedRules(b: unknown[], a: unknown[], bi: string[], ai: string[]): { shadowed: string[]; ta: number } {
  const firstTerminal = (list: unknown[]) => list.findIndex((o) => isObject(o) && isTerminal(o) && catchAll(o));
  const tb = firstTerminal(b);
  const ta = firstTerminal(a);
  const shadowed: string[] = [];
  if (ta < 0) return { shadowed, ta };
  ai.forEach((id, j) => {
    const i = bi.indexOf(id);
    if (i < 0 || j <= ta || isTerminal(a[j])) return;
    if (tb < 0 || i < tb) shadowed.push(id);
  });
  return { shadowed, ta };
}

/** Ids of the announcing rules a route can still reach: above the first catch-all terminal. */
function reachableAnnouncing(list: unknown[], ids: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < list.length; i++) {
    const o = list[i];
    if (isObject(o) && isTerminal(o) && catchAll(o)) break;
    if (isAnnouncing(o)) out.push(ids[i]!);
  }
  return out;
}

/** Rules present on both sides whose action went from announcing to a terminal reject. */
function flippedRules(b: unknown[], a: unknown[], bi: string[], ai: string[]): string[] {
  return ai.filter((id, j) => {
    const i = bi.indexOf(id);
    return i >= 0 && isAnnouncing(b[i]) && isTerminal(a[j]);
  });
}

interface RuleRead {
  list: string;
  listPath: JsonPath;
  b: unknown[];
  a: unknown[];
  bi: string[];
  ai: string[];
  scope: Scope;
  missing: string[];
  group: Change[];
}

export function analyzeRules(x: Ctx, c: Change, listPath: JsonPath, before: unknown, after: unknown, group: Change[]): void {
  const rb = getAt(before, listPath);
  const ra = getAt(after, listPath);
  if (!Array.isArray(rb) || !Array.isArray(ra)) return;
  if (![...ra, ...rb].some((o) => actionOf(o) !== undefined)) return;
  const b = evaluated(rb);
  const a = evaluated(ra);
  const bi = b.map(ruleId);
  const ai = a.map(ruleId);
  const { scope, missing } = scopeWithHints(x.f.path, listPath, after, x.ctx.inventory);
  const r: RuleRead = { list: lastKey(listPath) || 'rules', listPath, b, a, bi, ai, scope, missing, group };
  reordered(x, c, r);
  const context = [...stringKeys(listPath), x.f.path, JSON.stringify(getAt(after, listPath.slice(0, -1)) ?? '').slice(0, 200)];
  if (mentions(context, EXPORT_CONTEXT)) exportNarrowed(x, c, r);
}

/** Rules whose evaluation order changed; risky when an accepting rule now sits below a catch-all deny. */
function reordered(x: Ctx, c: Change, r: RuleRead): void {
  const { shadowed, ta } = shadowedRules(r.b, r.a, r.bi, r.ai);
  const common = r.ai.filter((id) => r.bi.includes(id));
  const orderB = r.bi.filter((id) => r.ai.includes(id));
  const moved = common.some((id, k) => orderB[k] !== id);
  if (!moved && shadowed.length === 0) return;
  const terminal = ta >= 0 ? r.ai[ta]! : undefined;
  emit(x, {
    kind: 'rule-reordered', direction: shadowed.length ? 'risky' : 'neutral', at: c, path: r.listPath, scope: r.scope,
    missing: shadowed.length ? r.missing : [], changes: r.group,
    summary: shadowed.length
      ? `${r.list}: ${shadowed.join(', ')} now below the catch-all ${actionOf(r.a[ta]) ?? 'deny'} ${terminal}, so ${shadowed.length === 1 ? 'it never matches' : 'they never match'} ${describeScope(r.scope)}`
      : `${r.list}: rules reordered (${common.join(', ')})`,
    data: { list: r.listPath.join('.'), shadowed, terminal, order: r.ai },
  });
}

/**
 * An export / announce policy: every announcing rule unreachable now (a catch-all reject first,
 * every accept flipped to reject) withdraws everything it announced; a rule flipped from accept
 * to reject while others still announce narrows what is announced.
 */
function exportNarrowed(x: Ctx, c: Change, r: RuleRead): void {
  const reachB = reachableAnnouncing(r.b, r.bi);
  const reachA = reachableAnnouncing(r.a, r.ai);
  if (reachB.length === 0) return;
  if (reachA.length === 0) {
    const first = r.a.find((o) => isObject(o) && isTerminal(o) && catchAll(o));
    const why = first ? `the catch-all ${actionOf(first) ?? 'reject'} ${ruleId(first, 0)} now comes first` : `every announcing rule now rejects (${reachB.join(', ')})`;
    emit(x, {
      kind: 'routes-withdrawn', direction: 'risky', at: c, path: r.listPath, scope: r.scope, missing: r.missing, changes: r.group,
      summary: `${r.list}: ${why}, so nothing is announced any more ${describeScope(r.scope)}`,
      data: { service: r.list, prefixes: reachB, before: reachB.length, after: 0 },
    });
    return;
  }
  const flipped = flippedRules(r.b, r.a, r.bi, r.ai);
  if (flipped.length === 0) return;
  emit(x, {
    kind: 'export-narrowed', direction: 'risky', at: c, path: r.listPath, scope: r.scope, missing: r.missing, changes: r.group,
    summary: `${r.list}: ${flipped.join(', ')} ${flipped.length === 1 ? 'now rejects what it announced' : 'now reject what they announced'}, ${reachA.length} of ${reachB.length} announcing rules left ${describeScope(r.scope)}`,
    data: { service: r.list, rejected: flipped, before: reachB.length, after: reachA.length },
  });
}
