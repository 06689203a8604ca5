// Small helpers over JsonPath for the analyzers. Path patterns and globs are matched by the
// one matcher the whole gate uses (src/match.ts).
import type { JsonPath } from '../../model.js';
import { globMatcher, pathMatches } from '../../match.js';

export { pathMatches };

/** The last object key on a path (skipping trailing array indices), or '' at the root. */
export function lastKey(path: JsonPath): string {
  for (let i = path.length - 1; i >= 0; i--) {
    const seg = path[i];
    if (typeof seg === 'string') return seg;
  }
  return '';
}

/** The value at `path` in `doc`, or undefined when any step is missing. */
export function getAt(doc: unknown, path: JsonPath): unknown {
  let cur: unknown = doc;
  for (const seg of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    if (Array.isArray(cur)) {
      if (typeof seg !== 'number') return undefined;
      cur = cur[seg];
    } else {
      cur = (cur as Record<string, unknown>)[String(seg)];
    }
  }
  return cur;
}

/** The parent path (everything but the last segment). */
export function parentPath(path: JsonPath): JsonPath {
  return path.slice(0, -1);
}

/** Whether `value` is a plain object (not an array, not null). */
export function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Dotted text of a path for summaries: `spec.http[0].route[1].weight`. */
export function dotted(path: JsonPath): string {
  let out = '';
  for (const seg of path) out += typeof seg === 'number' ? `[${seg}]` : out === '' ? seg : `.${seg}`;
  return out;
}

import type { AnalyzeOptions } from '../types.js';

/**
 * Whether the configuration forces `analyzer` on this file and path
 * (`analyzers: [{ files: ["ops/*.yaml"], path: "**.chattiness", analyzer: verbosity }]`).
 */
export function forcedAnalyzer(options: AnalyzeOptions | undefined, file: string, path: JsonPath, analyzer: string): boolean {
  return forcedPaths(options, file, analyzer)?.(path) ?? false;
}

/**
 * The paths of one file the configuration forces `analyzer` on, as a predicate; undefined
 * when no rule names this analyzer for this file (the common case, checked once per file).
 */
export function forcedPaths(options: AnalyzeOptions | undefined, file: string, analyzer: string): ((path: JsonPath) => boolean) | undefined {
  const rules = (options?.analyzers ?? []).filter(
    (rule) => rule.analyzer === analyzer && (!rule.files || rule.files.length === 0 || globMatcher(rule.files)(file)),
  );
  if (rules.length === 0) return undefined;
  return (path) => rules.some((rule) => pathMatches(rule.path, path));
}

/** The words of keys and file names (kept here for the analyzers that import it from paths). */
export { keyWords as words } from './keys.js';
