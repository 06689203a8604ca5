// js-yaml builds every list by pushing onto an empty array, so each has room for 17 items: a
// two-item `tags: [a, b]` holds 152 bytes where 32 would do. A large file is mostly such small
// lists (ports, args, tags, hosts), and they are the largest part of what a parse keeps, so each
// list of a freshly parsed value is swapped for an exact-size copy (the originals die young).
// Only for values without aliases: an alias shares one list between two places, and a copy would
// split it in two.
import { isPlainObject } from '../diff/values.js';

/** Swaps every non-empty list inside `value` (not `value` itself) for an exact-size copy. */
export function compactLists(value: unknown): void {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const item = value[i];
      if (Array.isArray(item)) value[i] = compacted(item);
      else if (isPlainObject(item)) compactLists(item);
    }
  } else if (isPlainObject(value)) {
    for (const key in value) {
      if (!Object.hasOwn(value, key)) continue;
      const item = value[key];
      if (Array.isArray(item)) value[key] = compacted(item);
      else if (isPlainObject(item)) compactLists(item);
    }
  }
}

function compacted(list: unknown[]): unknown[] {
  const copy = list.length === 0 ? list : list.slice();
  compactLists(copy);
  return copy;
}

