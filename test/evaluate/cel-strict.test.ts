import { describe, expect, it } from 'vitest';
import { diffDocuments } from '../../src/diff/index.js';
import { evaluatePolicies, loadDataPolicy } from '../../src/evaluate/index.js';
import { compileCel } from '../../src/evaluate/cel.js';
import type { FileDiff, Signal } from '../../src/model.js';

/** A signal policy whose `when` is on line 8 and `message` on line 9. */
const signalPolicy = (when: string, message = 'm', extra = '') => `id: t.strict
description: d
options: { maxShare: 5 }
optionsSchema:
  type: object
  properties: { maxShare: { type: number } }
match: { signals: [verbosity] }
when: ${JSON.stringify(when)}
message: ${JSON.stringify(message)}
${extra}`;

/** A change policy whose `when` is on line 4. */
const changePolicy = (when: string, extra = '') => `id: t.change
description: d
match: { paths: ["**.logLevel"] }
when: ${JSON.stringify(when)}
message: "{{ change.after }}"
${extra}`;

const fileDiff = (before: unknown, after: unknown): FileDiff => ({
  path: 'svc.yaml',
  status: 'modified',
  changes: diffDocuments('svc.yaml', [before], [after]),
});

describe('CEL is checked when a policy loads', () => {
  it.each([
    ['an unknown variable', signalPolicy("sginal.kind == 'level-raised'"), /^p\.yaml:8: CEL error in "sginal\.kind == 'level-raised'": Unknown variable: sginal \(did you mean "signal"\?\)$/],
    ['a misspelt variable in a change policy', changePolicy("chnage.after == 'debug'"), /^p\.yaml:4: CEL error in .*Unknown variable: chnage \(did you mean "change"\?\)$/],
    ['an unknown field of a declared variable', signalPolicy("signal.knd == 'level-raised'"), /^p\.yaml:8: CEL error in .*No such key: knd \(did you mean "kind"\?\)$/],
    ['an unknown field of change', changePolicy("change.aftr == 'debug'"), /^p\.yaml:4: CEL error .*No such key: aftr \(did you mean "after"\?\)$/],
    ['an option the schema does not declare', signalPolicy('signal.scope.share > options.maxShar'), /^p\.yaml:8: CEL error .*No such key: maxShar \(did you mean "maxShare"\?\)$/],
    ['signal in a policy that matches changes', changePolicy("signal.kind == 'x'"), /^p\.yaml:4: CEL error .*Unknown variable: signal$/],
    ['an unknown signal kind', signalPolicy("signal.kind == 'level-raise'"), /^p\.yaml:8: CEL error .*unknown signal kind of \[verbosity\] "level-raise" \(did you mean "level-raised"\?\)$/],
    ['a kind of another signal type', signalPolicy("signal.kind in ['level-raised', 'pool-emptied']"), /^p\.yaml:8: .*unknown signal kind of \[verbosity\] "pool-emptied"$/],
    ['an unknown direction', signalPolicy("signal.direction != 'risk'"), /^p\.yaml:8: .*unknown direction "risk" \(did you mean "risky"\?\)$/],
    ['an unknown change kind', changePolicy("change.kind == 'changed'"), /^p\.yaml:4: .*unknown change kind "changed"$/],
    ['a condition that is not a bool', signalPolicy('signal.summary'), /^p\.yaml:8: CEL error in "signal\.summary": a condition must be bool, this is string$/],
    ['a type mismatch', signalPolicy("signal.summary > 3"), /^p\.yaml:8: CEL error in "signal\.summary > 3": no such overload: string > int$/],
    ['a matches() pattern RE2 rejects (look-behind)', signalPolicy("signal.summary.matches('(?<=a)b')"), /^p\.yaml:8: CEL error .*matches\(\) pattern "\(\?<=a\)b" is not RE2/],
    ['an unknown field in a message placeholder', signalPolicy("signal.kind == 'level-raised'", '{{ signal.sumary }}'), /^p\.yaml:9: CEL error .*No such key: sumary \(did you mean "summary"\?\)$/],
    ['the reserved message id', signalPolicy("signal.kind == 'level-raised'", 'm', 'messageId: evaluation-failed'), /^p\.yaml:10: messageId "evaluation-failed" is reserved$/],
    ['an unknown failurePolicy', signalPolicy("signal.kind == 'level-raised'", 'm', 'failurePolicy: never'), /^p\.yaml:10: invalid policy: \/failurePolicy must be equal to one of the allowed values \(fail, ignore\)$/],
  ])('rejects %s with the file and line', (_name, text, message) => {
    expect(() => loadDataPolicy('p.yaml', text)).toThrowError(message);
  });

  it.each([
    ['optional data guarded with has()', "has(signal.data.moved) && signal.data.moved > options.maxShare"],
    ['an int literal compared with a number field', 'signal.line == 3 || signal.scope.share >= 5'],
    ['the old and new documents, untyped', "has(new.spec) && new.spec.replicas != old.spec.replicas"],
    ['the inventory', "has(inventory.traffic) && size(inventory.traffic) > 0"],
    ['the file', "file.status == 'modified' && file.path.endsWith('.yaml')"],
    ['a macro over a declared list', "signal.scope.targets.exists(t, t.matches('^eu-'))"],
  ])('accepts %s', (_name, when) => {
    expect(() => loadDataPolicy('p.yaml', signalPolicy(when))).not.toThrow();
  });

  it('options without a schema are the default options, by name', () => {
    const text = 'id: t.o\ndescription: d\noptions: { max: 2 }\nwhen: "change.after > options.mx"\nmessage: m\n';
    expect(() => loadDataPolicy('p.yaml', text)).toThrowError(/^p\.yaml:4: .*No such key: mx \(did you mean "max"\?\)$/);
  });
});

describe('an evaluation error is never silent (failurePolicy)', () => {
  const diff = fileDiff({ app: { logLevel: 'info' } }, { app: { logLevel: { value: 'debug' } } });
  const run = (text: string) => evaluatePolicies([loadDataPolicy('p.yaml', text)], [diff], [], () => ({ level: 'block', options: {} }));

  it('fail (the default): a finding at the policy level naming the expression and the reason', () => {
    const findings = run(changePolicy("change.after.level == 'debug'"));
    expect(findings.map((f) => [f.policy, f.level, f.messageId, f.path])).toEqual([['t.change', 'block', 'evaluation-failed', 'app.logLevel']]);
    expect(findings[0].message).toBe(`could not be evaluated: "change.after.level == 'debug'": No such key: level`);
  });

  it('ignore: the rule does not apply', () => {
    expect(run(changePolicy("change.after.level == 'debug'", 'failurePolicy: ignore'))).toEqual([]);
  });

  it('a has() guard in an earlier condition keeps a later one from failing', () => {
    const text = `id: t.guard
description: d
match: { paths: ["**.logLevel"] }
when: ["has(change.after.level)", "change.after.level == 'debug'"]
message: m
`;
    expect(run(text)).toEqual([]);
  });
});

describe('matches() is RE2: linear time on values a change controls', () => {
  it('a catastrophic pattern for a backtracking engine answers at once', () => {
    const match = compileCel("change.after.matches('^(a+)+$')");
    // A backtracking engine takes exponential time on this input: the test would never end.
    expect(match({ change: { after: `${'a'.repeat(5000)}!` } })).toBe(false);
    expect(match({ change: { after: 'aaaa' } })).toBe(true);
  });

  it('finds anywhere in the string, as CEL (RE2) does', () => {
    expect(compileCel("'prod-eu-1'.matches('eu-[0-9]')")({})).toBe(true);
    expect(compileCel("'prod-eu-1'.matches('^eu')")({})).toBe(false);
  });

  it('a signal policy with matches() fires through the pipeline', () => {
    const policy = loadDataPolicy('p.yaml', signalPolicy("signal.scope.targets.exists(t, t.matches('^eu-'))", '{{ signal.summary }}'));
    const signal = {
      type: 'verbosity', kind: 'level-raised', direction: 'risky', file: 'svc.yaml', document: 0, path: ['logLevel'], pathText: 'logLevel', line: 1,
      changes: [], scope: { dimension: 'region', targets: ['eu-west-1'], share: 30, basis: 'inventory' }, summary: 'raised', data: {},
    } as unknown as Signal;
    const findings = evaluatePolicies([policy], [{ path: 'svc.yaml', status: 'modified', changes: [] }], [signal], () => ({ level: 'warn', options: { maxShare: 5 } }));
    expect(findings.map((f) => [f.policy, f.messageId, f.message])).toEqual([['t.strict', 'default', 'raised']]);
  });
});
