import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

/**
 * The package root, where `policies/` and `schemas/` live. The library runs from `dist/<dir>/`
 * or `src/<dir>/`, the bundled Action from `dist/`: look upward for the folder that has both.
 */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 4; i++) {
    if (existsSync(join(dir, 'schemas')) && existsSync(join(dir, 'policies'))) return dir;
    dir = dirname(dir);
  }
  throw new Error('configgate: cannot find its policies/ and schemas/ folders next to the package');
}

export const builtinPolicyDir = (): string => join(packageRoot(), 'policies');
export const schemaPath = (name: string): string => join(packageRoot(), 'schemas', name);
