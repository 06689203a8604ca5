// Exact-value tables for the CEL layer (src/evaluate/cel.ts), written against the mutants
// `npx stryker run stryker.bail.config.mjs --mutate src/evaluate/cel.ts` left alive.
import { describe, expect, it } from 'vitest';
import { CelChecker, compileCel, comparedLiterals, evaluate, toCelValue } from '../../src/evaluate/cel.js';

function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a throw');
}

describe('a one-line error keeps the error it came from as its cause', () => {
  it('a syntax error: the parser error, with its pointer into the source', () => {
    const error = thrown(() => compileCel('a =='));
    expect(error.message).toBe('CEL syntax error in "a ==": Unexpected token: EOF');
    expect((error.cause as Error).name).toBe('ParseError');
    expect((error.cause as Error).message.split('\n')).toEqual(['Unexpected token: EOF', '', '>    1 | a ==', '             ^']);
  });

  it.each([
    [
      'a literal pattern, when the expression is checked',
      () => new CelChecker({ name: 'string' }).compile("name.matches('(?<=a)b')", 'bool'),
    ],
    ['a pattern known only at run time, when the expression runs', () => compileCel('s.matches(p)')({ s: 'ab', p: '(?<=a)b' })],
  ])('a pattern RE2 rejects, %s: the RE2 syntax error', (_name, fn) => {
    const error = thrown(fn);
    expect(error.message).toMatch(
      /matches\(\) pattern "\(\?<=a\)b" is not RE2: error parsing regexp: invalid named capture: `\(\?<=a\)b`$/,
    );
    expect(error.cause).toBeInstanceOf(Error);
    expect((error.cause as Error).message).toBe('error parsing regexp: invalid named capture: `(?<=a)b`');
  });
});

describe('matches() rewritten to RE2, and its literal patterns checked', () => {
  const checker = new CelChecker({ name: 'string' });

  it('matches() without a pattern compiles, and fails when evaluated, not when rewritten', () => {
    expect(evaluate(compileCel("'a'.matches()"), {})).toMatchObject({ ok: false });
  });

  it('matches() called as a global function is not rewritten (cel-js has no such overload): it compiles, and fails when evaluated', () => {
    expect(evaluate(compileCel("matches('ab', 'b')"), {})).toStrictEqual({
      ok: false,
      reason: "found no matching overload for 'matches(string, string)'",
    });
  });

  it('a string literal passed to another method is no pattern', () => {
    expect(checker.compile("name.startsWith('(?<=a)')", 'bool')({ name: '(?<=a)b' })).toBe(true);
  });

  it('a pattern built by an expression is checked when it runs, not when it loads', () => {
    const run = checker.compile("name.matches(name + '(')", 'bool');
    expect(evaluate(run, { name: 'x' })).toStrictEqual({
      ok: false,
      reason: 'matches() pattern "x(" is not RE2: error parsing regexp: missing closing ): `x(`',
    });
  });
});

describe("comparedLiterals: only string literals compared with the variable's field", () => {
  it.each([
    ["'signal'.kind == 'a'", []],
    ['signal.kind == other', []],
    ["signal.kind in [other, 'b']", ['b']],
  ])('%s → %j', (expression, expected) => {
    expect(comparedLiterals(expression, 'signal', 'kind')).toEqual(expected);
  });
});

describe('the rest of the CEL layer', () => {
  it('an evaluation error is its first line, trimmed', () => {
    const throwing = () => {
      throw new Error('  boom  \nmore');
    };
    expect(evaluate(throwing, {})).toStrictEqual({ ok: false, reason: 'boom' });
  });

  it('a checked expression may mix types in a list literal', () => {
    expect(new CelChecker({}).compile("[1, 'a'].size() == 2", 'bool')({})).toBe(true);
  });

  it('lists nested deeper than 64 levels are cut to null, as maps are', () => {
    let deep: unknown = ['leaf'];
    for (let i = 0; i < 70; i++) deep = [deep];
    let converted = toCelValue(deep);
    let depth = 0;
    while (Array.isArray(converted)) {
      converted = converted[0];
      depth++;
    }
    expect([depth, converted]).toEqual([65, null]);
  });
});

// Found by a surviving mutant (the AST walk's depth limit): the walk that rewrites matches() to
// RE2 and checks its literal patterns stopped silently at 500 levels, so a matches() nested in
// 170 map literals ran on the JavaScript (backtracking) engine and a pattern RE2 rejects passed.
describe('bug: a matches() nested deeper than the AST walk ran on the JavaScript regex engine', () => {
  const deep = "{'k': ".repeat(170) + "'ab'.matches('(?<=a)b')" + '}'.repeat(170);

  it('compileCel refuses it rather than run it unchecked', () => {
    expect(() => compileCel(deep)).toThrowError(/^CEL expression nested too deeply \(over 500 levels\) to check its matches\(\) calls$/);
  });

  it('a checked expression is refused too', () => {
    expect(() => new CelChecker({}).compile(deep)).toThrowError(/nested too deeply/);
  });

  it('one nested less deeply is still rewritten: RE2 rejects the pattern when it runs', () => {
    const shallow = "{'k': ".repeat(150) + "'ab'.matches('(?<=a)b')" + '}'.repeat(150);
    expect(evaluate(compileCel(shallow), {})).toStrictEqual({
      ok: false,
      reason: 'matches() pattern "(?<=a)b" is not RE2: error parsing regexp: invalid named capture: `(?<=a)b`',
    });
  });
});
