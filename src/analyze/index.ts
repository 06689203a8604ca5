// The analyze stage: every analyzer over every diffed file, in a fixed order, signals
// sorted by file and line. Analyzers are pure; none knows the others.
import type { FileDiff, Signal } from '../model.js';
import type { AnalyzeContext, Analyzer } from './types.js';
import { analyzeVerbosity } from './verbosity.js';
import { analyzeRouting } from './routing.js';
import { analyzeEntitlement } from './entitlement.js';
import { analyzeCapacity } from './capacity.js';
import { analyzeSize } from './size.js';
import { analyzeSchema } from './schema.js';
import { analyzeFlags } from './flag.js';

export type { Inventory, Analyzer, AnalyzeContext, AnalyzeOptions } from './types.js';
export { parseInventory } from './inventory.js';
export { scopeForPath, scopeAll, describeScope } from './scope.js';

/** Analyzer by name, in the order they run; config can force one by name (`analyzers:`). */
export const ANALYZERS: Readonly<Record<string, Analyzer>> = Object.freeze({
  verbosity: analyzeVerbosity,
  routing: analyzeRouting,
  entitlement: analyzeEntitlement,
  capacity: analyzeCapacity,
  size: analyzeSize,
  schema: analyzeSchema,
  flag: analyzeFlags,
});

/** All signals of a change set, sorted by file, then line, then analyzer order. */
export function analyze(files: readonly FileDiff[], ctx: AnalyzeContext): Signal[] {
  const out: Array<{ s: Signal; order: number }> = [];
  let order = 0;
  for (const analyzer of Object.values(ANALYZERS)) {
    for (const s of analyzer(files, ctx)) out.push({ s, order: order++ });
  }
  out.sort((a, b) => (a.s.file < b.s.file ? -1 : a.s.file > b.s.file ? 1 : a.s.line - b.s.line || a.order - b.order));
  return out.map((x) => x.s);
}
