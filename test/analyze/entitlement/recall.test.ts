// Entitlement shapes of issue 9 that passed silently with a caller registry marking the callers
// internal: each as an accept/reject table case, real YAML or JSON, kinds and exact lines.
import entitlement from '../../../src/analyze/entitlement/index.js';
import type { Inventory } from '../../../src/analyze/types.js';
import { table } from '../kit/table.js';

const inventory: Inventory = {
  callers: [
    { id: 'web-client', internal: true, plan: 'first-party', endpoints: ['/media/upload', '/timeline'] },
    { id: 'ios-app', internal: true, plan: 'first-party', endpoints: ['/timeline'] },
    { id: 'partner-a', plan: 'pro', endpoints: ['/media/upload', '/timeline'] },
  ],
};

table(entitlement, 'pricing.default raised from 0', [
  {
    name: 'YAML: pricing.default 0 → 0.002 charges every caller',
    file: 'billing/pricing.yaml',
    before: `
      pricing:
        currency: USD
        default: 0
        endpoints:
          /media/*: 0.01`,
    after: `
      pricing:
        currency: USD
        default: 0.002
        endpoints:
          /media/*: 0.01`,
    inventory,
    expect: ['charged@3'],
  },
  {
    name: 'JSON: defaultPrice 0 → 1 under prices',
    file: 'billing/prices.json',
    before: '{\n  "prices": {\n    "defaultPrice": 0,\n    "overrides": [{ "path": "/timeline", "price": 0 }]\n  }\n}',
    after: '{\n  "prices": {\n    "defaultPrice": 1,\n    "overrides": [{ "path": "/timeline", "price": 0 }]\n  }\n}',
    inventory,
    expect: ['charged@3'],
  },
]);

table(entitlement, 'a rule list that starts requiring a plan for endpoints internal callers use', [
  {
    name: 'YAML: a rule requiring the pro plan on /media/* added to an empty list',
    file: 'gateway/access.yaml',
    before: `
      enforce: true
      rules: []`,
    after: `
      enforce: true
      rules:
        - path: /media/*
          requiredPlan: pro`,
    inventory,
    expect: ['access-lost@3'],
  },
  {
    name: 'JSON: an endpoint map gains a plan requirement',
    file: 'gateway/access.json',
    before: '{\n  "endpoints": {\n    "/timeline": { "plans": ["free", "pro", "first-party"] }\n  }\n}',
    after: '{\n  "endpoints": {\n    "/timeline": { "plans": ["free", "pro", "first-party"] },\n    "/media/*": { "plans": ["pro"] }\n  }\n}',
    inventory,
    expect: ['access-lost@4'],
  },
  {
    name: 'callers: [all] → [partner-a] on an endpoint internal callers use',
    file: 'gateway/routes.yaml',
    before: `
      routes:
        - path: /timeline
          callers: [all]`,
    after: `
      routes:
        - path: /timeline
          callers: [partner-a]`,
    inventory,
    expect: ['access-lost@3'],
  },
  {
    name: 'callers: [all] → [partner-a, internal] keeps internal callers (benign)',
    file: 'gateway/routes.yaml',
    before: `
      routes:
        - path: /timeline
          callers: [all]`,
    after: `
      routes:
        - path: /timeline
          callers: [partner-a, internal]`,
    inventory,
    expect: [],
  },
]);

table(entitlement, 'a free tier allow-list dropping internal callers', [
  {
    name: 'YAML: freeTier.allowedCallers drops web-client',
    file: 'billing/tiers.yaml',
    before: `
      freeTier:
        allowedCallers: [web-client, ios-app]`,
    after: `
      freeTier:
        allowedCallers: [ios-app]`,
    inventory,
    expect: ['charged@2'],
  },
  {
    name: 'JSON: free_tier.clients drops the internal marker',
    file: 'billing/tiers.json',
    before: '{\n  "free_tier": {\n    "clients": ["internal", "partner-a"]\n  }\n}',
    after: '{\n  "free_tier": {\n    "clients": ["partner-a"]\n  }\n}',
    inventory,
    expect: ['charged@3'],
  },
  {
    name: 'a caller added to the free tier is safe (benign)',
    file: 'billing/tiers.yaml',
    before: `
      freeTier:
        allowedCallers: [web-client, ios-app]`,
    after: `
      freeTier:
        allowedCallers: [web-client, ios-app, partner-a]`,
    inventory,
    expect: ['charge-removed@2'],
  },
]);

const enforcement = (mode: string, binding = '') => `
  entitlements:
    enforcementMode: ${mode}
    plans:
      free:
        endpoints: [/timeline]
      pro:
        endpoints: [/timeline, /media/*]${binding}`;

table(entitlement, 'enforcement switched from shadow / dry-run / audit to enforce', [
  {
    name: 'shadow → enforce with no first-party binding',
    file: 'gateway/entitlements.yaml',
    before: enforcement('shadow'),
    after: enforcement('enforce'),
    inventory,
    expect: ['access-lost@2'],
  },
  {
    name: 'dry-run → enforce with internal callers bound to the pro plan (benign)',
    file: 'gateway/entitlements.yaml',
    before: enforcement('dry-run', '\n    bindings:\n      - callers: [internal]\n        plan: pro'),
    after: enforcement('enforce', '\n    bindings:\n      - callers: [internal]\n        plan: pro'),
    inventory,
    expect: [],
  },
  {
    name: 'JSON: enforcementAction audit → deny',
    file: 'gateway/entitlements.json',
    before: '{\n  "plans": { "free": { "endpoints": ["/timeline"] } },\n  "enforcementAction": "audit"\n}',
    after: '{\n  "plans": { "free": { "endpoints": ["/timeline"] } },\n  "enforcementAction": "deny"\n}',
    inventory,
    expect: ['access-lost@3'],
  },
]);

const usage: Inventory = {
  callers: [
    { id: 'web-client', internal: true, plan: 'first-party', endpoints: ['/media/upload', '/timeline'], usage: { second: 40, minute: 1800 } },
    { id: 'partner-a', plan: 'pro', endpoints: ['/timeline'], usage: { second: 2 } },
  ],
};

const kong = (plugins: string) => `
  _format_version: "3.0"
  services:
    - name: media
      url: http://media:8080
      routes:
        - name: media-upload
          paths: [/media/upload]${plugins}`;

table(entitlement, 'rate limits below the usage per caller', [
  {
    name: 'Kong: a rate-limiting plugin added as a new list entry',
    file: 'kong/kong.yaml',
    before: kong(''),
    after: kong(`
      plugins:
        - name: rate-limiting
          config:
            second: 10
            policy: local`),
    inventory: usage,
    expect: ['rate-limited@8'],
  },
  {
    name: 'Kong: the same plugin at 100/s, above every caller (benign)',
    file: 'kong/kong.yaml',
    before: kong(''),
    after: kong(`
      plugins:
        - name: rate-limiting
          config:
            second: 100
            policy: local`),
    inventory: usage,
    expect: [],
  },
  {
    name: 'Kong JSON (deck dump): a global plugin minute 5000 → 600',
    file: 'kong/kong.json',
    before: '{\n  "plugins": [\n    { "name": "rate-limiting", "config": { "minute": 5000 } }\n  ]\n}',
    after: '{\n  "plugins": [\n    { "name": "rate-limiting", "config": { "minute": 600 } }\n  ]\n}',
    inventory: usage,
    expect: ['rate-limited@3'],
  },
  {
    name: 'Envoy local rate limit: tokens_per_fill 100 → 20 on the /media route',
    file: 'envoy/routes.yaml',
    before: `
      routes:
        - match: { prefix: /media }
          route: { cluster: media }
          typed_per_filter_config:
            envoy.filters.http.local_ratelimit:
              stat_prefix: media
              token_bucket:
                max_tokens: 100
                tokens_per_fill: 100
                fill_interval: 1s`,
    after: `
      routes:
        - match: { prefix: /media }
          route: { cluster: media }
          typed_per_filter_config:
            envoy.filters.http.local_ratelimit:
              stat_prefix: media
              token_bucket:
                max_tokens: 20
                tokens_per_fill: 20
                fill_interval: 1s`,
    inventory: usage,
    expect: ['rate-limited@8'],
  },
  {
    name: 'ingress-nginx: limit-rps annotation added',
    file: 'k8s/ingress.yaml',
    before: `
      apiVersion: networking.k8s.io/v1
      kind: Ingress
      metadata:
        name: media
        annotations: {}
      spec:
        rules:
          - http:
              paths:
                - path: /media
                  pathType: Prefix`,
    after: `
      apiVersion: networking.k8s.io/v1
      kind: Ingress
      metadata:
        name: media
        annotations:
          nginx.ingress.kubernetes.io/limit-rps: "5"
      spec:
        rules:
          - http:
              paths:
                - path: /media
                  pathType: Prefix`,
    inventory: usage,
    expect: ['rate-limited@6'],
  },
  {
    name: 'CloudFormation usage plan: Throttle.RateLimit 100 → 10 on the first-party plan',
    file: 'api/template.json',
    before: '{\n  "Resources": {\n    "FirstPartyPlan": {\n      "Type": "AWS::ApiGateway::UsagePlan",\n      "Properties": {\n        "UsagePlanName": "first-party",\n        "Throttle": { "RateLimit": 100, "BurstLimit": 200 }\n      }\n    }\n  }\n}',
    after: '{\n  "Resources": {\n    "FirstPartyPlan": {\n      "Type": "AWS::ApiGateway::UsagePlan",\n      "Properties": {\n        "UsagePlanName": "first-party",\n        "Throttle": { "RateLimit": 10, "BurstLimit": 200 }\n      }\n    }\n  }\n}',
    inventory: usage,
    expect: ['rate-limited@7'],
  },
  {
    name: 'usage plan for the pro plan only: the internal caller is not on it (benign)',
    file: 'api/template.json',
    before: '{\n  "Resources": {\n    "ProPlan": {\n      "Type": "AWS::ApiGateway::UsagePlan",\n      "Properties": {\n        "UsagePlanName": "pro",\n        "Throttle": { "RateLimit": 100 }\n      }\n    }\n  }\n}',
    after: '{\n  "Resources": {\n    "ProPlan": {\n      "Type": "AWS::ApiGateway::UsagePlan",\n      "Properties": {\n        "UsagePlanName": "pro",\n        "Throttle": { "RateLimit": 10 }\n      }\n    }\n  }\n}',
    inventory: usage,
    expect: [],
  },
  {
    name: 'without usage per caller: a tightened limit is a neutral fact',
    file: 'kong/kong.json',
    before: '{\n  "plugins": [\n    { "name": "rate-limiting", "config": { "minute": 5000 } }\n  ]\n}',
    after: '{\n  "plugins": [\n    { "name": "rate-limiting", "config": { "minute": 600 } }\n  ]\n}',
    expect: ['rate-limit-tightened@3'],
  },
]);

table(entitlement, 'size quotas whose key names the unit, against usage', [
  {
    name: 'limit_gib 100 → 20 below usage 48',
    file: 'storage/quotas.yaml',
    before: `
      tenants:
        media:
          limit_gib: 100`,
    after: `
      tenants:
        media:
          limit_gib: 20`,
    inventory: { usage: { 'tenants.media.limit_gib': 48 } },
    expect: ['quota-lowered@3'],
  },
  {
    name: 'JSON: max_mb 4096 → 1024 below usage 2000',
    file: 'storage/quotas.json',
    before: '{\n  "uploads": { "max_mb": 4096 }\n}',
    after: '{\n  "uploads": { "max_mb": 1024 }\n}',
    inventory: { usage: { 'uploads.max_mb': 2000 } },
    expect: ['quota-lowered@2'],
  },
  {
    name: 'storage_limit_gb cut but still above usage: a fact, not below usage',
    file: 'storage/quotas.yaml',
    before: `
      bucket:
        storageLimitGB: 1000`,
    after: `
      bucket:
        storageLimitGB: 800`,
    inventory: { usage: { 'bucket.storageLimitGB': 300 } },
    expect: ['quota-lowered@2'],
  },
  {
    name: 'a size limit lowered with no usage known is not reported here',
    file: 'otelcol.yaml',
    before: `
      processors:
        memory_limiter:
          limit_mib: 800`,
    after: `
      processors:
        memory_limiter:
          limit_mib: 400`,
    expect: [],
  },
]);
