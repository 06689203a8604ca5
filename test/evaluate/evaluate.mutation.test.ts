// Exact-value tables for the evaluation loop and the registry (src/evaluate/index.ts), written
// against the mutants `npx stryker run stryker.bail.config.mjs --mutate src/evaluate/index.ts`
// left alive or uncovered: thresholds, the fallback's claimants, the registry.
import { describe, expect, it } from 'vitest';
import { definePolicy, evaluatePolicies, PolicyRegistry } from '../../src/evaluate/index.js';
import type { Change, ConfigFile, FileDiff, Signal } from '../../src/model.js';
import type { Policy, PolicyLevel } from '../../src/evaluate/types.js';
import { InputError } from '../../src/errors.js';

const change: Change = {
  file: 'svc.yaml',
  document: 0,
  path: ['logLevel'],
  pathText: 'logLevel',
  kind: 'modified',
  before: 'info',
  after: 'debug',
  line: 3,
};
const file: FileDiff = { path: 'svc.yaml', status: 'modified', changes: [change] };
const signal = (volumeFactor: number, type = 'verbosity'): Signal =>
  ({
    type,
    kind: 'level-raised',
    direction: 'risky',
    file: 'svc.yaml',
    document: 0,
    path: ['logLevel'],
    pathText: 'logLevel',
    line: 3,
    changes: [change],
    scope: { dimension: 'traffic', targets: ['*'], share: 100, basis: 'assumed' },
    summary: 'log level info → debug',
    data: { from: 'info', to: 'debug', volumeFactor },
  }) as Signal;

/** A signal policy claiming `level-raised`: reached when the volume factor is at least options.min. */
const claimant = (id: string, opts: { reports?: boolean; signals?: string[] } = {}) =>
  definePolicy({
    id,
    meta: {
      description: 'd',
      defaultLevel: 'warn',
      messages: { hit: 'hit' },
      threshold: {
        kinds: ['level-raised'],
        reached: (s, ctx) => (s.data as { volumeFactor: number }).volumeFactor >= (ctx.options.min as number),
      },
    },
    ...(opts.signals ? { match: { signals: opts.signals as never } } : {}),
    checkSignal(_s, ctx) {
      if (opts.reports !== false) ctx.report({ messageId: 'hit' });
    },
  }) as Policy;

const fallback = definePolicy({
  id: 't.fallback',
  meta: { description: 'd', defaultLevel: 'warn', messages: { wide: 'wide' }, fallback: true },
  checkSignal(_s, ctx) {
    ctx.report({ messageId: 'wide' });
  },
}) as Policy;

const bound =
  (levels: Record<string, PolicyLevel>, min = 5) =>
  (policy: Policy) => ({ level: levels[policy.id] ?? 'warn', options: { min } });

describe('a threshold: a policy speaks on a signal of a kind it claims only when it is reached', () => {
  it.each([
    ['below: nothing', 4, []],
    ['at: reached', 5, ['t.claim']],
    ['above: reached', 10, ['t.claim']],
  ])('%s', (_name, volumeFactor, expected) => {
    const findings = evaluatePolicies([claimant('t.claim')], [file], [signal(volumeFactor)], bound({}));
    expect(findings.map((f) => f.policy)).toEqual(expected);
  });

  it('the threshold is read at the options the file binds', () => {
    expect(evaluatePolicies([claimant('t.claim')], [file], [signal(4)], bound({}, 3)).map((f) => f.policy)).toEqual(['t.claim']);
  });
});

describe("the fallback counts a claimed kind only where an enabled claimant's threshold is reached", () => {
  it.each([
    ['no claimant: the fallback alone judges it', [], {}, 1, ['t.fallback']],
    ['a claimant that reports: the fallback stays quiet', [claimant('t.claim')], {}, 10, ['t.claim']],
    [
      'two claimants that report: both speak, only the fallback steps back',
      [claimant('t.claim'), claimant('t.other')],
      {},
      10,
      ['t.claim', 't.other'],
    ],
    ['a claimant reached but silent: the fallback speaks', [claimant('t.claim', { reports: false })], {}, 10, ['t.fallback']],
    ['a claimant not reached: nothing', [claimant('t.claim', { reports: false })], {}, 1, []],
    [
      'a claimant bound off: nothing, even when its threshold is reached',
      [claimant('t.claim', { reports: false })],
      { 't.claim': 'off' },
      10,
      [],
    ],
    [
      'one of two claimants reached: the fallback speaks',
      [claimant('t.claim', { reports: false }), claimant('t.other', { reports: false })],
      { 't.claim': 'off' },
      10,
      ['t.fallback'],
    ],
    [
      'a claimant matching other signal types does not claim this one',
      [claimant('t.claim', { reports: false, signals: ['routing'] })],
      {},
      1,
      ['t.fallback'],
    ],
  ] as Array<[string, Policy[], Record<string, PolicyLevel>, number, string[]]>)(
    '%s',
    (_name, claimants, levels, volumeFactor, expected) => {
      const findings = evaluatePolicies([fallback, ...claimants], [file], [signal(volumeFactor)], bound(levels));
      expect(findings.map((f) => f.policy)).toEqual(expected);
    },
  );

  it('claimants not run (a policy example run alone) are still consulted', () => {
    const quiet = claimant('t.claim', { reports: false });
    expect(evaluatePolicies([fallback], [file], [signal(1)], bound({}), undefined, [quiet]).map((f) => f.policy)).toEqual([]);
    expect(evaluatePolicies([fallback], [file], [signal(10)], bound({}), undefined, [quiet]).map((f) => f.policy)).toEqual(['t.fallback']);
  });
});

describe('PolicyRegistry', () => {
  const policy = (id: string, source: string) =>
    definePolicy({ id, source, meta: { description: source, defaultLevel: 'warn', messages: { m: 'm' } }, checkChange() {} }) as Policy;

  it('adds, finds and lists policies in the order added', () => {
    const registry = new PolicyRegistry();
    registry.add(policy('a.one', 'builtin'));
    registry.add(policy('a.two', 'builtin'));
    expect([registry.has('a.one'), registry.has('a.three'), registry.get('a.two')?.id, registry.get('a.three')]).toEqual([
      true,
      false,
      'a.two',
      undefined,
    ]);
    expect(registry.all().map((p) => p.id)).toEqual(['a.one', 'a.two']);
  });

  it('refuses a second policy with one id, naming both sources; replace swaps it in place', () => {
    const registry = new PolicyRegistry();
    registry.add(policy('a.one', 'builtin'));
    registry.add(policy('a.two', 'builtin'));
    expect(() => registry.add(policy('a.one', 'mine.yaml'))).toThrowError('mine.yaml: policy id "a.one" is already defined by builtin');
    registry.replace(policy('a.one', 'mine.yaml'));
    expect(registry.all().map((p) => [p.id, p.source])).toEqual([
      ['a.one', 'mine.yaml'],
      ['a.two', 'builtin'],
    ]);
  });
});

describe('what a finding carries, and what silences the fallback', () => {
  const onChange = (id: string, only?: string) =>
    definePolicy({
      id,
      meta: { description: 'd', defaultLevel: 'warn', messages: { hit: 'hit {{ n }}' } },
      checkChange(c, ctx) {
        if (only === undefined || c.pathText === only) ctx.report({ messageId: 'hit', data: { n: c.pathText } });
      },
    }) as Policy;
  const other: Change = { ...change, path: ['other'], pathText: 'other', line: 7 };

  it('a change finding: exactly its policy, level, file, path, line, message, before → after, and no signal', () => {
    expect(evaluatePolicies([onChange('t.change')], [file], [], bound({}))).toStrictEqual([
      {
        policy: 't.change',
        level: 'warn',
        messageId: 'hit',
        file: 'svc.yaml',
        path: 'logLevel',
        line: 3,
        message: 'hit logLevel',
        before: 'info',
        after: 'debug',
      },
    ]);
  });

  it.each([
    ['a change policy reporting the signal’s change silences the fallback', undefined, ['t.change logLevel', 't.change other']],
    ['one reporting another change does not', 'other', ['t.change other', 't.fallback logLevel']],
  ])('%s', (_name, only, expected) => {
    const findings = evaluatePolicies(
      [fallback, onChange('t.change', only)],
      [{ ...file, changes: [change, other] }],
      [signal(1)],
      bound({}),
    );
    expect(findings.map((f) => `${f.policy} ${f.path}`)).toEqual(expected);
  });

  it('a signal read from no change, reported by a claimant: the fallback stays quiet', () => {
    const bare = { ...signal(10), changes: [] };
    expect(evaluatePolicies([fallback, claimant('t.claim')], [file], [bare], bound({})).map((f) => f.policy)).toEqual(['t.claim']);
  });

  it('a policy with checkChange and checkSignal but no signal match runs on changes', () => {
    const both = definePolicy({
      id: 't.both',
      meta: { description: 'd', defaultLevel: 'warn', messages: { c: 'change', s: 'signal' } },
      checkChange(_c, ctx) {
        ctx.report({ messageId: 'c' });
      },
      checkSignal(_s, ctx) {
        ctx.report({ messageId: 's' });
      },
    }) as Policy;
    expect(evaluatePolicies([both], [file], [signal(1)], bound({})).map((f) => f.messageId)).toEqual(['c']);
  });

  it("an InputError a policy throws is the user's problem: passed on as it is", () => {
    const thrown = new InputError('options.yaml: bad option');
    const policy = definePolicy({
      id: 't.input',
      meta: { description: 'd', defaultLevel: 'warn', messages: { m: 'm' } },
      checkChange() {
        throw thrown;
      },
    }) as Policy;
    expect(() => evaluatePolicies([policy], [file], [], bound({}))).toThrow(thrown);
  });

  it('any other error is wrapped, naming the policy and the file, with the error as its cause', () => {
    const boom = new Error('boom');
    const policy = definePolicy({
      id: 't.boom',
      source: 'boom.ts',
      meta: { description: 'd', defaultLevel: 'warn', messages: { m: 'm' } },
      checkChange() {
        throw boom;
      },
    }) as Policy;
    let caught: Error | undefined;
    try {
      evaluatePolicies([policy], [file], [], bound({}));
    } catch (error) {
      caught = error as Error;
    }
    expect([caught?.message, caught?.cause]).toEqual(['policy t.boom (boom.ts) failed on svc.yaml: boom', boom]);
  });
});

describe('which signals and changes a policy is run on', () => {
  const other: Change = { ...change, path: ['other'], pathText: 'other', line: 7 };
  const both: FileDiff = { ...file, changes: [change, other] };
  const changePolicy = (id: string, opts: { fallback?: boolean; only?: string; match?: Policy['match'] } = {}) =>
    definePolicy({
      id,
      meta: { description: 'd', defaultLevel: 'warn', messages: { hit: 'hit' }, ...(opts.fallback ? { fallback: true } : {}) },
      ...(opts.match ? { match: opts.match } : {}),
      checkChange(c, ctx) {
        if (opts.only === undefined || c.pathText === opts.only) ctx.report({ messageId: 'hit' });
      },
    }) as Policy;
  const names = (findings: Array<{ policy: string; path: string }>) => findings.map((f) => `${f.policy} ${f.path}`);

  it('a signal policy matching other types is not run', () => {
    const routing = claimant('t.routing', { signals: ['routing'] });
    expect(evaluatePolicies([routing], [file], [signal(10)], bound({}))).toEqual([]);
  });

  it('a signal on a file outside the change set, or outside the policy’s files, is skipped', () => {
    const onlyJson = definePolicy({
      id: 't.json',
      match: { files: ['*.json'] },
      meta: { description: 'd', defaultLevel: 'warn', messages: { hit: 'hit' } },
      checkSignal(_s, ctx) {
        ctx.report({ messageId: 'hit' });
      },
    }) as Policy;
    const elsewhere = { ...signal(10), file: 'gone.yaml' };
    expect(
      evaluatePolicies([claimant('t.claim'), onlyJson], [file], [elsewhere, signal(10)], bound({})).map((f) => [f.policy, f.signal]),
    ).toEqual([['t.claim', 1]]);
  });

  it.each([
    ['the fallback alone, on a signal read from no change: it speaks', [], []],
    [
      'a specific policy reported one of the signal’s two changes: the fallback still speaks',
      [changePolicy('t.change', { only: 'other' })],
      [change, other],
    ],
  ])('%s', (_name, specific, changes) => {
    const findings = evaluatePolicies([fallback, ...specific], [both], [{ ...signal(1), changes }], bound({}));
    expect(findings.map((f) => f.policy)).toEqual([...specific.map((p) => p.id), 't.fallback']);
  });

  it('a change fallback skips the paths a specific policy reported; two specific policies both speak', () => {
    const policies = [
      changePolicy('t.fallback', { fallback: true }),
      changePolicy('t.one', { only: 'other' }),
      changePolicy('t.two', { only: 'other' }),
    ];
    expect(names(evaluatePolicies(policies, [both], [], bound({})))).toEqual(['t.one other', 't.two other', 't.fallback logLevel']);
  });

  it('a change policy matching files only sees every change of those files', () => {
    const yaml = changePolicy('t.yaml', { match: { files: ['*.yaml'] } });
    expect(names(evaluatePolicies([yaml], [both], [], bound({})))).toEqual(['t.yaml logLevel', 't.yaml other']);
  });
});

describe('a path policy sees inside what was added or removed whole, and only that', () => {
  const pathPolicy = definePolicy({
    id: 't.n',
    match: { paths: ['blk.n'] },
    meta: { description: 'd', defaultLevel: 'warn', messages: { hit: 'hit' } },
    checkChange(c, ctx) {
      ctx.report({ messageId: 'hit', data: {}, message: `${c.kind} ${String(c.before)} → ${String(c.after)}` });
    },
  }) as Policy;
  // The after side as a loader gives it: every path located at 100 + its depth.
  const after: ConfigFile = {
    path: 'svc.yaml',
    format: 'yaml',
    documents: [{}],
    bytes: 0,
    locate: (_doc, path) => ({ line: 100 + path.length, column: 1 }),
  };
  const run = (c: Change) =>
    evaluatePolicies([pathPolicy], [{ ...file, changes: [c], after }], [], bound({})).map((f) => [f.path, f.line, f.message]);
  const blk = { ...change, path: ['blk'], pathText: 'blk', line: 5 };

  it.each([
    [
      'an added block: its values, at their after lines',
      { ...blk, kind: 'added', before: undefined, after: { n: 1 } },
      [['blk.n', 102, 'added undefined → 1']],
    ],
    [
      'a removed block: its values, at the removed line',
      { ...blk, kind: 'removed', before: { n: 1 }, after: undefined },
      [['blk.n', 5, 'removed 1 → undefined']],
    ],
    ['a block replaced by a scalar is one modification, not its values', { ...blk, kind: 'modified', before: { n: 1 }, after: 'x' }, []],
  ] as Array<[string, Change, unknown[]]>)('%s', (_name, c, expected) => {
    expect(run(c)).toEqual(expected);
  });
});

describe('inside an added block: every value once, null included, 65 levels deep at most', () => {
  const everything = definePolicy({
    id: 't.all',
    match: { paths: ['**'] },
    meta: { description: 'd', defaultLevel: 'warn', messages: { hit: 'hit' } },
    checkChange(_c, ctx) {
      ctx.report({ messageId: 'hit' });
    },
  }) as Policy;
  const added = (value: unknown): Change => ({ ...change, path: ['blk'], pathText: 'blk', kind: 'added', before: undefined, after: value });
  const paths = (value: unknown) =>
    evaluatePolicies([everything], [{ ...file, changes: [added(value)] }], [], bound({})).map((f) => f.path);
  const nest = (depth: number): unknown => (depth === 0 ? 'leaf' : { a: nest(depth - 1) });

  it('the block, then each value below it in order; a string is one value, null is one value', () => {
    expect(paths({ n: 'ab', m: { k: null }, l: [1] })).toEqual(['blk', 'blk.n', 'blk.m', 'blk.m.k', 'blk.l', 'blk.l[0]']);
  });

  it.each([
    [65, 66],
    [66, 66],
  ])('a value at depth %i below the block: %i paths seen', (depth, seen) => {
    expect(paths(nest(depth))).toHaveLength(seen);
  });
});

describe('match.paths: a change matching any of the patterns', () => {
  it('two patterns: each change matching one of them is seen', () => {
    const policy = definePolicy({
      id: 't.paths',
      match: { paths: ['logLevel', 'other'] },
      meta: { description: 'd', defaultLevel: 'warn', messages: { hit: 'hit' } },
      checkChange(_c, ctx) {
        ctx.report({ messageId: 'hit' });
      },
    }) as Policy;
    const other: Change = { ...change, path: ['other'], pathText: 'other' };
    const third: Change = { ...change, path: ['third'], pathText: 'third' };
    expect(evaluatePolicies([policy], [{ ...file, changes: [change, other, third] }], [], bound({})).map((f) => f.path)).toEqual([
      'logLevel',
      'other',
    ]);
  });
});
