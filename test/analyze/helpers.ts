// Builds FileDiffs for analyzer tests from plain before/after objects, through the real diff.
import type { ConfigFile, FileDiff, FileStatus, Signal } from '../../src/model.js';
import type { AnalyzeContext, Analyzer, Inventory } from '../../src/analyze/types.js';
import { diffDocuments } from '../../src/diff/index.js';

function configFile(path: string, documents: unknown[]): ConfigFile {
  const text = JSON.stringify(documents);
  return {
    path,
    format: path.endsWith('.json') ? 'json' : 'yaml',
    documents,
    locate: () => ({ line: 1, column: 1 }),
    bytes: text.length,
  };
}

/**
 * A FileDiff of one file from its before and after documents (one value = one document;
 * pass an array with `multi: true` for several). `undefined` on a side makes it added / deleted.
 */
export function fileDiff(path: string, before: unknown, after: unknown, opts: { multi?: boolean } = {}): FileDiff {
  const docsOf = (v: unknown): unknown[] | undefined => (v === undefined ? undefined : opts.multi ? (v as unknown[]) : [v]);
  const b = docsOf(before);
  const a = docsOf(after);
  const status: FileStatus = b === undefined ? 'added' : a === undefined ? 'deleted' : 'modified';
  const bf = b && configFile(path, b);
  const af = a && configFile(path, a);
  const changes = diffDocuments(path, b ?? [], a ?? [], {}, { before: bf, after: af });
  const diff: FileDiff = { path, status, changes };
  if (bf) diff.before = bf;
  if (af) diff.after = af;
  return diff;
}

/** Run one analyzer over one before/after pair. */
export function run(
  analyzer: Analyzer,
  file: string,
  before: unknown,
  after: unknown,
  inventory?: Inventory,
  options: AnalyzeContext['options'] = {},
): Signal[] {
  return analyzer([fileDiff(file, before, after)], { inventory, options });
}

/** The parts of a signal a table compares. */
export function brief(s: Signal): { kind: string; direction: string; share: number } & Record<string, unknown> {
  return { kind: s.kind, direction: s.direction, share: s.scope.share, ...s.data };
}
