// How alike two objects are: the share of their leaf values (path=value) they have in common.
import { canonicalJson } from './values.js';

/** Share of leaf values two objects must share to be taken as one item edited. */
export const MIN_SIMILARITY = 0.5;

/** `path=value` of every scalar below an object (lists by index), for a similarity measure. */
export function leafSet(value: unknown): Set<string> {
  const out = new Set<string>();
  const visit = (v: unknown, prefix: string, depth: number) => {
    if (v !== null && typeof v === 'object' && !(v instanceof Date) && depth < 16) {
      const entries: Array<[string | number, unknown]> = Array.isArray(v) ? v.map((x, i) => [i, x]) : Object.entries(v);
      if (entries.length === 0) out.add(`${prefix}=${Array.isArray(v) ? '[]' : '{}'}`);
      for (const [k, x] of entries) visit(x, `${prefix}/${k}`, depth + 1);
    } else out.add(`${prefix}=${canonicalJson(v)}`);
  };
  visit(value, '', 0);
  return out;
}

export function similarity(x: Set<string>, y: Set<string>): number {
  let shared = 0;
  for (const leaf of x) if (y.has(leaf)) shared++;
  return shared / Math.max(x.size, y.size, 1);
}

