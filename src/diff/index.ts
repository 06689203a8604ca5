import jsonDiff from 'json-diff';
import type { Change, ConfigFile, FileDiff, FileStatus, JsonPath, PathSegment } from '../model.js';
import { appendIndex, appendKey, deepEqual, isPlainObject } from './values.js';
import { longestIncreasingSubsequence } from './lis.js';
import { ContentIndex } from './content-index.js';
import { IdentityIndex } from './identity-index.js';
import { listItemLines } from '../load/list-lines.js';
import { MIN_SIMILARITY, leafSet, similarity } from './similarity.js';
import { markMovedEntries } from './moves.js';

export { applyChanges, applyDocumentChanges } from './apply.js';
export { canonicalJson, deepEqual, pathToText } from './values.js';

export interface DiffOptions {
  /** Keys that identify an object in a list, tried in order (default `name`, `id`, `key`). */
  identityKeys?: string[];
  /** Per-path identity keys: dotted path pattern of the list → key (e.g. `spec.routes` → `prefix`). */
  identityByPath?: Array<{ path: string; key: string }>;
  /**
   * Unkeyed lists up to this many items (both sides together) get json-diff's sequence
   * alignment; longer ones a linear, hash-based matching (no quadratic path).
   */
  maxAlignedItems?: number;
}

export const DEFAULT_IDENTITY_KEYS = ['name', 'id', 'key', 'alert', 'record'];

/**
 * Lists whose items are known by another key first: a chart's dependencies by `alias`, and
 * Kubernetes lists by their strategic-merge key where it is not `name` (one volume may be
 * mounted at several paths; a mount is its `mountPath`).
 */
export const DEFAULT_IDENTITY_PATHS: ReadonlyArray<{ path: string; key: string }> = [
  { path: '**.dependencies', key: 'alias' },
  { path: '**.volumeMounts', key: 'mountPath' },
  { path: '**.volumeDevices', key: 'devicePath' },
  { path: '**.hostAliases', key: 'ip' },
];
const DEFAULT_MAX_ALIGNED = 2000;

interface Side {
  doc: number;
  path: PathSegment[];
}

interface Walk {
  file: string;
  out: Change[];
  identityKeys: string[];
  identityByPath: Array<{ test: (path: readonly PathSegment[]) => boolean; key: string }>;
  maxAligned: number;
  beforeFile?: ConfigFile;
  afterFile?: ConfigFile;
}

/** Structural changes between the documents of one file. Lines are filled when the parsed files are given. */
export function diffDocuments(
  file: string,
  before: readonly unknown[],
  after: readonly unknown[],
  opts: DiffOptions = {},
  located: { before?: ConfigFile; after?: ConfigFile } = {},
): Change[] {
  const walk: Walk = {
    file,
    out: [],
    identityKeys: opts.identityKeys ?? DEFAULT_IDENTITY_KEYS,
    identityByPath: [...(opts.identityByPath ?? []), ...DEFAULT_IDENTITY_PATHS].map(({ path, key }) => ({ test: listPathMatcher(path), key })),
    maxAligned: opts.maxAlignedItems ?? DEFAULT_MAX_ALIGNED,
    beforeFile: located.before,
    afterFile: located.after,
  };
  const pairs = pairDocuments(before, after);
  const moved = movedDocuments(pairs);
  for (const [b, a] of pairs) {
    if (b === undefined) {
      emit(walk, 'added', undefined, { doc: a!, path: [] }, '', undefined, after[a!]);
    } else if (a === undefined) {
      emit(walk, 'removed', { doc: b, path: [] }, { doc: b, path: [] }, '', before[b], undefined);
    } else {
      const root = { doc: a, path: [] };
      if (moved.has(a)) emitMove(walk, root, '', after[a], b, a, lineOf(walk.afterFile, root), lineOf(walk.beforeFile, { doc: b, path: [] }));
      walkValue(walk, before[b], after[a], { doc: b, path: [] }, root, '');
    }
  }
  markMovedEntries(walk.out, walk.identityKeys, (doc, path) => lineOf(walk.afterFile, { doc, path: [...path] }));
  return walk.out;
}

/**
 * The documents a file is read as are a list: paired by identity, those outside the longest
 * run kept in order moved (after indices), so the changes apply back to the before documents.
 */
function movedDocuments(pairs: ReadonlyArray<[number | undefined, number | undefined]>): Set<number> {
  const kept = pairs.filter((p): p is [number, number] => p[0] !== undefined && p[1] !== undefined).sort((x, y) => x[1] - y[1]);
  const inOrder = longestIncreasingSubsequence(kept.map(([b]) => b));
  return new Set(kept.filter((_, k) => inOrder[k] === 0).map(([, a]) => a));
}

/** A file-level diff from the two parsed sides. */
export function diffFile(
  status: FileStatus,
  path: string,
  sides: { before?: ConfigFile; after?: ConfigFile; oldPath?: string },
  opts: DiffOptions = {},
): FileDiff {
  const changes = diffDocuments(
    path,
    sides.before?.documents ?? [],
    sides.after?.documents ?? [],
    opts,
    { before: sides.before, after: sides.after },
  );
  return { path, oldPath: sides.oldPath, status, before: sides.before, after: sides.after, changes };
}

/**
 * Multi-document files (Kubernetes manifests) are matched by kind/namespace/name when every
 * document has one, so inserting a document is one addition, not a cascade; else by index.
 */
function pairDocuments(before: readonly unknown[], after: readonly unknown[]): Array<[number | undefined, number | undefined]> {
  // An empty document (a doubled or trailing `---`) has no identity and carries nothing: it is
  // known by its place among the empty ones, and does not stop the others being paired by theirs.
  const ids = (docs: readonly unknown[]) => {
    let empty = 0;
    return docs.map((doc) => (doc === null || doc === undefined ? `\0empty\0${empty++}` : documentIdentity(doc)));
  };
  const bIds = ids(before);
  const aIds = ids(after);
  const usable = (list: Array<string | undefined>) =>
    list.some((id) => id !== undefined && !id.startsWith('\0')) && list.every((id) => id !== undefined) && new Set(list).size === list.length;
  const pairs: Array<[number | undefined, number | undefined]> = [];
  if (before.length + after.length > 2 && usable(bIds) && usable(aIds)) {
    const aIndex = new Map(aIds.map((id, i) => [id!, i]));
    const seen = new Set<number>();
    bIds.forEach((id, i) => {
      const j = aIndex.get(id!);
      if (j !== undefined) seen.add(j);
      pairs.push([i, j]);
    });
    aIds.forEach((_, j) => {
      if (!seen.has(j)) pairs.push([undefined, j]);
    });
    return pairs;
  }
  const n = Math.max(before.length, after.length);
  for (let i = 0; i < n; i++) pairs.push([i < before.length ? i : undefined, i < after.length ? i : undefined]);
  return pairs;
}

/** A Kubernetes object's identity (`kind/namespace/name`), by which documents are paired. */
export function documentIdentity(doc: unknown): string | undefined {
  if (!isPlainObject(doc) || typeof doc.kind !== 'string' || !isPlainObject(doc.metadata)) return undefined;
  const { name, namespace } = doc.metadata;
  if (typeof name !== 'string') return undefined;
  return `${doc.kind}/${typeof namespace === 'string' ? namespace : ''}/${name}`;
}

function walkValue(w: Walk, b: unknown, a: unknown, bs: Side, as: Side, text: string): void {
  if (b === a) return;
  if (isPlainObject(b) && isPlainObject(a)) {
    for (const key of Object.keys(b)) {
      const childText = appendKey(text, key);
      if (!Object.prototype.hasOwnProperty.call(a, key)) {
        emit(w, 'removed', child(bs, key), child(as, key), childText, b[key], undefined);
      } else {
        walkValue(w, b[key], a[key], child(bs, key), child(as, key), childText);
      }
    }
    for (const key of Object.keys(a)) {
      if (!Object.prototype.hasOwnProperty.call(b, key)) {
        emit(w, 'added', undefined, child(as, key), appendKey(text, key), undefined, a[key]);
      }
    }
    return;
  }
  if (Array.isArray(b) && Array.isArray(a)) {
    walkArray(w, b, a, bs, as, text);
    return;
  }
  if (!deepEqual(b, a)) emit(w, 'modified', bs, as, text, b, a);
}

/** One list under comparison: both sides' items, where they sit, and the readable path. */
interface ListPair {
  w: Walk;
  b: unknown[];
  a: unknown[];
  bs: Side;
  as: Side;
  text: string;
}

function walkArray(w: Walk, b: unknown[], a: unknown[], bs: Side, as: Side, text: string): void {
  const list: ListPair = { w, b, a, bs, as, text };
  if (b.length === a.length && b.every((item, i) => deepEqual(item, a[i]))) return;
  const keyed = identityKeyFor(w, b, a, as.path);
  if (keyed !== undefined) {
    walkKeyedArray(list, keyed);
  } else if (b.length + a.length <= w.maxAligned) {
    walkAlignedArray(list);
  } else {
    walkHashedArray(list);
  }
}

interface Keyed {
  /** The key an item is identified by (the first candidate it has), or undefined. */
  keyOf: (item: unknown) => string | undefined;
  /** Identity → index, on each side. */
  before: IdentityIndex;
  after: IdentityIndex;
}

/**
 * The identity of the items of a list of objects. First one key that every item has, as a unique
 * string or number, on both sides (`name`); else each item by the first candidate it has, when
 * that is unique (rules identified by `alert` or `record`, chart dependencies by `alias` or `name`).
 */
function identityKeyFor(w: Walk, b: unknown[], a: unknown[], path: readonly PathSegment[]): Keyed | undefined {
  const candidates = [...new Set([...w.identityByPath.filter((e) => e.test(path)).map((e) => e.key), ...w.identityKeys])];
  for (const key of candidates) {
    const keyOf = () => key;
    const before = identityIndex(b, keyOf);
    const after = before && identityIndex(a, keyOf);
    if (before && after) return { keyOf, before, after };
  }
  const keyOf = (item: unknown) => (isPlainObject(item) ? candidates.find((k) => isIdentity(item[k])) : undefined);
  const before = identityIndex(b, keyOf);
  const after = before && identityIndex(a, keyOf);
  return before && after ? { keyOf, before, after } : undefined;
}

function isIdentity(value: unknown): value is string | number {
  return typeof value === 'string' || typeof value === 'number';
}

/** The index of every item, when each has a unique string or number identity under its key. */
function identityIndex(items: unknown[], keyOf: (item: unknown) => string | undefined): IdentityIndex | undefined {
  const index = new IdentityIndex();
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    if (!isPlainObject(item)) return undefined;
    const key = keyOf(item);
    const id = key === undefined ? undefined : item[key];
    if (!isIdentity(id) || !index.add(key!, id, i)) return undefined;
  }
  return index;
}

function identityOf(keyed: Keyed, item: unknown): { key: string; value: string | number } {
  const key = keyed.keyOf(item)!;
  return { key, value: (item as Record<string, string | number>)[key] };
}

/** Where an item of one side is on the other, by its identity. */
function indexOn(side: IdentityIndex, keyed: Keyed, item: unknown): number | undefined {
  const { key, value } = identityOf(keyed, item);
  return side.get(key, value);
}

/**
 * Items matched by identity; of those left over, a removed and an added item that share most of
 * their values are one item renamed (an image's `name` moved to a new registry, an alert renamed):
 * one modification of its identity, not a removal and an addition.
 */
function walkKeyedArray(list: ListPair, keyed: Keyed): void {
  const { w, b, a, bs, as, text } = list;
  const common = pairing(a.length);
  const removed: number[] = [];
  for (let i = 0; i < b.length; i++) {
    const j = indexOn(keyed.after, keyed, b[i]);
    if (j === undefined) removed.push(i);
    else common[j] = i;
  }
  const added: number[] = [];
  for (let j = 0; j < a.length; j++) if (indexOn(keyed.before, keyed, a[j]) === undefined) added.push(j);
  const idText = (item: unknown) => String(identityOf(keyed, item).value);
  const renamed = pairObjects(b, a, removed, added, (i, j) => sharedAffixes(idText(b[i]), idText(a[j])));
  for (const [i, j] of renamed) common[j] = i;
  const pairedBefore = new Set(renamed.map(([i]) => i));
  const pairedAfter = new Set(renamed.map(([, j]) => j));
  for (const i of removed) {
    if (!pairedBefore.has(i)) emit(w, 'removed', child(bs, i), child(as, i), appendIndex(text, i, identityOf(keyed, b[i])), b[i], undefined);
  }
  for (const j of added) {
    if (!pairedAfter.has(j)) emit(w, 'added', undefined, child(as, j), appendIndex(text, j, identityOf(keyed, a[j])), undefined, a[j]);
  }
  emitMovesAndRecurse(list, common, (j) => identityOf(keyed, a[j]));
}

/** Pairs (before index, after index) of surviving items: those outside the longest in-order run moved. */
function emitMovesAndRecurse(
  list: ListPair,
  common: Int32Array,
  identity: (j: number) => { key: string; value: unknown } | undefined,
): void {
  const { w, b, a, bs, as, text } = list;
  let surviving = 0;
  for (let j = 0; j < common.length; j++) if (common[j] >= 0) surviving++;
  const after = new Int32Array(surviving);
  const before = new Int32Array(surviving);
  for (let j = 0, k = 0; j < common.length; j++) {
    if (common[j] >= 0) {
      after[k] = j;
      before[k++] = common[j];
    }
  }
  const inOrder = longestIncreasingSubsequence(before);
  const beforeLine = itemLines(w.beforeFile, bs);
  const afterLine = itemLines(w.afterFile, as);
  for (let k = 0; k < after.length; k++) {
    const i = before[k];
    const j = after[k];
    const moved = inOrder[k] === 0;
    // Most items of a long list are unchanged: no paths or texts for those that stay put.
    const same = deepEqual(b[i], a[j]);
    if (!moved && same) continue;
    const itemText = appendIndex(text, j, identity(j));
    const aItem = child(as, j);
    if (moved) emitMove(w, aItem, itemText, a[j], i, j, afterLine(j), beforeLine(i));
    if (!same) walkValue(w, b[i], a[j], child(bs, i), aItem, itemText);
  }
}

/**
 * Line of each item of the list at `list`, by index. A reordered long list moves most of its
 * items: one table per side from the loader, built on first use, instead of a path walk per item.
 */
function itemLines(file: ConfigFile | undefined, list: Side): (index: number) => number {
  if (!file) return () => 0;
  let table: Int32Array | undefined;
  let built = false;
  return (index) => {
    if (!built) {
      table = listItemLines(file, list.doc, list.path);
      built = true;
    }
    return table !== undefined && index < table.length ? table[index] : lineOf(file, child(list, index));
  };
}

/**
 * Surviving items as after index → before index (-1: none). Every matching pairs each after
 * index at most once, so this also keeps the pairs in after order without a sort.
 */
function pairing(afterLength: number): Int32Array {
  return new Int32Array(afterLength).fill(-1);
}

/** Short unkeyed lists: json-diff's sequence alignment, then equal removed/added pairs become moves. */
function walkAlignedArray(list: ListPair): void {
  const { b, a } = list;
  const ops = (jsonDiff.diff(b, a) ?? []) as Array<[string, unknown?]>;
  const removed: number[] = [];
  const added: number[] = [];
  const common = pairing(a.length);
  let i = 0;
  let j = 0;
  for (const [op] of ops) {
    if (op === ' ' || op === '~') common[j++] = i++;
    else if (op === '-') removed.push(i++);
    else if (op === '+') added.push(j++);
  }
  for (; i < b.length && j < a.length; i++, j++) common[j] = i;
  pairMovesThenEmit(list, removed, added, common);
}

/** Long unkeyed lists: match equal items by content, linear in the list size. */
function walkHashedArray(list: ListPair): void {
  const { b, a } = list;
  const pool = new ContentIndex();
  for (let i = 0; i < b.length; i++) pool.push(b[i], i);
  const matchedBefore = new Uint8Array(b.length);
  const common = pairing(a.length);
  const added: number[] = [];
  for (let j = 0; j < a.length; j++) {
    const i = pool.take(a[j]);
    if (i === undefined) added.push(j);
    else {
      matchedBefore[i] = 1;
      common[j] = i;
    }
  }
  const removed: number[] = [];
  for (let i = 0; i < b.length; i++) if (matchedBefore[i] === 0) removed.push(i);
  pairMovesThenEmit(list, removed, added, common);
}

function pairMovesThenEmit(
  list: ListPair,
  removed: number[],
  added: number[],
  common: Int32Array,
): void {
  const { w, b, a, bs, as, text } = list;
  // An item removed in one place and added unchanged in another is a move.
  const addedByContent = new ContentIndex();
  for (const j of added) addedByContent.push(a[j], j);
  const movedTo = new Set<number>();
  const unmatched: number[] = [];
  for (const i of removed) {
    const j = addedByContent.take(b[i]);
    if (j === undefined) unmatched.push(i);
    else {
      movedTo.add(j);
      common[j] = i;
    }
  }
  // An item edited (and perhaps moved) is one item: pair what is left by content similarity.
  const paired = pairBySimilarity(b, a, unmatched, added.filter((j) => !movedTo.has(j)));
  for (const [i, j] of paired) {
    movedTo.add(j);
    common[j] = i;
  }
  const pairedBefore = new Set(paired.map(([i]) => i));
  for (const i of unmatched) {
    if (!pairedBefore.has(i)) emit(w, 'removed', child(bs, i), child(as, i), appendIndex(text, i), b[i], undefined);
  }
  for (const j of added) {
    if (!movedTo.has(j)) emit(w, 'added', undefined, child(as, j), appendIndex(text, j), undefined, a[j]);
  }
  emitMovesAndRecurse(list, common, () => undefined);
}

/** Most removed × added objects compared for similarity; beyond it, removals and additions stay apart. */
const MAX_SIMILARITY_PAIRS = 400;

/** Removed and added objects paired, best match first, when they share at least half their leaf values. */
function pairBySimilarity(b: unknown[], a: unknown[], removed: number[], added: number[]): Array<[number, number]> {
  return [...pairAssignments(b, a, removed, added), ...pairObjects(b, a, removed, added)];
}

/**
 * `KEY=value` and `--flag=value` items: the same key on both sides is one item whose value
 * changed. A bare `KEY` (a compose variable passed through from the host) or `--flag` is the same
 * key: `OTEL_ENDPOINT` → `OTEL_ENDPOINT=http://collector` sets the variable it passed before.
 */
const ASSIGNMENT = /^(--?[\w.-]+|[A-Za-z_][\w.-]*)(?:=|$)/;

function pairAssignments(b: unknown[], a: unknown[], removed: number[], added: number[]): Array<[number, number]> {
  const keyOf = (v: unknown) => (typeof v === 'string' ? ASSIGNMENT.exec(v)?.[1] : undefined);
  const waiting = new Map<string, number[]>();
  for (const j of added) {
    const key = keyOf(a[j]);
    if (key !== undefined) waiting.set(key, [...(waiting.get(key) ?? []), j]);
  }
  const pairs: Array<[number, number]> = [];
  for (const i of removed) {
    const key = keyOf(b[i]);
    const j = key === undefined ? undefined : waiting.get(key)?.shift();
    if (j !== undefined) pairs.push([i, j]);
  }
  return pairs;
}

/** Characters two names share at their start and end: `gcr.io/x/cart` is nearer `ghcr.io/x/cart` than `ghcr.io/x/ads`. */
function sharedAffixes(x: string, y: string): number {
  let start = 0;
  while (start < x.length && start < y.length && x[start] === y[start]) start++;
  let end = 0;
  while (end < x.length - start && end < y.length - start && x[x.length - 1 - end] === y[y.length - 1 - end]) end++;
  return start + end;
}

function pairObjects(
  b: unknown[],
  a: unknown[],
  removed: number[],
  added: number[],
  /** Orders pairs of equal similarity (higher first): how near two renamed items' names are. */
  tiebreak: (i: number, j: number) => number = () => 0,
): Array<[number, number]> {
  const objects = (items: unknown[], indices: number[]) => indices.filter((k) => isPlainObject(items[k]));
  const left = objects(b, removed);
  const right = objects(a, added);
  if (left.length === 0 || right.length === 0 || left.length * right.length > MAX_SIMILARITY_PAIRS) return [];
  const leaves = new Map<unknown, Set<string>>();
  const leavesOf = (item: unknown) => {
    let set = leaves.get(item);
    if (!set) leaves.set(item, (set = leafSet(item)));
    return set;
  };
  const scored: Array<{ i: number; j: number; score: number; near: number }> = [];
  for (const i of left) {
    for (const j of right) {
      const score = similarity(leavesOf(b[i]), leavesOf(a[j]));
      if (score >= MIN_SIMILARITY) scored.push({ i, j, score, near: tiebreak(i, j) });
    }
  }
  scored.sort((x, y) => y.score - x.score || y.near - x.near || x.i - y.i || x.j - y.j);
  const usedI = new Set<number>();
  const usedJ = new Set<number>();
  const pairs: Array<[number, number]> = [];
  for (const { i, j } of scored) {
    if (usedI.has(i) || usedJ.has(j)) continue;
    usedI.add(i);
    usedJ.add(j);
    pairs.push([i, j]);
  }
  return pairs;
}

function child(side: Side, seg: PathSegment): Side {
  return { doc: side.doc, path: [...side.path, seg] };
}

function emit(
  w: Walk,
  kind: 'added' | 'removed' | 'modified',
  bs: Side | undefined,
  as: Side | undefined,
  pathText: string,
  before: unknown,
  after: unknown,
): void {
  // A removal's path is its parent's after-side path plus its before-side key or index,
  // so that every change below a surviving list item addresses that item the same way.
  const change: Change = {
    file: w.file,
    document: as!.doc,
    path: as!.path,
    pathText,
    kind,
    line: kind === 'removed' ? lineOf(w.beforeFile, bs!) : lineOf(w.afterFile, as!),
  };
  if (kind !== 'added') change.before = before;
  if (kind !== 'removed') change.after = after;
  if (kind === 'modified' && bs) change.beforeLine = lineOf(w.beforeFile, bs);
  w.out.push(change);
}

function emitMove(w: Walk, as: Side, pathText: string, value: unknown, from: number, to: number, line: number, beforeLine: number): void {
  w.out.push({
    file: w.file,
    document: as.doc,
    path: as.path,
    pathText,
    kind: 'moved',
    before: value,
    after: value,
    line,
    beforeLine,
    from,
    to,
  });
}

function lineOf(file: ConfigFile | undefined, side: Side): number {
  return file ? file.locate(side.doc, side.path).line : 0;
}

/** Dotted list-path pattern (`spec.routes`, `**.servers`, `*.rules`) → predicate over a concrete path. */
export function listPathMatcher(pattern: string): (path: JsonPath) => boolean {
  const parts = pattern.split('.').filter((p) => p !== '');
  const match = (pi: number, path: JsonPath, si: number): boolean => {
    if (pi === parts.length) return si === path.length;
    const part = parts[pi];
    if (part === '**') {
      for (let k = si; k <= path.length; k++) if (match(pi + 1, path, k)) return true;
      return false;
    }
    if (si >= path.length) return false;
    const seg = path[si];
    if (typeof seg === 'number') {
      // indices are transparent in list patterns: `routes.weight` matches routes[3].weight
      return match(pi, path, si + 1);
    }
    return (part === '*' || part === seg) && match(pi + 1, path, si + 1);
  };
  return (path) => match(0, path, 0);
}
