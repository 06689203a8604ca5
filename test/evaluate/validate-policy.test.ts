import { describe, expect, it } from 'vitest';
import { diffDocuments } from '../../src/diff/index.js';
import { decide, DEFAULT_STAGES } from '../../src/decide.js';
import { definePolicy, evaluatePolicies, GATE_CHECKS, type Policy } from '../../src/evaluate/index.js';
import type { FileDiff, Waiver } from '../../src/model.js';

type Definition = Parameters<typeof definePolicy>[0];

const valid: Definition = {
  id: 'team.replicas',
  source: 'team.ts',
  meta: { description: 'd', defaultLevel: 'warn', messages: { low: 'replicas {{ to }}' } },
  optionsSchema: { type: 'object', properties: { min: { type: 'number', minimum: 1 } } },
  defaultOptions: { min: 2 },
  checkChange() {},
};

describe('definePolicy goes through the one validator', () => {
  it.each<[string, Partial<Definition>, RegExp]>([
    ['an id with spaces and capitals', { id: 'Bad Id!' }, /^team\.ts: policy "Bad Id!": id must be dotted lower-case words/],
    ['an id of one word', { id: 'replicas' }, /^team\.ts: policy "replicas": id must be dotted lower-case words/],
    ['an unknown level', { meta: { ...valid.meta, defaultLevel: 'loud' as never } }, /^team\.ts: policy "team\.replicas": meta\.defaultLevel must be one of off\|notice\|warn\|rollout\|block, got "loud"$/],
    ['no message ids', { meta: { ...valid.meta, messages: {} } }, /^team\.ts: policy "team\.replicas": meta\.messages must declare at least one message id$/],
    ['an options schema that does not compile', { optionsSchema: { type: 'object', properties: { min: { type: 'nummber' } } } }, /^team\.ts: policy "team\.replicas": optionsSchema does not compile: /],
    ['defaults the options schema rejects', { defaultOptions: { min: 0 } }, /^team\.ts: policy "team\.replicas": defaultOptions do not match optionsSchema: \/min must be >= 1$/],
    ['no check function', { checkChange: undefined }, /^team\.ts: policy "team\.replicas": needs checkChange or checkSignal$/],
  ])('rejects %s', (_name, change, message) => {
    expect(() => definePolicy({ ...valid, ...change } as Definition)).toThrowError(message);
  });

  it('accepts the valid definition, with source api when none is given', () => {
    const { source: _source, ...rest } = valid;
    expect(definePolicy(rest).source).toBe('api');
  });

  it('a report by an undeclared message id fails, naming the policy and the declared ids', () => {
    const policy = definePolicy({ ...valid, checkChange: (_change, ctx) => ctx.report({ messageId: 'lowe' }) });
    const diff: FileDiff = { path: 'a.yaml', status: 'modified', changes: diffDocuments('a.yaml', [{ replicas: 3 }], [{ replicas: 1 }]) };
    expect(() => evaluatePolicies([policy as Policy], [diff], [], () => ({ level: 'warn', options: {} }))).toThrowError(
      'team.ts: policy "team.replicas" reported undeclared messageId "lowe" (declared: low)',
    );
  });
});

describe("the gate's own checks are registered policies", () => {
  it('each has an id, a default level, a description and its messages', () => {
    for (const [id, check] of Object.entries(GATE_CHECKS)) {
      expect([check.id, check.source, Object.keys(check.meta.messages).length > 0]).toEqual([id, 'builtin:gate', true]);
      expect(check.meta.description.length).toBeGreaterThan(10);
    }
  });

  const now = new Date('2026-06-01T00:00:00Z');
  const waiver = (expires: string): Waiver => ({ id: 'W-1', policy: 'team.replicas', reason: 'r', owner: 'ann', expires });
  const run = (w: Waiver, levels: Record<string, 'off' | 'warn' | 'block'> = {}) =>
    decide([], { waivers: [w], failOn: 'rollout', now, stages: DEFAULT_STAGES, levelOf: (id) => levels[id] ?? GATE_CHECKS[id].meta.defaultLevel, configFile: 'c.yml' });

  it.each([
    ['an unused waiver: a notice by default', waiver('2027-01-01'), {}, [['waiver.unused', 'notice', 'unused', 'waiver W-1 for team.replicas matched no finding; remove it']], 'pass'],
    ['an unused waiver bound at block', waiver('2027-01-01'), { 'waiver.unused': 'block' }, [['waiver.unused', 'block', 'unused', 'waiver W-1 for team.replicas matched no finding; remove it']], 'block'],
    ['an expired waiver: warn by default', waiver('2026-05-01'), {}, [['waiver.expired', 'warn', 'expired', 'waiver W-1 for team.replicas (owner ann) expired on 2026-05-01; it no longer applies']], 'warn'],
    ['an expired waiver turned off', waiver('2026-05-01'), { 'waiver.expired': 'off' }, [], 'pass'],
  ] as const)('%s', (_name, w, levels, expected, verdict) => {
    const d = run(w, levels);
    expect(d.findings.map((f) => [f.policy, f.level, f.messageId, f.message])).toEqual(expected);
    expect(d.verdict).toBe(verdict);
  });
});
