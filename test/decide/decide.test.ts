import { describe, expect, it } from 'vitest';
import { crosses, decide } from '../../src/decide.js';
import { DEFAULT_STAGES } from '../../src/decide.js';
import type { Finding, Waiver } from '../../src/model.js';

const now = new Date('2026-11-23T12:00:00Z');
const finding = (level: Finding['level'], policy = 'p.one', file = 'a.yaml', path = 'x.y'): Finding => ({
  policy, level, messageId: 'm', file, path, line: 3, message: 'msg',
});
const waiver = (over: Partial<Waiver> = {}): Waiver => ({
  id: 'w1', policy: 'p.one', reason: 'because', owner: 'team', expires: '2027-06-30', ...over,
});
const run = (findings: Finding[], waivers: Waiver[] = [], failOn: 'warn' | 'rollout' | 'block' | 'never' = 'rollout') =>
  decide(findings, { waivers, failOn, now, stages: DEFAULT_STAGES });

describe('decide', () => {
  it.each([
    [[], 'pass'],
    [[finding('notice')], 'pass'],
    [[finding('warn')], 'warn'],
    [[finding('warn'), finding('rollout')], 'needs-rollout'],
    [[finding('rollout'), finding('block')], 'block'],
  ] as const)('%j → %s', (findings, verdict) => {
    expect(run([...findings]).verdict).toBe(verdict);
  });

  it.each([
    ['pass', 'warn', false], ['warn', 'warn', true], ['warn', 'rollout', false], ['needs-rollout', 'rollout', true],
    ['needs-rollout', 'block', false], ['block', 'block', true], ['block', 'never', false],
  ] as const)('%s at --fail-on %s fails: %s', (verdict, failOn, expected) => {
    expect(crosses(verdict, failOn)).toBe(expected);
  });

  it('a waiver covers matching findings, which then do not count', () => {
    const d = run([finding('block')], [waiver({ files: ['a.yaml'], path: 'x.*' })]);
    expect(d.verdict).toBe('pass');
    expect(d.counts).toMatchObject({ block: 0, waived: 1 });
    expect(d.findings[0].waivedBy).toBe('w1');
    expect(d.waivers[0]).toMatchObject({ state: 'applied', matched: 1 });
  });

  it('a waiver for another file or path does not apply, and is reported unused', () => {
    const d = run([finding('block')], [waiver({ files: ['b.yaml'] })]);
    expect(d.verdict).toBe('block');
    expect(d.waivers[0].state).toBe('unused');
    expect(d.findings.map((f) => f.policy)).toContain('waiver.unused');
  });

  it('an expired waiver no longer applies and is itself a finding', () => {
    const d = run([finding('block')], [waiver({ expires: '2026-11-01' })]);
    expect(d.verdict).toBe('block');
    expect(d.findings.find((f) => f.policy === 'waiver.expired')).toMatchObject({ level: 'warn' });
  });

  it('a waiver expiring within 14 days applies and raises a notice', () => {
    const d = run([finding('block')], [waiver({ expires: '2026-11-30' })]);
    expect(d.verdict).toBe('pass');
    expect(d.waivers[0].state).toBe('expiring');
    expect(d.findings.find((f) => f.policy === 'waiver.expiring')?.message).toMatch(/expires in 7 day/);
  });

  it('needs-rollout carries a staged plan naming the first stage', () => {
    const d = run([finding('rollout'), finding('warn')]);
    expect(d.failed).toBe(true);
    expect(d.rollout?.stages.map((s) => s.scope.share)).toEqual([1, 10, 50, 100]);
    expect(d.rollout?.findings).toEqual([0]);
    expect(d.rollout?.mode).toBe('progressive');
    expect(d.rollout?.next).toMatch(/first ship it to stage canary, 1% first, bake 60m/);
  });

  it('sorts findings most severe first', () => {
    const d = run([finding('warn', 'a'), finding('block', 'b'), finding('rollout', 'c')]);
    expect(d.findings.map((f) => f.level)).toEqual(['block', 'rollout', 'warn']);
  });
});
