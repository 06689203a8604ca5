// Schema: a file bound to a JSON Schema (by `schemas:` globs in the config, or by a
// `$schema` key naming a schema file the config loaded) must stay valid; and a field
// that was set and becomes empty (`""`, `[]`, `{}`, null) is a signal of its own,
// schema or not: an emptied allow-list or host list is rarely meant.
import picomatch from 'picomatch';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { Change, FileDiff, JsonPath, Signal } from '../../model.js';
import type { AnalyzeContext, AnalyzeOptions, Analyzer } from '../types.js';
import { defineAnalyzer } from '../types.js';
import { getAt, lastKey } from '../kit/paths.js';
import { pathToText } from '../../diff/index.js';
import { makeSignal, norm } from '../kit/signal.js';
import { pointerToPath } from '../../json-pointer.js';

type SchemaEntry = NonNullable<AnalyzeOptions['schemas']>[number];

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

/** Compiled once per schema object. */
const compiled = new WeakMap<object, ValidateFunction | Error>();
const globCache = new Map<string, (path: string) => boolean>();

function compile(schema: object): ValidateFunction | Error {
  const hit = compiled.get(schema);
  if (hit) return hit;
  let result: ValidateFunction | Error;
  try {
    const draft = (schema as { $schema?: unknown }).$schema;
    const modern = typeof draft === 'string' && /2019-09|2020-12/.test(draft);
    const ajv = modern
      ? new Ajv2020({ allErrors: true, strict: false, validateSchema: false })
      : new Ajv({ allErrors: true, strict: false, validateSchema: false });
    addFormats(ajv as unknown as Ajv);
    result = ajv.compile(schema);
  } catch (error) {
    result = error instanceof Error ? error : new Error(String(error));
  }
  compiled.set(schema, result);
  return result;
}

function globMatch(globs: readonly string[], path: string): boolean {
  return globs.some((g) => {
    let m = globCache.get(g);
    if (!m) {
      m = picomatch(g, { dot: true, matchBase: !g.includes('/') });
      globCache.set(g, m);
    }
    return m(path);
  });
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

/** Schemas bound to one document of a file: by glob, or by the document's own `$schema` key. */
export function schemasFor(file: string, doc: unknown, entries: readonly SchemaEntry[]): SchemaEntry[] {
  const out = entries.filter((e) => globMatch(e.files, file));
  const ref = doc !== null && typeof doc === 'object' && !Array.isArray(doc) ? (doc as Record<string, unknown>).$schema : undefined;
  if (typeof ref === 'string' && !/^https?:\/\/json-schema\.org\//.test(ref)) {
    const clean = ref.replace(/#.*$/, '');
    const resolved = posixResolve(file, clean);
    const bare = clean.replace(/^\.\//, '');
    const hit = entries.find(
      (e) => e.source === clean || e.source === resolved || e.source === bare || (/^https?:/.test(clean) ? false : e.source.endsWith(`/${bare}`)),
    );
    if (hit && !out.includes(hit)) out.push(hit);
  }
  return out;
}

function errorKey(e: ErrorObject): string {
  return `${e.instancePath}\0${e.keyword}\0${e.message ?? ''}\0${JSON.stringify(e.params)}`;
}

/** The document index on the before side holding the same object (same index, else the only one). */
function beforeDoc(file: FileDiff, doc: number): unknown {
  return file.before?.documents[doc];
}

function describe(e: ErrorObject): string {
  const p = e.params as Record<string, unknown>;
  if (e.keyword === 'additionalProperties' && p.additionalProperty) return `unknown property "${String(p.additionalProperty)}"`;
  if (e.keyword === 'enum' && Array.isArray(p.allowedValues)) return `${e.message}: ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
  return e.message ?? e.keyword;
}

export const analyzeSchema: Analyzer = (files, ctx: AnalyzeContext) => {
  const out: Signal[] = [];
  const entries = ctx.options.schemas ?? [];
  for (const file of files) {
    if (!file.after || file.status === 'deleted') continue;
    if (entries.length > 0) out.push(...invalid(file, entries, ctx));
    out.push(...emptied(file, ctx));
  }
  return out;
};

// ── schema-invalid ─────────────────────────────────────────────────────────

function invalid(file: FileDiff, entries: readonly SchemaEntry[], ctx: AnalyzeContext): Signal[] {
  const out: Signal[] = [];
  const after = file.after!;
  after.documents.forEach((doc, d) => {
    for (const entry of schemasFor(file.path, doc, entries)) {
      const validate = compile(entry.schema);
      if (validate instanceof Error) {
        out.push(
          makeSignal(
            {
              type: 'schema',
              kind: 'schema-unusable',
              direction: 'neutral',
              file,
              document: d,
              path: [],
              pathText: '',
              line: 1,
              changes: file.changes,
              summary: `schema ${entry.source} could not be compiled: ${validate.message.split('\n')[0]}`,
              data: { schema: entry.source, error: validate.message.split('\n')[0] },
            },
            ctx.inventory,
          ),
        );
        continue;
      }
      if (validate(doc)) continue;
      const errors = [...(validate.errors ?? [])];
      // Only what this change broke: errors the before side already had are not its doing.
      const known = new Set<string>();
      const old = beforeDoc(file, d);
      if (file.before && old !== undefined && schemasFor(file.oldPath ?? file.path, old, entries).includes(entry)) {
        if (!validate(old)) for (const e of validate.errors ?? []) known.add(errorKey(e));
      }
      const seen = new Set<string>();
      for (const e of errors) {
        const key = errorKey(e);
        if (known.has(key) || seen.has(key)) continue;
        seen.add(key);
        // anyOf/oneOf report their branches too; the summary error is enough
        const path = pointerToPath(e.instancePath);
        const pathText = pathToText(path);
        const changes = file.changes.filter(
          (c) => c.document === d && (startsWith(c.path, path) || startsWith(path, c.path)),
        );
        const line = safeLine(file, d, path, changes[0]?.line ?? file.changes[0]?.line ?? 1);
        out.push(
          makeSignal(
            {
              type: 'schema',
              kind: 'schema-invalid',
              direction: 'risky',
              file,
              document: d,
              path,
              pathText,
              line,
              changes: changes.length ? changes : file.changes,
              summary: `${pathText || '(document)'}: ${describe(e)} (schema ${entry.source})`,
              data: {
                instancePath: e.instancePath,
                keyword: e.keyword,
                message: describe(e),
                params: e.params,
                schemaPath: e.schemaPath,
                schema: entry.source,
              },
            },
            ctx.inventory,
          ),
        );
      }
    }
  });
  return out;
}

function startsWith(path: JsonPath, prefix: JsonPath): boolean {
  return prefix.length <= path.length && prefix.every((s, i) => path[i] === s);
}

function safeLine(file: FileDiff, doc: number, path: JsonPath, fallback: number): number {
  try {
    return file.after!.locate(doc, path).line;
  } catch {
    return fallback;
  }
}

// ── field-emptied ──────────────────────────────────────────────────────────

/** Fields whose emptying is prose, not behaviour: reported, but not risky. */
const PROSE = new Set(['description', 'comment', 'comments', 'note', 'notes', 'summary', 'title', 'displayname', 'annotations', 'labels', 'tags', 'help', 'doc', 'docs', 'remarks']);

function isEmpty(v: unknown): boolean {
  if (v === null || v === '') return true;
  if (Array.isArray(v)) return v.length === 0;
  if (v !== null && typeof v === 'object' && !(v instanceof Date)) return Object.keys(v).length === 0;
  return false;
}

function emptyText(v: unknown): string {
  if (v === null) return 'null';
  if (v === '') return '""';
  return Array.isArray(v) ? '[]' : '{}';
}

function emptied(file: FileDiff, ctx: AnalyzeContext): Signal[] {
  const out: Signal[] = [];
  const seen = new Set<string>();
  const push = (c: Change, path: JsonPath, pathText: string, before: unknown, after: unknown, changes: Change[]) => {
    const key = JSON.stringify([c.document, path]);
    if (seen.has(key)) return;
    seen.add(key);
    const prose = PROSE.has(norm(lastKey(path)));
    const beforeText = Array.isArray(before) ? `${before.length} entr${before.length === 1 ? 'y' : 'ies'}` : before !== null && typeof before === 'object' ? `${Object.keys(before).length} keys` : JSON.stringify(before);
    out.push(
      makeSignal(
        {
          type: 'schema',
          kind: 'field-emptied',
          direction: prose ? 'neutral' : 'risky',
          file,
          document: c.document,
          path,
          pathText,
          line: c.line,
          changes,
          summary: `${pathText}: ${beforeText} → ${emptyText(after)}`,
          data: {
            key: lastKey(path),
            before: before ?? null,
            after: after ?? null,
            empty: emptyText(after),
            entriesBefore: Array.isArray(before) ? before.length : before !== null && typeof before === 'object' ? Object.keys(before).length : null,
          },
        },
        ctx.inventory,
      ),
    );
  };

  for (const c of file.changes) {
    if (c.kind === 'modified' && isEmpty(c.after) && !isEmpty(c.before) && c.before !== undefined) {
      push(c, c.path, c.pathText, c.before, c.after, [c]);
    }
  }
  // A list or map whose entries were all removed: the diff reports the entries, not the parent.
  const groups = new Map<string, Change[]>();
  for (const c of file.changes) {
    if (c.kind !== 'removed' || c.path.length === 0) continue;
    const k = JSON.stringify([c.document, c.path.slice(0, -1)]);
    const group = groups.get(k);
    if (group) group.push(c);
    else groups.set(k, [c]);
  }
  for (const removed of groups.values()) {
    const c = removed[0]!;
    const parent = c.path.slice(0, -1);
    if (parent.length === 0) continue;
    const afterValue = getAt(file.after?.documents[c.document], parent);
    if (afterValue === undefined || !isEmpty(afterValue)) continue;
    const added = file.changes.some((x) => x.kind === 'added' && x.document === c.document && x.path.length === parent.length + 1 && startsWith(x.path, parent));
    if (added) continue;
    const before = Array.isArray(afterValue) ? removed.map((r) => r.before) : Object.fromEntries(removed.map((r) => [String(r.path[r.path.length - 1]), r.before]));
    const pathText = c.pathText.replace(/(?:\.[^.[\]]+|\[[^\]]*\])$/, '');
    push(c, parent, pathText, before, afterValue, removed);
  }
  return out;
}

export default defineAnalyzer({
  name: 'schema',
  doc: 'Documents bound to a JSON Schema stay valid; fields that were set and become empty.',
  signals: ['schema'],
  analyze: analyzeSchema,
});
