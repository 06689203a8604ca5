// The AST walk's depth limit (src/evaluate/cel.ts, `visit`), pinned at the level its message
// names: an expression 500 levels deep is walked (its matches() rewritten to RE2), one a level
// deeper is refused. Map literals add 3 levels each, list literals 2: 165 maps around one list
// around `x.matches(p)` reach exactly 500. Written against the mutant `depth > 500 → >= 500`.
import { describe, expect, it } from 'vitest';
import { compileCel, evaluate } from '../../src/evaluate/cel.js';

const nested = (maps: number, lists: number, inner: string) =>
  "{'k': ".repeat(maps) + '['.repeat(lists) + inner + ']'.repeat(lists) + '}'.repeat(maps);
const lookbehind = "'ab'.matches('(?<=a)b')";

describe('the depth limit of the matches() walk is 500 levels', () => {
  it('500 levels: walked, so the pattern runs on RE2, which rejects it', () => {
    expect(evaluate(compileCel(nested(165, 1, lookbehind)), {})).toStrictEqual({
      ok: false,
      reason: 'matches() pattern "(?<=a)b" is not RE2: error parsing regexp: invalid named capture: `(?<=a)b`',
    });
  });

  it.each([
    ['501 levels (166 maps)', nested(166, 0, lookbehind)],
    ['502 levels (165 maps, 2 lists)', nested(165, 2, lookbehind)],
  ])('%s: refused', (_name, expression) => {
    expect(() => compileCel(expression)).toThrowError(/^CEL expression nested too deeply \(over 500 levels\) to check its matches\(\) calls$/);
  });
});
