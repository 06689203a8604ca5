import flag from '../../../src/analyze/flag/index.js';
import { table } from '../kit/table.js';

table(flag, 'recognised (kind@line)', [
  {
    name: 'a flag switched on with no percentage reaches everyone',
    file: 'flags.yaml',
    before: `
      flags:
        new-checkout:
          enabled: false`,
    after: `
      flags:
        new-checkout:
          enabled: true`,
    expect: ['flag-enabled@3'],
  },
  {
    name: 'a rollout widened 5% → 10%',
    file: 'flags.yaml',
    before: `
      featureFlags:
        - key: search-v2
          enabled: true
          rollout: { percentage: 5 }`,
    after: `
      featureFlags:
        - key: search-v2
          enabled: true
          rollout: { percentage: 10 }`,
    expect: ['flag-widened@4'],
  },
  {
    name: 'a flag narrowed, and one switched off by a word',
    file: 'toggles.json',
    before: '{\n  "toggles": {\n    "a": { "state": "on", "percent": 50 },\n    "b": "on"\n  }\n}',
    after: '{\n  "toggles": {\n    "a": { "state": "on", "percent": 20 },\n    "b": "off"\n  }\n}',
    expect: ['flag-narrowed@3', 'flag-disabled@4'],
  },
]);

table(flag, 'ignored', [
  {
    name: '`enabled` outside a flag container',
    file: 'values.yaml',
    before: `
      autoscaling:
        enabled: false`,
    after: `
      autoscaling:
        enabled: true`,
    expect: [],
  },
  {
    name: 'a new flag (it was not there before)',
    file: 'flags.yaml',
    before: `
      flags: {}`,
    after: `
      flags:
        beta: { enabled: true }`,
    expect: [],
  },
]);

table(flag, 'steering and options', [
  {
    name: 'a forced path is read as a flag',
    file: 'values.yaml',
    before: `
      checkout:
        v2:
          enabled: false`,
    after: `
      checkout:
        v2:
          enabled: true`,
    options: { analyzers: [{ path: 'checkout.v2', analyzer: 'flag' }] },
    expect: ['flag-enabled@3'],
  },
  {
    name: 'a container named in options',
    file: 'values.yaml',
    before: `
      switches:
        dark-mode: off`,
    after: `
      switches:
        dark-mode: on`,
    analyzerOptions: { flag: { containers: ['switches'] } },
    expect: ['flag-enabled@2'],
  },
]);
