// Entries moved between parents: a service moved to another group of a catalogue, perhaps edited
// on the way, or into a group the change creates. Within one list the diff pairs such items itself
// (a move, a rename); across parents it cannot, so each side is one `removed` and one `added`
// change (or part of an added value). This pass finds the entry again and says so on the removal
// (`movedTo`), leaving the changes as they are: they still apply back to the before documents.
import type { Change, JsonPath, PathSegment } from '../model.js';
import { canonicalJson, deepEqual, isPlainObject } from './values.js';
import { MIN_SIMILARITY, leafSet, similarity } from './similarity.js';

/** How deep inside an added value entries are looked for (a group → its services → one service). */
const MAX_NESTING = 4;
/** Most entries inside added values considered in one file. */
const MAX_CANDIDATES = 20_000;
/** Most unnamed removed × unnamed added entries compared for similarity in one file. */
const MAX_UNNAMED_PAIRS = 400;
/** Most same-named entries one removed entry is compared with for similarity (beyond: found only unchanged). */
const MAX_SIMILAR_POOL = 64;

/** Somewhere an entry is in the after document. */
interface Candidate {
  document: number;
  path: JsonPath;
  value: unknown;
  name: string | undefined;
  taken: boolean;
}

/**
 * Marks every removed entry (an object or a non-empty collection) found again among the values
 * the change adds elsewhere in the file: unchanged, or under the same name with at least half its
 * values kept (moved and edited). An entry known only by its place in a list is found unchanged,
 * or by content similarity among the few such entries. `lineOf` places the entry found.
 */
export function markMovedEntries(changes: Change[], identityKeys: readonly string[], lineOf: (document: number, path: JsonPath) => number): void {
  const removed = changes.filter((c) => c.kind === 'removed' && c.path.length > 0 && isEntry(c.before));
  if (removed.length === 0) return;
  const candidates = addedEntries(changes, identityKeys);
  if (candidates.length === 0) return;
  const named = new Map<string, Pool>();
  const unnamed: Candidate[] = [];
  for (const c of candidates) {
    if (c.name === undefined) unnamed.push(c);
    else {
      const pool = named.get(c.name);
      if (pool) pool.all.push(c);
      else named.set(c.name, { all: [c] });
    }
  }
  const mark = (change: Change, found: Candidate) => {
    found.taken = true;
    change.movedTo = { document: found.document, path: found.path, line: lineOf(found.document, found.path) };
  };
  const leftUnnamed: Change[] = [];
  for (const change of removed) {
    const name = nameOfRemoved(change, identityKeys);
    const pool = name === undefined ? undefined : named.get(name);
    if (name === undefined) leftUnnamed.push(change);
    else if (pool) {
      const found = sameIn(pool, change.before) ?? similarIn(pool.all, change.before);
      if (found) mark(change, found);
    }
  }
  if (leftUnnamed.length > 0) pairUnnamed(leftUnnamed, unnamed, mark);
}

/** Entries of one name, and by content once one is looked up there (equal values, equal keys). */
interface Pool {
  all: Candidate[];
  byContent?: Map<string, Candidate[]>;
}

/** An entry of the pool equal to `value` and not yet taken. */
function sameIn(pool: Pool, value: unknown): Candidate | undefined {
  if (pool.all.length <= MAX_SIMILAR_POOL) return pool.all.find((c) => !c.taken && deepEqual(c.value, value));
  pool.byContent ??= byContent(pool.all);
  return pool.byContent.get(canonicalJson(value))?.find((c) => !c.taken);
}

function byContent(candidates: readonly Candidate[]): Map<string, Candidate[]> {
  const index = new Map<string, Candidate[]>();
  for (const c of candidates) {
    const key = canonicalJson(c.value);
    const list = index.get(key);
    if (list) list.push(c);
    else index.set(key, [c]);
  }
  return index;
}

/** The open entry most like `value`, at or over MIN_SIMILARITY, among a few. */
function similarIn(pool: readonly Candidate[], value: unknown): Candidate | undefined {
  if (!isPlainObject(value) || pool.length > MAX_SIMILAR_POOL) return undefined;
  const open = pool.filter((c) => !c.taken && isPlainObject(c.value));
  const leaves = leafSet(value);
  let best: Candidate | undefined;
  let bestScore = MIN_SIMILARITY;
  for (const c of open) {
    const score = similarity(leaves, leafSet(c.value));
    if (score > bestScore || (best === undefined && score === bestScore)) {
      best = c;
      bestScore = score;
    }
  }
  return best;
}

function pairUnnamed(removed: Change[], pool: Candidate[], mark: (change: Change, found: Candidate) => void): void {
  const index = byContent(pool);
  const left: Change[] = [];
  for (const change of removed) {
    const found = index.get(canonicalJson(change.before))?.find((c) => !c.taken);
    if (found) mark(change, found);
    else left.push(change);
  }
  const objects = pool.filter((c) => !c.taken && isPlainObject(c.value));
  const edited = left.filter((c) => isPlainObject(c.before));
  if (edited.length * objects.length > MAX_UNNAMED_PAIRS || objects.length > MAX_SIMILAR_POOL) return;
  for (const change of edited) {
    const found = similarIn(objects, change.before);
    if (found) mark(change, found);
  }
}

/** Each added value and the entries inside it, to MAX_NESTING levels, with the name each is known by. */
function addedEntries(changes: readonly Change[], identityKeys: readonly string[]): Candidate[] {
  const out: Candidate[] = [];
  const visit = (document: number, path: PathSegment[], value: unknown, key: string | undefined, depth: number) => {
    if (out.length >= MAX_CANDIDATES || !isEntry(value)) return;
    out.push({ document, path, value, name: identityOf(value, identityKeys) ?? key, taken: false });
    if (depth >= MAX_NESTING) return;
    if (Array.isArray(value)) value.forEach((item, i) => visit(document, [...path, i], item, undefined, depth + 1));
    else for (const [k, v] of Object.entries(value as Record<string, unknown>)) visit(document, [...path, k], v, k, depth + 1);
  };
  for (const c of changes) {
    if (c.kind !== 'added') continue;
    const last = c.path[c.path.length - 1];
    visit(c.document, [...c.path], c.after, typeof last === 'string' ? last : undefined, 0);
  }
  return out;
}

function nameOfRemoved(change: Change, identityKeys: readonly string[]): string | undefined {
  const last = change.path[change.path.length - 1];
  return identityOf(change.before, identityKeys) ?? (typeof last === 'string' ? last : undefined);
}

/** The value of an object's first identity key (`name`, `id`…) that holds a string or number. */
function identityOf(value: unknown, identityKeys: readonly string[]): string | undefined {
  if (!isPlainObject(value)) return undefined;
  for (const k of identityKeys) {
    const v = value[k];
    if (typeof v === 'string' || typeof v === 'number') return `${k}=${String(v)}`;
  }
  return undefined;
}

/** An object, or a list or map with something in it: what can be an entry worth finding again. */
function isEntry(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0;
  return isPlainObject(value) && Object.keys(value).length > 0;
}
