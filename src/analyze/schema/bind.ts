// Which schemas a document is bound to (config globs, its own `$schema`), compiled once.
import type { ValidateFunction } from 'ajv';
import { documentSchemaValidator } from '../../ajv.js';
import { globMatcher } from '../../match.js';
import type { AnalyzeOptions } from '../types.js';
import { META_SCHEMA_PREFIXES, SCHEMA_KEY } from './vocabulary.js';

export type SchemaEntry = NonNullable<AnalyzeOptions['schemas']>[number];

/** Compiled once per schema object. */
const compiled = new WeakMap<object, ValidateFunction | Error>();

export function compile(schema: object): ValidateFunction | Error {
  const hit = compiled.get(schema);
  if (hit) return hit;
  let result: ValidateFunction | Error;
  try {
    result = documentSchemaValidator(schema);
  } catch (error) {
    result = error instanceof Error ? error : new Error(String(error));
  }
  compiled.set(schema, result);
  return result;
}

function globMatch(globs: readonly string[], path: string): boolean {
  return globMatcher(globs, { basename: true })(path);
}

function posixResolve(fromFile: string, ref: string): string {
  const parts = ref.startsWith('/') ? [] : fromFile.split('/').slice(0, -1);
  for (const seg of ref.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') parts.pop();
    else parts.push(seg);
  }
  return parts.join('/');
}

/** The loaded schema a document's own `$schema` names (relative to the file, or by its path). */
function byReference(file: string, ref: string, entries: readonly SchemaEntry[]): SchemaEntry | undefined {
  const clean = ref.replace(/#.*$/, '');
  const resolved = posixResolve(file, clean);
  const bare = clean.replace(/^\.\//, '');
  const remote = /^https?:/.test(clean);
  return entries.find((e) => e.source === clean || e.source === resolved || e.source === bare || (!remote && e.source.endsWith(`/${bare}`)));
}

/** Schemas bound to one document of a file: by glob, or by the document's own `$schema` key. */
export function schemasFor(file: string, doc: unknown, entries: readonly SchemaEntry[]): SchemaEntry[] {
  const out = entries.filter((e) => globMatch(e.files, file));
  const ref = doc !== null && typeof doc === 'object' && !Array.isArray(doc) ? (doc as Record<string, unknown>)[SCHEMA_KEY] : undefined;
  if (typeof ref === 'string' && !META_SCHEMA_PREFIXES.some((p) => ref.startsWith(p))) {
    const hit = byReference(file, ref, entries);
    if (hit && !out.includes(hit)) out.push(hit);
  }
  return out;
}
