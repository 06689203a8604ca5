// The policy example runner (src/evaluate/tester.ts), second table: what an example's inputs
// become before the policy sees them (the file's status, its documents, the inventory, the
// schema, the pack a fallback consults) and that every one of them is frozen. Written against
// the mutants Stryker left alive in tester.ts (bench/MUTATION.md).
import { describe, expect, it } from 'vitest';
import { definePolicy } from '../../src/evaluate/index.js';
import { evaluateExample, runPolicyExamples } from '../../src/evaluate/tester.js';
import type { Policy, PolicyContext, PolicyExample } from '../../src/evaluate/types.js';
import type { Change, Signal } from '../../src/model.js';

type Ctx = PolicyContext<Record<string, unknown>>;
const ids = (policy: Policy, example: PolicyExample, pack: Policy[] = []) =>
  evaluateExample(policy, example, pack).map((f) => [f.policy, f.messageId, f.path]);
const problems = (policy: Policy, pack: Policy[] = []) => runPolicyExamples(policy, pack).map((o) => [o.kind, o.index, o.problems]);

describe('the file an example stands for', () => {
  // Reports `<file status>-<change kind>` for every change: what the example made of `before`.
  const shape = definePolicy({
    id: 't.shape',
    meta: {
      description: 'd',
      defaultLevel: 'warn',
      messages: { 'added-added': 'a', 'modified-modified': 'm', 'modified-added': 'ma', 'added-modified': 'am' },
    },
    checkChange: (change, ctx) => ctx.report({ messageId: `${ctx.file.status}-${change.kind}` }),
  }) as Policy;

  it.each<[string, PolicyExample, unknown[]]>([
    ['before: null is a new file', { before: null, after: { a: 1 } }, [['t.shape', 'added-added', '']]],
    ['no before at all is a new file', { after: { a: 1 } } as PolicyExample, [['t.shape', 'added-added', '']]],
    ['a before given is an edit', { before: { a: 1 }, after: { a: 2 } }, [['t.shape', 'modified-modified', 'a']]],
    ['an edit that adds a key', { before: { a: 1 }, after: { a: 1, b: 2 } }, [['t.shape', 'modified-added', 'b']]],
    ['a falsy before (0) is still an edit, not a new file', { before: 0, after: { a: 1 } }, [['t.shape', 'modified-modified', '']]],
    ['an empty map before is an edit', { before: {}, after: { a: 1 } }, [['t.shape', 'modified-added', 'a']]],
    ['a value that was null', { before: { a: null, b: [null] }, after: { a: 1, b: [null] } }, [['t.shape', 'modified-modified', 'a']]],
  ])('%s', (_name, example, expected) => {
    expect(ids(shape, example)).toEqual(expected);
  });

  it('a new file has no old document, an edit has both', () => {
    const seen: unknown[] = [];
    const spy = definePolicy({
      id: 't.docs',
      meta: { description: 'd', defaultLevel: 'warn', messages: { m: 'm' } },
      checkChange: (_change, ctx) => void seen.push([ctx.file.before === undefined, ctx.oldDocument, ctx.newDocument]),
    }) as Policy;
    evaluateExample(spy, { before: null, after: { a: 1 } });
    evaluateExample(spy, { before: { a: 1 }, after: { a: 2 } });
    expect(seen).toEqual([
      [true, undefined, { a: 1 }],
      [false, { a: 1 }, { a: 2 }],
    ]);
  });

  it('a valid case raising two findings lists both, separated', () => {
    const twice = definePolicy({
      id: 't.twice',
      meta: {
        description: 'd',
        defaultLevel: 'warn',
        messages: { one: 'first {{ n }}', two: 'second' },
        examples: { valid: [{ before: { a: 1 }, after: { a: 2 } }], invalid: [] },
      },
      checkChange: (_change, ctx) => {
        ctx.report({ messageId: 'one', data: { n: 1 } });
        ctx.report({ messageId: 'two' });
      },
    }) as Policy;
    expect(problems(twice)).toEqual([['valid', 0, ['expected no finding, got one: first 1; two: second']]]);
  });
});

describe('what the policy sees is frozen', () => {
  const writer = (id: string, write: (change: Change, ctx: Ctx) => void, example: Partial<PolicyExample> = {}) =>
    definePolicy({
      id,
      meta: {
        description: 'd',
        defaultLevel: 'warn',
        messages: { m: 'm' },
        examples: { valid: [{ before: { a: { b: 1 } }, after: { a: { b: 2 } }, ...example }], invalid: [] },
      },
      checkChange: (change, ctx) => write(change, ctx as Ctx),
    }) as Policy;
  const failed = (policy: Policy) => runPolicyExamples(policy).map((o) => o.problems.map((p) => /^policy failed: .*(read only|read-only|Cannot assign|not extensible|Cannot add)/.test(p)));

  it.each<[string, Policy]>([
    ['the new document', writer('t.w-new', (_c, ctx) => void ((ctx.newDocument as Record<string, unknown>).extra = 1))],
    ['the old document', writer('t.w-old', (_c, ctx) => void ((ctx.oldDocument as Record<string, unknown>).extra = 1))],
    ['a value deep in the new document', writer('t.w-deep', (_c, ctx) => void (((ctx.newDocument as { a: { b: number } }).a.b = 3)))],
    ['the options', writer('t.w-opt', (_c, ctx) => void (ctx.options.extra = 1), { options: { x: { y: 1 } } })],
    ['a map inside the options', writer('t.w-opt2', (_c, ctx) => void ((ctx.options.x as Record<string, number>).y = 2), { options: { x: { y: 1 } } })],
    [
      'the inventory',
      writer('t.w-inv', (_c, ctx) => void (ctx.inventory!.traffic!.region!.eu = 50), { inventory: { traffic: { region: { eu: 30, us: 70 } } } }),
    ],
  ])('a policy writing to %s fails its case', (_name, policy) => {
    expect(failed(policy)).toEqual([[true]]);
  });

  it('a policy writing to a signal fails its case', () => {
    const policy = definePolicy({
      id: 't.w-signal',
      match: { signals: ['verbosity'] },
      meta: {
        description: 'd',
        defaultLevel: 'warn',
        messages: { m: 'm' },
        examples: { valid: [{ before: { logLevel: 'info' }, after: { logLevel: 'debug' } }], invalid: [] },
      },
      checkSignal: (signal: Signal) => void ((signal as { kind: string }).kind = 'level-lowered'),
    }) as Policy;
    expect(runPolicyExamples(policy).map((o) => [o.problems.length, /^policy failed: /.test(o.problems[0])])).toEqual([[1, true]]);
  });

  it('bug: a map inside an already frozen map of the options stayed writable', () => {
    // Object.freeze is shallow: an input frozen at the top by its author was taken as frozen all
    // the way down, so a policy could write below it and its example still passed.
    const policy = writer('t.w-shallow', (_c, ctx) => void ((ctx.options.x as { y: { z: number } }).y.z = 2), {
      options: { x: Object.freeze({ y: { z: 1 } }) },
    });
    expect(failed(policy)).toEqual([[true]]);
  });

  it('an input that refers to itself is frozen once, without looping', () => {
    const loop: Record<string, unknown> = { n: 1 };
    loop.self = loop;
    const policy = definePolicy({
      id: 't.loop',
      meta: { description: 'd', defaultLevel: 'warn', messages: { m: 'n={{ n }}' } },
      checkChange: (_change, ctx) => ctx.report({ messageId: 'm', data: { n: (ctx.options.loop as { self: { n: number } }).self.n } }),
    }) as Policy;
    const findings = evaluateExample(policy, { before: { a: 1 }, after: { a: 2 }, options: { loop } });
    expect(findings.map((f) => [f.messageId, f.message])).toEqual([['m', 'n=1']]);
    expect(Object.isFrozen(loop)).toBe(true);
  });
});

describe("an example's inventory and schema", () => {
  it('the inventory reaches the policy, named after the policy', () => {
    const policy = definePolicy({
      id: 't.inv',
      meta: { description: 'd', defaultLevel: 'warn', messages: { m: '{{ source }} {{ eu }}', none: 'none' } },
      checkChange: (_change, ctx) =>
        ctx.report(ctx.inventory ? { messageId: 'm', data: { source: ctx.inventory.source, eu: ctx.inventory.traffic?.region?.eu } } : { messageId: 'none' }),
    }) as Policy;
    const example = { before: { a: 1 }, after: { a: 2 }, inventory: { traffic: { region: { eu: 30, us: 70 } } } };
    expect(evaluateExample(policy, example).map((f) => [f.messageId, f.message])).toEqual([['m', 't.inv example inventory 30']]);
    expect(evaluateExample(policy, { before: { a: 1 }, after: { a: 2 } }).map((f) => f.messageId)).toEqual(['none']);
  });

  it('an invalid inventory is an InputError naming the policy', () => {
    const policy = definePolicy({
      id: 't.inv-bad',
      meta: { description: 'd', defaultLevel: 'warn', messages: { m: 'm' } },
      checkChange: () => {},
    }) as Policy;
    const example = { before: { a: 1 }, after: { a: 2 }, inventory: { traffic: 'all' } } as unknown as PolicyExample;
    expect(() => evaluateExample(policy, example)).toThrowError(expect.objectContaining({ name: 'InputError', file: 't.inv-bad example inventory' }));
  });

  // Reports each schema signal by its kind, with the schema's name as the message.
  const bySchema = definePolicy({
    id: 't.schema',
    match: { signals: ['schema'] },
    meta: { description: 'd', defaultLevel: 'warn', messages: { 'schema-invalid': '{{ schema }}', 'schema-unusable': '{{ schema }}' } },
    checkSignal: (signal, ctx) => ctx.report({ messageId: signal.kind, data: { schema: signal.data.schema } }),
  }) as Policy;
  const schema = { type: 'object', properties: { replicas: { type: 'integer' } } };

  it.each<[string, PolicyExample, unknown[]]>([
    [
      'a schema the after side breaks',
      { before: { replicas: 1 }, after: { replicas: 'two' }, schema },
      [['t.schema', 'schema-invalid', 'replicas', 't.schema example schema']],
    ],
    [
      'bound to the example file, whatever its name',
      { file: 'deploy/app.json', before: { replicas: 1 }, after: { replicas: 'two' }, schema },
      [['t.schema', 'schema-invalid', 'replicas', 't.schema example schema']],
    ],
    ['a schema the after side keeps', { before: { replicas: 1 }, after: { replicas: 2 }, schema }, []],
    ['no schema: nothing to break', { before: { replicas: 1 }, after: { replicas: 'two' } }, []],
  ])('%s', (_name, example, expected) => {
    expect(evaluateExample(bySchema, example).map((f) => [f.policy, f.messageId, f.path, f.message])).toEqual(expected);
  });
});

describe('the pack a fallback consults', () => {
  // A fallback speaks for a signal of a claimed kind only when a claimant's threshold is reached,
  // at that claimant's own default level and options.
  const fallback = (id = 't.fallback') =>
    definePolicy({
      id,
      match: { signals: ['verbosity'] },
      meta: {
        description: 'd',
        defaultLevel: 'rollout',
        fallback: true,
        messages: { wide: 'wide' },
        examples: { valid: [], invalid: [{ before: { logLevel: 'info' }, after: { logLevel: 'debug' }, expect: ['wide'] }] },
      },
      checkSignal: (_signal, ctx) => ctx.report({ messageId: 'wide' }),
    }) as Policy;
  const claimant = (id: string, defaultLevel: 'warn' | 'off', reach: boolean) =>
    definePolicy({
      id,
      match: { signals: ['verbosity'] },
      defaultOptions: { reach },
      meta: {
        description: 'd',
        defaultLevel,
        messages: { big: 'big' },
        threshold: { kinds: ['level-raised'], reached: (_signal, ctx) => ctx.options.reach === true },
      },
      checkSignal: () => {},
    }) as Policy;
  const raise: PolicyExample = { before: { logLevel: 'info' }, after: { logLevel: 'debug' } };

  it.each<[string, Policy[], unknown[]]>([
    ['no pack: the kind is the fallback\'s alone', [], [['t.fallback', 'wide', 'logLevel']]],
    ['a claimant whose default options reach its threshold', [claimant('t.big', 'warn', true)], [['t.fallback', 'wide', 'logLevel']]],
    ['a claimant whose default options do not reach it', [claimant('t.big', 'warn', false)], []],
    ['a claimant that would reach it but is off by default', [claimant('t.big', 'off', true)], []],
    ['one of two claimants reaching it is enough', [claimant('t.a', 'warn', false), claimant('t.b', 'warn', true)], [['t.fallback', 'wide', 'logLevel']]],
    // A pack policy with the tested policy's id is the one it replaces (a user's policy with a
    // built-in id): it is not consulted.
    ['a pack policy with the same id is not consulted', [claimant('t.fallback', 'warn', false)], [['t.fallback', 'wide', 'logLevel']]],
  ])('%s', (_name, pack, expected) => {
    expect(ids(fallback(), raise, pack)).toEqual(expected);
  });

  it('without a pack argument, the examples run with none', () => {
    expect(evaluateExample(fallback(), raise).map((f) => [f.policy, f.messageId, f.path])).toEqual([['t.fallback', 'wide', 'logLevel']]);
    expect(runPolicyExamples(fallback()).map((o) => [o.kind, o.index, o.problems])).toEqual([['invalid', 0, []]]);
  });

  it('runPolicyExamples hands its pack to every example', () => {
    expect(problems(fallback(), [claimant('t.big', 'warn', false)])).toEqual([['invalid', 0, ['expected a finding, got none']]]);
    expect(problems(fallback(), [claimant('t.fallback', 'warn', false)])).toEqual([['invalid', 0, []]]);
  });
});
