// Rate limits that apply to callers, read from a file's documents: Kong rate-limiting plugins
// (on a service, a route, a consumer, or global), API gateway usage plans (throttle and quota),
// Envoy local rate limits (a token bucket on its routes), ingress-nginx `limit-rps` annotations
// and nginx `limit_req_zone … rate=`. Each becomes a limit: requests per window, on endpoints,
// for some or all callers. effects-limits.ts compares them with the usage per caller.
import type { JsonPath } from '../../model.js';
import { findKey, matchKey, normKey } from '../kit/keys.js';
import { isObject } from '../kit/paths.js';
import { parseDuration, parseNumber } from '../kit/quantities.js';
import { field, names } from './model.js';
import { endpointsOf } from './reader.js';
import {
  BUCKET_DESCRIPTORS, CALLER_CONTAINERS, CALLER_ID_FIELDS, CALLER_PLAN_FIELDS, LIMIT_BY_KEYS, LIMIT_CONSUMER_KEYS, LIMIT_COUNT_KEYS,
  LIMIT_WINDOW_KEYS, MATCH_OBJECTS, NGINX_LIMIT_KEYS, NGINX_ZONE_KEYS, PER_CALLER_VARIABLES, QUOTA_OBJECTS, RATE_LIMIT_PLUGINS,
  SHARED_LIMIT_BY, STAGE_RESOURCE_KEYS, STAGE_THROTTLE_KEYS, THROTTLE_OBJECTS, THROTTLE_RATE_KEYS, TOKEN_BUCKET, USAGE_PLAN_NAME_KEYS, WINDOWS,
} from './vocabulary.js';
import { entriesOf } from '../kit/entries.js';

export interface Limit {
  /** Endpoint patterns it covers; `*` = every endpoint. */
  endpoints: string[];
  /** Seconds. */
  window: number;
  /** Requests allowed per window, per caller. */
  limit: number;
  /** Caller ids or plans it applies to; undefined = every caller. */
  callers?: string[];
  document: number;
  path: JsonPath;
  /** What it is, for messages: `Kong rate-limiting`, `usage plan throttle`… */
  what: string;
  /** One counter for every caller it applies to (a bucket, a per-service counter), not one per caller. */
  shared?: boolean;
}

interface Ctx {
  endpoints: string[];
  callers?: string[];
}

const windowOf = (v: unknown): number | undefined => (typeof v === 'string' ? WINDOWS[normKey(v)] : undefined) ?? parseDuration(v);

/** Kong-style windows on a plugin's config: `{ second: 5, minute: 100 }`, or `limit: [100], window_size: [60]`. */
function pluginWindows(config: Record<string, unknown>): Array<{ window: number; limit: number }> {
  const out: Array<{ window: number; limit: number }> = [];
  for (const [k, v] of entriesOf(config)) {
    const w = WINDOWS[normKey(k)];
    const n = parseNumber(v);
    if (w !== undefined && n !== undefined) out.push({ window: w, limit: n });
  }
  const limits = config.limit ?? config.limits;
  const sizes = config.window_size ?? config.windowSize;
  if (Array.isArray(limits) && Array.isArray(sizes)) {
    limits.forEach((l, i) => {
      const n = parseNumber(l);
      const w = parseDuration(sizes[i]);
      if (n !== undefined && w !== undefined) out.push({ window: w, limit: n });
    });
  }
  const count = findKey(config, LIMIT_COUNT_KEYS);
  const win = findKey(config, LIMIT_WINDOW_KEYS);
  if (count && win && parseNumber(count[1]) !== undefined && windowOf(win[1]) !== undefined) {
    out.push({ window: windowOf(win[1])!, limit: parseNumber(count[1])! });
  }
  return out;
}

/** A usage plan's throttle (per second) and quota (`Limit` per `Period`). */
function usagePlanWindows(obj: Record<string, unknown>): Array<{ window: number; limit: number; what: string }> {
  const out: Array<{ window: number; limit: number; what: string }> = [];
  const throttle = field(obj, THROTTLE_OBJECTS);
  if (isObject(throttle)) {
    const rate = parseNumber(field(throttle, THROTTLE_RATE_KEYS));
    if (rate !== undefined) out.push({ window: 1, limit: rate, what: 'usage plan throttle' });
  }
  const quota = field(obj, QUOTA_OBJECTS);
  if (isObject(quota)) {
    const n = parseNumber(field(quota, LIMIT_COUNT_KEYS));
    const w = windowOf(field(quota, LIMIT_WINDOW_KEYS));
    if (n !== undefined && w !== undefined) out.push({ window: w, limit: n, what: 'usage plan quota' });
  }
  return out;
}

type Window = { window: number; limit: number; what?: string; shared?: boolean };

/** Whether a `limit_req_zone` key (the text before `zone=`) counts each caller alone: it names a per-caller variable. */
function perCallerZone(text: string): boolean {
  const key = text.split(/\s+zone=/)[0] ?? '';
  return [...key.matchAll(/\$(\w+)/g)].some((m) => matchKey(m[1], PER_CALLER_VARIABLES));
}

function nginxWindows(obj: Record<string, unknown>): Window[] {
  const out: Window[] = [];
  for (const [k, v] of entriesOf(obj)) {
    const bare = normKey(k.split('/').pop()!);
    const per = NGINX_LIMIT_KEYS[bare];
    const n = parseNumber(v);
    if (per !== undefined && n !== undefined) out.push({ window: per, limit: n, what: `nginx ${k.split('/').pop()}` });
    if (matchKey(bare, NGINX_ZONE_KEYS)) {
      for (const text of typeof v === 'string' ? [v] : Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []) {
        const m = /rate=(\d+(?:\.\d+)?)r\/([sm])/.exec(text);
        if (m) out.push({ window: m[2] === 's' ? 1 : 60, limit: Number(m[1]), what: 'nginx limit_req', shared: /\szone=/.test(text) && !perCallerZone(text) });
      }
    }
  }
  return out;
}

class LimitReader {
  readonly limits: Limit[] = [];
  private readonly named = new Map<string, string[]>();

  read(documents: readonly unknown[]): Limit[] {
    documents.forEach((doc) => this.collectNames(doc, 0));
    documents.forEach((doc, i) => this.walk(doc, [], { endpoints: docPaths(doc) }, i));
    return this.limits;
  }

  /** Services and routes by name, so a top-level plugin naming one gets its endpoints. */
  private collectNames(v: unknown, depth: number): void {
    if (depth > 20) return;
    if (Array.isArray(v)) v.forEach((x) => this.collectNames(x, depth + 1));
    if (!isObject(v)) return;
    const eps = endpointsOf(v);
    if (typeof v.name === 'string' && eps.length) this.named.set(v.name, eps);
    for (const [, x] of entriesOf(v)) this.collectNames(x, depth + 1);
  }

  private add(windows: Window[], what: string, ctx: Ctx, document: number, path: JsonPath, shared = false): void {
    for (const w of windows) {
      const one = shared || w.shared === true;
      this.limits.push({ endpoints: ctx.endpoints, window: w.window, limit: w.limit, callers: ctx.callers, document, path, what: w.what ?? what, ...(one ? { shared: true } : {}) });
    }
  }

  private walk(v: unknown, path: JsonPath, ctx: Ctx, document: number): void {
    if (path.length > 40) return;
    if (Array.isArray(v)) {
      v.forEach((x, i) => this.walk(x, [...path, i], ctx, document));
      return;
    }
    if (!isObject(v)) return;
    const own = [...endpointsOf(v), ...MATCH_OBJECTS.flatMap((m) => (isObject(v[m]) ? endpointsOf(v[m] as Record<string, unknown>) : []))];
    const here: Ctx = own.length ? { ...ctx, endpoints: own } : ctx;
    this.readHere(v, path, here, document);
    for (const [k, x] of entriesOf(v)) {
      if (matchKey(k, CALLER_CONTAINERS) && Array.isArray(x)) {
        x.forEach((c, i) => {
          const id = isObject(c) ? field(c, CALLER_ID_FIELDS) : undefined;
          this.walk(c, [...path, k, i], typeof id === 'string' ? { ...here, callers: [id] } : here, document);
        });
      } else {
        this.walk(x, [...path, k], here, document);
      }
    }
  }

  private readHere(v: Record<string, unknown>, path: JsonPath, ctx: Ctx, document: number): void {
    const name = typeof v.name === 'string' ? v.name : undefined;
    if (name && matchKey(name, RATE_LIMIT_PLUGINS) && v.enabled !== false) {
      const config = isObject(v.config) ? v.config : v;
      const target = [v.route, v.service].map((t) => (isObject(t) ? t.name : t)).find((t) => typeof t === 'string') as string | undefined;
      const consumer = names([field(v, LIMIT_CONSUMER_KEYS)].flat().map((c) => (isObject(c) ? (c.username ?? c.name ?? c.id) : c)));
      const scoped: Ctx = { endpoints: (target && this.named.get(target)) || ctx.endpoints, callers: consumer.length ? consumer : ctx.callers };
      const by = findKey(config, LIMIT_BY_KEYS)?.[1];
      const shared = consumer.length === 0 && typeof by === 'string' && matchKey(by, SHARED_LIMIT_BY);
      this.add(pluginWindows(config), `${name} plugin${shared ? ` (limit_by ${by})` : ''}`, scoped, document, path, shared);
      return;
    }
    const plan = usagePlanWindows(v);
    if (plan.length) {
      const planName = field(v, USAGE_PLAN_NAME_KEYS) ?? field(v, CALLER_PLAN_FIELDS);
      this.add(plan, 'usage plan', typeof planName === 'string' ? { ...ctx, callers: [planName] } : ctx, document, path);
    }
    const bucket = field(v, TOKEN_BUCKET.object);
    if (isObject(bucket)) {
      const n = parseNumber(field(bucket, TOKEN_BUCKET.tokens));
      const w = parseDuration(field(bucket, TOKEN_BUCKET.interval));
      if (n !== undefined && w !== undefined) this.add([{ window: w, limit: n }], 'Envoy local rate limit', ctx, document, path, !findKey(v, BUCKET_DESCRIPTORS));
    }
    this.add(nginxWindows(v), 'nginx', ctx, document, path);
    this.stageThrottle(v, ctx, document, path);
  }

  /** API gateway stage / route throttling: one rate for every caller of the resources it covers. */
  private stageThrottle(v: Record<string, unknown>, ctx: Ctx, document: number, path: JsonPath): void {
    const rate = parseNumber(findKey(v, STAGE_THROTTLE_KEYS)?.[1]);
    if (rate === undefined) return;
    const resource = findKey(v, STAGE_RESOURCE_KEYS)?.[1];
    const all = typeof resource !== 'string' || /^[*/]*$/.test(resource);
    // CloudFormation escapes the slashes of a resource path (`/~1media`); Terraform writes `media/POST`.
    const path_ = `/${(resource as string).replace(/~1/g, '/').replace(/\/(?:\*|[A-Z]+)$/, '').replace(/^\/+/, '')}`;
    const endpoints = all ? ctx.endpoints : [path_];
    this.add([{ window: 1, limit: rate }], 'API gateway stage throttle', { ...ctx, endpoints }, document, path, true);
  }
}

/** Endpoint paths a document routes (an Ingress's `paths[].path`), for limits set on the whole document. */
function docPaths(doc: unknown): string[] {
  const out: string[] = [];
  const visit = (v: unknown, depth: number): void => {
    if (depth > 20) return;
    if (Array.isArray(v)) v.forEach((x) => visit(x, depth + 1));
    else if (isObject(v)) {
      if (Array.isArray(v.paths)) for (const p of v.paths) if (isObject(p) && typeof p.path === 'string') out.push(p.path);
      for (const [, x] of entriesOf(v)) visit(x, depth + 1);
    }
  };
  visit(doc, 0);
  return out.length ? [...new Set(out)] : ['*'];
}

/** The rate limits of a set of documents. */
export function readLimits(documents: readonly unknown[]): Limit[] {
  return new LimitReader().read(documents);
}
