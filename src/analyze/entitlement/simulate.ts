// Every caller against the old and the new rules: may it call the endpoint, is it charged.
import { type PlanRule, type Rules, stripMethod } from './model.js';
import { INTERNAL_TOKEN } from './vocabulary.js';

const patternCache = new Map<string, RegExp>();

/** Whether an endpoint pattern (`/media/*`, `/users/{id}`, `/v2/`, `*`) covers an endpoint. */
export function endpointMatches(pattern: string, endpoint: string): boolean {
  const p = stripMethod(pattern.trim());
  const e = stripMethod(endpoint.trim());
  if (p === '*' || p === '/**' || p === '/*' || p === e) return true;
  let re = patternCache.get(p);
  if (!re) {
    const body = p
      .split(/(\*\*|\*|\{[^}]*\}|:[A-Za-z_]\w*)/)
      .map((part) => {
        if (part === '**' || part === '*') return '.*';
        if (/^\{[^}]*\}$/.test(part) || /^:[A-Za-z_]\w*$/.test(part)) return '[^/]+';
        return part.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
      })
      .join('');
    re = new RegExp(`^${body}${p.endsWith('/') ? '.*' : '/?'}$`);
    patternCache.set(p, re);
  }
  return re.test(e);
}

export interface Caller {
  id: string;
  internal?: boolean;
  plan?: string;
  endpoints?: string[];
}

export interface Access {
  allowed: boolean;
  charged: boolean;
}

export function isEnforced(rules: Rules): boolean {
  return rules.switches.length === 0 ? true : rules.switches.every((s) => s.on);
}

function isExempt(rules: Rules, caller: Caller): boolean {
  return rules.exempt.has(caller.id) || (rules.exemptInternal && caller.internal === true) || rules.callers.get(caller.id)?.exempt === true;
}

/** The plans a caller is on: named in the rules, else in the registry, else the default plan. */
function plansOf(rules: Rules, caller: Caller): string[] {
  const cr = rules.callers.get(caller.id);
  if (cr?.plans.length) return cr.plans;
  const bound = caller.internal ? rules.callers.get(INTERNAL_TOKEN) : undefined;
  if (bound?.plans.length) return bound.plans;
  if (caller.plan) return [caller.plan];
  return rules.defaultPlan ? [rules.defaultPlan] : [];
}

/** The price of an endpoint: the most specific price entry naming it, else the default price. */
function priceOf(rules: Rules, endpoint: string): number | undefined {
  const named = rules.prices.filter((p) => p.endpoints.some((e) => endpointMatches(e, endpoint)));
  if (named.length) return named.reduce((a, b) => (specificity(b) > specificity(a) ? b : a)).price;
  return rules.defaultPrice;
}

const specificity = (p: { endpoints: string[] }): number => Math.max(...p.endpoints.map((e) => e.replace(/\*/g, '').length));

/** Whether `caller` may call `endpoint` under `rules`, and whether it is charged for it. */
export function simulate(rules: Rules, caller: Caller, endpoint: string): Access {
  if (!rules.recognised || !isEnforced(rules) || isExempt(rules, caller)) return { allowed: true, charged: false };
  const cr = rules.callers.get(caller.id);
  const plans = plansOf(rules, caller);
  const who = new Set([caller.id, ...plans, ...(caller.internal ? [INTERNAL_TOKEN] : [])]);
  const m = (pattern: string) => endpointMatches(pattern, endpoint);
  let allowed = true;
  let charged = false;

  if (cr?.deny.some(m)) allowed = false;
  if (cr?.allow && !cr.allow.some(m)) allowed = false;

  const mine = plans.map((p) => rules.plans.get(p)).filter((p): p is PlanRule => p !== undefined);
  const plansGate = [...rules.plans.values()].some((p) => p.allow !== undefined);
  if (plansGate && !cr?.allow) {
    const granted = mine.filter((p) => (p.allow === undefined || p.allow.some(m)) && !p.deny.some(m));
    if (granted.length === 0) allowed = false;
    else if (granted.some((p) => p.charged.some(m))) charged = true;
  } else {
    if (mine.some((p) => p.deny.some(m))) allowed = false;
    if (mine.some((p) => p.charged.some(m))) charged = true;
  }

  for (const rule of rules.endpointRules) {
    if (!rule.endpoints.some(m)) continue;
    if (rule.deny.some((x) => who.has(x))) allowed = false;
    if (rule.allow && !rule.allow.some((x) => x === '*' || who.has(x))) allowed = false;
    if (rule.charged) charged = true;
  }
  if ((priceOf(rules, endpoint) ?? 0) > 0) charged = true;
  if (rules.freeCallers) charged = !(rules.freeCallers.has(caller.id) || rules.freeCallers.has('*') || (caller.internal === true && rules.freeCallers.has(INTERNAL_TOKEN)) || plans.some((p) => rules.freeCallers!.has(p)));
  return { allowed, charged: allowed && charged };
}
