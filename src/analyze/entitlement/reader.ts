// Reads the entitlement rules of a file's documents into the model: plans and what they
// include, callers and their plans, endpoint rules (and gateway plugins), exemptions,
// enforcement switches and the default plan.
import type { JsonPath } from '../../model.js';
import { isObject } from '../kit/paths.js';
import { matchKey, matchValue, mentions, normText } from '../kit/keys.js';
import { type CallerRule, chargeable, emptyRules, type EndpointRule, endpointList, field, isEndpoint, names, type Rules, strs, switchValue } from './model.js';
import {
  ALLOW_WHO, CALLER_CONTAINERS, CALLER_ENDPOINT_LISTS, CALLER_EXEMPT_FIELDS, CALLER_ID_FIELDS, CALLER_PLAN_FIELDS, CONTEXT,
  DEFAULT_PLAN, DENY_LISTS, ENABLED_KEY, ENDPOINT_FIELDS, EXEMPT_ID_FIELDS, EXEMPT_INTERNAL, EXEMPT_INTERNAL_FIELDS, EXEMPT_LISTS,
  INTERNAL_MARKERS, KNOWN_KEYS, MODE_KEYS, PLAN_CONTAINERS, PLAN_ENDPOINT_LISTS, PLAN_MEMBER_FIELDS, PLUGIN_LISTS, ROUTES_FIELD,
  SWITCH_KEYS, ALL_MARKERS, INTERNAL_TOKEN,
} from './vocabulary.js';
import { RECOGNISERS, type RuleSink } from './recognisers.js';
import { entriesOf, someEntry } from '../kit/entries.js';

type Access = Omit<EndpointRule, 'endpoints'>;

/** Who an object allows and denies (its own lists and its access plugins), and whether it charges. */
export function accessOf(obj: Record<string, unknown>): Access | undefined {
  let allow: string[] | undefined;
  let deny: string[] = [];
  let found = false;
  for (const [k, v] of entriesOf(obj)) {
    if (matchKey(k, ALLOW_WHO)) {
      const who = [...new Set([...names(v), ...strs(v)])].filter((x) => !isEndpoint(x) || x === '*').map(whoToken);
      if (who.length || (Array.isArray(v) && v.length === 0)) {
        allow = [...(allow ?? []), ...who];
        found = true;
      }
    }
    if (matchKey(k, DENY_LISTS)) {
      deny = [...deny, ...names(v).filter((x) => !isEndpoint(x))];
      found = found || deny.length > 0;
    }
  }
  const plugins = pluginAccess(obj);
  if (plugins) {
    allow = plugins.allow ? [...(allow ?? []), ...plugins.allow] : allow;
    deny = [...deny, ...plugins.deny];
    found = true;
  }
  const charged = chargeable(obj) ?? false;
  if (!found && !charged) return undefined;
  return { allow, deny, charged };
}

/** An allow-list entry: `all` / `everyone` → `*`, `internal` / `@first-party` → every internal caller. */
function whoToken(x: string): string {
  if (matchValue(x, ALL_MARKERS)) return '*';
  if (matchValue(x.replace(/^@/, ''), INTERNAL_MARKERS)) return INTERNAL_TOKEN;
  return x;
}

/** Plugins (Kong, Tyk…): `plugins: [{ name: acl, config: { allow: [pro] } }]`. */
function pluginAccess(obj: Record<string, unknown>): { allow?: string[]; deny: string[] } | undefined {
  const plugins = field(obj, PLUGIN_LISTS);
  if (!Array.isArray(plugins)) return undefined;
  let allow: string[] | undefined;
  const deny: string[] = [];
  let found = false;
  for (const p of plugins) {
    if (!isObject(p) || p.enabled === false) continue;
    if (!mentions([typeof p.name === 'string' ? p.name : ''], CONTEXT)) continue;
    const sub = accessOf(isObject(p.config) ? p.config : p);
    if (!sub) continue;
    allow = sub.allow ? [...(allow ?? []), ...sub.allow] : allow;
    deny.push(...sub.deny);
    found = true;
  }
  return found ? { allow, deny } : undefined;
}

/** The endpoints an object names, or those of its routes (a service with routes). */
export function endpointsOf(obj: Record<string, unknown>): string[] {
  const own = endpointList(field(obj, ENDPOINT_FIELDS));
  if (own.length) return own;
  const routes = field(obj, ROUTES_FIELD);
  if (Array.isArray(routes)) return routes.flatMap((r) => (isObject(r) ? endpointList(field(r, ENDPOINT_FIELDS)) : []));
  return [];
}

/** Whether the config forces the entitlement analyzer on a path (`analyzers:` in .configgate.yml). */
export type Forced = (path: JsonPath) => boolean;

class RuleReader {
  readonly rules = emptyRules();

  constructor(private readonly forced: Forced | undefined) {}

  private readonly namedEndpoints = new Map<string, string[]>();
  private readonly sink: RuleSink = {
    rules: this.rules,
    addEndpointRule: (rule) => this.addEndpointRule(rule),
    addCaller: (id, patch) => this.addCaller(id, patch),
    accessOf,
  };
  private readonly pendingPlugins: Array<{ target: string; rule: Access }> = [];

  read(documents: readonly unknown[]): Rules {
    documents.forEach((doc) => this.walk(doc, [], false));
    for (const { target, rule } of this.pendingPlugins) {
      const eps = this.namedEndpoints.get(target);
      if (eps) this.addEndpointRule({ endpoints: eps, ...rule });
    }
    return this.rules;
  }

  private addEndpointRule(rule: EndpointRule): void {
    this.rules.endpointRules.push(rule);
    rule.endpoints.forEach((e) => this.rules.endpoints.add(e));
    this.rules.recognised = true;
  }

  private addCaller(id: string, patch: Partial<CallerRule>): void {
    const cur = this.rules.callers.get(id) ?? { plans: [], deny: [] };
    if (patch.plans) cur.plans.push(...patch.plans);
    if (patch.allow) cur.allow = [...(cur.allow ?? []), ...patch.allow];
    if (patch.deny) cur.deny.push(...patch.deny);
    if (patch.exempt !== undefined) cur.exempt = patch.exempt;
    this.rules.callers.set(id, cur);
    this.rules.recognised = true;
  }

  private readPlan(name: string, obj: unknown): void {
    const rules = this.rules;
    if (!isObject(obj)) {
      // `plans: { free: [/a, /b] }`
      const eps = endpointList(obj);
      if (!eps.length) return;
      rules.plans.set(name, { allow: eps, deny: [], charged: [] });
      eps.forEach((e) => rules.endpoints.add(e));
      rules.recognised = true;
      return;
    }
    const allowRaw = field(obj, PLAN_ENDPOINT_LISTS);
    const allow = allowRaw === undefined ? undefined : endpointList(allowRaw);
    const deny = endpointList(field(obj, DENY_LISTS));
    const charged: string[] = [];
    if (chargeable(obj)) charged.push('*');
    if (Array.isArray(allowRaw)) for (const x of allowRaw) if (isObject(x) && chargeable(x)) charged.push(...endpointList([x]));
    for (const e of [...(allow ?? []), ...deny]) rules.endpoints.add(e);
    rules.plans.set(name, { allow: allow && allow.includes('*') ? undefined : allow, deny, charged });
    for (const m of names(field(obj, PLAN_MEMBER_FIELDS))) this.addCaller(m, { plans: [name] });
    rules.recognised = true;
  }

  private readCaller(id: string, obj: unknown): void {
    if (typeof obj === 'string') return this.addCaller(id, { plans: [obj] });
    if (!isObject(obj)) return;
    const plans = names(field(obj, CALLER_PLAN_FIELDS));
    const allowRaw = field(obj, CALLER_ENDPOINT_LISTS);
    const allow = allowRaw === undefined ? undefined : endpointList(allowRaw);
    const deny = endpointList(field(obj, DENY_LISTS));
    const ex = field(obj, CALLER_EXEMPT_FIELDS);
    this.addCaller(id, { plans, allow, deny, exempt: typeof ex === 'boolean' ? ex : undefined });
    for (const e of [...(allow ?? []), ...deny]) this.rules.endpoints.add(e);
  }

  /** An endpoint rule (endpoints + who may call them, or what they cost), or a plugin pointing at one by name. */
  private readEndpointRule(value: Record<string, unknown>): void {
    const eps = endpointsOf(value);
    const name = typeof value.name === 'string' ? value.name : undefined;
    if (name && eps.length) this.namedEndpoints.set(name, eps);
    if (eps.length && value.enabled !== false) {
      const access = accessOf(value);
      if (access) this.addEndpointRule({ endpoints: eps, ...access });
    }
    // A top-level plugin pointing at a route or service by name.
    if (!eps.length && name && mentions([normText(name)], CONTEXT) && value.enabled !== false) {
      const target = [value.route, value.service].find((t) => typeof t === 'string') as string | undefined;
      const access = accessOf({ plugins: [value] });
      if (target && access) this.pendingPlugins.push({ target, rule: access });
    }
  }

  private walk(value: unknown, path: JsonPath, inSwitchContext: boolean): void {
    if (Array.isArray(value)) {
      value.forEach((v, i) => this.walk(v, [...path, i], inSwitchContext));
      return;
    }
    if (!isObject(value)) return;
    this.readEndpointRule(value);
    for (const [k, v] of entriesOf(value)) {
      // Only containers are walked further; a scalar matters only under a key of the vocabulary.
      const walked = v !== null && typeof v === 'object';
      if (this.forced?.([...path, k]) && this.readForced(k, v, path)) continue;
      if (!walked && !matchKey(k, KNOWN_KEYS)) continue;
      const next = this.readKey(k, v, path, inSwitchContext, walked);
      if (next !== undefined) this.walk(v, [...path, k], next);
    }
  }

  /**
   * A forced key, whatever its name, read by the shape of its value: an on/off value is an
   * enforcement switch, a list of names an exempt list, an object of objects a plans container.
   */
  private readForced(k: string, v: unknown, path: JsonPath): boolean {
    if (this.readSwitch(v, [...path, k])) return true;
    if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return this.readExemptList(v);
    if (isObject(v) && someEntry(v, (_, x) => isObject(x) || Array.isArray(x))) {
      this.readPlans(k, v, path);
      return true;
    }
    return false;
  }

  /** Reads one key; returns the switch context to walk its value in, or undefined when it was consumed. */
  private readKey(k: string, v: unknown, path: JsonPath, inSwitchContext: boolean, walked: boolean): boolean | undefined {
    for (const r of RECOGNISERS) if (matchKey(k, r.keys) && r.read(v, this.sink)) return undefined;
    if (matchKey(k, PLAN_CONTAINERS) && walked) return this.readPlans(k, v, path);
    if (matchKey(k, CALLER_CONTAINERS) && walked && !(Array.isArray(v) && v.every((x) => typeof x === 'string'))) return this.readCallers(v);
    if (matchKey(k, EXEMPT_LISTS) && this.readExemptList(v)) return undefined;
    if (matchKey(k, EXEMPT_INTERNAL) && typeof v === 'boolean') {
      this.rules.exemptInternal = this.rules.exemptInternal || v;
      this.rules.recognised = true;
      return undefined;
    }
    if (matchKey(k, SWITCH_KEYS) && this.readSwitch(v, [...path, k])) return undefined;
    const modeLike = matchKey(k, MODE_KEYS) || normText(k) === ENABLED_KEY;
    const ctx = (walked || modeLike) && (inSwitchContext || mentions([k], CONTEXT));
    if (modeLike && ctx && (normText(k) !== ENABLED_KEY || typeof v === 'boolean') && this.readSwitch(v, [...path, k])) return undefined;
    if (matchKey(k, DEFAULT_PLAN) && typeof v === 'string') {
      this.rules.defaultPlan = v;
      return undefined;
    }
    return walked ? ctx : undefined;
  }

  private readSwitch(v: unknown, path: JsonPath): boolean {
    const on = switchValue(v);
    if (on === undefined) return false;
    this.rules.switches.push({ on, path });
    return true;
  }

  /** `plans: { free: {…} }` (scalars beside the plans are settings) or `plans: [{ name: free, … }]`. */
  private readPlans(k: string, v: unknown, path: JsonPath): undefined {
    if (Array.isArray(v)) {
      for (const item of v) {
        const pn = isObject(item) ? names([item])[0] : undefined;
        if (pn) this.readPlan(pn, item);
      }
      return undefined;
    }
    const scalars: Record<string, unknown> = {};
    for (const [pn, pv] of entriesOf(v as Record<string, unknown>)) {
      if ((isObject(pv) || Array.isArray(pv)) && !matchKey(pn, KNOWN_KEYS)) this.readPlan(pn, pv);
      else scalars[pn] = pv; // `entitlements: { mode: enforce, defaultPlan: free, … }`
    }
    this.walk(scalars, [...path, k], true);
    return undefined;
  }

  private readCallers(v: unknown): undefined {
    if (isObject(v)) for (const [id, cv] of entriesOf(v)) this.readCaller(id, cv);
    else if (Array.isArray(v)) {
      for (const item of v) {
        const idv = isObject(item) ? field(item, CALLER_ID_FIELDS) : undefined;
        if (typeof idv === 'string') this.readCaller(idv, item);
      }
    }
    return undefined;
  }

  /** An exempt list (names, `@internal`) or an exemption object; false when the value is neither. */
  private readExemptList(v: unknown): boolean {
    if (Array.isArray(v) || typeof v === 'string') {
      for (const id of names(v)) {
        if (matchValue(id.replace(/^@/, ''), INTERNAL_MARKERS)) this.rules.exemptInternal = true;
        else this.rules.exempt.add(id);
      }
    } else if (isObject(v)) {
      for (const id of names(field(v, EXEMPT_ID_FIELDS))) this.rules.exempt.add(id);
      if (field(v, EXEMPT_INTERNAL_FIELDS) === true) this.rules.exemptInternal = true;
    } else {
      return false;
    }
    this.rules.recognised = true;
    return true;
  }
}

/** Reads the entitlement rules of a set of documents. */
export function readRules(documents: readonly unknown[], forced?: Forced): Rules {
  return new RuleReader(forced).read(documents);
}
