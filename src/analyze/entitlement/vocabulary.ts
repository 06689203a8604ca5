// What the entitlement analyzer reads, as data. Keys are matched with kit/keys.ts (any
// spelling: `exempt_internal`, `exemptInternal`); values (modes) are compared the same way.
import type { Vocabulary } from '../kit/keys.js';

/** Containers of plans: `plans: { free: {…}, pro: {…} }` or a list of named plans. */
export const PLAN_CONTAINERS: Vocabulary = [
  'plans', 'tiers', 'usageplans', 'products', 'apiproducts', 'subscriptionplans', 'billingplans', 'pricingplans',
  'apiplans', 'accessplans',
];
/** Containers of callers: `consumers: { web: { plan: pro } }` or a list of callers. */
export const CALLER_CONTAINERS: Vocabulary = [
  'callers', 'consumers', 'clients', 'apikeys', 'subscribers', 'applications', 'apps', 'developers', 'tenants',
  'customers', 'accounts', 'principals',
];
/** Lists of exempted callers (or an object of them). */
export const EXEMPT_LISTS: Vocabulary = [
  'exempt', 'exemptions', 'exemptcallers', 'exemptconsumers', 'exemptclients', 'exemptapps', 'bypass',
  'bypasscallers', 'bypassconsumers', 'exemptaccounts', 'exempttenants', 'exemptlist', 'billingexempt', 'freecallers',
];
/** Switches exempting every internal (first-party) caller. */
export const EXEMPT_INTERNAL: Vocabulary = [
  'exemptinternal', 'exemptfirstparty', 'internalexempt', 'exemptinternalcallers', 'exemptinternalclients',
  'skipinternal', 'bypassinternal', 'firstpartyexempt', 'exemptfirstpartyclients', 'internalbypass',
];
/** An exempt-list entry standing for every internal caller (an optional leading `@`). */
export const INTERNAL_MARKERS: Vocabulary = ['internal', 'firstparty', '1p'];
/** Fields of an exemption object: the exempted ids, and the all-internal switch. */
export const EXEMPT_ID_FIELDS: Vocabulary = ['callers', 'consumers', 'clients', 'ids', 'apps', 'accounts'];
export const EXEMPT_INTERNAL_FIELDS: Vocabulary = ['internal', 'firstparty', 'internalcallers'];

/** Enforcement switches, on or off by a boolean or a mode word. */
export const SWITCH_KEYS: Vocabulary = [
  'enforcement', 'enforce', 'enforced', 'enforceplans', 'enforceentitlements', 'planenforcement',
  'billingenforcement', 'enforcebilling', 'enforceaccess', 'enforcequotas', 'entitlementenforcement',
];
/** Mode keys, and `enabled`: switches only in an entitlement context. */
export const MODE_KEYS: Vocabulary = ['mode', 'enforcementmode', 'billingmode', 'accessmode', 'planmode', 'entitlementmode', 'enforcementaction', 'enforcementlevel'];
export const ENABLED_KEY = 'enabled';
export const MODE_ON: Vocabulary = ['enforce', 'enforcing', 'enforced', 'enabled', 'on', 'block', 'deny', 'reject', 'strict', 'active', 'live', 'charge', 'true'];
export const MODE_OFF: Vocabulary = [
  'monitor', 'monitoring', 'dryrun', 'shadow', 'log', 'logonly', 'audit', 'report', 'reportonly', 'off', 'disabled',
  'permissive', 'warn', 'passive', 'observe', 'none', 'false',
];
/** Fragments of a key or plugin name that make `enabled` / `mode` an entitlement switch. */
export const CONTEXT: Vocabulary = ['billing', 'entitle', 'enforce', 'plan', 'acl', 'access', 'subscription', 'pricing', 'monetiz', 'meter', 'paywall'];
/** The plan of callers that name none. */
export const DEFAULT_PLAN: Vocabulary = ['defaultplan', 'defaulttier', 'fallbackplan', 'defaultproduct'];

/** Fields of an endpoint rule naming its endpoints, and a service's routes holding them. */
export const ENDPOINT_FIELDS: Vocabulary = ['path', 'paths', 'endpoint', 'uri', 'uris', 'route', 'pattern', 'resource', 'prefix', 'url', 'operation', 'api'];
export const ROUTES_FIELD: Vocabulary = ['routes'];
/** HTTP methods an endpoint may be prefixed with (`GET /timeline`). */
export const HTTP_METHODS: Vocabulary = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'ANY'];
/** A plan's included endpoints. */
export const PLAN_ENDPOINT_LISTS: Vocabulary = [
  'endpoints', 'apiresources', 'resourcepaths', 'paths', 'routes', 'apis', 'allow', 'allowed', 'allowedendpoints',
  'operations', 'resources', 'include', 'includes', 'access',
];
/** A plan's members (callers named on the plan). */
export const PLAN_MEMBER_FIELDS: Vocabulary = ['callers', 'consumers', 'members', 'clients', 'apps', 'subscribers', 'accounts'];
/** Denied endpoints, plans or callers. */
export const DENY_LISTS: Vocabulary = ['deny', 'denied', 'exclude', 'excluded', 'blocked', 'disallow', 'blacklist', 'denylist', 'blockedplans', 'deniedplans'];
/** Who an endpoint rule allows: plans, groups, callers. */
export const ALLOW_WHO: Vocabulary = [
  'allow', 'allowed', 'allowedplans', 'plans', 'plan', 'requiredplan', 'requiredplans', 'tiers', 'tier', 'groups',
  'allowgroups', 'allowedgroups', 'whitelist', 'allowlist', 'allowedconsumers', 'allowedcallers', 'consumers', 'callers',
  'products', 'minplan', 'requires',
];
/** Gateway plugins (Kong, Tyk…) carrying access rules. */
export const PLUGIN_LISTS: Vocabulary = ['plugins', 'policies', 'filters'];
/** A caller's plans or groups, its endpoints, its exemption, and its id in a list of callers. */
export const CALLER_PLAN_FIELDS: Vocabulary = ['plan', 'plans', 'tier', 'usageplan', 'subscription', 'product', 'products', 'groups', 'group', 'acls', 'acl'];
export const CALLER_ENDPOINT_LISTS: Vocabulary = ['endpoints', 'allow', 'allowed', 'allowedendpoints', 'paths', 'apis'];
export const CALLER_EXEMPT_FIELDS: Vocabulary = ['exempt', 'exempted', 'billingexempt', 'bypass', 'unmetered'];
export const CALLER_ID_FIELDS: Vocabulary = ['id', 'name', 'username', 'clientid', 'consumer', 'customid', 'app', 'key', 'caller', 'appid'];
/** Fields naming an entry of a list of names (`[{ group: pro }]`), in order, exact. */
export const NAME_FIELDS: Vocabulary = ['group', 'name', 'id', 'plan', 'username', 'consumer', 'caller', 'client', 'app'];

const PRICE_WORDS = ['price', 'cost', 'fee', 'charge', 'amount', 'rate'];
/** Price keys: `price`, `pricePerCall`, `monthly_fee`, `costUsd`, `per_request_price`. */
export const PRICE_KEYS: Vocabulary = [
  ...PRICE_WORDS.flatMap((w) => [w, `${w}per*`, `${w}monthly`, `${w}usd`, `${w}eur`]),
  ...['price', 'cost', 'fee', 'charge'].flatMap((w) => [`monthly${w}`, `per*${w}`]),
];
/** Boolean keys marking something chargeable, and the one marking it free. */
export const BILLABLE: Vocabulary = ['billable', 'chargeable', 'metered', 'paid', 'charged'];
export const FREE: Vocabulary = ['free'];

/** Containers of prices: `pricing: { default: 0.002, endpoints: { /media/*: 0.01 } }`. */
export const PRICE_CONTAINERS: Vocabulary = ['pricing', 'prices', 'ratecard', 'tariff', 'tariffs', 'billingrates', 'pricelist', 'pricingrules'];
/** A price container's price for endpoints no entry names. */
export const DEFAULT_PRICE_KEYS: Vocabulary = [
  'default', 'defaultprice', 'defaultrate', 'defaultcharge', 'defaultfee', 'base', 'baseprice', 'baserate', 'fallback',
  'fallbackprice', 'perrequest', 'percall', 'defaultpercall', 'defaultperrequest', 'unitprice',
];
/** A price container's per-endpoint prices: a map keyed by endpoint, or a list of `{ path, price }`. */
export const PRICE_ENTRY_LISTS: Vocabulary = ['endpoints', 'overrides', 'routes', 'paths', 'rules', 'operations', 'apis', 'resources', 'items'];
/** Free tiers: callers on their allow-list are not charged, every other caller is. */
export const FREE_TIER_KEYS: Vocabulary = ['freetier', 'freeplan', 'freeaccess', 'unmetered', 'nocharge', 'sponsored', 'complimentary', 'zerorated', 'freeusage'];
/** A free tier's caller allow-list. */
export const TIER_CALLER_LISTS: Vocabulary = [
  'allowedcallers', 'callers', 'allowedclients', 'clients', 'allowedconsumers', 'consumers', 'allowedapps', 'apps',
  'allowlist', 'whitelist', 'members', 'accounts', 'allowedaccounts', 'tenants',
];
/** Allow-list entries standing for every caller. */
export const ALL_MARKERS: Vocabulary = ['all', 'any', 'everyone', 'anyone', '*', 'allcallers', 'allclients'];
/** The token an allow-list holds for "every internal caller" once read. */
export const INTERNAL_TOKEN = '@internal';
/** Maps keyed by endpoint: `endpoints: { /media/*: { plans: [pro] } }`, `access: { "GET /timeline": [pro] }`. */
export const ENDPOINT_MAPS: Vocabulary = ['endpoints', 'paths', 'routes', 'resources', 'operations', 'access', 'rules', 'acl', 'acls', 'permissions', 'entitlements'];
/** Lists binding callers to plans: `bindings: [{ callers: [web-client], plan: first-party }]`. */
export const BINDING_LISTS: Vocabulary = ['bindings', 'planbindings', 'subscriptions', 'assignments', 'planassignments', 'callerplans'];
/** Who a binding binds. */
export const BINDING_WHO: Vocabulary = ['callers', 'caller', 'consumers', 'consumer', 'clients', 'client', 'apps', 'app', 'subjects', 'subject', 'principals', 'accounts'];

// ── rate limits per caller (ratelimit.ts) ──────────────────────────────────
/** Window names → seconds: Kong's `second … year` fields, usage plan periods, inventory usage keys. */
export const WINDOWS: Readonly<Record<string, number>> = {
  second: 1, sec: 1, s: 1, persecond: 1, rps: 1,
  minute: 60, min: 60, m: 60, perminute: 60, rpm: 60,
  hour: 3600, h: 3600, perhour: 3600, rph: 3600,
  day: 86400, d: 86400, perday: 86400, daily: 86400,
  week: 604800, perweek: 604800, weekly: 604800,
  month: 2592000, permonth: 2592000, monthly: 2592000,
  year: 31536000, peryear: 31536000,
};
/** Gateway plugins and policies that limit each caller's rate (Kong, Tyk, APISIX, Gloo…). */
export const RATE_LIMIT_PLUGINS: Vocabulary = [
  'ratelimiting', 'ratelimitingadvanced', 'ratelimit', 'ratelimiter', 'limitcount', 'limitreq', 'throttling', 'throttle',
  'responseratelimiting', 'ratelimitbyconsumer', 'ratelimitingplugin',
];
/** Keys of a limit count with a window beside it (`rateLimit: 100`, `Limit: 5000` + `Period: DAY`). */
export const LIMIT_COUNT_KEYS: Vocabulary = ['ratelimit', 'limit', 'count', 'requests', 'requestsperunit', 'quota', 'maxrequests', 'rate'];
export const LIMIT_WINDOW_KEYS: Vocabulary = ['period', 'window', 'unit', 'timeunit', 'interval', 'windowsize', 'timewindow'];
/** Throttle objects of API gateway usage plans: `Throttle: { RateLimit, BurstLimit }` (per second, per API key). */
export const THROTTLE_OBJECTS: Vocabulary = ['throttle', 'throttlesettings', 'throttling', 'defaultthrottle'];
export const THROTTLE_RATE_KEYS: Vocabulary = ['ratelimit', 'rate', 'steadystaterate'];
/** Quota objects of usage plans: `Quota: { Limit: 5000, Period: DAY }`. */
export const QUOTA_OBJECTS: Vocabulary = ['quota', 'quotasettings', 'usagequota'];
/** Envoy's local rate limit: a token bucket, shared by the callers of its routes. */
export const TOKEN_BUCKET = { object: ['tokenbucket'], tokens: ['tokensperfill'], interval: ['fillinterval'] } as const satisfies Record<string, Vocabulary>;
/** ingress-nginx annotations and nginx directives limiting each client: `limit-rps: "5"`, `limit_req_zone … rate=10r/s`. */
export const NGINX_LIMIT_KEYS: Readonly<Record<string, number>> = { limitrps: 1, limitrpm: 60, limitrph: 3600 };
export const NGINX_ZONE_KEYS: Vocabulary = ['limitreqzone', 'limitreqzones', 'limitreq'];
/** Where a limit names the callers it applies to: a consumer (Kong), a plan (usage plans). */
export const LIMIT_CONSUMER_KEYS: Vocabulary = ['consumer', 'consumers', 'apikey', 'caller', 'client'];
export const USAGE_PLAN_NAME_KEYS: Vocabulary = ['usageplanname', 'planname', 'name'];
/** Objects holding an endpoint match (`match: { prefix: /media }` in Envoy routes). */
export const MATCH_OBJECTS: Vocabulary = ['match'];

// ── shared limits: one counter for every caller (effects-limits.ts compares the sum of their usage) ──
/** Kong `limit_by` (rate-limiting) / `identifier` (rate-limiting-advanced): what a counter is kept per. */
export const LIMIT_BY_KEYS: Vocabulary = ['limitby', 'identifier'];
/** Counters kept per service or per path count every caller together; `consumer` (the default), `credential`, `ip`, `header` count each caller alone. */
export const SHARED_LIMIT_BY: Vocabulary = ['service', 'path'];
/** Envoy descriptors split a local rate limit's bucket per request attribute: then it is no longer one bucket. */
export const BUCKET_DESCRIPTORS: Vocabulary = ['descriptors'];
/**
 * nginx variables that identify the caller in a `limit_req_zone` key: a zone keyed by anything else
 * (`$server_name`, `$host`, a constant) is one bucket for every client.
 */
export const PER_CALLER_VARIABLES: Vocabulary = ['binaryremoteaddr', 'remoteaddr', 'remoteuser', 'httpx*', 'httpauthorization', 'httpapikey', 'cookie*', 'arg*', 'jwt*', 'sslclient*'];
/** API gateway stage and route throttling (per second, for every caller of the stage): `MethodSettings[].ThrottlingRateLimit`, `DefaultRouteSettings`, Terraform `throttling_rate_limit`. */
export const STAGE_THROTTLE_KEYS: Vocabulary = ['throttlingratelimit'];
/** Where a stage throttle says which resources it covers (a path of only stars and slashes covers all). */
export const STAGE_RESOURCE_KEYS: Vocabulary = ['resourcepath', 'methodpath'];

/** Stems of size quotas whose key names the unit (`limit_gib`, `max_mb`, `quota_bytes`, `storage_limit_gb`). */
export const QUOTA_STEMS: Vocabulary = ['limit', '*limit', 'limit*', 'max', 'max*', 'quota', '*quota', 'cap', '*cap', 'allowance', '*allowance', 'hard', 'ceiling'];

/** Keys with a meaning here: never a plan name inside a plan container. */
export const KNOWN_KEYS: Vocabulary = [
  ...PLAN_CONTAINERS, ...CALLER_CONTAINERS, ...EXEMPT_LISTS, ...EXEMPT_INTERNAL, ...SWITCH_KEYS, ...MODE_KEYS, ...DEFAULT_PLAN,
  ...PRICE_CONTAINERS, ...FREE_TIER_KEYS, ...BINDING_LISTS,
  'enabled', 'rules', 'billing', 'endpoints', 'routes', 'defaults', 'settings',
];

/** Where a signal is located: the changed key that best explains it (fragments, tried in this order). */
export const CAUSE = {
  switch: ['enforce', 'mode', 'enabled', 'billing'],
  exempt: ['exempt', 'bypass', 'free', 'allowed'],
  price: ['default', 'price', 'base', 'rate'],
  access: ['plans', 'endpoints', 'allow'],
  /** Any key of the vocabulary, when no preferred key changed. */
  any: [...PLAN_CONTAINERS, ...CALLER_CONTAINERS, ...EXEMPT_LISTS, ...EXEMPT_INTERNAL, ...SWITCH_KEYS, ...PRICE_CONTAINERS, ...FREE_TIER_KEYS, 'billing', 'acl', 'plugins', 'enabled', 'mode', 'callers', 'allow', 'plan'],
} as const satisfies Record<string, Vocabulary>;
