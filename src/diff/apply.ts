import type { Change } from '../model.js';
import { cloneDeep, isPlainObject } from './values.js';

/**
 * Applies the changes of one document to its before value and returns the after value.
 * The inverse of the diff: `applyChanges(before, diff(before, after)) ≅ after` is the
 * property the diff is tested against.
 */
export function applyChanges(before: unknown, changes: readonly Change[]): unknown {
  const root = changes.find((c) => c.path.length === 0);
  if (root) return cloneDeep(root.kind === 'removed' ? undefined : root.after);
  return applyAt(cloneDeep(before), changes, 0);
}

/**
 * Applies the changes of a whole file to its before documents and returns the after documents.
 * The documents are a list: a whole removed document carries its before index, every other
 * change its after index, and a reordered document is a move (as for the items of a list).
 */
export function applyDocumentChanges(before: readonly unknown[], changes: readonly Change[]): unknown[] {
  const lifted = changes.map((c) => ({ ...c, path: [c.document, ...c.path] }));
  return applyAt(cloneDeep([...before]), lifted, 0) as unknown[];
}

function applyAt(node: unknown, changes: readonly Change[], depth: number): unknown {
  if (changes.length === 0) return node;
  const direct = changes.filter((c) => c.path.length === depth + 1);
  const deeper = changes.filter((c) => c.path.length > depth + 1);
  if (Array.isArray(node)) return applyToArray(node, direct, deeper, depth);
  if (!isPlainObject(node)) return node;
  for (const c of direct) {
    const key = String(c.path[depth]);
    if (c.kind === 'removed') delete node[key];
    else node[key] = cloneDeep(c.after);
  }
  for (const [key, group] of groupBy(deeper, depth)) node[String(key)] = applyAt(node[String(key)], group, depth + 1);
  return node;
}

function applyToArray(items: unknown[], direct: Change[], deeper: Change[], depth: number): unknown[] {
  const removed = new Set<number>();
  const placed = new Map<number, unknown>();
  const replaced = new Map<number, unknown>();
  for (const c of direct) {
    const index = c.path[depth] as number;
    if (c.kind === 'removed') removed.add(index);
    else if (c.kind === 'added') placed.set(index, cloneDeep(c.after));
    else if (c.kind === 'moved') {
      removed.add(c.from!);
      placed.set(c.to!, items[c.from!]);
    } else replaced.set(index, cloneDeep(c.after));
  }
  const survivors = items.filter((_, i) => !removed.has(i));
  const length = survivors.length + placed.size;
  const out: unknown[] = new Array(length);
  let next = 0;
  for (let j = 0; j < length; j++) out[j] = placed.has(j) ? placed.get(j) : survivors[next++];
  for (const [j, value] of replaced) out[j] = value;
  for (const [j, group] of groupBy(deeper, depth)) out[j as number] = applyAt(out[j as number], group, depth + 1);
  return out;
}

function groupBy(changes: readonly Change[], depth: number): Map<string | number, Change[]> {
  const groups = new Map<string | number, Change[]>();
  for (const c of changes) {
    const key = c.path[depth];
    const list = groups.get(key);
    if (list) list.push(c);
    else groups.set(key, [c]);
  }
  return groups;
}
