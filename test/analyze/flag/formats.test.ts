// Flag file formats and rollouts outside flag files (issue 9): accept/reject tables, real YAML
// and JSON in each tool's own shape, kinds and exact lines.
import flag from '../../../src/analyze/flag/index.js';
import { table } from '../kit/table.js';

const flagd = (defaultVariant: string, targeting = '{}') => `{
  "$schema": "https://flagd.dev/schema/v0/flags.json",
  "flags": {
    "new-checkout": {
      "state": "ENABLED",
      "variants": { "on": true, "off": false },
      "defaultVariant": "${defaultVariant}",
      "targeting": ${targeting}
    }
  }
}`;
const fractional = (on: number) => `{ "fractional": [["on", ${on}], ["off", ${100 - on}]] }`;

table(flag, 'flagd and OpenFeature', [
  { name: 'flagd: defaultVariant off → on', file: 'flags/flagd.json', before: flagd('off'), after: flagd('on'), expect: ['flag-enabled@7'] },
  { name: 'flagd: fractional 10 → 50', file: 'flags/flagd.json', before: flagd('off', fractional(10)), after: flagd('off', fractional(50)), expect: ['flag-widened@8'] },
  { name: 'flagd: fractional 10 → 12 is a small widening (a fact; policies decide)', file: 'flags/flagd.json', before: flagd('off', fractional(10)), after: flagd('off', fractional(12)), expect: ['flag-widened@8'] },
  { name: 'flagd: defaultVariant on → off (benign)', file: 'flags/flagd.json', before: flagd('on'), after: flagd('off'), expect: ['flag-disabled@7'] },
  {
    name: 'flagd YAML: string variants, the old default is the baseline',
    file: 'flags/flagd.yaml',
    before: `
      flags:
        header-color:
          state: ENABLED
          variants: { red: "#f00", green: "#0f0" }
          defaultVariant: red`,
    after: `
      flags:
        header-color:
          state: ENABLED
          variants: { red: "#f00", green: "#0f0" }
          defaultVariant: green`,
    expect: ['flag-enabled@5'],
  },
  {
    name: 'OpenFeature Operator FeatureFlag: fractional widened inside spec.flagSpec',
    file: 'k8s/featureflag.yaml',
    before: `
      apiVersion: core.openfeature.dev/v1beta1
      kind: FeatureFlag
      metadata: { name: checkout }
      spec:
        flagSpec:
          flags:
            new-checkout:
              state: ENABLED
              variants: { "on": true, "off": false }
              defaultVariant: "off"
              targeting:
                fractional:
                  - ["on", 5]
                  - ["off", 95]`,
    after: `
      apiVersion: core.openfeature.dev/v1beta1
      kind: FeatureFlag
      metadata: { name: checkout }
      spec:
        flagSpec:
          flags:
            new-checkout:
              state: ENABLED
              variants: { "on": true, "off": false }
              defaultVariant: "off"
              targeting:
                fractional:
                  - ["on", 100]
                  - ["off", 0]`,
    expect: ['flag-widened@13'],
  },
  {
    name: 'GO Feature Flag: defaultRule percentage 10 → 100',
    file: 'flags/goff.yaml',
    before: `
      new-checkout:
        variations: { enabled: true, disabled: false }
        defaultRule:
          percentage: { enabled: 10, disabled: 90 }`,
    after: `
      new-checkout:
        variations: { enabled: true, disabled: false }
        defaultRule:
          percentage: { enabled: 100, disabled: 0 }`,
    expect: ['flag-widened@4'],
  },
]);

const unleash = (rollout: string, env = 'production') => `{
  "version": 1,
  "features": [
    {
      "name": "new-checkout",
      "type": "release",
      "environments": [
        { "name": "development", "enabled": true, "strategies": [{ "name": "default" }] },
        { "name": "${env}", "enabled": true, "strategies": [{ "name": "flexibleRollout", "parameters": { "rollout": "${rollout}", "stickiness": "default", "groupId": "new-checkout" } }] }
      ]
    }
  ]
}`;

table(flag, 'Unleash, LaunchDarkly, Flipt, GrowthBook', [
  { name: 'Unleash: flexibleRollout "10" → "100" in production', file: 'unleash/export.json', before: unleash('10'), after: unleash('100'), expect: ['flag-widened@9'] },
  { name: 'Unleash: flexibleRollout "100" → "25" (benign)', file: 'unleash/export.json', before: unleash('100'), after: unleash('25'), expect: ['flag-narrowed@9'] },
  {
    name: 'LaunchDarkly: production fallthrough rollout 10% → 100%',
    file: 'launchdarkly/new-checkout.json',
    before: '{\n  "key": "new-checkout",\n  "variations": [{ "value": true }, { "value": false }],\n  "environments": {\n    "production": { "on": true, "offVariation": 1, "fallthrough": { "rollout": { "variations": [{ "variation": 0, "weight": 10000 }, { "variation": 1, "weight": 90000 }] } } }\n  }\n}',
    after: '{\n  "key": "new-checkout",\n  "variations": [{ "value": true }, { "value": false }],\n  "environments": {\n    "production": { "on": true, "offVariation": 1, "fallthrough": { "rollout": { "variations": [{ "variation": 0, "weight": 100000 }, { "variation": 1, "weight": 0 }] } } }\n  }\n}',
    expect: ['flag-widened@5'],
  },
  {
    name: 'Flipt: threshold rollout 10% → 60%',
    file: 'flipt/features.yaml',
    before: `
      version: "1.2"
      namespace: default
      flags:
        - key: new-checkout
          name: New checkout
          type: BOOLEAN_FLAG_TYPE
          enabled: false
          rollouts:
            - threshold:
                percentage: 10
                value: true`,
    after: `
      version: "1.2"
      namespace: default
      flags:
        - key: new-checkout
          name: New checkout
          type: BOOLEAN_FLAG_TYPE
          enabled: false
          rollouts:
            - threshold:
                percentage: 60
                value: true`,
    expect: ['flag-widened@10'],
  },
  {
    name: 'GrowthBook: force rule coverage 0.05 → 1',
    file: 'growthbook/features.json',
    before: '{\n  "features": {\n    "new-checkout": {\n      "defaultValue": false,\n      "rules": [{ "force": true, "coverage": 0.05, "hashAttribute": "id" }]\n    }\n  }\n}',
    after: '{\n  "features": {\n    "new-checkout": {\n      "defaultValue": false,\n      "rules": [{ "force": true, "coverage": 1, "hashAttribute": "id" }]\n    }\n  }\n}',
    expect: ['flag-widened@5'],
  },
  {
    name: 'GrowthBook: a targeted rule (condition) is left out (benign)',
    file: 'growthbook/features.json',
    before: '{\n  "features": {\n    "new-checkout": {\n      "defaultValue": false,\n      "rules": [{ "condition": { "employee": true }, "force": true, "coverage": 0.05 }]\n    }\n  }\n}',
    after: '{\n  "features": {\n    "new-checkout": {\n      "defaultValue": false,\n      "rules": [{ "condition": { "employee": true }, "force": true, "coverage": 1 }]\n    }\n  }\n}',
    expect: [],
  },
]);

table(flag, 'a rollout percentage under any key', [
  {
    name: 'rollout.percent 5 → 50 on a cohort the inventory knows',
    file: 'release/checkout.yaml',
    before: `
      cohorts:
        beta:
          rollout:
            percent: 5`,
    after: `
      cohorts:
        beta:
          rollout:
            percent: 50`,
    inventory: { traffic: { cohort: { beta: 20, main: 80 } } },
    expect: ['flag-widened@4'],
  },
  {
    name: 'JSON: canary.weight 10 → 80',
    file: 'release/checkout.json',
    before: '{\n  "canary": { "weight": 10 }\n}',
    after: '{\n  "canary": { "weight": 80 }\n}',
    expect: ['flag-widened@2'],
  },
  {
    name: 'ingress-nginx canary-weight annotation "5" → "10" is a small step',
    file: 'k8s/ingress-canary.yaml',
    before: `
      metadata:
        annotations:
          nginx.ingress.kubernetes.io/canary: "true"
          nginx.ingress.kubernetes.io/canary-weight: "5"`,
    after: `
      metadata:
        annotations:
          nginx.ingress.kubernetes.io/canary: "true"
          nginx.ingress.kubernetes.io/canary-weight: "10"`,
    expect: ['flag-widened@4'],
  },
]);

table(flag, 'a retired flag key reused', [
  {
    name: 'a key from the retired list switched on again',
    file: 'flags.yaml',
    before: `
      retired: [power-peg]
      flags:
        smart-router:
          enabled: true`,
    after: `
      retired: [power-peg]
      flags:
        smart-router:
          enabled: true
        power-peg:
          enabled: true`,
    expect: ['flag-reused@5'],
  },
  {
    name: 'flagd: an archived flag switched back on',
    file: 'flags/flagd.yaml',
    before: `
      flags:
        power-peg:
          state: DISABLED
          archived: true
          variants: { "on": true, "off": false }
          defaultVariant: "off"`,
    after: `
      flags:
        power-peg:
          state: ENABLED
          variants: { "on": true, "off": false }
          defaultVariant: "on"`,
    expect: ['flag-reused@3'],
  },
  {
    name: 'a new key, never retired, is not reported (benign)',
    file: 'flags.yaml',
    before: `
      retired: [power-peg]
      flags:
        smart-router:
          enabled: true`,
    after: `
      retired: [power-peg]
      flags:
        smart-router:
          enabled: true
        dark-mode:
          enabled: true`,
    expect: [],
  },
]);

// open-feature/flagd 9d12fc20: the sample flags moved from `fractionalEvaluation` (flagd's former
// name of the operator, with a bare bucket key) to `fractional` (with `{ var: email }`); the
// buckets were the same, but the old name was not read, so the flag looked switched on for 75%.
table(flag, 'false stops found on real history', [
  {
    name: 'open-feature/flagd 9d12fc20: fractionalEvaluation renamed to fractional is not a widening',
    file: 'config/samples/example_flags.flagd.json',
    before: '{\n  "flags": {\n    "headerColor": {\n      "state": "ENABLED",\n      "variants": { "red": "#FF0000", "blue": "#0000FF", "green": "#00FF00", "yellow": "#FFFF00" },\n      "defaultVariant": "red",\n      "targeting": { "fractionalEvaluation": ["email", ["red", 25], ["blue", 25], ["green", 25], ["yellow", 25]] }\n    }\n  }\n}',
    after: '{\n  "flags": {\n    "headerColor": {\n      "state": "ENABLED",\n      "variants": { "red": "#FF0000", "blue": "#0000FF", "green": "#00FF00", "yellow": "#FFFF00" },\n      "defaultVariant": "red",\n      "targeting": { "fractional": [{ "var": "email" }, ["red", 25], ["blue", 25], ["green", 25], ["yellow", 25]] }\n    }\n  }\n}',
    expect: [],
  },
]);
