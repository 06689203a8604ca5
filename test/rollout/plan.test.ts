import { describe, expect, test } from 'vitest';
import { checkPlanLimits, DEFAULT_PLAN_LIMITS, parsePlanText } from '../../src/rollout/plan.js';
import { parseDuration } from '../../src/rollout/duration.js';
import { InputError } from '../../src/errors.js';

const VALID = `# yaml-language-server: $schema=../schemas/rollout.schema.json
stages:
  - name: canary
    scope: { share: 1, cohort: canary }
    bake: 30m
    checks: [{ kind: deployment, name: canary }]
    rollback: set the flag back to 0
  - name: early
    scope: { share: 10, regions: [eu-west-1] }
    bake: 2h
  - name: half
    scope: { share: 50 }
    bake: 1d
  - name: all
    scope: { share: 100 }
    bake: 0m
`;

describe('parseDuration', () => {
  test.each([
    ['30m', 30],
    ['2h', 120],
    ['1.5h', 90],
    ['1d', 1440],
    ['0m', 0],
    ['30', undefined],
    ['2w', undefined],
    ['h', undefined],
    ['-1h', undefined],
  ])('%s → %s', (text, minutes) => {
    expect(parseDuration(text)).toBe(minutes);
  });
});

describe('parsePlanText', () => {
  test('a valid plan: stages in order, bakes in minutes, lines of stages', () => {
    const plan = parsePlanText('.configgate/rollout.yaml', VALID);
    expect(plan.source).toBe('.configgate/rollout.yaml');
    expect(plan.stages.map((s) => [s.name, s.scope.share, s.bakeMinutes, s.line])).toEqual([
      ['canary', 1, 30, 3],
      ['early', 10, 120, 8],
      ['half', 50, 1440, 11],
      ['all', 100, 0, 14],
    ]);
    expect(plan.stages[0].checks).toEqual([{ kind: 'deployment', name: 'canary' }]);
    expect(plan.stages[0].rollback).toBe('set the flag back to 0');
    expect(plan.stages[1].checks).toEqual([]);
  });

  test('JSON plans go through the same loader', () => {
    const plan = parsePlanText('plan.json', JSON.stringify({ stages: [{ name: 'only', scope: { environments: ['staging'] }, bake: '1h' }] }));
    expect(plan.stages[0]).toMatchObject({ name: 'only', bakeMinutes: 60, scope: { environments: ['staging'] } });
  });

  test.each([
    ['no stages', 'stages: []\n', 'plan.yaml:1: invalid rollout plan: /stages must NOT have fewer than 1 items'],
    ['bake not a duration', 'stages:\n  - name: a\n    scope: { share: 1 }\n    bake: 30\n', 'plan.yaml:4: invalid rollout plan: /stages/0/bake must be string'],
    ['bake with an unknown unit', 'stages:\n  - name: a\n    scope: { share: 1 }\n    bake: 2w\n', 'plan.yaml:4: invalid rollout plan: /stages/0/bake must match pattern "^[0-9]+(\\.[0-9]+)?(m|h|d)$"'],
    ['an unknown scope key', 'stages:\n  - name: a\n    scope: { zone: x }\n    bake: 1h\n', 'plan.yaml:3: invalid rollout plan: /stages/0/scope must NOT have additional properties "zone"'],
    ['an unknown check kind', 'stages:\n  - name: a\n    scope: { share: 1 }\n    bake: 1h\n    checks: [{ kind: pager, name: x }]\n', 'plan.yaml:5: invalid rollout plan: /stages/0/checks/0/kind must be equal to one of the allowed values (check-run, status, deployment)'],
    ['a share over 100', 'stages:\n  - name: a\n    scope: { share: 120 }\n    bake: 1h\n', 'plan.yaml:3: invalid rollout plan: /stages/0/scope/share must be <= 100'],
    ['a stage named twice', 'stages:\n  - { name: a, scope: { share: 1 }, bake: 1h }\n  - { name: a, scope: { share: 5 }, bake: 1h }\n', 'plan.yaml:3: stage "a" is named twice'],
    ['two documents', 'stages: []\n---\nstages: []\n', 'plan.yaml: a rollout plan is one document, found 2'],
    ['not YAML', 'stages: [\n', 'plan.yaml:2:'],
  ])('%s → one-line error', (_name, text, message) => {
    let error: unknown;
    try {
      parsePlanText('plan.yaml', text);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputError);
    const m = (error as InputError).message;
    expect(m.startsWith(message)).toBe(true);
    expect(m).not.toContain('\n');
  });
});

const plan = (...stages: Array<[share: number, bake: string]>): string =>
  'stages:\n' + stages.map(([share, bake], i) => `  - { name: s${i + 1}, scope: { share: ${share} }, bake: ${bake} }\n`).join('');

describe('checkPlanLimits', () => {
  test.each([
    ['a valid plan', VALID, []],
    ['first stage 50%', plan([50, '1h'], [100, '0m']), [['first-stage-too-wide', 's1', 50, 1, 2]]],
    ['a step ×20', plan([1, '1h'], [20, '1h'], [100, '0m']), [['step-too-large', 's2', 20, 10, 3]]],
    ['a bake of 5m', plan([1, '5m'], [10, '1h'], [100, '0m']), [['bake-too-short', 's1', 5, 30, 2]]],
    ['the last stage may bake 0m', plan([1, '30m'], [5, '1h'], [50, '2h'], [100, '0m']), []],
    ['exactly ×10 is allowed', plan([1, '30m'], [10, '30m'], [100, '0m']), []],
    ['several at once, in stage order', plan([5, '10m'], [100, '0m']), [
      ['first-stage-too-wide', 's1', 5, 1, 2],
      ['bake-too-short', 's1', 10, 30, 2],
      ['step-too-large', 's2', 20, 10, 3],
    ]],
  ])('%s', (_name, text, expected) => {
    const facts = checkPlanLimits(parsePlanText('plan.yaml', text), DEFAULT_PLAN_LIMITS);
    expect(facts.map((f) => [f.id, f.stage, f.actual, f.limit, f.line])).toEqual(expected);
  });

  test('stages without a share are not compared by share', () => {
    const text = 'stages:\n  - { name: staging, scope: { environments: [staging] }, bake: 1h }\n  - { name: prod, scope: { share: 100 }, bake: 0m }\n';
    expect(checkPlanLimits(parsePlanText('plan.yaml', text))).toEqual([]);
  });

  test('the message names the stage and the limit', () => {
    const [fact] = checkPlanLimits(parsePlanText('plan.yaml', plan([50, '1h'], [100, '0m'])));
    expect(fact.message).toBe('stage 1 "s1": reaches 50%, the first stage may reach at most 1%');
  });

  test('limits are options', () => {
    const facts = checkPlanLimits(parsePlanText('plan.yaml', plan([50, '1h'], [100, '0m'])), { maxFirstShare: 50, maxStepFactor: 2, minBakeMinutes: 60 });
    expect(facts).toEqual([]);
  });
});
