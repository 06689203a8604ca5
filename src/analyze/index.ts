// The analyze stage: every registered analyzer over every diffed file, in a fixed order,
// signals sorted by file and line. Analyzers are pure; none knows the others.
import type { FileDiff, Signal } from '../model.js';
import type { AnalyzeContext, AnalyzerDefinition } from './types.js';
import { registryWith } from './registry.js';
import { startKeyRun } from './kit/keys.js';
import verbosity from './verbosity/index.js';
import routing from './routing/index.js';
import entitlement from './entitlement/index.js';
import capacity from './capacity/index.js';
import size from './size/index.js';
import schema from './schema/index.js';
import flag from './flag/index.js';
import healthCheck from './health-check/index.js';
import egress from './egress/index.js';
import regex from './regex/index.js';
import deletionJob from './deletion-job/index.js';
import blankFields from './blank-fields/index.js';
import rows from './rows/index.js';

export type { Inventory, Analyzer, AnalyzerDefinition, AnalyzeContext, AnalyzeOptions } from './types.js';
export { defineAnalyzer, optionsFor } from './types.js';
export { analyzerOptionsOf, type AnalyzerConfig, type ConfigAt } from './registry.js';
export { parseInventory } from './inventory.js';
export { scopeForPath, scopeAll, describeScope } from './kit/scope.js';

/** The built-in analyzers, in the order they run. Adding one is one line here. */
export const BUILTIN_ANALYZERS: readonly AnalyzerDefinition[] = Object.freeze([
  verbosity,
  routing,
  entitlement,
  capacity,
  size,
  schema,
  flag,
  healthCheck,
  egress,
  regex,
  deletionJob,
  blankFields,
  rows,
]);

/** Built-in analyzers by name; config steers them by these names (`analyzers:`). */
export const ANALYZERS: Readonly<Record<string, AnalyzerDefinition>> = Object.freeze(
  Object.fromEntries(BUILTIN_ANALYZERS.map((a) => [a.name, a])),
);

/**
 * All signals of a change set, sorted by file, then line, then analyzer order. `extra`
 * analyzers (the library's `analyzers` run option) run after the built-in ones; a name
 * they share with a built-in one is an error, as is a signal of a type not declared.
 */
export function analyze(
  files: readonly FileDiff[],
  ctx: AnalyzeContext,
  extra: readonly AnalyzerDefinition[] = [],
): Signal[] {
  startKeyRun();
  const out: Array<{ s: Signal; order: number }> = [];
  let order = 0;
  for (const analyzer of registryWith(BUILTIN_ANALYZERS, extra)) {
    for (const s of analyzer.analyze(files, ctx)) {
      if (!analyzer.signals.includes(s.type)) {
        throw new Error(`analyzer "${analyzer.name}" emitted a "${s.type}" signal it does not declare`);
      }
      out.push({ s, order: order++ });
    }
  }
  out.sort((a, b) =>
    a.s.file < b.s.file ? -1 : a.s.file > b.s.file ? 1 : a.s.line - b.s.line || a.order - b.order,
  );
  return out.map((x) => x.s);
}

/** The analyzers of a run: the built-in ones, then the user's (a name given twice is an error). */
export function analyzersWith(extra: readonly AnalyzerDefinition[] = []): readonly AnalyzerDefinition[] {
  return registryWith(BUILTIN_ANALYZERS, extra);
}
