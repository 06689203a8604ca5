// The one policy validator (src/evaluate/validate-policy.ts), second table: policies built in
// code with the wrong shape, which no YAML file (checked by its JSON Schema first) can produce.
// Written against the mutants Stryker left alive (bench/MUTATION.md).
import { describe, expect, it } from 'vitest';
import { diffDocuments } from '../../src/diff/index.js';
import { definePolicy, evaluatePolicies, type Policy } from '../../src/evaluate/index.js';
import { POLICY_ID_PATTERN } from '../../src/evaluate/validate-policy.js';
import type { FileDiff } from '../../src/model.js';

type Definition = Parameters<typeof definePolicy>[0];

const valid: Definition = {
  id: 'team.replicas',
  source: 'team.ts',
  meta: { description: 'd', defaultLevel: 'warn', messages: { low: 'replicas {{ to }}' } },
  optionsSchema: { type: 'object', properties: { min: { type: 'number', minimum: 1 } }, required: ['min'] },
  defaultOptions: { min: 2 },
  checkChange() {},
};
const meta = valid.meta;
const caught = (definition: unknown): [string, string | undefined] | 'accepted' => {
  try {
    definePolicy(definition as Definition);
    return 'accepted';
  } catch (error) {
    return [(error as Error).message, (error as { file?: string }).file];
  }
};

describe('definePolicy rejects a policy of the wrong shape, in one line naming it', () => {
  it.each<[string, Record<string, unknown>, string]>([
    ['a number for an id', { id: 42 }, `policy (no id): id must be dotted lower-case words (${POLICY_ID_PATTERN.source})`],
    ['no id', { id: undefined }, `policy (no id): id must be dotted lower-case words (${POLICY_ID_PATTERN.source})`],
    // The pattern alone would take it: a regex test reads ['team.replicas'] as the text "team.replicas".
    ['a list holding a well-formed id', { id: ['team.replicas'] }, `policy (no id): id must be dotted lower-case words (${POLICY_ID_PATTERN.source})`],
    ['no meta', { meta: undefined }, 'policy "team.replicas": meta is required'],
    ['a string for meta', { meta: 'warn' }, 'policy "team.replicas": meta is required'],
    ['null for meta', { meta: null }, 'policy "team.replicas": meta is required'],
    ['no messages', { meta: { ...meta, messages: undefined } }, 'policy "team.replicas": meta.messages must declare at least one message id'],
    ['a string for messages', { meta: { ...meta, messages: 'low' } }, 'policy "team.replicas": meta.messages must declare at least one message id'],
    [
      'a threshold on a kind no analyzer emits',
      { meta: { ...meta, threshold: { kinds: ['level-raised', 'level-rised'], reached: () => true } } },
      'policy "team.replicas": threshold.kinds: unknown signal kind "level-rised"',
    ],
  ])('%s', (_name, change, problem) => {
    expect(caught({ ...valid, ...change })).toEqual([`team.ts: ${problem}`, 'team.ts']);
  });
});

describe('definePolicy accepts', () => {
  it.each<[string, Record<string, unknown>]>([
    ['a threshold on kinds of two signal types', { meta: { ...meta, threshold: { kinds: ['level-raised', 'traffic-shifted'], reached: () => true } } }],
    ['an options schema and no default options the schema needs', { optionsSchema: { type: 'object' }, defaultOptions: undefined }],
    ['no options schema at all', { optionsSchema: undefined, defaultOptions: undefined }],
    // The built-in pack's schemas and defaults are checked by its own tests, not on every run.
    ['a built-in whose defaults its schema would reject', { source: 'builtin:team.replicas.yaml', defaultOptions: { min: 0 } }],
    ['a built-in whose schema would not compile', { source: 'builtin:team.replicas.yaml', optionsSchema: { type: 'nummber' } }],
  ])('%s', (_name, change) => {
    expect(caught({ ...valid, ...change })).toBe('accepted');
  });

  it('but checks a schema whose source only ends in "builtin:"', () => {
    expect(caught({ ...valid, source: 'not-builtin:', defaultOptions: { min: 0 } })).toEqual([
      'not-builtin:: policy "team.replicas": defaultOptions do not match optionsSchema: /min must be >= 1',
      'not-builtin:',
    ]);
  });

  it('and checks the empty options against a schema that requires some', () => {
    expect(caught({ ...valid, defaultOptions: undefined })).toEqual([
      "team.ts: policy \"team.replicas\": defaultOptions do not match optionsSchema: / must have required property 'min'",
      'team.ts',
    ]);
  });
});

describe('a report by an undeclared message id', () => {
  it('lists every declared id', () => {
    const policy = definePolicy({
      ...valid,
      meta: { ...meta, messages: { low: 'l', high: 'h' } },
      checkChange: (_change, ctx) => ctx.report({ messageId: 'lowe' }),
    });
    const diff: FileDiff = { path: 'a.yaml', status: 'modified', changes: diffDocuments('a.yaml', [{ replicas: 3 }], [{ replicas: 1 }]) };
    expect(() => evaluatePolicies([policy as Policy], [diff], [], () => ({ level: 'warn', options: {} }))).toThrowError(
      'team.ts: policy "team.replicas" reported undeclared messageId "lowe" (declared: low, high)',
    );
  });
});
