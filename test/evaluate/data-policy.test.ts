import { describe, expect, it } from 'vitest';
import { diffDocuments } from '../../src/diff/index.js';
import { definePolicy, evaluatePolicies, loadDataPolicy, PolicyRegistry } from '../../src/evaluate/index.js';
import type { FileDiff } from '../../src/model.js';

const policyText = (extra = '', when = `"change.after == 'debug'"`) => `id: t.log
description: raised
level: block
match:
  paths: ["**.logLevel"]
when: ${when}
message: "raised to {{ change.after }} from {{ change.before }}"
${extra}`;

const fileDiff = (before: unknown, after: unknown): FileDiff => ({
  path: 'svc.yaml',
  status: 'modified',
  changes: diffDocuments('svc.yaml', [before], [after]),
});

describe('data policies', () => {
  it('loads, matches by path and renders CEL placeholders', () => {
    const policy = loadDataPolicy('p.yaml', policyText());
    const findings = evaluatePolicies([policy], [fileDiff({ a: { logLevel: 'info' } }, { a: { logLevel: 'debug' } })], [], () => ({ level: 'block', options: {} }));
    expect(findings).toEqual([
      expect.objectContaining({ policy: 't.log', level: 'block', messageId: 'default', path: 'a.logLevel', message: 'raised to debug from info', before: 'info', after: 'debug' }),
    ]);
  });

  it('does not fire on other paths, or at level off', () => {
    const policy = loadDataPolicy('p.yaml', policyText());
    expect(evaluatePolicies([policy], [fileDiff({ level: 'info' }, { level: 'debug' })], [], () => ({ level: 'block', options: {} }))).toEqual([]);
    expect(evaluatePolicies([policy], [fileDiff({ logLevel: 'info' }, { logLevel: 'debug' })], [], () => ({ level: 'off', options: {} }))).toEqual([]);
  });

  it.each([
    ['a CEL syntax error, with its line', policyText('', '"change.after =="'), /^p\.yaml:6: CEL syntax error in "change\.after =="/],
    ['a schema violation', 'id: t.x\ndescription: d\nlevel: sometimes\nwhen: "true"\nmessage: m\n', /^p\.yaml:3: invalid policy: \/level must be equal to one of the allowed values/],
    ['a missing message', 'id: t.x\ndescription: d\nwhen: "true"\n', /^p\.yaml:1: invalid policy/],
    ['a bad id', 'id: Not Valid\ndescription: d\nwhen: "true"\nmessage: m\n', /^p\.yaml:1: invalid policy: \/id must match pattern/],
  ])('rejects %s', (_name, text, message) => {
    expect(() => loadDataPolicy('p.yaml', text)).toThrowError(message);
  });

  it('supports several rules, each with its own message id', () => {
    const policy = loadDataPolicy('p.yaml', `id: t.multi
description: d
rules:
  - messageId: up
    when: "change.after > change.before"
    message: "up {{ change.before }} → {{ change.after }}"
  - messageId: zero
    when: "change.after == 0"
    message: zero
`);
    const run = (b: number, a: number) => evaluatePolicies([policy], [fileDiff({ n: b }, { n: a })], [], () => ({ level: 'warn', options: {} })).map((f) => f.messageId);
    expect(run(1, 2)).toEqual(['up']);
    expect(run(1, 0)).toEqual(['zero']);
    expect(run(2, 1)).toEqual([]);
  });
});

describe('policies as code', () => {
  it('definePolicy gives the same shape and reports by message id', () => {
    const policy = definePolicy<{ max: number }>({
      id: 'code.replicas',
      meta: { description: 'replicas', defaultLevel: 'warn', messages: { tooFew: 'replicas {{ to }} below {{ max }}' } },
      defaultOptions: { max: 2 },
      match: { paths: ['**.replicas'] },
      checkChange(change, ctx) {
        if (typeof change.after === 'number' && change.after < ctx.options.max) {
          ctx.report({ messageId: 'tooFew', data: { to: change.after, max: ctx.options.max } });
        }
      },
    });
    const findings = evaluatePolicies([policy as never], [fileDiff({ spec: { replicas: 3 } }, { spec: { replicas: 1 } })], [], () => ({ level: 'warn', options: { max: 2 } }));
    expect(findings.map((f) => [f.policy, f.messageId, f.message])).toEqual([['code.replicas', 'tooFew', 'replicas 1 below 2']]);
  });

  it('the registry refuses two policies with one id', () => {
    const registry = new PolicyRegistry();
    registry.add(loadDataPolicy('a.yaml', policyText()));
    expect(() => registry.add(loadDataPolicy('b.yaml', policyText()))).toThrowError('b.yaml: policy id "t.log" is already defined by a.yaml');
  });
});

describe('path policies see inside what was added whole', () => {
  it('a new block carrying logLevel: debug is a logLevel set to debug', () => {
    const policy = loadDataPolicy('p.yaml', policyText());
    const findings = evaluatePolicies([policy], [fileDiff({ services: {} }, { services: { web: { logLevel: 'debug' } } })], [], () => ({ level: 'block', options: {} }));
    expect(findings.map((f) => [f.path, f.after])).toEqual([['services.web.logLevel', 'debug']]);
  });
});
