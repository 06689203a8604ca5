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
  for (const rule of options?.analyzers ?? []) {
    if (rule.analyzer !== analyzer) continue;
    if (rule.files && rule.files.length > 0 && !globMatcher(rule.files)(file)) continue;
    if (pathMatches(rule.path, path)) return true;
  }
  return false;
}

/**
 * The words of keys and file names: `accessLogPath` → access, log, path; `log_level` → log, level;
 * `catalog.yaml` → catalog, yaml. Used for context tests that must not match inside words.
 */
export function words(parts: Iterable<string>): Set<string> {
  const out = new Set<string>();
  for (const part of parts) {
    for (const w of part.replace(/([a-z0-9])([A-Z])/g, '$1 $2').split(/[^A-Za-z0-9]+/)) if (w) out.add(w.toLowerCase());
  }
  return out;
}
