// Entitlement and billing: plans and the endpoints they include, endpoint access lists
// (per plan, per group, per caller), charges, enforcement switches and exemptions.
//
// The rules of one file (all of its documents) are read into a small model, under the
// old and the new documents, and every caller of the caller registry is simulated
// against both: is each endpoint it uses still allowed, is it now charged. Callers whose
// access or charge changes are the signal; internal (first-party) callers are flagged,
// because the incident this prevents is a billing rule that forgot them (error 467).
import type { SignalKind } from '../signals.js';
import type { Change, FileDiff, JsonPath, Scope, Signal } from '../../model.js';
import type { AnalyzeContext, Analyzer, Inventory } from '../types.js';
import { defineAnalyzer } from '../types.js';
import { isObject } from '../kit/paths.js';
import { locatedAt, makeSignal, norm, normText, round } from '../kit/signal.js';

// ── vocabularies (normalised: lower case, no `_`/`-`) ─────────────────────

const PLAN_CONTAINERS = new Set([
  'plans', 'tiers', 'usageplans', 'products', 'apiproducts', 'subscriptionplans', 'billingplans', 'pricingplans',
  'apiplans', 'accessplans',
]);
const CALLER_CONTAINERS = new Set([
  'callers', 'consumers', 'clients', 'apikeys', 'subscribers', 'applications', 'apps', 'developers', 'tenants',
  'customers', 'accounts', 'principals',
]);
const EXEMPT_LISTS = new Set([
  'exempt', 'exemptions', 'exemptcallers', 'exemptconsumers', 'exemptclients', 'exemptapps', 'bypass',
  'bypasscallers', 'bypassconsumers', 'exemptaccounts', 'exempttenants', 'exemptlist', 'billingexempt', 'freecallers',
]);
const EXEMPT_INTERNAL = new Set([
  'exemptinternal', 'exemptfirstparty', 'internalexempt', 'exemptinternalcallers', 'exemptinternalclients',
  'skipinternal', 'bypassinternal', 'firstpartyexempt', 'exemptfirstpartyclients', 'internalbypass',
]);
const SWITCH_KEYS = new Set([
  'enforcement', 'enforce', 'enforced', 'enforceplans', 'enforceentitlements', 'planenforcement',
  'billingenforcement', 'enforcebilling', 'enforceaccess', 'enforcequotas', 'entitlementenforcement',
]);
const MODE_KEYS = new Set(['mode', 'enforcementmode', 'billingmode', 'accessmode', 'planmode', 'entitlementmode']);
const MODE_ON = new Set(['enforce', 'enforcing', 'enforced', 'enabled', 'on', 'block', 'deny', 'reject', 'strict', 'active', 'live', 'charge']);
const MODE_OFF = new Set([
  'monitor', 'monitoring', 'dryrun', 'shadow', 'log', 'logonly', 'audit', 'report', 'reportonly', 'off', 'disabled',
  'permissive', 'warn', 'passive', 'observe', 'none',
]);
/** Path words that make `enabled` / `mode` an entitlement switch. */
const CONTEXT = /billing|entitle|enforce|plan|acl|access|subscription|pricing|monetiz|meter|paywall/;
const DEFAULT_PLAN = new Set(['defaultplan', 'defaulttier', 'fallbackplan', 'defaultproduct']);

const ENDPOINT_FIELDS = ['path', 'paths', 'endpoint', 'uri', 'uris', 'route', 'pattern', 'resource', 'prefix', 'url', 'operation', 'api'];
const PLAN_ENDPOINT_LISTS = ['endpoints', 'apiresources', 'resourcepaths', 'paths', 'routes', 'apis', 'allow', 'allowed', 'allowedendpoints', 'operations', 'resources', 'include', 'includes', 'access'];
const DENY_LISTS = ['deny', 'denied', 'exclude', 'excluded', 'blocked', 'disallow', 'blacklist', 'denylist', 'blockedplans', 'deniedplans'];
const ALLOW_WHO = [
  'allow', 'allowed', 'allowedplans', 'plans', 'plan', 'requiredplan', 'requiredplans', 'tiers', 'tier', 'groups',
  'allowgroups', 'allowedgroups', 'whitelist', 'allowlist', 'allowedconsumers', 'allowedcallers', 'consumers', 'callers',
  'products', 'minplan', 'requires',
];
const CALLER_PLAN_FIELDS = ['plan', 'plans', 'tier', 'usageplan', 'subscription', 'product', 'products', 'groups', 'group', 'acls', 'acl'];
const CALLER_ID_FIELDS = ['id', 'name', 'username', 'clientid', 'consumer', 'customid', 'app', 'key', 'caller', 'appid'];
const PRICE = /^(price|cost|fee|charge|amount|rate)(per.*|monthly|usd|eur)?$|^(monthly|per.*)(price|cost|fee|charge)$/;
const BILLABLE = new Set(['billable', 'chargeable', 'metered', 'paid', 'charged']);

/** Every key with a meaning here: never a plan name inside a plan container. */
const VOCAB = new Set([
  ...PLAN_CONTAINERS, ...CALLER_CONTAINERS, ...EXEMPT_LISTS, ...EXEMPT_INTERNAL, ...SWITCH_KEYS, ...MODE_KEYS, ...DEFAULT_PLAN,
  'enabled', 'rules', 'billing', 'endpoints', 'routes', 'defaults', 'settings',
]);

// ── the rule model ─────────────────────────────────────────────────────────

interface PlanRule {
  /** Endpoint patterns the plan includes; undefined = every endpoint. */
  allow?: string[];
  deny: string[];
  /** Endpoint patterns that are charged on this plan ('*' = all). */
  charged: string[];
}

interface EndpointRule {
  endpoints: string[];
  /** Plans, groups or caller ids allowed; undefined = everyone. */
  allow?: string[];
  deny: string[];
  charged: boolean;
}

interface CallerRule {
  plans: string[];
  allow?: string[];
  deny: string[];
  exempt?: boolean;
}

export interface Rules {
  switches: Array<{ on: boolean; path: JsonPath }>;
  plans: Map<string, PlanRule>;
  endpointRules: EndpointRule[];
  callers: Map<string, CallerRule>;
  exempt: Set<string>;
  exemptInternal: boolean;
  defaultPlan?: string;
  /** Whether anything at all was recognised. */
  recognised: boolean;
  /** Endpoint patterns mentioned anywhere (for the registry-less simulation). */
  endpoints: Set<string>;
}

function emptyRules(): Rules {
  return {
    switches: [],
    plans: new Map(),
    endpointRules: [],
    callers: new Map(),
    exempt: new Set(),
    exemptInternal: false,
    recognised: false,
    endpoints: new Set(),
  };
}

function strs(v: unknown): string[] {
  if (typeof v === 'string') return [v];
  if (typeof v === 'number') return [String(v)];
  if (Array.isArray(v)) return v.flatMap((x) => strs(x));
  return [];
}

/** Names in a list that may hold strings or objects (`[{ group: pro }]`, `[{ name: web }]`). */
function names(v: unknown): string[] {
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) {
    return v.flatMap((x) => {
      if (typeof x === 'string') return [x];
      if (isObject(x)) {
        for (const f of ['group', 'name', 'id', 'plan', 'username', 'consumer', 'caller', 'client', 'app']) {
          if (typeof x[f] === 'string') return [x[f] as string];
        }
      }
      return [];
    });
  }
  return [];
}

function field(obj: Record<string, unknown>, keys: readonly string[]): unknown {
  for (const [k, v] of Object.entries(obj)) if (keys.includes(norm(k))) return v;
  return undefined;
}

/** `field` over keys already listed and normalised. */
function fieldOf(obj: Record<string, unknown>, keys: readonly string[], normed: readonly string[], wanted: ReadonlySet<string>): unknown {
  for (let i = 0; i < keys.length; i++) if (wanted.has(normed[i]!)) return obj[keys[i]!];
  return undefined;
}

const ENDPOINT_FIELD_SET = new Set(ENDPOINT_FIELDS);
const ROUTES_FIELD = new Set(['routes']);

function isEndpoint(s: string): boolean {
  return /^(?:(?:GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS|ANY|\*)\s+)?\//i.test(s) || s === '*';
}

/** Endpoint patterns from a list of strings or objects with a path field. */
function endpointList(v: unknown): string[] {
  if (typeof v === 'string') return isEndpoint(v) ? [v] : [];
  if (!Array.isArray(v)) return [];
  return v.flatMap((x) => {
    if (typeof x === 'string') return isEndpoint(x) ? [x] : [];
    if (isObject(x)) return endpointList(field(x, ENDPOINT_FIELDS));
    return [];
  });
}

function chargeable(obj: Record<string, unknown>): boolean | undefined {
  let result: boolean | undefined;
  for (const [k, v] of Object.entries(obj)) {
    const n = norm(k);
    if (PRICE.test(n) && typeof v === 'number') result = (result ?? false) || v > 0;
    if (PRICE.test(n) && typeof v === 'string' && /^\$?\d/.test(v)) result = (result ?? false) || Number(v.replace(/[^\d.]/g, '')) > 0;
    if (BILLABLE.has(n) && typeof v === 'boolean') result = (result ?? false) || v;
    if (n === 'free' && v === true) result = false;
  }
  return result;
}

function switchValue(v: unknown): boolean | undefined {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string') {
    const s = norm(v);
    if (MODE_ON.has(s) || s === 'true') return true;
    if (MODE_OFF.has(s) || s === 'false') return false;
  }
  return undefined;
}

/** Reads the entitlement rules of a set of documents. */
export function readRules(documents: readonly unknown[]): Rules {
  const rules = emptyRules();
  const namedEndpoints = new Map<string, string[]>();
  const pendingPlugins: Array<{ target: string; rule: Omit<EndpointRule, 'endpoints'> }> = [];

  const addCaller = (id: string, patch: Partial<CallerRule>) => {
    const cur = rules.callers.get(id) ?? { plans: [], deny: [] };
    if (patch.plans) cur.plans.push(...patch.plans);
    if (patch.allow) cur.allow = [...(cur.allow ?? []), ...patch.allow];
    if (patch.deny) cur.deny.push(...patch.deny);
    if (patch.exempt !== undefined) cur.exempt = patch.exempt;
    rules.callers.set(id, cur);
    rules.recognised = true;
  };

  const readPlan = (name: string, obj: unknown) => {
    if (!isObject(obj)) {
      // `plans: { free: [/a, /b] }`
      const eps = endpointList(obj);
      if (eps.length) {
        rules.plans.set(name, { allow: eps, deny: [], charged: [] });
        eps.forEach((e) => rules.endpoints.add(e));
        rules.recognised = true;
      }
      return;
    }
    const allowRaw = field(obj, PLAN_ENDPOINT_LISTS);
    const allow = allowRaw === undefined ? undefined : endpointList(allowRaw);
    const deny = endpointList(field(obj, DENY_LISTS));
    const charged: string[] = [];
    if (chargeable(obj)) charged.push('*');
    if (Array.isArray(allowRaw)) {
      for (const x of allowRaw) if (isObject(x) && chargeable(x)) charged.push(...endpointList([x]));
    }
    for (const e of [...(allow ?? []), ...deny]) rules.endpoints.add(e);
    rules.plans.set(name, { allow: allow && allow.includes('*') ? undefined : allow, deny, charged });
    const members = names(field(obj, ['callers', 'consumers', 'members', 'clients', 'apps', 'subscribers', 'accounts']));
    for (const m of members) addCaller(m, { plans: [name] });
    rules.recognised = true;
  };

  const readCaller = (id: string, obj: unknown) => {
    if (typeof obj === 'string') {
      addCaller(id, { plans: [obj] });
      return;
    }
    if (!isObject(obj)) return;
    const plans = names(field(obj, CALLER_PLAN_FIELDS));
    const allowRaw = field(obj, ['endpoints', 'allow', 'allowed', 'allowedendpoints', 'paths', 'apis']);
    const allow = allowRaw === undefined ? undefined : endpointList(allowRaw);
    const deny = endpointList(field(obj, DENY_LISTS));
    const ex = field(obj, ['exempt', 'exempted', 'billingexempt', 'bypass', 'unmetered']);
    addCaller(id, { plans, allow, deny, exempt: typeof ex === 'boolean' ? ex : undefined });
    for (const e of [...(allow ?? []), ...deny]) rules.endpoints.add(e);
  };

  const accessOf = (obj: Record<string, unknown>): Omit<EndpointRule, 'endpoints'> | undefined => {
    let allow: string[] | undefined;
    let deny: string[] = [];
    let found = false;
    for (const [k, v] of Object.entries(obj)) {
      const n = norm(k);
      if (ALLOW_WHO.includes(n) && names(v).length + strs(v).length > 0) {
        const who = [...new Set([...names(v), ...strs(v)])].filter((x) => !isEndpoint(x) || x === '*');
        if (who.length || (Array.isArray(v) && v.length === 0)) {
          allow = [...(allow ?? []), ...who];
          found = true;
        }
      } else if (ALLOW_WHO.includes(n) && Array.isArray(v) && v.length === 0) {
        allow = allow ?? [];
        found = true;
      }
      if (DENY_LISTS.includes(n)) {
        deny = [...deny, ...names(v).filter((x) => !isEndpoint(x))];
        found = found || deny.length > 0;
      }
    }
    // Plugins (Kong, Tyk…): `plugins: [{ name: acl, config: { allow: [pro] } }]`
    const plugins = field(obj, ['plugins', 'policies', 'filters']);
    if (Array.isArray(plugins)) {
      for (const p of plugins) {
        if (!isObject(p) || p.enabled === false) continue;
        const pname = typeof p.name === 'string' ? norm(p.name) : '';
        if (!CONTEXT.test(pname)) continue;
        const sub = accessOf(isObject(p.config) ? p.config : p);
        if (sub) {
          allow = sub.allow ? [...(allow ?? []), ...sub.allow] : allow;
          deny = [...deny, ...sub.deny];
          found = true;
        }
      }
    }
    const charged = chargeable(obj) ?? false;
    if (!found && !charged) return undefined;
    return { allow, deny, charged };
  };

  const endpointsOf = (obj: Record<string, unknown>, keys: readonly string[], normed: readonly string[]): string[] => {
    const own = endpointList(fieldOf(obj, keys, normed, ENDPOINT_FIELD_SET));
    if (own.length) return own;
    // A service with routes: the rule applies to every route's paths.
    const routes = fieldOf(obj, keys, normed, ROUTES_FIELD);
    if (Array.isArray(routes)) return routes.flatMap((r) => (isObject(r) ? endpointList(field(r, ENDPOINT_FIELDS)) : []));
    return [];
  };

  const walk = (value: unknown, path: string[], inSwitchContext: boolean): void => {
    if (Array.isArray(value)) {
      value.forEach((v) => walk(v, path, inSwitchContext));
      return;
    }
    if (!isObject(value)) return;

    // An endpoint rule: an object naming endpoints and who may call them (or what they cost).
    const keys = Object.keys(value);
    const normed = keys.map(norm);
    const eps = endpointsOf(value, keys, normed);
    const name = typeof value.name === 'string' ? value.name : undefined;
    if (name && eps.length) namedEndpoints.set(name, eps);
    if (eps.length && value.enabled !== false) {
      const access = accessOf(value);
      if (access) {
        rules.endpointRules.push({ endpoints: eps, ...access });
        eps.forEach((e) => rules.endpoints.add(e));
        rules.recognised = true;
      }
    }
    // A top-level plugin pointing at a route or service by name.
    if (!eps.length && typeof value.name === 'string' && CONTEXT.test(normText(value.name)) && value.enabled !== false) {
      const target = [value.route, value.service].find((t) => typeof t === 'string') as string | undefined;
      const access = accessOf({ plugins: [value] });
      if (target && access) pendingPlugins.push({ target, rule: access });
    }

    for (let i = 0; i < keys.length; i++) {
      const k = keys[i]!;
      const v = value[k];
      const n = normed[i]!;
      // Only containers are walked further; a scalar matters only under a key of the vocabulary.
      const walked = v !== null && typeof v === 'object';
      if (!walked && !VOCAB.has(n)) continue;
      if (PLAN_CONTAINERS.has(n) && (isObject(v) || Array.isArray(v))) {
        if (isObject(v)) {
          const scalars: Record<string, unknown> = {};
          for (const [pn, pv] of Object.entries(v)) {
            const known = VOCAB.has(norm(pn));
            if ((isObject(pv) || Array.isArray(pv)) && !known) readPlan(pn, pv);
            else scalars[pn] = pv; // `entitlements: { mode: enforce, defaultPlan: free, … }`
          }
          walk(scalars, [...path, k], true);
        } else for (const item of v) if (isObject(item)) {
          const pn = names([item])[0];
          if (pn) readPlan(pn, item);
        }
        continue;
      }
      if (CALLER_CONTAINERS.has(n) && (isObject(v) || Array.isArray(v)) && !(Array.isArray(v) && v.every((x) => typeof x === 'string'))) {
        if (isObject(v)) for (const [id, cv] of Object.entries(v)) readCaller(id, cv);
        else for (const item of v) if (isObject(item)) {
          const idv = field(item, CALLER_ID_FIELDS);
          if (typeof idv === 'string') readCaller(idv, item);
        }
        continue;
      }
      if (EXEMPT_LISTS.has(n)) {
        if (Array.isArray(v) || typeof v === 'string') {
          for (const id of names(v)) {
            if (/^@?(internal|first[-_ ]?party|1p)$/i.test(id)) rules.exemptInternal = true;
            else rules.exempt.add(id);
          }
          rules.recognised = true;
          continue;
        }
        if (isObject(v)) {
          for (const id of names(field(v, ['callers', 'consumers', 'clients', 'ids', 'apps', 'accounts']))) rules.exempt.add(id);
          if (field(v, ['internal', 'firstparty', 'internalcallers']) === true) rules.exemptInternal = true;
          rules.recognised = true;
          continue;
        }
      }
      if (EXEMPT_INTERNAL.has(n) && typeof v === 'boolean') {
        rules.exemptInternal = rules.exemptInternal || v;
        rules.recognised = true;
        continue;
      }
      if (SWITCH_KEYS.has(n)) {
        const on = switchValue(v);
        if (on !== undefined) {
          rules.switches.push({ on, path: [...path, k] });
          continue;
        }
      }
      const ctx = (walked || MODE_KEYS.has(n) || n === 'enabled') && (inSwitchContext || CONTEXT.test(n));
      if ((MODE_KEYS.has(n) || n === 'enabled') && ctx) {
        const on = switchValue(v);
        if (on !== undefined && (n !== 'enabled' || typeof v === 'boolean')) {
          rules.switches.push({ on, path: [...path, k] });
          continue;
        }
      }
      if (DEFAULT_PLAN.has(n) && typeof v === 'string') {
        rules.defaultPlan = v;
        continue;
      }
      if (walked) walk(v, [...path, k], ctx);
    }
  };

  documents.forEach((doc) => walk(doc, [], false));
  for (const { target, rule } of pendingPlugins) {
    const eps = namedEndpoints.get(target);
    if (eps) {
      rules.endpointRules.push({ endpoints: eps, ...rule });
      eps.forEach((e) => rules.endpoints.add(e));
      rules.recognised = true;
    }
  }
  return rules;
}

// ── simulation ─────────────────────────────────────────────────────────────

const patternCache = new Map<string, RegExp>();

function stripMethod(s: string): string {
  return s.replace(/^(?:GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS|ANY|\*)\s+/i, '');
}

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

interface Caller {
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

/** Whether `caller` may call `endpoint` under `rules`, and whether it is charged for it. */
export function simulate(rules: Rules, caller: Caller, endpoint: string): Access {
  if (!rules.recognised || !isEnforced(rules) || isExempt(rules, caller)) return { allowed: true, charged: false };
  const cr = rules.callers.get(caller.id);
  const plans = cr?.plans.length ? cr.plans : caller.plan ? [caller.plan] : rules.defaultPlan ? [rules.defaultPlan] : [];
  const who = new Set([caller.id, ...plans]);
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
  return { allowed, charged: allowed && charged };
}

// ── signals ────────────────────────────────────────────────────────────────

interface Affected {
  id: string;
  internal: boolean;
  endpoints: string[];
}

const KEY_HINT = new RegExp(
  `${[...PLAN_CONTAINERS, ...CALLER_CONTAINERS, ...EXEMPT_LISTS, ...EXEMPT_INTERNAL, ...SWITCH_KEYS].join('|')}|billing|acl|plugins|enabled|mode`,
);

/** The change that most likely caused the effect: an enforcement switch, an exemption, then rules. */
function causeOf(changes: readonly Change[], prefer: RegExp): Change | undefined {
  const keyed = (c: Change) => c.path.some((s) => typeof s === 'string' && prefer.test(norm(s)));
  return changes.find(keyed) ?? changes.find((c) => c.path.some((s) => typeof s === 'string' && KEY_HINT.test(norm(s)))) ?? changes[0];
}

function listText(affected: Affected[], max = 3): string {
  const parts = affected.slice(0, max).map((a) => `${a.id} → ${a.endpoints.join(', ')}`);
  return parts.join('; ') + (affected.length > max ? `; … (${affected.length - max} more)` : '');
}

export const analyzeEntitlement: Analyzer = (files, ctx: AnalyzeContext) => {
  const out: Signal[] = [];
  for (const file of files) {
    if (file.changes.length === 0) continue;
    const oldRules = readRules(file.before?.documents ?? []);
    const newRules = readRules(file.after?.documents ?? []);
    if (!oldRules.recognised && !newRules.recognised) continue;
    out.push(...signalsFor(file, oldRules, newRules, ctx.inventory));
  }
  return out;
};

function pseudoCallers(oldRules: Rules, newRules: Rules): Caller[] {
  const endpoints = [...new Set([...oldRules.endpoints, ...newRules.endpoints])].filter((e) => e !== '*');
  const plans = new Set<string>([...oldRules.plans.keys(), ...newRules.plans.keys()]);
  for (const r of [...oldRules.endpointRules, ...newRules.endpointRules]) for (const w of [...(r.allow ?? []), ...r.deny]) plans.add(w);
  const callers: Caller[] = [...plans].filter((p) => p !== '*').map((p) => ({ id: `plan:${p}`, plan: p, endpoints }));
  callers.push({ id: '(caller without a plan)', endpoints });
  for (const [id, c] of [...oldRules.callers, ...newRules.callers]) {
    if (!callers.some((x) => x.id === id)) callers.push({ id, plan: c.plans[0], endpoints });
  }
  return callers;
}

function signalsFor(file: FileDiff, oldRules: Rules, newRules: Rules, inventory?: Inventory): Signal[] {
  const registry = inventory?.callers;
  const callers: Caller[] = registry && registry.length ? registry : pseudoCallers(oldRules, newRules);
  const total = callers.length;
  const lost: Affected[] = [];
  const gained: Affected[] = [];
  const charged: Affected[] = [];
  const uncharged: Affected[] = [];
  for (const caller of callers) {
    const sets = { lost: [] as string[], gained: [] as string[], charged: [] as string[], uncharged: [] as string[] };
    for (const endpoint of caller.endpoints ?? []) {
      const before = simulate(oldRules, caller, endpoint);
      const after = simulate(newRules, caller, endpoint);
      if (before.allowed && !after.allowed) sets.lost.push(endpoint);
      if (!before.allowed && after.allowed) sets.gained.push(endpoint);
      if (after.charged && !before.charged) sets.charged.push(endpoint);
      if (before.charged && !after.charged && after.allowed) sets.uncharged.push(endpoint);
    }
    const mk = (endpoints: string[]): Affected => ({ id: caller.id, internal: caller.internal === true, endpoints });
    if (sets.lost.length) lost.push(mk(sets.lost));
    if (sets.gained.length) gained.push(mk(sets.gained));
    if (sets.charged.length) charged.push(mk(sets.charged));
    if (sets.uncharged.length) uncharged.push(mk(sets.uncharged));
  }

  const out: Signal[] = [];
  const hasRegistry = Boolean(registry && registry.length);
  const missing = hasRegistry ? [] : ['caller registry (inventory.callers)'];
  /** One entitlement signal, located at the change that best explains it. */
  const push = (kind: SignalKind, direction: Signal['direction'], prefer: RegExp, summary: string, data: Record<string, unknown>, scope: Scope) => {
    const cause = causeOf(file.changes, prefer)!;
    out.push(
      makeSignal(
        {
          type: 'entitlement',
          kind,
          direction,
          file,
          ...locatedAt(cause, file.changes),
          summary,
          data,
          scope,
          missing,
        },
        inventory,
      ),
    );
  };
  const emit = (
    kind: SignalKind,
    direction: Signal['direction'],
    affected: Affected[],
    verb: string,
    prefer: RegExp,
  ) => {
    if (affected.length === 0) return;
    const internal = affected.filter((a) => a.internal).map((a) => a.id);
    // internal callers first: they are the ones the policy names
    const ordered = [...affected].sort((a, b) => Number(b.internal) - Number(a.internal));
    const phrase = (n: number) => (n === 1 ? verb.replace(/^lose /, 'loses ').replace(/^become /, 'becomes ').replace(/^gain /, 'gains ').replace(/^are /, 'is ') : verb);
    const lead = internal.length > 0
      ? `${internal.length} internal caller${internal.length === 1 ? '' : 's'} ${phrase(internal.length)}: ${listText(ordered.filter((a) => a.internal))}`
      : `${affected.length} caller${affected.length === 1 ? '' : 's'} ${phrase(affected.length)}: ${listText(ordered)}`;
    const others = internal.length > 0 && affected.length > internal.length ? ` (${affected.length} callers in all)` : '';
    const share = hasRegistry ? round((affected.length / total) * 100, 2) : 100;
    push(kind, direction, prefer, lead + others, {
      callers: ordered,
      internal,
      count: affected.length,
      total: hasRegistry ? total : null,
      registry: hasRegistry,
      enforcedBefore: isEnforced(oldRules),
      enforcedAfter: isEnforced(newRules),
    }, hasRegistry
      ? { dimension: 'callers', targets: ordered.map((a) => a.id), share, basis: 'inventory' }
      : { dimension: 'callers', targets: ['*'], share: 100, basis: 'assumed' });
  };
  const SWITCH = /enforce|mode|enabled|billing/;
  const EXEMPT = /exempt|bypass/;
  emit('access-lost', 'risky', lost, 'lose access', SWITCH);
  emit('charged', 'risky', charged, 'become chargeable', SWITCH);
  emit('access-gained', 'safe', gained, 'gain access', /plans|endpoints|allow/);
  emit('charge-removed', 'safe', uncharged, 'are no longer charged', EXEMPT);

  // Exemptions: a set difference, whether or not the registry is there.
  const added = [...newRules.exempt].filter((id) => !oldRules.exempt.has(id));
  const removed = [...oldRules.exempt].filter((id) => !newRules.exempt.has(id));
  for (const [id, c] of newRules.callers) if (c.exempt && !oldRules.callers.get(id)?.exempt) added.push(id);
  for (const [id, c] of oldRules.callers) if (c.exempt && !newRules.callers.get(id)?.exempt) removed.push(id);
  const internalAdded = newRules.exemptInternal && !oldRules.exemptInternal;
  const internalRemoved = oldRules.exemptInternal && !newRules.exemptInternal;
  const exemptSignal = (kind: SignalKind, direction: Signal['direction'], ids: string[], all: boolean, verb: string) => {
    if (ids.length === 0 && !all) return;
    const who = [...(all ? ['all internal callers'] : []), ...ids];
    push(kind, direction, EXEMPT, `exemption ${verb}: ${who.join(', ')}`, { callers: ids, internal: all }, hasRegistry
      ? {
          dimension: 'callers',
          targets: all ? callers.filter((c) => c.internal).map((c) => c.id) : ids,
          share: round(((all ? callers.filter((c) => c.internal).length : ids.length) / total) * 100, 2),
          basis: 'inventory',
        }
      : { dimension: 'callers', targets: all ? ['internal'] : ids, share: 100, basis: 'assumed' });
  };
  exemptSignal('exemption-added', 'safe', added, internalAdded, 'added');
  exemptSignal('exemption-removed', 'risky', removed, internalRemoved, 'removed');
  return out;
}

export default defineAnalyzer({
  name: 'entitlement',
  doc: 'Who may call what and who is charged: plans, access lists, billing rules, enforcement, exemptions.',
  signals: ['entitlement'],
  analyze: analyzeEntitlement,
});
