// schema-invalid / schema-unusable: the after side of a bound document breaks its schema.
// Only what this change broke counts: errors the before side already had are not its doing.
import type { ErrorObject, ValidateFunction } from 'ajv';
import type { Change, FileDiff, JsonPath, Signal } from '../../model.js';
import type { AnalyzeContext } from '../types.js';
import { pathToText } from '../../diff/index.js';
import { pointerToPath } from '../../json-pointer.js';
import { makeSignal } from '../kit/signal.js';
import { compile, type SchemaEntry, schemasFor } from './bind.js';

function errorKey(e: ErrorObject): string {
  return `${e.instancePath}\0${e.keyword}\0${e.message ?? ''}\0${JSON.stringify(e.params)}`;
}

function describe(e: ErrorObject): string {
  const p = e.params as Record<string, unknown>;
  if (e.keyword === 'additionalProperties' && p.additionalProperty) return `unknown property "${String(p.additionalProperty)}"`;
  if (e.keyword === 'enum' && Array.isArray(p.allowedValues)) return `${e.message}: ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
  return e.message ?? e.keyword;
}

export function startsWith(path: JsonPath, prefix: JsonPath): boolean {
  return prefix.length <= path.length && prefix.every((s, i) => path[i] === s);
}

function safeLine(file: FileDiff, doc: number, path: JsonPath, fallback: number): number {
  try {
    return file.after!.locate(doc, path).line;
  } catch {
    return fallback;
  }
}

function unusable(file: FileDiff, d: number, entry: SchemaEntry, error: Error, ctx: AnalyzeContext): Signal {
  const first = error.message.split('\n')[0];
  return makeSignal(
    {
      type: 'schema', kind: 'schema-unusable', direction: 'neutral', file, document: d, path: [], pathText: '', line: 1,
      changes: file.changes, summary: `schema ${entry.source} could not be compiled: ${first}`, data: { schema: entry.source, error: first },
    },
    ctx.inventory,
  );
}

/** Errors the before side of the same document already had under the same schema. */
function knownErrors(file: FileDiff, d: number, entry: SchemaEntry, entries: readonly SchemaEntry[], validate: ValidateFunction): Set<string> {
  const known = new Set<string>();
  const old = file.before?.documents[d];
  if (file.before && old !== undefined && schemasFor(file.oldPath ?? file.path, old, entries).includes(entry)) {
    if (!validate(old)) for (const e of validate.errors ?? []) known.add(errorKey(e));
  }
  return known;
}

function invalidSignal(file: FileDiff, d: number, entry: SchemaEntry, e: ErrorObject, ctx: AnalyzeContext): Signal {
  const path = pointerToPath(e.instancePath);
  const pathText = pathToText(path);
  const changes: Change[] = file.changes.filter((c) => c.document === d && (startsWith(c.path, path) || startsWith(path, c.path)));
  const line = safeLine(file, d, path, changes[0]?.line ?? file.changes[0]?.line ?? 1);
  return makeSignal(
    {
      type: 'schema', kind: 'schema-invalid', direction: 'risky', file, document: d, path, pathText, line,
      changes: changes.length ? changes : file.changes,
      summary: `${pathText || '(document)'}: ${describe(e)} (schema ${entry.source})`,
      data: { instancePath: e.instancePath, keyword: e.keyword, message: describe(e), params: e.params, schemaPath: e.schemaPath, schema: entry.source },
    },
    ctx.inventory,
  );
}

/** The schema signals of one document against one bound schema. */
function check(file: FileDiff, d: number, doc: unknown, entry: SchemaEntry, entries: readonly SchemaEntry[], ctx: AnalyzeContext): Signal[] {
  const validate = compile(entry.schema);
  if (validate instanceof Error) return [unusable(file, d, entry, validate, ctx)];
  if (validate(doc)) return [];
  const errors = [...(validate.errors ?? [])];
  const known = knownErrors(file, d, entry, entries, validate);
  const seen = new Set<string>();
  const out: Signal[] = [];
  for (const e of errors) {
    const key = errorKey(e);
    if (known.has(key) || seen.has(key)) continue;
    seen.add(key);
    out.push(invalidSignal(file, d, entry, e, ctx));
  }
  return out;
}

export function invalid(file: FileDiff, entries: readonly SchemaEntry[], ctx: AnalyzeContext): Signal[] {
  const out: Signal[] = [];
  file.after!.documents.forEach((doc, d) => {
    for (const entry of schemasFor(file.path, doc, entries)) out.push(...check(file, d, doc, entry, entries, ctx));
  });
  return out;
}
