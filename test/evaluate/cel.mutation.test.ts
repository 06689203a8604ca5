// Exact-value tables for the CEL layer (src/evaluate/cel.ts, interpolate.ts), written against the
// mutants `npm run mutate` left alive: each row pins one behaviour a mutant changed.
import { describe, expect, it } from 'vitest';
import {
  CelChecker,
  compileCel,
  compileTemplate,
  comparedLiterals,
  evaluate,
  formatValue,
  holds,
  toCelValue,
} from '../../src/evaluate/cel.js';
import { interpolate } from '../../src/evaluate/interpolate.js';
import { optionsType, policyVariables } from '../../src/evaluate/cel-variables.js';

describe('formatValue renders CEL results for messages', () => {
  it.each([
    [undefined, ''],
    [null, 'null'],
    [12n, '12'],
    [48000, '48,000'],
    [0, '0'],
    [2.345, '2.35'],
    [2.344, '2.34'],
    [-1.5, '-1.5'],
    ['debug', 'debug'],
    ['', ''],
    [['a', 2, 3000], 'a, 2, 3,000'],
    [[], ''],
    [new Map([['a', 1]]), '{"a":1}'],
    [{ b: true }, '{"b":true}'],
    [true, 'true'],
  ] as const)('%s → %s', (value, text) => {
    expect(formatValue(value)).toBe(text);
  });
});

describe('toCelValue gives CEL plain data', () => {
  it.each([
    ['undefined passes', undefined, undefined],
    ['null passes', null, null],
    ['a string passes', 'x', 'x'],
    ['a BigInt passes', 5n, 5n],
    ['undefined fields dropped, null kept', { a: undefined, b: null, c: 1 }, { b: null, c: 1 }],
    ['undefined list items become null', [undefined, 1], [null, 1]],
    ['a Date becomes its ISO text', { at: new Date('2026-01-02T03:04:05Z') }, { at: '2026-01-02T03:04:05.000Z' }],
    ['nested objects are converted', { a: { b: { c: undefined, d: [undefined] } } }, { a: { b: { d: [null] } } }],
  ])('%s', (_name, value, expected) => {
    expect(toCelValue(value)).toStrictEqual(expected);
  });

  it('cuts nesting deeper than 64 levels to null', () => {
    let deep: Record<string, unknown> = { leaf: 1 };
    for (let i = 0; i < 70; i++) deep = { next: deep };
    let converted = toCelValue(deep) as Record<string, unknown> | null;
    let depth = 0;
    while (converted && typeof converted === 'object' && 'next' in converted) {
      converted = converted.next as Record<string, unknown> | null;
      depth++;
    }
    expect(depth).toBe(65);
    expect(converted).toBeNull();
  });

  it('keeps an object at exactly depth 64', () => {
    expect(toCelValue({ a: 1 }, 64)).toStrictEqual({ a: 1 });
    expect(toCelValue({ a: 1 }, 65)).toBeNull();
    expect(toCelValue([1], 65)).toBeNull();
  });
});

describe('evaluate and holds', () => {
  it.each([
    ['1 + 2', {}, { ok: true, value: 3n }],
    ["'a' + 'b'", {}, { ok: true, value: 'ab' }],
    ['x.y', { x: { y: false } }, { ok: true, value: false }],
  ])('%s', (expression, activation, expected) => {
    expect(evaluate(compileCel(expression), activation)).toStrictEqual(expected);
  });

  it('an evaluation error is the first line of the error, not a throw', () => {
    const result = evaluate(compileCel('missing.key'), {});
    expect(result.ok).toBe(false);
    expect(result).toStrictEqual({ ok: false, reason: expect.stringMatching(/^[^\n]+$/) });
    expect((result as { reason: string }).reason).toBe((result as { reason: string }).reason.trim());
  });

  it.each([
    ['true', true],
    ['false', false],
    ['1', false],
    ["'true'", false],
    ['missing.key', false],
  ])('holds(%s) is %s: only the value true holds', (expression, expected) => {
    expect(holds(compileCel(expression), {})).toBe(expected);
  });
});

describe('matches() runs on RE2', () => {
  it.each([
    ["'api-v2'.matches('^api-v[0-9]+$')", true],
    ["'api-v2'.matches('^web')", false],
    ["'xx-debug'.matches('debug')", true],
    ["'matches'.matches('^matches$')", true],
    ["'a'.matches('a') && 'b'.matches('c')", false],
    ["'a'.matches('a') && 'bc'.matches('c$')", true],
  ])('%s → %s', (expression, expected) => {
    expect(evaluate(compileCel(expression), {})).toStrictEqual({ ok: true, value: expected });
  });

  it('a pattern only known at run time that RE2 rejects is an evaluation error naming it', () => {
    const result = evaluate(compileCel('s.matches(p)'), { s: 'ab', p: '(?<=a)b' });
    expect(result).toStrictEqual({ ok: false, reason: expect.stringMatching(/^matches\(\) pattern "\(\?<=a\)b" is not RE2: /) });
  });

  it('a receiver that is itself a call keeps its own name', () => {
    expect(evaluate(compileCel("string(x).matches('^4')"), { x: 42 })).toStrictEqual({ ok: true, value: true });
  });
});

describe('compileCel', () => {
  it('rejects a syntax error with the expression and one line', () => {
    expect(() => compileCel('a ==')).toThrowError(/^CEL syntax error in "a ==": \S.*$/);
  });
});

describe('CelChecker', () => {
  const checker = new CelChecker({ change: { after: 'dyn', kind: 'string' }, options: { maxShare: 'double' }, name: 'string' });

  it.each([
    ["change.kind == 'added'", 'bool', true],
    ['options.maxShare > 1.0', 'bool', true],
    ["name + 'x'", undefined, true],
    ['change.after', 'bool', true],
  ] as const)('compiles %s', (expression, type, ok) => {
    expect(typeof checker.compile(expression, type as 'bool' | undefined)).toBe(ok ? 'function' : 'undefined');
  });

  it.each([
    ['name', /^CEL error in "name": a condition must be bool, this is string$/],
    ['chnage.kind', /^CEL error in "chnage\.kind": Unknown variable: chnage \(did you mean "change"\?\)$/],
    ['change.knd', /^CEL error in "change\.knd": No such key: knd \(did you mean "kind"\?\)$/],
    ['zzzzzz', /^CEL error in "zzzzzz": Unknown variable: zzzzzz$/],
    ['change.kind ==', /^CEL syntax error in "change\.kind ==": /],
    ["name.matches('(?<=a)b')", /^CEL error in "name\.matches\('\(\?<=a\)b'\)": matches\(\) pattern "\(\?<=a\)b" is not RE2: /],
  ])('rejects %s', (expression, message) => {
    expect(() => checker.compile(expression, 'bool')).toThrowError(message);
  });

  it('a non-bool expression compiles when no result type is asked', () => {
    expect(checker.compile('name')({ name: 'n' })).toBe('n');
  });
});

describe('comparedLiterals', () => {
  it.each([
    ["signal.kind == 'a'", ['a']],
    ["'a' == signal.kind", ['a']],
    ["signal.kind != 'b'", ['b']],
    ["'b' != signal.kind", ['b']],
    ["signal.kind in ['a', 'b', 3]", ['a', 'b']],
    ["'a' in signal.kind", []],
    ["signal.other == 'a'", []],
    ["change.kind == 'a'", []],
    ["signal.kind == 'a' || signal.kind == 'c'", ['a', 'c']],
    ["signal.kind > 'a'", []],
    ['signal.kind == 3', []],
    ["x.signal.kind == 'a'", []],
  ])('%s → %j', (expression, expected) => {
    expect(comparedLiterals(expression, 'signal', 'kind')).toEqual(expected);
  });
});

describe('compileTemplate', () => {
  it.each([
    ['plain text', 'no placeholders', {}, 'no placeholders'],
    ['one placeholder', '{{x}}', { x: 3 }, '3'],
    ['spaces and text around', 'a {{  x  }} b {{ y }}c', { x: 1, y: 'z' }, 'a 1 b zc'],
    ['an unrenderable placeholder is ?', 'v={{ missing.key }}!', {}, 'v=?!'],
    ['a placeholder over lines', "{{ x\n + 'b' }}", { x: 'a' }, 'ab'],
  ])('%s', (_name, template, activation, expected) => {
    expect(compileTemplate(template).render(activation)).toBe(expected);
  });

  it('with a checker, a placeholder may name only declared variables', () => {
    const checker = new CelChecker({ x: 'int' });
    expect(compileTemplate('{{ x }}', checker).render({ x: 2n })).toBe('2');
    expect(() => compileTemplate('{{ y }}', checker)).toThrowError(/Unknown variable: y/);
  });
});

describe('interpolate (code policies)', () => {
  it.each([
    ['a {{ name }}', { name: 'api' }, 'a api'],
    ['{{a.b}}', { a: { b: 2 } }, '2'],
    ['{{a.b}}', { a: { b: ['x'] } }, '["x"]'],
    ['{{ missing }}', {}, '{{missing}}'],
    ['{{a.b.c}}', { a: 1 }, '{{a.b.c}}'],
    ['{{ x }} and {{y}}', { x: 'one', y: null }, 'one and null'],
    ['{{ bad-name }}', { 'bad-name': 1 }, '{{ bad-name }}'],
  ])('%s with %j → %s', (template, data, expected) => {
    expect(interpolate(template, data)).toBe(expected);
  });
});

describe('the CEL types of a data policy', () => {
  it.each([
    ['no schema: the default options, dyn', undefined, { maxShare: 5 }, { maxShare: 'dyn' }],
    ['a schema without properties: an open map', { type: 'object' }, { a: 1 }, 'map<string, dyn>'],
    [
      'each property typed from its schema',
      {
        type: 'object',
        properties: {
          s: { type: 'string' },
          b: { type: 'boolean' },
          n: { type: 'number' },
          i: { type: 'integer' },
          ls: { type: 'array', items: { type: 'string' } },
          ln: { type: 'array', items: { type: 'number' } },
          la: { type: 'array' },
          closed: { type: 'object', properties: { k: { type: 'string' }, d: {} }, additionalProperties: false },
          open: { type: 'object', properties: { k: { type: 'string' } } },
          none: true,
        },
      },
      { extra: 1, s: 'x' },
      {
        extra: 'dyn',
        s: 'string',
        b: 'bool',
        n: 'dyn',
        i: 'dyn',
        ls: 'list<string>',
        ln: 'list<dyn>',
        la: 'list<dyn>',
        closed: { k: 'string', d: 'dyn' },
        open: 'map<string, dyn>',
        none: 'dyn',
      },
    ],
  ])('%s', (_name, schema, defaults, expected) => {
    expect(optionsType(schema, defaults)).toStrictEqual(expected);
  });

  it('names signal only for a policy that matches signals', () => {
    const withSignal = policyVariables('map<string, dyn>', true);
    const without = policyVariables({ max: 'dyn' }, false);
    expect(Object.keys(withSignal)).toEqual(['change', 'signal', 'file', 'inventory', 'old', 'new', 'options']);
    expect(Object.keys(without)).toEqual(['change', 'file', 'inventory', 'old', 'new', 'options']);
    expect(without.options).toStrictEqual({ max: 'dyn' });
    expect(withSignal.old).toBe('dyn');
    expect(withSignal.new).toBe('dyn');
  });

  it.each([
    ["change.line == 3 && change.kind == 'modified' && change.key == 'k' && change.pathText == 'a.k'", false],
    ["signal.scope.share > 5.0 && signal.scope.targets.exists(t, t == 'eu') && signal.document == 0", true],
    ["file.path == 'a' && file.status == 'added' && has(file.oldPath)", false],
    ["has(inventory.traffic) && inventory.source == 'x' && size(inventory.callers) == 0", false],
    ["has(signal.data.x) && signal.summary != '' && size(signal.missing) >= 0 && signal.path[0] == 'a'", true],
  ])('the declared fields check: %s', (expression, withSignal) => {
    const checker = new CelChecker(policyVariables({}, withSignal));
    expect(typeof checker.compile(expression, 'bool')).toBe('function');
  });

  it.each([
    ['change.lines == 3', false, /No such key: lines/],
    ['signal.scope.shares > 1', true, /No such key: shares/],
    ["file.name == 'a'", false, /No such key: name/],
    ['inventory.pool == 1', false, /No such key: pool/],
  ])('an undeclared field is rejected: %s', (expression, withSignal, message) => {
    expect(() => new CelChecker(policyVariables({}, withSignal)).compile(expression, 'bool')).toThrowError(message);
  });
});
