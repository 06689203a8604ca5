// Size and deletion: how much a file grew (bytes and entries of its largest list/map),
// identities duplicated in a list, the share of a list/map's entries removed, and
// deletion settings switched from soft (retain, protect) to hard (delete, prune).
import type { Change, FileDiff, JsonPath, Signal } from '../../model.js';
import type { AnalyzeContext, Analyzer } from '../types.js';
import { defineBuiltinAnalyzer } from '../types.js';
import { getAt, isObject, lastKey } from '../kit/paths.js';
import { DEFAULT_IDENTITY_PATHS, listPathMatcher, pathToText } from '../../diff/index.js';
import { ARG_LISTS } from '../verbosity/vocabulary.js';
import { rulesRegrouped } from './rbac.js';
import { locatedAt, makeSignal, norm, round } from '../kit/signal.js';

// Facts, not findings: a file that grew and entries that were removed are risky whatever the
// amount (direction is a sign); how much is too much is the policies' call (size.growth-limit
// maxFactor, deletion.mass-removal maxSharePercent / minEntries).

/** Smallest collection (entries before the change) whose removals are reported at all; mass-removal's minEntries may not go below it. */
export const MIN_COLLECTION = 4;

const IDENTITY_KEYS = ['name', 'id', 'key'];
/** Lists known by another key than the above (volumeMounts by `mountPath`): the diff's table. */
const IDENTITY_PATHS = DEFAULT_IDENTITY_PATHS.map(({ path, key }) => ({ test: listPathMatcher(path), key }));
/** What makes an object an alerting rule (see isAlertingRule). */
const ALERT_KEYS = ['alert'];
const ALERT_QUERY_KEYS = ['expr', 'query', 'promql'];
const ALERT_TRAIT_KEYS = ['severity', 'for', 'labels', 'annotations', 'summary', 'description'];
const RECORDING_RULE_KEYS = ['record'];
/** Settings that mean an entry is switched off. */
const OFF_SWITCHES: ReadonlyArray<[string, unknown]> = [['enabled', false], ['enable', false], ['disabled', true]];
const GENERATED = /(^|\/)(generated|gen|dist|build|out|vendor|snapshots?|compiled)\/|[._-]gen(erated)?\.|zz_generated|\.lock\.|[._-]lock\.(json|ya?ml)$|\.min\.json$/i;

function size(value: unknown): number | undefined {
  if (Array.isArray(value)) return value.length;
  if (isObject(value)) return Object.keys(value).length;
  return undefined;
}

/**
 * Visits every list and map of the documents, depth first, with its document index and path.
 * One path stack serves the whole walk: a visitor copies `path` only when it keeps it.
 */
function forEachCollection(documents: readonly unknown[], visit: (v: object, doc: number, path: readonly (string | number)[]) => void): void {
  const path: (string | number)[] = [];
  const walk = (v: object, doc: number) => {
    visit(v, doc, path);
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) descend(v[i], doc, i);
    } else {
      for (const k of Object.keys(v)) descend((v as Record<string, unknown>)[k], doc, k);
    }
  };
  const descend = (x: unknown, doc: number, seg: string | number) => {
    if (x === null || typeof x !== 'object') return;
    path.push(seg);
    walk(x, doc);
    path.pop();
  };
  documents.forEach((d, i) => {
    if (d !== null && typeof d === 'object') walk(d, i);
  });
}

/** The largest list or map in the documents: path, entry count. */
function largest(documents: readonly unknown[]): { doc: number; path: JsonPath; entries: number } | undefined {
  let best: { doc: number; path: JsonPath; entries: number } | undefined;
  forEachCollection(documents, (v, doc, path) => {
    const n = size(v);
    if (n !== undefined && (!best || n > best.entries)) best = { doc, path: [...path], entries: n };
  });
  return best;
}

function stripLast(pathText: string): string {
  const m = /^(.*?)(?:\.[^.[\]]+|\[[^\]]*\])$/.exec(pathText);
  return m ? m[1]! : '';
}

function scalarText(v: unknown): string {
  return typeof v === 'string' ? v : JSON.stringify(v);
}

function lineOf(file: FileDiff, side: 'before' | 'after', doc: number, path: JsonPath, fallback: number): number {
  const f = side === 'after' ? file.after : file.before;
  try {
    return f ? f.locate(doc, path).line : fallback;
  } catch {
    return fallback;
  }
}

export const analyzeSize: Analyzer = (files, ctx: AnalyzeContext) => {
  const out: Signal[] = [];
  for (const file of files) {
    if (file.changes.length === 0 && file.status !== 'modified') continue;
    out.push(...growth(file, ctx));
    out.push(...duplicates(file, ctx));
    out.push(...removals(file, ctx));
    out.push(...hardDeletes(file, ctx));
  }
  return out;
};

// ── size-growth ────────────────────────────────────────────────────────────

function growth(file: FileDiff, ctx: AnalyzeContext): Signal[] {
  if (!file.before || !file.after || file.changes.length === 0) return [];
  const bytesBefore = file.before.bytes;
  const bytesAfter = file.after.bytes;
  const big = largest(file.after.documents);
  const entriesAfter = big?.entries ?? 0;
  const beforeAtPath = big ? size(getAt(file.before.documents[big.doc], big.path)) : undefined;
  const entriesBefore = beforeAtPath ?? largest(file.before.documents)?.entries ?? 0;
  const bytesFactor = bytesBefore > 0 ? bytesAfter / bytesBefore : 1;
  const entriesFactor = entriesBefore > 0 ? entriesAfter / entriesBefore : entriesAfter > 0 ? Infinity : 1;
  const bytesGrew = bytesFactor >= 1.1 && bytesAfter - bytesBefore >= 64;
  const entriesGrew = entriesFactor >= 1.1 && entriesAfter - entriesBefore >= 4;
  if (!bytesGrew && !entriesGrew) return [];
  const factor = round(Math.max(bytesGrew ? bytesFactor : 1, entriesGrew && Number.isFinite(entriesFactor) ? entriesFactor : 1), 2);
  const generated = GENERATED.test(file.path);
  const path = big?.path ?? [];
  const listText = pathToText(path) || '(document)';
  const first = file.changes[0]!;
  const summary =
    `${file.path}${generated ? ' (generated)' : ''} grew ×${factor}: ${bytesBefore.toLocaleString('en-US')} → ${bytesAfter.toLocaleString('en-US')} bytes` +
    (big ? `, ${listText} ${entriesBefore} → ${entriesAfter} entries` : '');
  return [
    makeSignal(
      {
        type: 'size',
        kind: 'size-growth',
        direction: 'risky',
        file,
        document: big?.doc ?? first.document,
        path,
        pathText: pathToText(path),
        line: big ? lineOf(file, 'after', big.doc, path, first.line) : first.line,
        changes: file.changes,
        summary,
        data: {
          factor,
          bytesBefore,
          bytesAfter,
          bytesFactor: round(bytesFactor, 2),
          entriesBefore,
          entriesAfter,
          entriesFactor: Number.isFinite(entriesFactor) ? round(entriesFactor, 2) : null,
          largest: listText,
          generated,
        },
      },
      ctx.inventory,
    ),
  ];
}

// ── duplicate-identity ─────────────────────────────────────────────────────

interface Dup {
  doc: number;
  listPath: JsonPath;
  shape: string;
  key: string;
  value: string;
  indices: number[];
}

function findDuplicates(documents: readonly unknown[]): Dup[] {
  const out: Dup[] = [];
  forEachCollection(documents, (v, doc, path) => {
    if (!Array.isArray(v) || v.length < 2 || !v.every(isObject)) return;
    const objs = v as Array<Record<string, unknown>>;
    const known = IDENTITY_PATHS.find((p) => p.test(path))?.key;
    const key = known ?? IDENTITY_KEYS.find((k) => countScalar(objs, k) >= Math.ceil(objs.length / 2));
    if (!key) return;
    for (const [value, indices] of repeatedIds(objs, key)) {
      out.push({ doc, listPath: [...path], shape: shapeOf(doc, path), key, value, indices });
    }
  });
  return out;
}

/** Identities that occur more than once, with their indices, in order of first occurrence. */
function repeatedIds(objs: ReadonlyArray<Record<string, unknown>>, key: string): Array<[string, number[]]> {
  // Most identities are unique: an index array only for those seen twice.
  const first = new Map<string, number>();
  const repeated = new Map<string, number[]>();
  objs.forEach((o, i) => {
    const id = o[key];
    if (!isScalar(id)) return;
    const k = scalarText(id);
    const at = first.get(k);
    if (at === undefined) first.set(k, i);
    else {
      const indices = repeated.get(k);
      if (indices) indices.push(i);
      else repeated.set(k, [at, i]);
    }
  });
  return [...repeated].sort((x, y) => x[1][0]! - y[1][0]!);
}

function countScalar(objs: ReadonlyArray<Record<string, unknown>>, key: string): number {
  let n = 0;
  for (const o of objs) if (isScalar(o[key])) n++;
  return n;
}

function isScalar(v: unknown): v is string | number | boolean {
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
}

/** The list's path with indices blanked: compares the same list on both sides despite index shifts. */
function shapeOf(doc: number, path: JsonPath): string {
  return `${doc}:${path.map((s) => (typeof s === 'number' ? '*' : s)).join('.')}`;
}

function duplicates(file: FileDiff, ctx: AnalyzeContext): Signal[] {
  if (!file.after || file.changes.length === 0) return [];
  const found = findDuplicates(file.after.documents);
  if (found.length === 0) return [];
  // A value already shared by items of the list before the change is not their identity there
  // (Grafana's exemplar links: one per entry, several for one label): its reader takes every
  // entry, and one more sharing it is the same pattern, not a new duplicate.
  const sharedBefore = new Set<string>();
  for (const d of findDuplicates(file.before?.documents ?? [])) sharedBefore.add(`${d.shape}\0${d.key}\0${d.value}`);
  const out: Signal[] = [];
  for (const d of found) {
    if (sharedBefore.has(`${d.shape}\0${d.key}\0${d.value}`)) continue;
    const second = d.indices[1]!;
    const path = [...d.listPath, second];
    const listText = pathToText(d.listPath);
    const pathText = `${listText}[${d.key}=${d.value}]`;
    const line = lineOf(file, 'after', d.doc, path, file.changes[0]!.line);
    const related = file.changes.filter(
      (c) => c.document === d.doc && c.path.length > d.listPath.length && d.listPath.every((s, i) => c.path[i] === s),
    );
    out.push(
      makeSignal(
        {
          type: 'size',
          kind: 'duplicate-identity',
          direction: 'risky',
          file,
          document: d.doc,
          path,
          pathText,
          line,
          changes: related.length ? related : file.changes,
          summary: `${listText || '(list)'}: ${d.indices.length} entries with ${d.key} "${d.value}" (items ${d.indices.join(', ')}); the later one may shadow or be dropped`,
          data: { key: d.key, value: d.value, count: d.indices.length, indices: d.indices, list: listText, lines: d.indices.map((i) => lineOf(file, 'after', d.doc, [...d.listPath, i], line)) },
        },
        ctx.inventory,
      ),
    );
  }
  return out;
}

// ── mass-removal ───────────────────────────────────────────────────────────

function entryName(change: Change): string {
  const seg = change.path[change.path.length - 1];
  if (isObject(change.before)) {
    for (const k of IDENTITY_KEYS) if (isScalar(change.before[k])) return scalarText(change.before[k]);
  }
  if (typeof seg === 'string') return seg;
  if (isScalar(change.before)) return scalarText(change.before);
  return `[${String(seg)}]`;
}

function removals(file: FileDiff, ctx: AnalyzeContext): Signal[] {
  const out: Signal[] = [];
  const groups = new Map<string, RemovalGroup>();
  for (const c of file.changes) {
    if (c.path.length === 0) continue;
    if (c.kind !== 'removed' && c.kind !== 'added') continue;
    const parent = c.path.slice(0, -1);
    const key = JSON.stringify([c.document, parent]);
    const g = groups.get(key) ?? { doc: c.document, parent, removed: [], added: 0, addedKeys: [] };
    if (c.kind === 'removed') g.removed.push(c);
    else {
      g.added++;
      g.addedKeys.push(c.path[c.path.length - 1]!);
    }
    groups.set(key, g);
  }
  const movedTo = addedNames(file);
  for (const g of groups.values()) {
    const afterParent = getAt(file.after?.documents[g.doc], g.parent);
    if (g.removed.length === 0 || isArgList(g.parent) || !isCollection(parentBefore(afterParent, g))) continue;
    const afterSize = size(afterParent);
    if (afterSize === undefined) continue;
    const beforeSize = afterSize - g.added + g.removed.length;
    if (g.removed.length < 2 || beforeSize < MIN_COLLECTION) continue;
    // Entries replaced by as many new ones: the list was rewritten (a command line, a set of
    // statements, Locust's variables for k6's), not emptied. The share removed is the net loss.
    if (g.added >= g.removed.length) continue;
    // A role's rules regrouped, every grant kept.
    if (rulesRegrouped(file.before?.documents ?? [], file.after?.documents[g.doc], g.parent)) continue;
    // Entries moved elsewhere in the file, or switched off before they went, withdraw nothing.
    const moved = (c: Change) => c.movedTo !== undefined || movedTo.has(entryName(c));
    const kept = { moved: g.removed.filter(moved).length, off: g.removed.filter((c) => !moved(c) && switchedOff(c.before)).length };
    if (g.removed.length - kept.moved - kept.off - g.added < 2) continue;
    const first = g.removed[0]!;
    out.push(removalSignal(file, ctx, g.doc, g.parent, stripLast(first.pathText), g.removed, beforeSize, afterSize, first.line, undefined, g.added, kept));
  }
  out.push(...replacedCollections(file, ctx));
  // A whole list or map removed at once. A whole document or file removed is a deletion of its
  // own (on purpose, in one piece), with its share of the repository: not a mass removal. One
  // removed record (a container, a service) is one entry of its parent, not "10 of 10 fields removed".
  if (file.status === 'deleted') return [...out, wholeDeletion(file, ctx, file.changes)];
  for (const c of file.changes) {
    if (c.kind !== 'removed') continue;
    if (c.path.length === 0) {
      out.push(wholeDeletion(file, ctx, [c]));
      continue;
    }
    if (!isCollection(c.before) || isArgList(c.path) || c.movedTo) continue;
    const n = size(c.before);
    if (n === undefined || n < MIN_COLLECTION || !isEntries(c.before)) continue;
    out.push(removalSignal(file, ctx, c.document, c.path, c.pathText, [c], n, 0, c.line, n));
  }
  return out;
}

/** The removals and additions of one collection: its after-side path, and what went and came. */
interface RemovalGroup {
  doc: number;
  parent: JsonPath;
  removed: Change[];
  added: number;
  addedKeys: Array<string | number>;
}

/**
 * The collection as it was, from its after side: a removal's path is its parent's after-side path
 * (an index there may differ from the before side's: a group inserted before it), so the parent
 * is rebuilt — without the entries added, with those removed — rather than looked up.
 */
function parentBefore(afterParent: unknown, g: RemovalGroup): unknown {
  if (Array.isArray(afterParent)) return afterParent;
  if (!isObject(afterParent)) return undefined;
  const out: Record<string, unknown> = { ...afterParent };
  for (const k of g.addedKeys) delete out[String(k)];
  for (const c of g.removed) out[String(c.path[c.path.length - 1])] = c.before;
  return out;
}

/**
 * A list or map replaced by a value of another shape: a scalar, null, or a list of fewer entries
 * (a map of 60 hosts → `none`, or → `[host-0]`). Replacing entries is removing them, as `{}`
 * would; a list rewritten as a map of as many entries (or back) is a restructure, not a removal.
 */
function replacedCollections(file: FileDiff, ctx: AnalyzeContext): Signal[] {
  const out: Signal[] = [];
  for (const c of file.changes) {
    if (c.kind !== 'modified' || !isCollection(c.before) || isArgList(c.path)) continue;
    const before = size(c.before)!;
    const after = size(c.after) ?? 0;
    if (before < MIN_COLLECTION || before - after < 2) continue;
    out.push(removalSignal(file, ctx, c.document, c.path, c.pathText, [c], before, after, c.line, before));
  }
  return out;
}

/**
 * A list, or a map of entries by name (values all lists/maps, or all scalars of one type), as
 * opposed to a record of fields of mixed types (a container, a service, a dashboard).
 */
function isCollection(value: unknown): boolean {
  if (Array.isArray(value)) return true;
  if (!isObject(value)) return false;
  const types = new Set(Object.values(value).map((v) => (v !== null && typeof v === 'object' ? 'object' : typeof v)));
  return types.size === 1;
}

/** Command lines (`args`, `entrypoint`, `command`…) are a sequence of words, not a collection of entries. */
function isArgList(path: JsonPath): boolean {
  const last = path[path.length - 1];
  return typeof last === 'string' && ARG_LISTS.has(last) && !['env', 'environment', 'flags'].includes(last);
}

function removalSignal(
  file: FileDiff,
  ctx: AnalyzeContext,
  document: number,
  path: JsonPath,
  pathText: string,
  removed: Change[],
  before: number,
  after: number,
  line: number,
  /** Entries removed when `removed` is one change that took a whole collection with it. */
  whole?: number,
  /** New entries added to the same collection by the change. */
  added = 0,
  /** Removed entries that withdraw nothing: moved elsewhere in the file, or switched off before. */
  kept = { moved: 0, off: 0 },
): Signal {
  const count = whole ?? removed.length;
  const withdrawn = count - kept.moved - kept.off;
  const sharePercent = round(((withdrawn - added) / before) * 100);
  const names = whole === undefined ? removed.map(entryName) : entryNames(removed[0]!.before);
  const entries = whole === undefined ? removed.map((c) => c.before) : entriesOf(removed[0]!.before);
  const entryKind = entries.length > 0 && entries.every(isAlertingRule) ? 'alerting-rule' : undefined;
  const label = pathText || '(document)';
  const why = [kept.moved ? `${kept.moved} moved elsewhere in the file` : '', kept.off ? `${kept.off} switched off before` : ''].filter(Boolean).join(', ');
  const net = `${why ? ` (${why})` : ''}${added > 0 || why ? `${added > 0 ? `, ${added} added` : ''} (net ${withdrawn - added}, ${sharePercent}%)` : ` (${sharePercent}%)`}`;
  return makeSignal(
    {
      type: 'deletion',
      kind: 'mass-removal',
      direction: 'risky',
      file,
      document,
      path,
      pathText,
      line,
      changes: removed,
      summary: `${label}: ${count} of ${before} ${entryKind === 'alerting-rule' ? 'alerting rules' : 'entries'} removed${net}${names.length ? `: ${names.slice(0, 5).join(', ')}${names.length > 5 ? ', …' : ''}` : ''}`,
      data: { removed: count, added, moved: kept.moved, switchedOff: kept.off, before, after, sharePercent, entries: names.slice(0, 20), collection: label, ...(entryKind ? { entryKind } : {}) },
      doc: file.before?.documents[document] ?? file.after?.documents[document],
    },
    ctx.inventory,
  );
}

/**
 * Names added anywhere in the file by the change, and the names of the entries of what was added
 * (a `collectors:` map added holding `alloy-logs`): a removed entry of the same name was moved.
 */
function addedNames(file: FileDiff): Set<string> {
  const names = new Set<string>();
  for (const c of file.changes) {
    if (c.kind !== 'added' || c.path.length === 0) continue;
    names.add(entryName({ ...c, before: c.after }));
    if (isObject(c.after)) for (const k of Object.keys(c.after)) if (isObject(c.after[k]) || Array.isArray(c.after[k])) names.add(k);
  }
  // A list item known only by its index has no name to be found by elsewhere.
  for (const name of names) if (name.startsWith('[')) names.delete(name);
  return names;
}

/** An entry that was switched off (`enabled: false`, `disabled: true`) served nothing: removing it withdraws nothing. */
function switchedOff(value: unknown): boolean {
  return isObject(value) && (OFF_SWITCHES.some(([k, v]) => value[k] === v));
}

function entriesOf(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  return isObject(value) ? Object.values(value) : [];
}

/**
 * An alerting rule: a query that fires an alert (Prometheus/Loki `alert` + `expr`, a catalogue's
 * `name` + `query`), not a recording rule, whose removal can break what reads its series.
 */
function isAlertingRule(value: unknown): boolean {
  if (!isObject(value) || RECORDING_RULE_KEYS.some((k) => k in value)) return false;
  return ALERT_KEYS.some((k) => k in value) || (ALERT_QUERY_KEYS.some((k) => k in value) && ALERT_TRAIT_KEYS.some((k) => k in value));
}

/** The names of a collection's entries: a map's keys, a list's items by their identity. */
function entryNames(value: unknown): string[] {
  if (Array.isArray(value)) return value.slice(0, 10).map((item, i) => (isObject(item) ? IDENTITY_KEYS.map((k) => item[k]).find(isScalar) : isScalar(item) ? item : undefined) ?? `[${i}]`).map(String);
  return isObject(value) ? Object.keys(value).slice(0, 10) : [];
}

/**
 * Whether a collection holds entries (a list, or a map whose every value is a list or map)
 * rather than the fields of one thing: removing a service's `image` and `ports` removes one service.
 */
function isEntries(value: unknown): boolean {
  if (Array.isArray(value)) return true;
  return isObject(value) && Object.values(value).every((v) => v !== null && typeof v === 'object');
}

/** A deleted file, or a document removed from a file: what went, and the file's share of the repository. */
function wholeDeletion(file: FileDiff, ctx: AnalyzeContext, removed: Change[]): Signal {
  const deleted = file.status === 'deleted';
  const first = removed[0];
  const document = first?.document ?? 0;
  const doc = file.before?.documents[document];
  const what = documentName(doc) ?? (deleted ? file.path : `document ${document + 1}`);
  const total = ctx.repository?.baseConfigFiles;
  const sharePercent = deleted && total ? round(100 / total, 2) : undefined;
  const entries = removed.reduce((n, c) => n + (size(c.before) ?? 1), 0);
  const summary = deleted
    ? `${file.path} deleted (${removed.length === 1 ? what : `${removed.length} documents`}, ${entries} top-level entries)${total ? `: 1 of ${total} configuration files (${sharePercent}%)` : ''}`
    : `${what} removed from ${file.path} (${entries} top-level entries)`;
  return makeSignal(
    {
      type: 'deletion',
      kind: deleted ? 'file-deleted' : 'document-removed',
      direction: 'neutral',
      file,
      document,
      path: [],
      pathText: '',
      line: first?.line ?? 1,
      changes: removed,
      summary,
      data: { what, documents: removed.length, entries, ...(total ? { repositoryFiles: total, sharePercent } : {}) },
      doc,
    },
    ctx.inventory,
  );
}

/** `Deployment/api` for a Kubernetes-shaped document. */
function documentName(doc: unknown): string | undefined {
  if (!isObject(doc) || typeof doc.kind !== 'string') return undefined;
  const name = isObject(doc.metadata) && typeof doc.metadata.name === 'string' ? doc.metadata.name : undefined;
  return name ? `${doc.kind}/${name}` : doc.kind;
}

// ── soft-to-hard-delete ────────────────────────────────────────────────────

interface HardRule {
  keys: string[];
  /** Whether `before → after` turns soft deletion into hard deletion. */
  test(before: unknown, after: unknown): boolean;
  what: string;
}

const low = (v: unknown) => (typeof v === 'string' ? v.toLowerCase() : v);
const HARD_RULES: HardRule[] = [
  {
    keys: ['deletionpolicy', 'updatereplacepolicy', 'reclaimpolicy', 'persistentvolumereclaimpolicy', 'deletepolicy', 'ondelete', 'retentionpolicy'],
    test: (b, a) => ['retain', 'snapshot', 'orphan', 'keep', 'abandon'].includes(low(b) as string) && ['delete', 'destroy', 'purge', 'recycle'].includes(low(a) as string),
    what: 'deletion policy',
  },
  { keys: ['softdelete', 'softdeleteenabled', 'enablesoftdelete', 'softdeletes', 'usesoftdelete'], test: (b, a) => b === true && a === false, what: 'soft delete' },
  { keys: ['prune', 'pruneresources', 'allowprune', 'purge', 'cascadedelete', 'forcedelete', 'forcedestroy'], test: (b, a) => (b === false || b === undefined) && a === true, what: 'pruning' },
  {
    keys: ['deletionprotection', 'terminationprotection', 'preventdestroy', 'purgeprotectionenabled', 'enabledeletionprotection', 'protected', 'retainondelete', 'retain', 'keeponDelete'.toLowerCase()],
    test: (b, a) => b === true && a === false,
    what: 'deletion protection',
  },
  {
    keys: ['propagationpolicy'],
    test: (b, a) => low(b) === 'orphan' && ['foreground', 'background'].includes(low(a) as string),
    what: 'delete propagation',
  },
];

function hardDeletes(file: FileDiff, ctx: AnalyzeContext): Signal[] {
  const out: Signal[] = [];
  for (const c of file.changes) {
    if (c.kind !== 'modified' && c.kind !== 'added') continue;
    const key = norm(lastKey(c.path));
    if (c.path.length === 0 || typeof c.path[c.path.length - 1] !== 'string') continue;
    const rule = HARD_RULES.find((r) => r.keys.includes(key));
    if (!rule || !rule.test(c.before, c.after)) continue;
    // Adding `prune: true` counts; adding any other key is not a before → after switch.
    if (c.kind === 'added' && rule.what !== 'pruning') continue;
    out.push(
      makeSignal(
        {
          type: 'deletion',
          kind: 'soft-to-hard-delete',
          direction: 'risky',
          file,
          ...locatedAt(c),
          summary: `${c.pathText}: ${rule.what} ${c.kind === 'added' ? '(unset)' : JSON.stringify(c.before)} → ${JSON.stringify(c.after)}: deleted data is no longer kept`,
          data: { key: lastKey(c.path), from: c.before ?? null, to: c.after, what: rule.what },
        },
        ctx.inventory,
      ),
    );
  }
  return out;
}

export default defineBuiltinAnalyzer({
  name: 'size',
  doc: 'Growth of files and lists, duplicated identities, the share of entries removed, soft to hard deletion.',
  signals: ['size', 'deletion'],
  analyze: analyzeSize,
});
