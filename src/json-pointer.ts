import type { JsonPath } from './model.js';

/** A JSON Pointer (`/spec/routes/0/weight`, as ajv reports errors) → a document path. */
export function pointerToPath(pointer: string): JsonPath {
  if (!pointer) return [];
  return pointer
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}
