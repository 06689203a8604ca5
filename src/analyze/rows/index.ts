// Rows of data files: a list that now holds more rows than its consumer takes (a generated
// feature file that doubled past the 200 entries a proxy preallocates, and every proxy that
// loaded it failed: a CDN's worldwide outage, 2025), and rows of a list of tuples (`[name, type]`,
// keyed by position rather than by a name field) that now occur twice. The limit is declared
// where the file cannot say it: `inventory.limits` (file glob, path, maxItems), or for a generated
// file the `maxItems` of the schema bound to it (other files are judged by schema.valid). A
// generated list that grew with no limit declared is a neutral fact naming the missing one.
import type { FileDiff, JsonPath, Signal } from '../../model.js';
import type { AnalyzeContext, Analyzer } from '../types.js';
import { defineBuiltinAnalyzer } from '../types.js';
import { getAt, isObject, pathMatches } from '../kit/paths.js';
import { makeSignal, round } from '../kit/signal.js';
import { globMatcher } from '../../match.js';
import { pathToText } from '../../diff/index.js';
import { MIN_TUPLE, SCHEMA_REF_PREFIXES, UNDECLARED_GROWTH } from './vocabulary.js';
import { entriesOf } from '../kit/entries.js';

interface List {
  document: number;
  path: JsonPath;
  items: unknown[];
}

/**
 * Every list of one document with its path, one at a time (the walk skips scalars): a file of
 * 200,000 small lists is not held as 200,000 records at once.
 */
function* listsOf(doc: unknown, document: number, path: JsonPath = []): Generator<List> {
  if (Array.isArray(doc)) {
    yield { document, path, items: doc };
    for (let i = 0; i < doc.length; i++) {
      const x = doc[i];
      if (x !== null && typeof x === 'object') yield* listsOf(x, document, [...path, i]);
    }
  } else if (isObject(doc)) {
    for (const [k, x] of entriesOf(doc)) if (x !== null && typeof x === 'object') yield* listsOf(x, document, [...path, k]);
  }
}

const isRow = (x: unknown) => Array.isArray(x) && x.length >= MIN_TUPLE && x.every((v) => v === null || typeof v !== 'object');

function lineOf(file: FileDiff, document: number, path: JsonPath): number {
  return file.after?.locate(document, path).line ?? 1;
}

/**
 * The documents a change lies in: every list of such a document is read (a list the change did
 * not touch is as it was, and says nothing).
 */
function changedDocuments(file: FileDiff): Set<number> {
  return new Set(file.changes.map((c) => c.document));
}

// ── duplicate rows ─────────────────────────────────────────────────────────

function countRows(items: unknown[]): Map<string, number[]> {
  const seen = new Map<string, number[]>();
  items.forEach((x, i) => {
    const k = JSON.stringify(x);
    seen.set(k, [...(seen.get(k) ?? []), i]);
  });
  return seen;
}

function duplicateRows(file: FileDiff, l: List, ctx: AnalyzeContext): Signal[] {
  if (l.items.length < 2 || !l.items.every(isRow)) return [];
  const before = getAt(file.before?.documents[l.document], l.path);
  const had = Array.isArray(before) ? countRows(before) : new Map<string, number[]>();
  const dups = [...countRows(l.items)].filter(([row, at]) => at.length >= 2 && at.length > (had.get(row)?.length ?? 0));
  if (dups.length === 0) return [];
  const first = dups.map(([, at]) => at[1]!).sort((a, b) => a - b)[0]!;
  const path = [...l.path, first];
  const list = pathToText(l.path) || '(list)';
  const shown = dups.slice(0, 3).map(([row, at]) => `${row} ×${at.length}`).join(', ') + (dups.length > 3 ? `, … (${dups.length} rows)` : '');
  return [makeSignal({
    type: 'size', kind: 'duplicate-row', direction: 'risky', file, document: l.document, path, pathText: `${list}[${first}]`,
    line: lineOf(file, l.document, path), changes: file.changes.filter((c) => l.path.every((s, i) => c.path[i] === s)),
    summary: `${list}: ${dups.length} row${dups.length === 1 ? '' : 's'} now occur more than once (${shown}) in ${l.items.length} rows; a consumer keyed by the columns keeps one, or counts both`,
    data: { duplicates: dups.length, rows: dups.slice(0, 20).map(([row, at]) => ({ row: JSON.parse(row) as unknown, indices: at })), total: l.items.length, list },
  }, ctx.inventory)];
}

// ── consumer limits ────────────────────────────────────────────────────────

/** The schema of the value at `path` (properties, items, local $refs), or undefined. */
function schemaAt(schema: unknown, path: JsonPath, root: unknown = schema): Record<string, unknown> | undefined {
  let s = schema;
  for (let i = 0; i <= path.length; i++) {
    for (let hops = 0; isObject(s) && typeof s.$ref === 'string' && hops < 8; hops++) {
      const prefix = SCHEMA_REF_PREFIXES.find((p) => (s as { $ref: string }).$ref.startsWith(p));
      s = prefix ? getAt(root, [prefix.slice(2, -1), (s as { $ref: string }).$ref.slice(prefix.length)]) : undefined;
    }
    if (!isObject(s) || i === path.length) break;
    const seg = path[i]!;
    s = typeof seg === 'number' ? (Array.isArray(s.items) ? s.items[seg] : s.items) : (isObject(s.properties) ? s.properties[seg] : undefined) ?? (isObject(s.additionalProperties) ? s.additionalProperties : undefined);
  }
  return isObject(s) ? s : undefined;
}

interface Limit {
  maxItems: number;
  source: string;
}

function limitFor(file: FileDiff, l: List, ctx: AnalyzeContext): Limit | undefined {
  for (const lim of ctx.inventory?.limits ?? []) {
    if (!globMatcher([lim.file])(file.path) || (lim.path && !pathMatches(lim.path, l.path))) continue;
    return { maxItems: lim.maxItems, source: `inventory.limits (${lim.consumer ?? lim.file})` };
  }
  if (file.role?.kind !== 'generated') return undefined;
  for (const bound of ctx.options.schemas ?? []) {
    if (!globMatcher(bound.files)(file.path)) continue;
    const max = schemaAt(bound.schema, l.path)?.maxItems;
    if (typeof max === 'number') return { maxItems: max, source: `maxItems of ${bound.source}` };
  }
  return undefined;
}

function overLimit(file: FileDiff, l: List, before: number, ctx: AnalyzeContext): Signal | undefined {
  const limit = limitFor(file, l, ctx);
  const list = pathToText(l.path) || '(list)';
  const base = { type: 'size' as const, file, document: l.document, path: l.path, pathText: list, line: lineOf(file, l.document, l.path), changes: file.changes.filter((c) => c.document === l.document) };
  const after = l.items.length;
  if (limit) {
    if (after <= limit.maxItems || before > limit.maxItems) return undefined;
    return makeSignal({ ...base, kind: 'rows-over-limit', direction: 'risky', summary: `${list}: ${before} → ${after} rows, over the ${limit.maxItems} its consumer takes (${limit.source})`, data: { before, after, maxItems: limit.maxItems, source: limit.source, list } }, ctx.inventory);
  }
  if (file.role?.kind !== 'generated' || before === 0 || after < before * UNDECLARED_GROWTH.factor || after - before < UNDECLARED_GROWTH.rows) return undefined;
  return makeSignal({
    ...base, kind: 'rows-counted', direction: 'neutral', summary: `${list}: ${before} → ${after} rows (×${round(after / before, 2)}) in a generated file; no consumer limit declared`, data: { before, after, list },
    scope: { dimension: 'rows', targets: [list], share: 0, basis: 'assumed' },
    missing: [`the most rows the consumer of ${file.path} takes: inventory.limits [{ file: "${file.path}", path: "${list}", maxItems: … }]`],
  }, ctx.inventory);
}

function limits(file: FileDiff, l: List, ctx: AnalyzeContext): Signal[] {
  const before = getAt(file.before?.documents[l.document], l.path);
  const n = Array.isArray(before) ? before.length : 0;
  if (l.items.length <= n) return [];
  const s = overLimit(file, l, n, ctx);
  return s ? [s] : [];
}

export const analyzeRows: Analyzer = (files, ctx: AnalyzeContext) => {
  const out: Signal[] = [];
  for (const file of files) {
    if (!file.after || file.changes.length === 0) continue;
    const documents = file.after.documents;
    for (const document of changedDocuments(file)) {
      for (const l of listsOf(documents[document], document)) out.push(...duplicateRows(file, l, ctx), ...limits(file, l, ctx));
    }
  }
  return out;
};

export default defineBuiltinAnalyzer({
  name: 'rows',
  doc: 'Rows of data files: a list over the consumer limit declared for it (inventory.limits, schema maxItems), and duplicated rows of tuple lists.',
  signals: ['size'],
  analyze: analyzeRows,
});


