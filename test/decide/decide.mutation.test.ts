// Exact-value tables for the decide step (src/decide.ts): waiver states at their day boundaries,
// waiver matching, the findings about waivers, counts and ordering. Written against the mutants
// `npm run mutate` left alive.
import { describe, expect, it } from 'vitest';
import { decide, DEFAULT_STAGES, EXPIRING_DAYS, type DecideOptions } from '../../src/decide.js';
import type { Finding, Waiver } from '../../src/model.js';
import type { RolloutInput } from '../../src/rollout/decision.js';
import { DEFAULT_PLAN_LIMITS, planFromStages } from '../../src/rollout/plan.js';

const now = new Date('2026-11-23T12:00:00Z');
const finding = (over: Partial<Finding> = {}): Finding => ({
  policy: 'p.one',
  level: 'block',
  messageId: 'm',
  file: 'a.yaml',
  path: 'x.y',
  line: 3,
  message: 'msg',
  ...over,
});
const waiver = (over: Partial<Waiver> = {}): Waiver => ({
  id: 'w1',
  policy: 'p.one',
  reason: 'because',
  owner: 'team',
  expires: '2027-06-30',
  ...over,
});
const run = (findings: Finding[], waivers: Waiver[] = [], opts: Partial<DecideOptions> = {}) =>
  decide(findings, { waivers, failOn: 'rollout', now, stages: DEFAULT_STAGES, ...opts });

describe('waiver states at their day boundaries', () => {
  it.each([
    ['expires today: still applies (until 23:59:59 UTC)', '2026-11-23', 'expiring', 0, 'pass'],
    ['expired yesterday', '2026-11-22', 'expired', -1, 'block'],
    ['13 days left', '2026-12-06', 'expiring', 13, 'pass'],
    ['exactly 14 days left: applied', '2026-12-07', 'applied', 14, 'pass'],
    ['far away', '2099-01-01', 'applied', 26337, 'pass'],
  ])('%s', (_name, expires, state, daysLeft, verdict) => {
    const d = run([finding()], [waiver({ expires })]);
    expect([d.waivers[0].state, d.waivers[0].daysLeft, d.verdict]).toEqual([state, daysLeft, verdict]);
    expect(EXPIRING_DAYS).toBe(14);
  });
});

describe('which findings a waiver covers', () => {
  it.each([
    ['its policy', {}, finding(), true],
    ['another policy', {}, finding({ policy: 'p.two' }), false],
    ['a policy glob', { policy: 'p.*' }, finding({ policy: 'p.two' }), true],
    ['a policy glob of another family', { policy: 'q.*' }, finding({ policy: 'p.two' }), false],
    ['its files', { files: ['a.yaml'] }, finding(), true],
    ['a files glob', { files: ['**/*.yaml'] }, finding({ file: 'svc/a.yaml' }), true],
    ['not its files', { files: ['b.yaml'] }, finding(), false],
    ['no files: every file', { files: [] }, finding({ file: 'z.yaml' }), true],
    ['its exact path text', { path: 'routes[name=api].weight' }, finding({ path: 'routes[name=api].weight' }), true],
    ['a path pattern', { path: 'x.*' }, finding({ path: 'x.y' }), true],
    ['a path pattern that does not reach', { path: 'x.*' }, finding({ path: 'x.y.z' }), false],
    ['a deep path pattern', { path: 'x.**' }, finding({ path: 'x.y.z' }), true],
    ['a quoted key in brackets', { path: 'a.b.c' }, finding({ path: 'a["b"].c' }), true],
    ['a list index', { path: 'l.0.n' }, finding({ path: 'l[0].n' }), true],
    ['another path', { path: 'x.z' }, finding(), false],
  ])('%s', (_name, over, f, covered) => {
    const d = run([f], [waiver(over)]);
    expect(d.findings[0].waivedBy).toBe(covered ? 'w1' : undefined);
    expect(d.waivers[0].matched).toBe(covered ? 1 : 0);
  });

  it('the first waiver that is not expired takes the finding', () => {
    const d = run([finding()], [waiver({ id: 'old', expires: '2020-01-01' }), waiver({ id: 'a' }), waiver({ id: 'b' })]);
    expect(d.findings.filter((f) => f.policy === 'p.one').map((f) => f.waivedBy)).toEqual(['a']);
    expect(d.waivers.map((w) => [w.waiver.id, w.state, w.matched])).toEqual([
      ['old', 'expired', 0],
      ['a', 'applied', 1],
      ['b', 'unused', 0],
    ]);
  });

  it('a waiver for every policy cannot waive the findings about waivers', () => {
    const d = run([finding()], [waiver({ id: 'all', policy: '*' }), waiver({ id: 'gone', expires: '2020-01-01' })]);
    expect(d.findings.map((f) => [f.policy, f.waivedBy])).toEqual([
      ['waiver.expired', undefined],
      ['p.one', 'all'],
    ]);
  });

  it('one waiver covers every finding it matches', () => {
    const d = run([finding({ line: 1 }), finding({ line: 2 }), finding({ policy: 'p.two' })], [waiver()]);
    expect(d.waivers[0].matched).toBe(2);
    expect(d.counts).toEqual({ block: 1, rollout: 0, warn: 0, notice: 0, waived: 2 });
  });
});

describe('the findings about waivers', () => {
  it.each([
    [
      'expired',
      { expires: '2026-11-01' },
      [finding()],
      'waiver.expired',
      'warn',
      'waiver w1 for p.one (owner team) expired on 2026-11-01; it no longer applies',
    ],
    [
      'expiring',
      { expires: '2026-11-30' },
      [finding()],
      'waiver.expiring',
      'notice',
      'waiver w1 for p.one (owner team) expires in 7 day(s), on 2026-11-30',
    ],
    ['unused', {}, [], 'waiver.unused', 'notice', 'waiver w1 for p.one matched no finding; remove it'],
    [
      'unused and expiring: unused',
      { expires: '2026-11-30' },
      [],
      'waiver.unused',
      'notice',
      'waiver w1 for p.one matched no finding; remove it',
    ],
  ])('%s', (_name, over, findings, policy, level, message) => {
    const d = run(findings, [waiver(over)]);
    const about = d.findings.filter((f) => f.policy.startsWith('waiver.'));
    expect(about).toStrictEqual([
      { policy, level, messageId: policy.slice('waiver.'.length), file: '.configgate.yml', path: 'waivers[w1]', line: 0, message },
    ]);
  });

  it('an applied waiver far from expiry raises nothing', () => {
    expect(run([finding()], [waiver()]).findings.map((f) => f.policy)).toEqual(['p.one']);
  });

  it('the state of an unused waiver is unused, an expired one stays expired', () => {
    expect(run([], [waiver()]).waivers[0].state).toBe('unused');
    expect(run([], [waiver({ expires: '2020-01-01' })]).waivers[0].state).toBe('expired');
  });

  it.each([
    ['off: no finding', 'off', []],
    ['raised to block', 'block', [['waiver.unused', 'block']]],
  ] as const)('the config binds the check: %s', (_name, level, expected) => {
    const d = run([], [waiver()], { levelOf: () => level });
    expect(d.findings.map((f) => [f.policy, f.level])).toEqual(expected);
    expect(d.verdict).toBe(level === 'block' ? 'block' : 'pass');
  });

  it('names the config file the waivers are written in', () => {
    expect(run([], [waiver()], { configFile: 'team/.configgate.yml' }).findings[0].file).toBe('team/.configgate.yml');
  });
});

describe('counts, verdict and order', () => {
  it('counts each level once and waived findings apart', () => {
    const d = run(
      [
        finding({ level: 'notice' }),
        finding({ level: 'warn' }),
        finding({ level: 'warn', policy: 'p.w' }),
        finding({ level: 'block', policy: 'p.w' }),
      ],
      [waiver({ policy: 'p.w' })],
    );
    expect(d.counts).toEqual({ block: 0, rollout: 0, warn: 1, notice: 1, waived: 2 });
    expect(d.verdict).toBe('warn');
    expect(d.failed).toBe(false);
  });

  it.each([
    ['notices only pass', ['notice'], 'pass', false],
    ['a warn', ['notice', 'warn'], 'warn', false],
    ['a rollout', ['warn', 'rollout'], 'needs-rollout', true],
    ['a block', ['rollout', 'block'], 'block', true],
  ] as const)('%s', (_name, levels, verdict, failed) => {
    const d = run(levels.map((level, i) => finding({ level, line: i })));
    expect([d.verdict, d.failed]).toEqual([verdict, failed]);
  });

  it('orders most severe first, waived last, then by file, line and policy', () => {
    const d = run(
      [
        finding({ level: 'warn', file: 'b.yaml', line: 1, policy: 'p.a' }),
        finding({ level: 'warn', file: 'a.yaml', line: 9, policy: 'p.a' }),
        finding({ level: 'warn', file: 'a.yaml', line: 2, policy: 'p.b' }),
        finding({ level: 'warn', file: 'a.yaml', line: 2, policy: 'p.a' }),
        finding({ level: 'block', file: 'z.yaml', line: 5, policy: 'p.waived' }),
        finding({ level: 'notice', file: 'a.yaml', line: 1, policy: 'p.a' }),
      ],
      [waiver({ policy: 'p.waived' })],
    );
    expect(d.findings.map((f) => `${f.level} ${f.file}:${f.line} ${f.policy}${f.waivedBy ? ' waived' : ''}`)).toEqual([
      'warn a.yaml:2 p.a',
      'warn a.yaml:2 p.b',
      'warn a.yaml:9 p.a',
      'warn b.yaml:1 p.a',
      'notice a.yaml:1 p.a',
      'block z.yaml:5 p.waived waived',
    ]);
  });
});

describe('the rollout', () => {
  it('a waived rollout finding needs no rollout', () => {
    const d = run([finding({ level: 'rollout' })], [waiver()]);
    expect([d.verdict, d.rollout]).toEqual(['pass', undefined]);
  });

  it('no rollout finding: no rollout report', () => {
    expect(run([finding({ level: 'warn' })]).rollout).toBeUndefined();
  });

  it('the report lists the indices of the unwaived rollout findings after sorting', () => {
    const d = run(
      [finding({ level: 'warn', line: 1 }), finding({ level: 'rollout', line: 2 }), finding({ level: 'rollout', line: 3, policy: 'p.w' })],
      [waiver({ policy: 'p.w' })],
    );
    expect(d.findings.map((f) => [f.level, f.line, f.waivedBy ?? null])).toEqual([
      ['rollout', 2, null],
      ['warn', 1, null],
      ['rollout', 3, 'w1'],
    ]);
    expect(d.rollout?.findings).toEqual([0]);
    expect(d.rollout?.satisfied).toBe(false);
    expect(d.rollout?.plan.stages.map((s) => [s.name, s.bakeMinutes])).toEqual([
      ['canary', 60],
      ['early', 120],
      ['half', 240],
      ['all', 0],
    ]);
  });

  it('the config stages make the default plan', () => {
    const d = run([finding({ level: 'rollout' })], [], {
      stages: [
        { name: 'one', share: 5, bakeMinutes: 30 },
        { name: 'rest', share: 100, bakeMinutes: 0 },
      ],
    });
    expect(d.rollout?.stages.map((s) => [s.name, s.scope.share])).toEqual([
      ['one', 5],
      ['rest', 100],
    ]);
  });
});

describe('a needs-rollout whose staged rollout is complete', () => {
  const plan = planFromStages(DEFAULT_STAGES, 'config rollout');
  const evidence = (states: Array<'success' | 'pending'>) =>
    plan.stages.map((s, i) => ({
      stage: s.name,
      kind: 'deployment',
      name: `deploy-${s.name}`,
      state: states[i],
      at: new Date(now.getTime() - (40 - i) * 86_400_000).toISOString(),
    }));
  const input = (states: Array<'success' | 'pending'>, always = false): RolloutInput => ({
    plan,
    planOrigin: 'config',
    evidence: evidence(states),
    signals: [],
    limits: DEFAULT_PLAN_LIMITS,
    limitsLevel: 'off',
    nextStep: { capacityStepPercent: 25 },
    ...(always ? { always } : {}),
  });
  const all = ['success', 'success', 'success', 'success'] as const;

  it.each([
    ['every stage done: pass', [finding({ level: 'rollout' })], [...all], 'pass', true],
    ['every stage done, and a warning: warn', [finding({ level: 'rollout' }), finding({ level: 'warn', line: 9 })], [...all], 'warn', true],
    [
      'the last stage pending: needs-rollout',
      [finding({ level: 'rollout' })],
      ['success', 'success', 'success', 'pending'],
      'needs-rollout',
      false,
    ],
    ['complete, but a block still blocks', [finding({ level: 'rollout' }), finding({ level: 'block', line: 9 })], [...all], 'block', true],
  ] as const)('%s', (_name, findings, states, verdict, satisfied) => {
    const d = run([...findings], [], { rollout: input([...states]) });
    expect([d.verdict, d.rollout?.satisfied, d.rollout?.mode]).toEqual([verdict, satisfied, 'deploy']);
  });

  it('rollout status (always) reports the rollout with no finding needing it', () => {
    const d = run([finding({ level: 'warn' })], [], { rollout: input([...all], true) });
    expect([d.verdict, d.rollout?.mode, d.rollout?.findings]).toEqual(['warn', 'deploy', []]);
  });

  it('without a rollout input the default plan is named and progressive', () => {
    const d = run([finding({ level: 'rollout' })]);
    expect([d.rollout?.mode, d.rollout?.plan.source, d.rollout?.satisfied]).toEqual(['progressive', '(default plan)', false]);
  });
});

describe('waiver matching, more', () => {
  it.each([
    ['multi-letter segments under a pattern', { path: 'spec.*' }, finding({ path: 'spec.replicas' }), true],
    ['a deep pattern over long names', { path: 'routes.**' }, finding({ path: 'routes[name=api].weight' }), true],
    ['a quoted key with a dot, exactly', { path: 'a["b.c"]' }, finding({ path: 'a["b.c"]' }), true],
    ['a policy with a glob character other than *: exact', { policy: 'p.on?' }, finding(), false],
  ])('%s', (_name, over, f, covered) => {
    expect(run([f], [waiver(over)]).findings[0].waivedBy).toBe(covered ? 'w1' : undefined);
  });

  it('a waiver expiring at this very second still applies', () => {
    const d = run([finding()], [waiver({ expires: '2026-11-23' })], { now: new Date('2026-11-23T23:59:59Z') });
    expect([d.waivers[0].state, d.waivers[0].daysLeft, d.verdict]).toEqual(['expiring', 0, 'pass']);
  });
});
