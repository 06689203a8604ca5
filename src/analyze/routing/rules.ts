// Order-sensitive rule lists (firewall, WAF, route-policy terms): a rule moved below a
// catch-all terminal deny never matches again; an export policy whose accepting terms all sit
// below a leading catch-all reject announces nothing.
import type { Change, JsonPath, Scope } from '../../model.js';
import { getAt, isObject, lastKey } from '../kit/paths.js';
import { matchValue, mentions } from '../kit/keys.js';
import { describeScope, scopeWithHints } from '../kit/scope.js';
import { type Ctx, emit, stringKeys } from './context.js';
import {
  ACCEPT_ACTIONS,
  ACTION_FIELDS,
  ANNOUNCE_ACTIONS,
  CATCH_ALL,
  EXPORT_CONTEXT,
  MATCH_FIELDS,
  PERMIT_FIELD,
  RULE_ID_FIELDS,
  TERMINAL_ACTIONS,
} from './vocabulary.js';

function actionOf(o: unknown): string | undefined {
  if (!isObject(o)) return undefined;
  for (const f of ACTION_FIELDS) {
    const v = o[f];
    if (typeof v === 'string') return v;
    if (typeof v === 'boolean' && f === PERMIT_FIELD) return v ? 'permit' : 'deny';
    if (!isObject(v)) continue;
    for (const w of Object.values(v)) if (matchValue(w, TERMINAL_ACTIONS) || matchValue(w, ACCEPT_ACTIONS)) return w as string;
  }
  return undefined;
}

const isTerminal = (o: unknown): boolean => matchValue(actionOf(o), TERMINAL_ACTIONS);

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

function ruleId(o: unknown, i: number): string {
  if (isObject(o)) for (const f of RULE_ID_FIELDS) if (typeof o[f] === 'string' || typeof o[f] === 'number') return String(o[f]);
  return JSON.stringify(o) ?? `#${i}`;
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

export function analyzeRules(x: Ctx, c: Change, listPath: JsonPath, before: unknown, after: unknown, group: Change[]): void {
  const b = getAt(before, listPath);
  const a = getAt(after, listPath);
  if (!Array.isArray(b) || !Array.isArray(a)) return;
  if (![...a, ...b].some((o) => actionOf(o) !== undefined)) return;
  const bi = b.map(ruleId);
  const ai = a.map(ruleId);
  const { shadowed, ta } = shadowedRules(b, a, bi, ai);
  const common = ai.filter((id) => bi.includes(id));
  const orderB = bi.filter((id) => ai.includes(id));
  const reordered = common.some((id, k) => orderB[k] !== id);
  if (!reordered && shadowed.length === 0) return;
  const { scope, missing } = scopeWithHints(x.f.path, listPath, after, x.ctx.inventory);
  const terminal = ta >= 0 ? ai[ta]! : undefined;
  const list = lastKey(listPath) || 'rules';
  emit(x, {
    kind: 'rule-reordered', direction: shadowed.length ? 'risky' : 'neutral', at: c, path: listPath, scope,
    missing: shadowed.length ? missing : [], changes: group,
    summary: shadowed.length
      ? `${list}: ${shadowed.join(', ')} now below the catch-all ${actionOf(a[ta]) ?? 'deny'} ${terminal}, so ${shadowed.length === 1 ? 'it never matches' : 'they never match'} ${describeScope(scope)}`
      : `${list}: rules reordered (${common.join(', ')})`,
    data: { list: listPath.join('.'), shadowed, terminal, order: ai },
  });
  if (ta === 0) silenced(x, c, listPath, after, group, { a, shadowed, terminal, list, scope, missing });
}

/** An export / announce policy whose every accepting term is now shadowed announces nothing. */
function silenced(
  x: Ctx, c: Change, listPath: JsonPath, after: unknown, group: Change[],
  r: { a: unknown[]; shadowed: string[]; terminal?: string; list: string; scope: Scope; missing: string[] },
): void {
  const accepting = r.a.filter((o) => matchValue(actionOf(o), ANNOUNCE_ACTIONS));
  if (accepting.length === 0 || r.shadowed.length < accepting.length) return;
  const context = [...stringKeys(listPath), x.f.path, JSON.stringify(getAt(after, listPath.slice(0, -1)) ?? '').slice(0, 200)];
  if (!mentions(context, EXPORT_CONTEXT)) return;
  emit(x, {
    kind: 'routes-withdrawn', direction: 'risky', at: c, path: listPath, scope: r.scope, missing: r.missing, changes: group,
    summary: `${r.list}: the catch-all ${actionOf(r.a[0]) ?? 'reject'} ${r.terminal} now comes first, so nothing is announced any more ${describeScope(r.scope)}`,
    data: { service: r.list, prefixes: r.shadowed, before: accepting.length, after: 0 },
  });
}
