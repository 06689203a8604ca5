import { describe, expect, it } from 'vitest';
import { compileCel, compileTemplate, holds, toCelValue } from '../../src/evaluate/cel.js';

describe('CEL', () => {
  it.each([
    ["change.after == 'debug'", { change: { after: 'debug' } }, true],
    ['change.after > 3', { change: { after: 5 } }, true],
    ['signal.scope.share > options.maxShare', { signal: { scope: { share: 100 } }, options: { maxShare: 5 } }, true],
    ['has(change.before) && change.before == 1', { change: {} }, false],
    ["change.after > 3", { change: { after: 'text' } }, false],
    ['missing.key', {}, false],
    ["change.path.exists(p, p == 'logLevel')", { change: { path: ['a', 'logLevel'] } }, true],
  ])('%s', (expression, activation, expected) => {
    expect(holds(compileCel(expression), activation)).toBe(expected);
  });

  it('throws a one-line error on a syntax error', () => {
    expect(() => compileCel('change.after ==')).toThrowError(/^CEL syntax error in "change.after ==": .+$/);
  });

  it('renders templates with CEL placeholders and readable numbers', () => {
    const t = compileTemplate('pool {{ p.name }}: {{ p.load }} rps, {{ p.hosts }}');
    expect(t.render({ p: { name: 'api-b', load: 48000, hosts: ['a', 'b'] } })).toBe('pool api-b: 48,000 rps, a, b');
  });

  it('drops undefined fields so has() works', () => {
    expect(toCelValue({ a: undefined, b: [undefined, 1] })).toEqual({ b: [null, 1] });
  });
});
