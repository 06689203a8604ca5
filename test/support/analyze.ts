// Analyzer test helpers: FileDiffs built from plain before/after objects through the real diff,
// and the small readers the signal tables use.
import type { ChangeSet, ConfigFile, FileDelta, FileDiff, FileStatus, JsonPath, Signal } from '../../src/model.js';
import type { AnalyzeContext, Analyzer, Inventory } from '../../src/analyze/types.js';
import { diffDocuments } from '../../src/diff/index.js';

/** A ConfigFile whose `locate` answers a line per path (the path's depth + 1, so tests can tell paths apart). */
function configFile(path: string, documents: unknown[], bytes?: number): ConfigFile {
  const text = JSON.stringify(documents);
  return {
    path,
    format: path.endsWith('.json') ? 'json' : 'yaml',
    documents,
    locate: (_doc: number, p: JsonPath) => ({ line: p.length + 1, column: 1 }),
    bytes: bytes ?? Buffer.byteLength(text),
  };
}

export interface SideOpts {
  /** Several documents per side (values are arrays of documents). */
  multi?: boolean;
  /** Override the byte size of each side. */
  bytes?: { before?: number; after?: number };
}

/**
 * A FileDiff of one file from its before and after documents (one value = one document;
 * pass an array with `multi: true` for several). `undefined` on a side makes it added / deleted.
 */
export function fileDiff(path: string, before: unknown, after: unknown, opts: SideOpts = {}): FileDiff {
  const docsOf = (v: unknown): unknown[] | undefined =>
    v === undefined ? undefined : opts.multi ? (v as unknown[]) : [v];
  const b = docsOf(before);
  const a = docsOf(after);
  const status: FileStatus = b === undefined ? 'added' : a === undefined ? 'deleted' : 'modified';
  const bf = b && configFile(path, b, opts.bytes?.before);
  const af = a && configFile(path, a, opts.bytes?.after);
  const changes = diffDocuments(path, b ?? [], a ?? [], {}, { before: bf, after: af });
  const diff: FileDiff = { path, status, changes };
  if (bf) diff.before = bf;
  if (af) diff.after = af;
  return diff;
}

export interface RunContext {
  inventory?: Inventory;
  options?: AnalyzeContext['options'];
  side?: SideOpts;
}

/** Run one analyzer over one before/after pair. */
export function run(analyzer: Analyzer, file: string, before: unknown, after: unknown, ctx: RunContext = {}): Signal[] {
  return analyzer([fileDiff(file, before, after, ctx.side)], { inventory: ctx.inventory, options: ctx.options ?? {} });
}

/** The parts of a signal a table compares. */
export function brief(s: Signal): { kind: string; direction: string; share: number } & Record<string, unknown> {
  return { kind: s.kind, direction: s.direction, share: s.scope.share, ...s.data };
}

export function kinds(signals: readonly Signal[]): string[] {
  return signals.map((s) => s.kind);
}

export function byKind(signals: readonly Signal[], kind: string): Signal {
  const s = signals.find((x) => x.kind === kind);
  if (!s) throw new Error(`no ${kind} signal among: ${kinds(signals).join(', ') || '(none)'}`);
  return s;
}

/** A one-file change of texts (a modified file), as the sources hand it to the pipeline. */
export function textChangeSet(path: string, before: string, after: string): ChangeSet {
  const side = (text: string) => ({ path, text, bytes: Buffer.byteLength(text) });
  const file: FileDelta = { status: 'modified', path, before: side(before), after: side(after) };
  return { baseLabel: 'a', headLabel: 'b', files: [file], skipped: [] };
}
