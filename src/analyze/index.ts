// The analyze stage: every registered analyzer over every diffed file, in a fixed order,
// signals sorted by file and line. Analyzers are pure; none knows the others.
import type { FileDiff, Signal } from '../model.js';
import type { AnalyzeContext, AnalyzerDefinition } from './types.js';
import verbosity from './verbosity/index.js';
import routing from './routing/index.js';
import entitlement from './entitlement/index.js';
import capacity from './capacity/index.js';
import size from './size/index.js';
import schema from './schema/index.js';
import flag from './flag/index.js';

export type { Inventory, Analyzer, AnalyzerDefinition, AnalyzeContext, AnalyzeOptions } from './types.js';
export { defineAnalyzer } from './types.js';
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
  const out: Array<{ s: Signal; order: number }> = [];
  let order = 0;
  for (const analyzer of registryWith(extra)) {
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

function registryWith(extra: readonly AnalyzerDefinition[]): readonly AnalyzerDefinition[] {
  if (extra.length === 0) return BUILTIN_ANALYZERS;
  const names = new Set(BUILTIN_ANALYZERS.map((a) => a.name));
  for (const a of extra) {
    if (names.has(a.name)) throw new Error(`analyzer "${a.name}" is registered twice`);
    names.add(a.name);
  }
  return [...BUILTIN_ANALYZERS, ...extra];
}
