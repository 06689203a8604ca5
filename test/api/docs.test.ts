// Every name the library exports is documented where it is declared, so an editor shows it.
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { ROOT } from '../support/cli.js';
import { exportedNames, hasDocComment } from './exports.js';

it('every export of src/index.ts has a doc comment', () => {
  const names = exportedNames(join(ROOT, 'src', 'index.ts'));
  expect(names.size).toBeGreaterThan(50);
  expect(names.has('check') && names.has('format')).toBe(true);
  const undocumented = [...names].filter(([name, file]) => !hasDocComment(file, name)).map(([name, file]) => `${name} (${file.slice(ROOT.length + 1)})`);
  expect(undocumented).toEqual([]);
});
