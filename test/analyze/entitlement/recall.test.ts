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
