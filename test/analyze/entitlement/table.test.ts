import entitlement from '../../../src/analyze/entitlement/index.js';
import type { Inventory } from '../../../src/analyze/types.js';
import { table } from '../kit/table.js';

const inventory: Inventory = {
  callers: [
    { id: 'web-client', internal: true, plan: 'first-party', endpoints: ['/media/upload', '/timeline'] },
    { id: 'partner-pro', plan: 'pro', endpoints: ['/media/upload', '/timeline'] },
    { id: 'hobbyist', plan: 'free', endpoints: ['/timeline'] },
  ],
};

const plans = (enforcement: string, extra = '') => `
  enforcement: ${enforcement}${extra}
  plans:
    free:
      endpoints: [/timeline]
    pro:
      endpoints: [/timeline, /media/*]
      price: 99`;

table(entitlement, 'recognised (kind@line)', [
  {
    name: 'enforcement switched on without exempting internal callers',
    file: 'gateway/plans.yaml',
    before: plans('false'),
    after: plans('true'),
    inventory,
    expect: ['access-lost@1', 'charged@1'],
  },
  {
    name: 'the same with internal callers exempted',
    file: 'gateway/plans.yaml',
    before: plans('false'),
    after: plans('true', '\n  exemptInternal: true'),
    inventory,
    expect: ['charged@1', 'exemption-added@2'],
  },
  {
    name: 'an internal caller dropped from the exempt list',
    file: 'billing.yaml',
    before: `
      billing:
        enforce: true
        exempt: [web-client, partner-pro]
        rules:
          - path: /media/*
            price: 0.01`,
    after: `
      billing:
        enforce: true
        exempt: [partner-pro]
        rules:
          - path: /media/*
            price: 0.01`,
    inventory,
    expect: ['charged@3', 'exemption-removed@3'],
  },
  {
    name: 'an endpoint removed from a plan (no registry: one caller per plan)',
    file: 'plans.yaml',
    before: `
      plans:
        free:
          endpoints: [/timeline, /search]`,
    after: `
      plans:
        free:
          endpoints: [/timeline]`,
    expect: ['access-lost@3'],
  },
  {
    name: 'kong acl plugin narrowed to one group',
    file: 'kong.yaml',
    before: `
      services:
        - name: media
          routes:
            - paths: [/media]
          plugins:
            - name: acl
              config:
                allow: [pro, first-party]`,
    after: `
      services:
        - name: media
          routes:
            - paths: [/media]
          plugins:
            - name: acl
              config:
                allow: [pro]`,
    inventory: { callers: [{ id: 'web-client', internal: true, plan: 'first-party', endpoints: ['/media'] }] },
    expect: ['access-lost@8'],
  },
]);

table(entitlement, 'ignored', [
  {
    name: 'a plan description edited',
    file: 'plans.yaml',
    before: `
      plans:
        free:
          description: Free tier
          endpoints: [/timeline]`,
    after: `
      plans:
        free:
          description: The free tier
          endpoints: [/timeline]`,
    inventory,
    expect: [],
  },
  {
    name: 'an app feature `enabled` outside any entitlement context',
    file: 'app.yaml',
    before: `
      search:
        enabled: false`,
    after: `
      search:
        enabled: true`,
    expect: [],
  },
]);

table(entitlement, 'steering: a forced path is read whatever its key', [
  {
    name: 'an unknown on/off key forced to entitlement is an enforcement switch',
    file: 'gateway/plans.yaml',
    before: plans('false').replace('enforcement:', 'gatekeeping:'),
    after: plans('true').replace('enforcement:', 'gatekeeping:'),
    inventory,
    options: { analyzers: [{ path: 'gatekeeping', analyzer: 'entitlement' }] },
    expect: ['access-lost@1', 'charged@1'],
  },
  {
    name: 'the same key, not forced, is not a switch',
    file: 'gateway/plans.yaml',
    before: plans('false').replace('enforcement:', 'gatekeeping:'),
    after: plans('true').replace('enforcement:', 'gatekeeping:'),
    inventory,
    expect: [],
  },
  {
    name: 'an unknown list forced to entitlement is an exempt list',
    file: 'billing.yaml',
    before: `
      billing:
        enforce: true
        free_riders: [web-client]
        rules:
          - path: /media/*
            price: 0.01`,
    after: `
      billing:
        enforce: true
        free_riders: []
        rules:
          - path: /media/*
            price: 0.01`,
    inventory,
    options: { analyzers: [{ path: 'billing.free_riders', analyzer: 'entitlement' }] },
    expect: ['charged@3', 'exemption-removed@3'],
  },
]);
