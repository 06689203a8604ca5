// Loading a data policy: every compile problem is an InputError naming the file and the line of
// the expression at fault. Written against the mutants `npx stryker run stryker.bail.config.mjs
// --mutate src/evaluate/data-policy.ts` left alive.
import { describe, expect, it } from 'vitest';
import { loadDataPolicy } from '../../src/evaluate/index.js';
import { InputError } from '../../src/errors.js';

function loadError(text: string): InputError {
  try {
    loadDataPolicy('p.yaml', text);
  } catch (error) {
    return error as InputError;
  }
  throw new Error('expected a load error');
}

describe('a data policy that does not compile: an InputError at the line at fault', () => {
  it.each([
    [
      'a condition naming an unknown variable',
      'id: t.p\ndescription: d\nwhen: "chnage.kind == \'added\'"\nmessage: m\n',
      3,
      /^p\.yaml:3: CEL error in "chnage\.kind == 'added'": Unknown variable: chnage \(did you mean "change"\?\)$/,
    ],
    [
      'a threshold condition naming an unknown field',
      [
        'id: t.p',
        'description: d',
        'match: { signals: [verbosity] }',
        'threshold:',
        '  kinds: [level-raised]',
        '  when: "signal.scop.share > 10.0"',
        'when: "true"',
        'message: m',
        '',
      ].join('\n'),
      6,
      /^p\.yaml:6: CEL error in "signal\.scop\.share > 10\.0": No such key: scop/,
    ],
    [
      'a signal kind no matched type has: the types named, and the nearest kind',
      'id: t.p\ndescription: d\nmatch: { signals: [verbosity, routing] }\nwhen: "signal.kind == \'level-rased\'"\nmessage: m\n',
      4,
      /^p\.yaml:4: CEL error in "signal\.kind == 'level-rased'": unknown signal kind of \[verbosity, routing\] "level-rased" \(did you mean "level-raised"\?\)$/,
    ],
  ])('%s', (_name, text, line, message) => {
    const error = loadError(text);
    expect(error).toBeInstanceOf(InputError);
    expect([error.file, error.line]).toEqual(['p.yaml', line]);
    expect(error.message).toMatch(message);
  });
});
