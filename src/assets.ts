import { existsSync, readFileSync } from 'node:fs';
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

/** Where `npm run build:lib` writes the built-in pack already parsed (scripts/build-pack.mjs). */
export const BUILTIN_PACK_FILE = join('dist', 'builtin-pack.json');

/**
 * The built-in pack's documents as parsed at build time, by file name, each with the text it was
 * parsed from: a caller uses one only when the text still matches. Empty when there is no copy
 * (running from src/, or a bundle shipped without it): the pack is then parsed at run time.
 */
export function builtinPackDocs(): Record<string, { text: string; doc: unknown }> {
  try {
    return (JSON.parse(readFileSync(join(packageRoot(), BUILTIN_PACK_FILE), 'utf8')) as { files: Record<string, { text: string; doc: unknown }> }).files;
  } catch {
    return {};
  }
}
