// Hand-built gate results, one per verdict, for the reporters' tests. Reporters only render, so
// these need not be reachable from real inputs; they are kept plausible so snapshots read well.
import type { Change, Counts, Finding, GateResult, Scope, Signal, WaiverStatus } from '../../src/model.js';

export function change(file: string, pathText: string, kind: Change['kind'], before: unknown, after: unknown, line: number, extra: Partial<Change> = {}): Change {
  return {
    file,
    document: 0,
    path: pathText.split('.'),
    pathText,
    kind,
    ...(before !== undefined ? { before } : {}),
    ...(after !== undefined ? { after } : {}),
    line,
    ...extra,
  };
}

export function finding(fields: Partial<Finding> & Pick<Finding, 'policy' | 'level' | 'file' | 'line'>): Finding {
  return { messageId: 'default', path: '', message: `${fields.policy} at ${fields.file}:${fields.line}`, ...fields };
}

const everywhere: Scope = { dimension: 'traffic', targets: ['*'], share: 100, basis: 'assumed' };

export function signal(fields: Partial<Signal> & Pick<Signal, 'type' | 'kind' | 'file' | 'pathText' | 'summary'>): Signal {
  return {
    direction: 'risky',
    document: 0,
    path: fields.pathText.split('.'),
    line: 1,
    changes: [],
    scope: everywhere,
    data: {},
    ...fields,
  };
}

/** Counts as `decide` would compute them from the findings. */
export function countsOf(findings: readonly Finding[]): Counts {
  const counts: Counts = { block: 0, rollout: 0, warn: 0, notice: 0, waived: 0 };
  for (const f of findings) {
    if (f.waivedBy) counts.waived++;
    else counts[f.level]++;
  }
  return counts;
}

const appChanges = [
  change('config/app.yaml', 'logging.level', 'modified', 'info', 'debug', 12),
  change('config/app.yaml', 'logging.sampling', 'modified', 0.01, 1, 13),
  change('config/app.yaml', 'features.newCheckout', 'added', undefined, { enabled: true, cohort: 'all' }, 30),
];
const routeChanges = [
  change('config/routes.yaml', 'pools[name=eu-west].weight', 'modified', 50, 0, 8),
  change('config/routes.yaml', 'pools[name=us-east].weight', 'modified', 50, 100, 14),
  change('config/routes.yaml', 'pools[name=ap-south]', 'removed', { name: 'ap-south', weight: 0 }, undefined, 20),
  change('config/routes.yaml', 'pools[name=us-east]', 'moved', undefined, undefined, 11, { from: 1, to: 0 }),
];
const billingChanges = [
  change('config/billing.json', 'rules[id=img-api].plans', 'modified', ['free', 'pro', 'internal'], ['pro'], 4),
  change('config/billing.json', 'rules[id=img-api].note', 'added', undefined, 'pipe | and <script>alert(1)</script> `tick`', 9),
];

const blockFindings: Finding[] = [
  finding({
    policy: 'entitlement.internal-denied',
    level: 'block',
    messageId: 'internalDenied',
    file: 'config/billing.json',
    path: 'rules[id=img-api].plans',
    line: 4,
    column: 7,
    message: 'first-party callers (web, ios, android) lose access to img-api',
    before: ['free', 'pro', 'internal'],
    after: ['pro'],
    signal: 2,
  }),
  finding({
    policy: 'routing.pool-overload',
    level: 'block',
    messageId: 'overloaded',
    file: 'config/routes.yaml',
    path: 'pools[name=us-east].weight',
    line: 14,
    column: 5,
    message: 'us-east would run at 160% of capacity',
    before: 50,
    after: 100,
    signal: 1,
  }),
  finding({
    policy: 'verbosity.global-raise',
    level: 'rollout',
    messageId: 'raisedEverywhere',
    file: 'config/app.yaml',
    path: 'logging.level',
    line: 12,
    message: 'log level raised on 100% of traffic at once',
    before: 'info',
    after: 'debug',
    signal: 0,
  }),
  finding({
    policy: 'schema.valid',
    level: 'warn',
    messageId: 'unknownKey',
    file: 'config/app.yaml',
    path: 'features.newCheckout',
    line: 30,
    message: 'key is not in the schema',
    after: { enabled: true, cohort: 'all' },
    waivedBy: 'W-7',
  }),
];

/** Blocked: several files, signals, a waived finding, a skipped file and a policy file change. */
export const blockResult: GateResult = {
  verdict: 'block',
  counts: countsOf(blockFindings),
  findings: blockFindings,
  signals: [
    signal({
      type: 'verbosity',
      kind: 'level-raised',
      file: 'config/app.yaml',
      pathText: 'logging.level',
      line: 12,
      summary: 'log level info → debug on all regions (≈40× log volume)',
      data: { from: 'info', to: 'debug', factor: 40n },
      changes: [appChanges[0]],
      missing: ['inventory.logging.volumePerRegion'],
    }),
    signal({
      type: 'routing',
      kind: 'pool-overloaded',
      file: 'config/routes.yaml',
      pathText: 'pools[name=us-east].weight',
      line: 14,
      summary: 'all traffic moved from eu-west to us-east; us-east at 160% of capacity',
      scope: { dimension: 'traffic', targets: ['eu-west', 'us-east'], share: 100, basis: 'inventory' },
      data: { moved: 50, utilisation: 1.6 },
      changes: routeChanges.slice(0, 2),
    }),
    signal({
      type: 'entitlement',
      kind: 'access-lost',
      file: 'config/billing.json',
      pathText: 'rules[id=img-api].plans',
      line: 4,
      summary: '3 internal callers lose access to img-api',
      scope: { dimension: 'callers', targets: ['web', 'ios', 'android'], share: 62.5, basis: 'inventory' },
      data: { callers: ['web', 'ios', 'android'] },
    }),
    signal({
      type: 'capacity',
      kind: 'capacity-dropped',
      direction: 'safe',
      file: 'config/routes.yaml',
      pathText: 'pools[name=ap-south]',
      line: 20,
      summary: 'empty pool ap-south removed',
      scope: { dimension: 'hosts', targets: ['ap-south'], share: 0.04, basis: 'inventory' },
    }),
  ],
  files: [
    { path: 'config/app.yaml', status: 'modified', changes: appChanges },
    { path: 'config/routes.yaml', oldPath: 'config/routing.yaml', status: 'renamed', changes: routeChanges },
    { path: 'config/billing.json', status: 'modified', changes: billingChanges },
  ],
  skipped: [
    { path: 'assets/logo.png', reason: 'binary' },
    { path: 'README.md', reason: 'not-config' },
  ],
  waivers: [
    {
      waiver: { id: 'W-7', policy: 'schema.valid', files: ['config/app.yaml'], reason: 'schema update pending (#412)', owner: 'platform-team', expires: '2026-09-30' },
      state: 'applied',
      matched: 1,
      daysLeft: 120,
    },
  ],
  baseLabel: 'origin/main',
  headLabel: 'feature/eu-drain',
  failed: true,
  failOn: 'block',
  policyFilesChanged: ['.configgate.yml'],
};

const rolloutFindings: Finding[] = [
  finding({
    policy: 'verbosity.global-raise',
    level: 'rollout',
    messageId: 'raisedEverywhere',
    file: 'config/app.yaml',
    path: 'logging.level',
    line: 12,
    message: 'log level raised on 100% of traffic at once',
    before: 'info',
    after: 'debug',
    signal: 0,
  }),
  finding({
    policy: 'flag.wide-enable',
    level: 'rollout',
    messageId: 'enabledForAll',
    file: 'config/flags.yaml',
    path: 'flags[name=new-search].cohort',
    line: 7,
    message: 'flag new-search enabled for every user at once',
    before: 'beta',
    after: 'all',
  }),
];

/** Needs a rollout: two findings at level rollout and the staged plan. */
export const rolloutResult: GateResult = {
  verdict: 'needs-rollout',
  counts: countsOf(rolloutFindings),
  findings: rolloutFindings,
  signals: [
    signal({
      type: 'verbosity',
      kind: 'level-raised',
      file: 'config/app.yaml',
      pathText: 'logging.level',
      line: 12,
      summary: 'log level info → debug on all regions',
      data: { from: 'info', to: 'debug', factor: 40 },
    }),
    signal({
      type: 'flag',
      kind: 'flag-enabled',
      file: 'config/flags.yaml',
      pathText: 'flags[name=new-search].cohort',
      line: 7,
      summary: 'new-search enabled for all users (was beta)',
      scope: { dimension: 'users', targets: ['all'], share: 100, basis: 'config' },
    }),
  ],
  files: [
    { path: 'config/app.yaml', status: 'modified', changes: [appChanges[0]] },
    { path: 'config/flags.yaml', status: 'modified', changes: [change('config/flags.yaml', 'flags[name=new-search].cohort', 'modified', 'beta', 'all', 7)] },
  ],
  skipped: [],
  waivers: [],
  baseLabel: 'origin/main',
  headLabel: 'HEAD',
  failed: true,
  failOn: 'rollout',
  rollout: {
    mode: 'deploy',
    plan: {
      source: '.configgate/rollout.yaml',
      stages: [
        { name: 'canary', scope: { share: 1 }, bake: '1h', bakeMinutes: 60, checks: [{ kind: 'deployment', name: 'canary' }], line: 2 },
        { name: 'early', scope: { share: 10 }, bake: '2h', bakeMinutes: 120, checks: [], line: 3 },
        { name: 'half', scope: { share: 50, regions: ['eu-west-1'] }, bake: '30h', bakeMinutes: 1800, checks: [], line: 4 },
        { name: 'all', scope: { share: 100 }, bake: '0m', bakeMinutes: 0, checks: [], line: 5 },
      ],
    },
    stages: [
      {
        name: 'canary',
        scope: { share: 1 },
        state: 'done',
        since: '2026-12-02T06:00:00Z',
        evidence: [{ kind: 'deployment', name: 'canary', state: 'success', at: '2026-12-02T06:00:00Z', url: 'https://github.example/o/r/deployments/1' }],
      },
      {
        name: 'early',
        scope: { share: 10 },
        state: 'baking',
        since: '2026-12-02T10:47:00Z',
        bakeLeftMinutes: 47,
        evidence: [{ kind: 'file', name: 'early', state: 'success', at: '2026-12-02T10:47:00Z' }],
      },
      { name: 'half', scope: { share: 50, regions: ['eu-west-1'] }, state: 'pending', evidence: [] },
      { name: 'all', scope: { share: 100 }, state: 'pending', evidence: [] },
    ],
    satisfied: false,
    next: 'stage 2 of 4 (early, 10%): baking, 47 min left',
    findings: [0, 1],
  },
};

const waiverStatuses: WaiverStatus[] = [
  {
    waiver: { id: 'W-1', policy: 'size.growth', reason: 'generated file, reviewed by hand', owner: 'alice', expires: '2026-12-31' },
    state: 'applied',
    matched: 2,
    daysLeft: 200,
  },
  {
    waiver: { id: 'W-2', policy: 'deletion.share', path: 'hosts.*', reason: 'decommissioning rack 12', owner: 'bob', expires: '2026-06-20' },
    state: 'expiring',
    matched: 1,
    daysLeft: 5,
  },
  {
    waiver: { id: 'W-3', policy: 'capacity.removed', reason: 'migration Q1', owner: 'carol', expires: '2026-03-01' },
    state: 'expired',
    matched: 0,
    daysLeft: -107,
  },
  {
    waiver: { id: 'W-4', policy: 'schema.valid', files: ['legacy/**'], reason: 'old format', owner: 'dave', expires: '2027-01-01' },
    state: 'unused',
    matched: 0,
    daysLeft: 200,
  },
];

const warnFindings: Finding[] = [
  finding({ policy: 'deletion.share', level: 'warn', messageId: 'manyRemoved', file: 'inventory/hosts.yaml', path: 'hosts', line: 3, message: '30% of hosts removed', before: 40, after: 28 }),
  finding({ policy: 'waiver.expired', level: 'warn', messageId: 'expired', file: '.configgate.yml', path: 'waivers[W-3]', line: 0, message: 'waiver W-3 for capacity.removed (owner carol) expired on 2026-03-01; it no longer applies' }),
  finding({ policy: 'waiver.expiring', level: 'notice', messageId: 'expiring', file: '.configgate.yml', path: 'waivers[W-2]', line: 0, message: 'waiver W-2 for deletion.share (owner bob) expires in 5 day(s), on 2026-06-20' }),
  finding({ policy: 'waiver.unused', level: 'notice', messageId: 'unused', file: '.configgate.yml', path: 'waivers[W-4]', line: 0, message: 'waiver W-4 for schema.valid matched no finding; remove it' }),
  finding({ policy: 'size.growth', level: 'block', messageId: 'grew', file: 'generated/routes.json', path: '', line: 1, message: 'file grew 4.2×', waivedBy: 'W-1' }),
  finding({ policy: 'size.growth', level: 'warn', messageId: 'grew', file: 'generated/acl.json', path: '', line: 1, message: 'file grew 2.1×', waivedBy: 'W-1' }),
  finding({ policy: 'deletion.share', level: 'block', messageId: 'manyRemoved', file: 'inventory/hosts.yaml', path: 'hosts[name=r12-*]', line: 40, message: 'rack 12 hosts removed', waivedBy: 'W-2' }),
];

/** A warning, with waivers in every state (applied, expiring, expired, unused). */
export const warnResult: GateResult = {
  verdict: 'warn',
  counts: countsOf(warnFindings),
  findings: warnFindings,
  signals: [
    signal({
      type: 'deletion',
      kind: 'mass-removal',
      file: 'inventory/hosts.yaml',
      pathText: 'hosts',
      line: 3,
      summary: '12 of 40 hosts removed',
      scope: { dimension: 'hosts', targets: ['r12'], share: 30, basis: 'inventory' },
    }),
  ],
  files: [
    { path: 'inventory/hosts.yaml', status: 'modified', changes: [change('inventory/hosts.yaml', 'hosts', 'modified', 40, 28, 3)] },
    { path: 'generated/routes.json', status: 'modified', changes: [] },
    { path: 'generated/acl.json', status: 'added', changes: [change('generated/acl.json', '', 'added', undefined, { acl: [] }, 1)] },
  ],
  skipped: [{ path: 'big.yaml', reason: 'too-large' }],
  waivers: waiverStatuses,
  baseLabel: 'old/',
  headLabel: 'new/',
  failed: false,
  failOn: 'block',
};

/** Nothing changed that matters. */
export const passResult: GateResult = {
  verdict: 'pass',
  counts: { block: 0, rollout: 0, warn: 0, notice: 0, waived: 0 },
  findings: [],
  signals: [],
  files: [],
  skipped: [],
  waivers: [],
  baseLabel: 'HEAD',
  headLabel: 'index',
  failed: false,
  failOn: 'block',
};

/** A blocked change with `n` findings spread over `files` files, each with a couple of changes. */
export function manyFindings(n: number, files = 200): GateResult {
  const findings: Finding[] = [];
  for (let i = 0; i < n; i++) {
    const level = (['block', 'rollout', 'warn', 'notice'] as const)[i % 4];
    findings.push(
      finding({
        policy: `policy.${i % 7}`,
        level,
        messageId: 'm',
        file: `config/service-${i % files}.yaml`,
        path: `spec.items[name=item-${i}].value`,
        line: 10 + i,
        message: `value of item-${i} changed in a way that matters | with <b>markup</b> and a longish explanation so that rows have some weight`,
        before: `old-${i}`,
        after: { value: i, note: 'x'.repeat(80) },
      }),
    );
  }
  return {
    ...passResult,
    verdict: 'block',
    failed: true,
    counts: countsOf(findings),
    findings,
    signals: Array.from({ length: 80 }, (_, i) =>
      signal({ type: 'routing', kind: 'traffic-shifted', file: `config/service-${i}.yaml`, pathText: 'spec.weight', summary: `traffic moved on service-${i}` }),
    ),
    files: Array.from({ length: files }, (_, f) => ({
      path: `config/service-${f}.yaml`,
      status: 'modified' as const,
      changes: Array.from({ length: 40 }, (_, c) => change(`config/service-${f}.yaml`, `spec.items[name=item-${c}].value`, 'modified', c, c + 1, 10 + c)),
    })),
  };
}
