// Exact-value tables for data policies (src/evaluate/data-policy.ts) and the evaluation loop
// (src/evaluate/index.ts), written against the mutants `npm run mutate` left alive.
import { describe, expect, it } from 'vitest';
import { diffDocuments } from '../../src/diff/index.js';
import { definePolicy, evaluatePolicies, loadDataPolicy } from '../../src/evaluate/index.js';
import { activationFor, EVALUATION_FAILED } from '../../src/evaluate/data-policy.js';
import type { Change, FileDiff, Signal } from '../../src/model.js';
import type { Policy, PolicyContext } from '../../src/evaluate/types.js';

const fileDiff = (before: unknown, after: unknown, path = 'svc.yaml'): FileDiff => ({
  path,
  status: 'modified',
  changes: diffDocuments(path, [before], [after]),
});
const at =
  (level: 'warn' | 'block' | 'off' = 'warn', options: Record<string, unknown> = {}) =>
  () => ({ level, options });

const changePolicy = (when: string, extra = '') => `id: t.change
description: d
match: { paths: ["**.n"] }
when: ${when}
message: "n {{ change.before }} → {{ change.after }}"
${extra}`;

const signalOf = (over: Partial<Signal> = {}): Signal => {
  const change: Change = {
    file: 'svc.yaml',
    document: 0,
    path: ['logLevel'],
    pathText: 'logLevel',
    kind: 'modified',
    before: 'info',
    after: 'debug',
    line: 1,
  } as Change;
  return {
    type: 'verbosity',
    kind: 'level-raised',
    direction: 'risky',
    file: 'svc.yaml',
    document: 0,
    path: ['logLevel'],
    pathText: 'logLevel',
    line: 1,
    changes: [change],
    scope: { dimension: 'traffic', targets: ['*'], share: 100, basis: 'assumed' },
    summary: 'log level info → debug',
    data: { from: 'info', to: 'debug', volumeFactor: 10 },
    ...over,
  } as Signal;
};

const signalPolicy = (extra: string) => `id: t.signal
description: d
options: { max: 5 }
match: { signals: [verbosity] }
${extra}`;

describe('a condition that cannot be evaluated', () => {
  it.each([
    ['failurePolicy fail (the default) reports it', '', [[EVALUATION_FAILED, /^could not be evaluated: "change\.after > 3": .+/]]],
    ['failurePolicy ignore says nothing', 'failurePolicy: ignore', []],
  ])('%s', (_name, extra, expected) => {
    const policy = loadDataPolicy('p.yaml', changePolicy('"change.after > 3"', extra));
    const findings = evaluatePolicies([policy], [fileDiff({ n: 'a' }, { n: 'b' })], [], at());
    expect(findings.map((f) => [f.messageId, f.message])).toEqual(expected.map(([id, m]) => [id, expect.stringMatching(m as RegExp)]));
  });

  it('a dyn condition that gives a string is not a bool', () => {
    const policy = loadDataPolicy('p.yaml', changePolicy('"change.after"'));
    const findings = evaluatePolicies([policy], [fileDiff({ n: 'a' }, { n: 'b' })], [], at());
    expect(findings.map((f) => [f.messageId, f.message])).toEqual([
      [EVALUATION_FAILED, 'could not be evaluated: "change.after": gave string, not a bool'],
    ]);
  });

  it.each([
    [
      'fail',
      { default: 'n {{ change.before }} → {{ change.after }}', [EVALUATION_FAILED]: 'the policy could not be evaluated: {{ reason }}' },
    ],
    ['ignore', { default: 'n {{ change.before }} → {{ change.after }}' }],
  ])('failurePolicy %s declares messages %j', (failurePolicy, messages) => {
    expect(loadDataPolicy('p.yaml', changePolicy('"true"', `failurePolicy: ${failurePolicy}`)).meta.messages).toStrictEqual(messages);
  });
});

describe('conditions', () => {
  it.each([
    ['all of a list must hold: both do', { n: 1 }, { n: 5 }, ['default']],
    ['all of a list must hold: the second does not', { n: 4 }, { n: 5 }, []],
    ['all of a list must hold: the first does not', { n: 1 }, { n: 2 }, []],
  ])('%s', (_name, before, after, expected) => {
    const policy = loadDataPolicy('p.yaml', changePolicy('["change.after > 2", "change.before < 3"]'));
    expect(evaluatePolicies([policy], [fileDiff(before, after)], [], at()).map((f) => f.messageId)).toEqual(expected);
  });

  it.each([
    ['a false condition stops before an erroring one', { n: 1 }, { n: 2 }, []],
    ['an erroring condition after a true one fails', { n: 1 }, { n: 5 }, [EVALUATION_FAILED]],
  ])('%s', (_name, before, after, expected) => {
    const policy = loadDataPolicy('p.yaml', changePolicy(`["change.after > 2", "change.after > 'x'"]`));
    expect(evaluatePolicies([policy], [fileDiff(before, after)], [], at()).map((f) => f.messageId)).toEqual(expected);
  });

  it.each([
    [
      'the second condition of a list',
      changePolicy('\n  - "true"\n  - "chnage.after == 1"'),
      /^p\.yaml:6: CEL error in "chnage\.after == 1": Unknown variable: chnage/,
    ],
    [
      'an unknown file status',
      changePolicy(`"file.status == 'changed'"`),
      /^p\.yaml:4: CEL error in "file\.status == 'changed'": unknown file status "changed"$/,
    ],
    [
      'an unknown change kind',
      changePolicy(`"change.kind != 'modifed'"`),
      /^p\.yaml:4: CEL error in .*: unknown change kind "modifed" \(did you mean "modified"\?\)$/,
    ],
    [
      'an unknown signal type',
      signalPolicy(`when: "signal.type == 'verbosty'"\nmessage: m`),
      /^p\.yaml:5: CEL error in .*: unknown signal type "verbosty" \(did you mean "verbosity"\?\)$/,
    ],
    [
      'an unknown direction',
      signalPolicy(`when: "signal.direction == 'neutrl'"\nmessage: m`),
      /^p\.yaml:5: .*unknown direction "neutrl" \(did you mean "neutral"\?\)$/,
    ],
    [
      'a reserved message id in the second rule',
      `id: t.rules\ndescription: d\nrules:\n  - messageId: a\n    when: "true"\n    message: m\n  - messageId: ${EVALUATION_FAILED}\n    when: "true"\n    message: m\n`,
      /^p\.yaml:7: messageId "evaluation-failed" is reserved$/,
    ],
    [
      'a bad condition in the second rule',
      `id: t.rules\ndescription: d\nrules:\n  - messageId: a\n    when: "true"\n    message: m\n  - messageId: b\n    when: "nope"\n    message: m\n`,
      /^p\.yaml:8: CEL error in "nope": Unknown variable: nope$/,
    ],
    [
      'a bad placeholder in the second rule',
      `id: t.rules\ndescription: d\nrules:\n  - messageId: a\n    when: "true"\n    message: m\n  - messageId: b\n    when: "true"\n    message: "{{ nope }}"\n`,
      /^p\.yaml:9: CEL error in "nope": Unknown variable: nope$/,
    ],
    [
      'a bad threshold condition',
      signalPolicy(`when: "true"\nmessage: m\nthreshold: { kinds: [level-raised], when: "signal.nope > 1" }`),
      /^p\.yaml:7: CEL error .*No such key: nope/,
    ],
  ])('rejects %s at its line', (_name, text, message) => {
    expect(() => loadDataPolicy('p.yaml', text)).toThrowError(message);
  });

  it.each([
    ["signal.direction in ['risky', 'safe', 'neutral']"],
    ["signal.type == 'verbosity'"],
    ["file.status in ['added', 'deleted', 'modified', 'renamed']"],
    ["change.kind in ['added', 'removed', 'modified', 'moved']"],
    ["signal.kind == 'level-raised'"],
  ])('accepts every word of a vocabulary: %s', (when) => {
    expect(() => loadDataPolicy('p.yaml', signalPolicy(`when: ${JSON.stringify(when)}\nmessage: m`))).not.toThrow();
  });
});

describe('what a data policy says about itself', () => {
  it.each([
    ['defaults', '', { defaultLevel: 'warn', fallback: undefined, examples: undefined }],
    ['a level and fallback', 'level: block\nfallback: true', { defaultLevel: 'block', fallback: true, examples: undefined }],
    ['fallback false is no fallback', 'fallback: false', { defaultLevel: 'warn', fallback: undefined, examples: undefined }],
    [
      'only valid examples',
      'examples:\n  valid:\n    - { name: v, before: { n: 1 }, after: { n: 1 } }',
      { defaultLevel: 'warn', fallback: undefined, examples: { valid: [{ name: 'v', before: { n: 1 }, after: { n: 1 } }], invalid: [] } },
    ],
    [
      'only invalid examples',
      'examples:\n  invalid:\n    - { name: i, before: { n: 1 }, after: { n: 2 }, expect: [default] }',
      {
        defaultLevel: 'warn',
        fallback: undefined,
        examples: { valid: [], invalid: [{ name: 'i', before: { n: 1 }, after: { n: 2 }, expect: ['default'] }] },
      },
    ],
  ])('%s', (_name, extra, expected) => {
    const policy = loadDataPolicy('p.yaml', changePolicy('"true"', extra));
    expect({ defaultLevel: policy.meta.defaultLevel, fallback: policy.meta.fallback, examples: policy.meta.examples }).toStrictEqual(
      expected,
    );
    expect('fallback' in policy.meta).toBe(expected.fallback === true);
  });

  it('keeps its description, rationale, docs, options and match', () => {
    const policy = loadDataPolicy(
      'p.yaml',
      `id: t.meta\ndescription: the d\nrationale: the r\ndocs: the docs\noptions: { a: 1 }\noptionsSchema: { type: object }\nmatch: { paths: ["x"] }\nwhen: "true"\nmessage: m\n`,
    );
    expect([policy.id, policy.source, policy.meta.description, policy.meta.rationale, policy.meta.docs]).toEqual([
      't.meta',
      'p.yaml',
      'the d',
      'the r',
      'the docs',
    ]);
    expect([policy.defaultOptions, policy.optionsSchema, policy.match]).toStrictEqual([{ a: 1 }, { type: 'object' }, { paths: ['x'] }]);
    expect([typeof policy.checkChange, typeof policy.checkSignal]).toEqual(['function', 'undefined']);
  });

  it('a policy matching signals checks signals, not changes', () => {
    const policy = loadDataPolicy('p.yaml', signalPolicy('when: "true"\nmessage: m'));
    expect([typeof policy.checkChange, typeof policy.checkSignal]).toEqual(['undefined', 'function']);
    expect(policy.defaultOptions).toStrictEqual({ max: 5 });
  });
});

describe('a threshold', () => {
  const policy = loadDataPolicy(
    'p.yaml',
    signalPolicy(
      `when: "true"\nmessage: m\nthreshold:\n  kinds: [level-raised]\n  when: ["signal.data.volumeFactor >= options.max", "signal.data.x > 0 || true"]`,
    ),
  );
  const ctx = (max: unknown) =>
    ({ options: { max }, file: fileDiff({}, {}), report: () => {} }) as unknown as PolicyContext<Record<string, unknown>>;

  it.each([
    ['reached at ×10 over 5', 5, true],
    ['reached at exactly the threshold', 10, true],
    ['not reached under it', 11, false],
    ['an option that cannot be compared counts as reached', 'x', true],
  ])('%s', (_name, max, expected) => {
    expect(policy.meta.threshold!.kinds).toEqual(['level-raised']);
    expect(policy.meta.threshold!.reached(signalOf(), ctx(max))).toBe(expected);
  });

  it('a policy without one has none', () => {
    expect(loadDataPolicy('p.yaml', signalPolicy('when: "true"\nmessage: m')).meta.threshold).toBeUndefined();
  });
});

describe('activationFor', () => {
  const change: Change = {
    file: 'a.yaml',
    document: 0,
    path: ['spec', 0, 'n'],
    pathText: 'spec[0].n',
    kind: 'modified',
    before: 1,
    after: 2,
    line: 4,
  } as Change;
  const ctx = (over: object = {}) =>
    ({
      options: { m: 1 },
      file: { path: 'a.yaml', status: 'renamed', oldPath: 'b.yaml' },
      oldDocument: { o: 1 },
      newDocument: { n: 2 },
      report: () => {},
      ...over,
    }) as unknown as PolicyContext<Record<string, unknown>>;

  it('a change: its view, the file, documents and options', () => {
    expect(activationFor(ctx(), change, undefined)).toStrictEqual({
      options: { m: 1 },
      file: { path: 'a.yaml', status: 'renamed', oldPath: 'b.yaml' },
      inventory: {},
      old: { o: 1 },
      new: { n: 2 },
      change: { file: 'a.yaml', path: ['spec', 0, 'n'], pathText: 'spec[0].n', key: 'n', kind: 'modified', line: 4, before: 1, after: 2 },
    });
  });

  it.each([
    ['added: no before', { kind: 'added', before: undefined, after: 3 }, { after: 3 }],
    ['removed: no after', { kind: 'removed', before: 3, after: undefined }, { before: 3 }],
    ['modified to undefined: null', { kind: 'modified', before: undefined, after: undefined }, { before: null, after: null }],
    ['a numeric last segment is its text', { path: ['l', 7], pathText: 'l[7]' }, { key: '7' }],
    ['the root path has an empty key', { path: [], pathText: '' }, { key: '' }],
  ])('%s', (_name, over, expected) => {
    const view = activationFor(ctx(), { ...change, ...over } as Change, undefined).change as Record<string, unknown>;
    expect(view).toMatchObject(expected);
    const kind = (over as { kind?: string }).kind;
    if (kind === 'added') expect('before' in view).toBe(false);
    if (kind === 'removed') expect('after' in view).toBe(false);
  });

  it('no old path, no documents, an inventory', () => {
    const a = activationFor(
      ctx({ file: { path: 'a.yaml', status: 'added' }, oldDocument: undefined, newDocument: undefined, inventory: { source: 'inv.yml' } }),
      undefined,
      undefined,
    );
    expect(a).toStrictEqual({
      options: { m: 1 },
      file: { path: 'a.yaml', status: 'added' },
      inventory: { source: 'inv.yml' },
      old: null,
      new: null,
    });
  });

  it('a signal: itself without its changes, and its first change', () => {
    const a = activationFor(ctx(), undefined, signalOf());
    expect(Object.keys(a.signal as object)).not.toContain('changes');
    expect(a.signal).toMatchObject({ kind: 'level-raised', scope: { share: 100 } });
    expect(a.change).toMatchObject({ pathText: 'logLevel', before: 'info', after: 'debug' });
    expect('change' in activationFor(ctx(), undefined, signalOf({ changes: [] }))).toBe(false);
  });
});

describe('evaluatePolicies', () => {
  const codePolicy = (id: string, fallback = false, extra: Partial<Policy> = {}) =>
    definePolicy({
      id,
      meta: { description: 'd', defaultLevel: 'warn', messages: { hit: 'hit {{ v }}' }, ...(fallback ? { fallback: true } : {}) },
      checkSignal(_s, ctx) {
        ctx.report({ messageId: 'hit', data: { v: 1 } });
      },
      ...extra,
    }) as Policy;

  it('a finding carries the policy, level, file, path, line, message and before → after of a single change', () => {
    const findings = evaluatePolicies([codePolicy('t.one')], [fileDiff({}, {})], [signalOf()], at('block'));
    expect(findings).toStrictEqual([
      {
        policy: 't.one',
        level: 'block',
        messageId: 'hit',
        file: 'svc.yaml',
        path: 'logLevel',
        line: 1,
        message: 'hit 1',
        before: 'info',
        after: 'debug',
        signal: 0,
      },
    ]);
  });

  it('a signal read from several changes shows no before → after', () => {
    const signal = signalOf();
    const findings = evaluatePolicies(
      [codePolicy('t.one')],
      [fileDiff({}, {})],
      [{ ...signal, changes: [signal.changes[0], signal.changes[0]] }],
      at(),
    );
    expect(findings.map((f) => ['before' in f, 'after' in f])).toEqual([[false, false]]);
  });

  it('a fallback skips a signal a specific policy already reported', () => {
    const findings = evaluatePolicies([codePolicy('t.fallback', true), codePolicy('t.specific')], [fileDiff({}, {})], [signalOf()], at());
    expect(findings.map((f) => f.policy)).toEqual(['t.specific']);
  });

  it('a fallback speaks where no specific policy did', () => {
    const findings = evaluatePolicies(
      [codePolicy('t.fallback', true)],
      [fileDiff({}, {})],
      [signalOf(), signalOf({ file: 'other.yaml' })],
      at(),
    );
    expect(findings.map((f) => [f.policy, f.signal])).toEqual([['t.fallback', 0]]);
  });

  it('a policy bound off on a file says nothing there', () => {
    const resolve = (_p: Policy, file: string) => ({ level: file === 'svc.yaml' ? ('off' as const) : ('warn' as const), options: {} });
    expect(evaluatePolicies([codePolicy('t.one')], [fileDiff({}, {})], [signalOf()], resolve)).toEqual([]);
  });

  it('a report may name its own file, path, line, message and before/after', () => {
    const policy = definePolicy({
      id: 't.own',
      meta: { description: 'd', defaultLevel: 'warn', messages: { m: 'x' } },
      checkSignal(_s, ctx) {
        ctx.report({ messageId: 'm', file: 'f.yaml', path: 'p.q', line: 9, message: 'own', before: 0, after: undefined });
      },
    }) as Policy;
    const [finding] = evaluatePolicies([policy], [fileDiff({}, {})], [signalOf()], at());
    expect(finding).toStrictEqual({
      policy: 't.own',
      level: 'warn',
      messageId: 'm',
      file: 'f.yaml',
      path: 'p.q',
      line: 9,
      message: 'own',
      before: 0,
      signal: 0,
    });
  });

  it('an undeclared message id is the policy bug, named', () => {
    const policy = definePolicy({
      id: 't.bad',
      meta: { description: 'd', defaultLevel: 'warn', messages: { m: 'x' } },
      checkSignal(_s, ctx) {
        ctx.report({ messageId: 'other' });
      },
    }) as Policy;
    policy.source = 'bad.ts';
    expect(() => evaluatePolicies([policy], [fileDiff({}, {})], [signalOf()], at())).toThrowError(
      'bad.ts: policy "t.bad" reported undeclared messageId "other" (declared: m)',
    );
  });

  it('a policy that throws is named with its file', () => {
    const policy = definePolicy({
      id: 't.throws',
      meta: { description: 'd', defaultLevel: 'warn', messages: { m: 'x' } },
      checkSignal() {
        throw new Error('boom');
      },
    }) as Policy;
    policy.source = 'throws.ts';
    expect(() => evaluatePolicies([policy], [fileDiff({}, {})], [signalOf()], at())).toThrowError(
      'policy t.throws (throws.ts) failed on svc.yaml: boom',
    );
  });

  it('match.kinds and match.files narrow the changes a path policy sees', () => {
    const policy = loadDataPolicy(
      'p.yaml',
      `id: t.k\ndescription: d\nmatch: { paths: ["**.n"], kinds: [added], files: ["*.json"] }\nwhen: "true"\nmessage: "{{ change.pathText }}"\n`,
    );
    const files = [fileDiff({ a: { n: 1 } }, { a: { n: 2 }, b: { n: 3 } }, 'x.json'), fileDiff({}, { c: { n: 1 } }, 'x.yaml')];
    expect(evaluatePolicies([policy], files, [], at()).map((f) => [f.file, f.message])).toEqual([['x.json', 'b.n']]);
  });

  it('a path policy sees every value inside a removed block, with the removed line', () => {
    const policy = loadDataPolicy(
      'p.yaml',
      `id: t.r\ndescription: d\nmatch: { paths: ["**.n"] }\nwhen: "true"\nmessage: "{{ change.pathText }}={{ change.before }}"\n`,
    );
    const findings = evaluatePolicies([policy], [fileDiff({ a: { x: { n: 1 }, l: [{ n: 2 }] } }, {})], [], at());
    expect(findings.map((f) => [f.message, f.line])).toEqual([
      ['a.x.n=1', 0],
      ['a.l[0].n=2', 0],
    ]);
  });
});
