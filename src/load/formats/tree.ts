// What the line-based and tree-based loaders share: a tree of plain values built from keys
// with the position each value was written at, and a `locate` over those positions. The YAML
// loader has its own, faster index; every other format goes through this one.
import type { ConfigFile, JsonPath, PathSegment, Position } from '../../model.js';
import { inputError } from '../../errors.js';

/** Keys refused in every format, as in YAML: prototype-pollution vectors. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

const SEP = '\u0000';
const keyOf = (path: JsonPath): string => path.map(String).join(SEP);

/** Offsets → 1-based line and column, by binary search over line starts. */
export class LineMap {
  private readonly starts: number[] = [0];
  constructor(text: string) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }
  at(offset: number): Position {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.starts[lo]! + 1 };
  }
}

/** Positions by path, for one document. */
export class Positions {
  private readonly byPath = new Map<string, Position>();
  set(path: JsonPath, position: Position): void {
    this.byPath.set(keyOf(path), position);
  }
  /** The value's own position, else its nearest positioned ancestor's, else line 1. */
  locate(path: JsonPath): Position {
    for (let n = path.length; n >= 0; n--) {
      const hit = this.byPath.get(keyOf(path.slice(0, n)));
      if (hit) return hit;
    }
    return { line: 1, column: 1 };
  }
}

/** Spaces and tabs before a line's first character: a line-based loader's key starts after them. */
export function indentOf(raw: string): number {
  return raw.length - raw.replace(/^[ \t]+/, '').length;
}

/** Refuses a key no loader may create, naming the file and line. */
export function checkKey(file: string, key: string, line: number): void {
  if (FORBIDDEN_KEYS.has(key)) throw inputError(file, `key ${JSON.stringify(key)} is not allowed (prototype pollution)`, line);
}

/**
 * Sets `value` at `path` inside `root`, creating maps on the way. A path that runs through a
 * value already set (`a=1` then `a.b=2`) keeps the later key whole (`"a.b"`) beside it: both
 * readings stay visible to the diff rather than one silently replacing the other.
 */
export function setPath(root: Record<string, unknown>, path: readonly string[], value: unknown): PathSegment[] {
  let node = root;
  for (let i = 0; i < path.length - 1; i++) {
    const next = node[path[i]!];
    if (next === undefined) {
      const child: Record<string, unknown> = {};
      node[path[i]!] = child;
      node = child;
    } else if (isPlainMap(next)) {
      node = next;
    } else {
      const rest = path.slice(i).join('.');
      node[rest] = value;
      return [...path.slice(0, i), rest];
    }
  }
  const last = path[path.length - 1]!;
  if (isPlainMap(node[last]) && !isPlainMap(value)) {
    node[`${last}.`] = value;
    return [...path.slice(0, -1), `${last}.`];
  }
  node[last] = value;
  return [...path];
}

function isPlainMap(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Deep copy into plain objects and JSON-safe scalars (dates as ISO text, big integers as their digits). */
export function toPlain(value: unknown, depth: number, limit: { file: string; maxDepth: number }): unknown {
  if (depth > limit.maxDepth) throw inputError(limit.file, `nesting deeper than ${limit.maxDepth} levels`);
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  if (typeof value === 'bigint') return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? String(value) : value.toISOString();
  if (Array.isArray(value)) return value.map((v) => toPlain(v, depth + 1, limit));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (FORBIDDEN_KEYS.has(k)) throw inputError(limit.file, `key ${JSON.stringify(k)} is not allowed (prototype pollution)`);
      out[k] = toPlain(v, depth + 1, limit);
    }
    return out;
  }
  return value;
}

/** The ConfigFile of a one-document format. */
export function configFileOf(
  blob: { path: string; bytes: number },
  format: ConfigFile['format'],
  document: unknown,
  positions: Positions,
): ConfigFile {
  return {
    path: blob.path,
    format,
    documents: [document],
    bytes: blob.bytes,
    locate: (doc, path) => (doc === 0 ? positions.locate(path) : { line: 1, column: 1 }),
  };
}
