// The policy example runner (src/evaluate/tester.ts), RuleTester style: what each kind of bad
// case reports, exactly. Written against the mutants `npm run mutate` left alive.
import { describe, expect, it } from 'vitest';
import { definePolicy, loadDataPolicy } from '../../src/evaluate/index.js';
import { evaluateExample, runPolicyExamples } from '../../src/evaluate/tester.js';
import type { Policy, PolicyExample } from '../../src/evaluate/types.js';

const withExamples = (examples: { valid?: PolicyExample[]; invalid?: PolicyExample[] }, extra = '') => {
  const policy = loadDataPolicy(
    'p.yaml',
    `id: t.ex\ndescription: d\nlevel: block\nmatch: { paths: ["**.logLevel"] }\nwhen: "change.after == 'debug'"\nmessage: "{{ change.after }}"\n${extra}`,
  );
  policy.meta.examples = { valid: examples.valid ?? [], invalid: examples.invalid ?? [] };
  return policy;
};
const problemsOf = (policy: Policy) => runPolicyExamples(policy).map((o) => [o.kind, o.index, o.problems]);

describe('runPolicyExamples', () => {
  it.each([
    [
      'a valid and an invalid case that behave',
      {
        valid: [{ before: { logLevel: 'info' }, after: { logLevel: 'warn' } }],
        invalid: [{ before: { logLevel: 'info' }, after: { logLevel: 'debug' }, expect: ['default'] }],
      },
      [
        ['valid', 0, []],
        ['invalid', 0, []],
      ],
    ],
    [
      'a valid case that raises',
      { valid: [{ before: { logLevel: 'info' }, after: { logLevel: 'debug' } }] },
      [['valid', 0, ['expected no finding, got default: debug']]],
    ],
    [
      'an invalid case that raises nothing',
      { invalid: [{ before: { logLevel: 'info' }, after: { logLevel: 'warn' } }] },
      [['invalid', 0, ['expected a finding, got none']]],
    ],
    [
      'an invalid case without expect: any finding will do',
      { invalid: [{ before: { logLevel: 'info' }, after: { logLevel: 'debug' } }] },
      [['invalid', 0, []]],
    ],
    [
      'an invalid case expecting other ids',
      { invalid: [{ before: { logLevel: 'info' }, after: { logLevel: 'debug' }, expect: ['default', 'default'] }] },
      [['invalid', 0, ['expected message ids ["default","default"], got ["default"]']]],
    ],
    [
      'an expected id the policy does not declare',
      { invalid: [{ before: { logLevel: 'info' }, after: { logLevel: 'debug' }, expect: ['nope'] }] },
      [['invalid', 0, ['expect names unknown message id "nope"', 'expected message ids ["nope"], got ["default"]']]],
    ],
    [
      'two cases with one name',
      {
        valid: [
          { name: 'n', before: { logLevel: 'info' }, after: { logLevel: 'warn' } },
          { name: 'n', before: { logLevel: 'info' }, after: { logLevel: 'error' } },
        ],
      },
      [
        ['valid', 0, []],
        ['valid', 1, ['duplicate example name "n"']],
      ],
    ],
    [
      'two cases with one input, across kinds, options {} the same as none',
      {
        valid: [{ name: 'a', before: { logLevel: 'info' }, after: { logLevel: 'warn' } }],
        invalid: [{ name: 'b', before: { logLevel: 'info' }, after: { logLevel: 'warn' }, options: {}, expect: ['default'] }],
      },
      [
        ['valid', 0, []],
        ['invalid', 0, ['duplicate example: same before/after/options as an earlier one', 'expected a finding, got none']],
      ],
    ],
    [
      'the same input with other options is another case',
      {
        valid: [
          { before: { logLevel: 'info' }, after: { logLevel: 'warn' } },
          { before: { logLevel: 'info' }, after: { logLevel: 'warn' }, options: { x: 1 } },
        ],
      },
      [
        ['valid', 0, []],
        ['valid', 1, []],
      ],
    ],
  ] as const)('%s', (_name, examples, expected) => {
    expect(problemsOf(withExamples(examples as never))).toEqual(expected);
  });

  it('a policy without examples has no outcomes', () => {
    const policy = withExamples({});
    delete policy.meta.examples;
    expect(runPolicyExamples(policy)).toEqual([]);
  });

  it('a policy that writes to its frozen input fails its case, and the outcome says so', () => {
    const policy = definePolicy({
      id: 't.writes',
      meta: {
        description: 'd',
        defaultLevel: 'warn',
        messages: { m: 'm' },
        examples: { valid: [{ before: { a: 1 }, after: { a: 2 } }], invalid: [] },
      },
      checkChange(change) {
        (change as { after: unknown }).after = 3;
      },
    }) as Policy;
    const [outcome] = runPolicyExamples(policy);
    expect(outcome.findings).toEqual([]);
    expect(outcome.problems).toEqual([expect.stringMatching(/^policy failed: .*(read only|read-only|Cannot assign)/)]);
  });
});

describe('evaluateExample', () => {
  const policy = withExamples({});

  it.each([
    ['a YAML file', { before: { logLevel: 'info' }, after: { logLevel: 'debug' } }, [['config.yaml', 'logLevel', 1, 'block']]],
    [
      'a named JSON file',
      { file: 'svc.json', before: { x: { logLevel: 'info' } }, after: { x: { logLevel: 'debug' } } },
      [['svc.json', 'x.logLevel', 3, 'block']],
    ],
    ['no before: an added file', { before: null, after: { a: 1, logLevel: 'debug' } }, [['config.yaml', 'logLevel', 2, 'block']]],
  ])('%s', (_name, example, expected) => {
    expect(evaluateExample(policy, example as PolicyExample).map((f) => [f.file, f.path, f.line, f.level])).toEqual(expected);
  });

  it('a policy whose default level is off is run at warn', () => {
    const off = withExamples({}, '');
    off.meta.defaultLevel = 'off';
    expect(evaluateExample(off, { before: { logLevel: 'info' }, after: { logLevel: 'debug' } }).map((f) => f.level)).toEqual(['warn']);
  });

  it("an example's options override the defaults", () => {
    const p = loadDataPolicy(
      'p.yaml',
      `id: t.opt\ndescription: d\noptions: { min: 2, other: 1 }\nmatch: { paths: ["n"] }\nwhen: "change.after < options.min"\nmessage: "{{ options.min }} {{ options.other }}"\n`,
    );
    expect(evaluateExample(p, { before: { n: 5 }, after: { n: 3 } }).map((f) => f.message)).toEqual([]);
    expect(evaluateExample(p, { before: { n: 5 }, after: { n: 3 }, options: { min: 4 } }).map((f) => f.message)).toEqual(['4 1']);
  });
});
