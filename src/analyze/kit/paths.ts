// Small helpers over JsonPath for the analyzers. The evaluate stage has its own path
// matcher (for waivers and policies); this one is local to analyze and kept tiny.
import type { JsonPath, PathSegment } from '../../model.js';

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

type Token = { kind: 'key'; key: string } | { kind: 'any' } | { kind: 'deep' } | { kind: 'index'; index?: number };

const compiled = new Map<string, Token[]>();

/**
 * Split a dotted pattern into tokens: `routes[*].weight` → key routes, index *, key weight.
 * `*` is one segment (key or index), `**` any number of segments (also zero), `[*]` any
 * index, `[3]` index 3. Keys are compared case-sensitively.
 */
function compile(pattern: string): Token[] {
  const hit = compiled.get(pattern);
  if (hit) return hit;
  const tokens: Token[] = [];
  for (const part of pattern.split('.')) {
    if (part === '') continue;
    const m = /^([^[\]]*)((?:\[[^\]]*\])*)$/.exec(part);
    const head = m ? m[1]! : part;
    const brackets = m ? m[2]! : '';
    if (head === '**') tokens.push({ kind: 'deep' });
    else if (head === '*') tokens.push({ kind: 'any' });
    else if (head !== '') tokens.push({ kind: 'key', key: head });
    for (const b of brackets.match(/\[[^\]]*\]/g) ?? []) {
      const inner = b.slice(1, -1);
      tokens.push(inner === '*' || inner === '' ? { kind: 'index' } : { kind: 'index', index: Number(inner) });
    }
  }
  compiled.set(pattern, tokens);
  return tokens;
}

function segMatches(tok: Token, seg: PathSegment): boolean {
  switch (tok.kind) {
    case 'any':
      return true;
    case 'key':
      return typeof seg === 'string' ? seg === tok.key : String(seg) === tok.key;
    case 'index':
      return typeof seg === 'number' && (tok.index === undefined || tok.index === seg);
    default:
      return false;
  }
}

/**
 * Whether a dotted pattern matches a whole path: `spec.replicas`, `**.logLevel`,
 * `*.level`, `routes[*].weight`.
 */
export function pathMatches(pattern: string, path: JsonPath): boolean {
  const toks = compile(pattern);
  const memo = new Map<number, boolean>();
  const go = (t: number, p: number): boolean => {
    const k = t * (path.length + 1) + p;
    const m = memo.get(k);
    if (m !== undefined) return m;
    let r: boolean;
    if (t === toks.length) r = p === path.length;
    else if (toks[t]!.kind === 'deep') r = go(t + 1, p) || (p < path.length && go(t, p + 1));
    else r = p < path.length && segMatches(toks[t]!, path[p]!) && go(t + 1, p + 1);
    memo.set(k, r);
    return r;
  };
  return go(0, 0);
}

/** Dotted text of a path for summaries: `spec.http[0].route[1].weight`. */
export function dotted(path: JsonPath): string {
  let out = '';
  for (const seg of path) out += typeof seg === 'number' ? `[${seg}]` : out === '' ? seg : `.${seg}`;
  return out;
}

import picomatch from 'picomatch';
import type { AnalyzeOptions } from '../types.js';

const globCache = new Map<string, (s: string) => boolean>();
function glob(pattern: string): (s: string) => boolean {
  let m = globCache.get(pattern);
  if (!m) {
    m = picomatch(pattern, { dot: true });
    globCache.set(pattern, m);
  }
  return m;
}

/**
 * Whether the configuration forces `analyzer` on this file and path
 * (`analyzers: [{ files: ["ops/*.yaml"], path: "**.chattiness", analyzer: verbosity }]`).
 */
export function forcedAnalyzer(options: AnalyzeOptions | undefined, file: string, path: JsonPath, analyzer: string): boolean {
  for (const rule of options?.analyzers ?? []) {
    if (rule.analyzer !== analyzer) continue;
    if (rule.files && rule.files.length > 0 && !rule.files.some((g) => glob(g)(file))) continue;
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
