// The CLI ships as a bundle with its own copy of InputError, while a user's policy or analyzer
// imports the library's (dist/index.js, emitted file to file). An InputError thrown through one
// copy must still be an InputError to the other, or a bad input in a user's policy is reported as
// an internal error instead of one line and exit 2.
import { describe, expect, it } from 'vitest';
import { InputError, inputError } from '../../src/errors.js';

describe('InputError across copies of the module (bug: the bundled CLI and the library each had a class)', () => {
  it('an error made by the built library is an InputError to the source copy, and back', async () => {
    const built = (await import('../../dist/errors.js')) as typeof import('../../src/errors.js');
    expect(built.InputError).not.toBe(InputError);
    expect(built.inputError('a.yaml', 'bad', 3)).toBeInstanceOf(InputError);
    expect(inputError('a.yaml', 'bad', 3)).toBeInstanceOf(built.InputError);
  });

  it.each([
    ['a plain Error', new Error('x')],
    ['an error named InputError', Object.assign(new Error('x'), { name: 'InputError' })],
    ['null', null],
    ['a string', 'InputError'],
  ])('%s is not an InputError', (_, value) => {
    expect(value instanceof InputError).toBe(false);
  });
});
