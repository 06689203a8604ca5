// Compatibility of schema documents (a JSON Schema, a CRD's openAPIV3Schema, an OpenAPI
// document): a change that makes documents valid before invalid now, or a field clients send
// rejected. An enum narrowed, a field newly required, a property removed, a type narrowed. These
// documents describe an API rather than configure a system: these signals are what they are
// judged by (schema.compatibility, a warning), never a mass removal of their entries.
import type { Change, FileDiff, JsonPath, Signal } from '../../model.js';
import type { AnalyzeContext } from '../types.js';
import { getAt, isObject } from '../kit/paths.js';
import { makeSignal } from '../kit/signal.js';
import { schemasOf } from '../../load/role.js';
import {
  PARAMETER_MARKER,
  SCHEMA_ENTRIES,
  SCHEMA_LISTS,
  SCHEMA_NAME_ENTRIES,
  SCHEMA_NAME_MAPS,
  SCHEMA_ROOT_KEY,
  SCHEMA_VALUED,
  SCHEMA_COMPATIBILITY_KINDS,
} from './vocabulary.js';

/** What a node on a path is: a schema, a map of named schemas, a list of schemas, a keyword's value, or outside any schema. */
type Node = 'schema' | 'names' | 'schemas' | 'keyword' | 'value' | 'outside';

function step(node: Node, seg: string | number): Node {
  if (seg === SCHEMA_ROOT_KEY) return 'schema';
  switch (node) {
    case 'schema':
      if (typeof seg === 'number') return 'schema'; // a tuple's items
      if (SCHEMA_NAME_MAPS.includes(seg)) return 'names';
      if (SCHEMA_VALUED.includes(seg)) return 'schema';
      if (SCHEMA_LISTS.includes(seg)) return 'schemas';
      return 'keyword';
    case 'names':
      return 'schema';
    case 'schemas':
      return typeof seg === 'number' ? 'schema' : 'outside';
    case 'keyword':
    case 'value':
      return 'value';
    case 'outside':
      if (typeof seg === 'number') return 'outside';
      if (SCHEMA_ENTRIES.includes(seg)) return 'schema';
      if (SCHEMA_NAME_ENTRIES.includes(seg)) return 'names';
      return 'outside';
  }
}

/** The node of every prefix of `path`: `nodes[k]` is what `path.slice(0, k)` is. */
function nodesOf(path: JsonPath, root: Node): Node[] {
  const nodes: Node[] = [root];
  for (const seg of path) nodes.push(step(nodes[nodes.length - 1]!, seg));
  return nodes;
}

type Kind = (typeof SCHEMA_COMPATIBILITY_KINDS)[number];

/** One compatibility fact: where (the schema node's keyword), what, and the changes it was read from. */
interface Found {
  kind: Kind;
  document: number;
  /** The keyword's path (`…properties`, `…enum`, `…required`, `…type`). */
  at: JsonPath;
  atText: string;
  items: unknown[];
  changes: Change[];
  line: number;
  from?: unknown;
  to?: unknown;
}

/** The compatibility signals of the schema documents of a file. */
export function compatibility(file: FileDiff, ctx: AnalyzeContext): Signal[] {
  const found = new Map<string, Found>();
  const add = (f: Omit<Found, 'items' | 'changes'>, items: unknown[], change: Change) => {
    const key = JSON.stringify([f.kind, f.document, f.at]);
    const entry = found.get(key);
    if (entry) {
      entry.items.push(...items);
      entry.changes.push(change);
    } else found.set(key, { ...f, items: [...items], changes: [change] });
  };
  for (const c of file.changes) {
    if (c.path.length === 0) continue;
    const doc = c.kind === 'removed' ? (file.after?.documents[c.document] ?? file.before?.documents[c.document]) : file.after?.documents[c.document];
    const schemas = schemasOf(doc);
    if (!schemas) continue;
    read(c, nodesOf(c.path, schemas === 'root' ? 'schema' : 'outside'), file, add);
  }
  return [...found.values()].map((f) => signalOf(file, f, ctx));
}

type Add = (f: Omit<Found, 'items' | 'changes'>, items: unknown[], change: Change) => void;

function read(c: Change, nodes: Node[], file: FileDiff, add: Add): void {
  const k = c.path.length;
  const last = c.path[k - 1]!;
  const parent = nodes[k - 1]!;
  const at = (n: number) => ({ document: c.document, at: c.path.slice(0, n), atText: trimText(c.pathText, k - n), line: c.line });
  // An item of a keyword's list: an enum value removed, a required field added.
  if (k >= 2 && nodes[k - 2] === 'schema' && parent === 'keyword') {
    const keyword = c.path[k - 2];
    if (keyword === 'enum' && c.kind === 'removed') add({ kind: 'enum-narrowed', ...at(k - 1) }, [c.before], c);
    if (keyword === 'required' && c.kind === 'added' && typeof c.after === 'string') add({ kind: 'required-added', ...at(k - 1) }, [c.after], c);
    return;
  }
  if (parent === 'names' && c.path[k - 2] === 'properties' && c.kind === 'removed') {
    add({ kind: 'property-removed', ...at(k - 1) }, [last], c);
    return;
  }
  if (parent === 'schema' && typeof last === 'string') readKeyword(c, last, at(k), add);
  else if (parent === 'outside' && last === 'required' && c.after === true && c.before !== true) {
    // An OpenAPI parameter (`in: query`) newly required.
    const owner = getAt(file.after?.documents[c.document], c.path.slice(0, -1));
    if (isObject(owner) && owner[PARAMETER_MARKER] !== undefined) add({ kind: 'required-added', ...at(k) }, [owner.name ?? last], c);
  }
}

/** A keyword of a schema added, removed or changed whole. */
function readKeyword(c: Change, keyword: string, where: Omit<Found, 'kind' | 'items' | 'changes'>, add: Add): void {
  if (keyword === 'enum' && c.kind === 'added' && Array.isArray(c.after)) add({ kind: 'enum-narrowed', ...where, to: c.after }, [], c);
  else if (keyword === 'required' && c.kind === 'added' && Array.isArray(c.after) && c.after.length > 0) add({ kind: 'required-added', ...where }, c.after, c);
  else if (keyword === 'properties' && c.kind === 'removed' && isObject(c.before)) add({ kind: 'property-removed', ...where }, Object.keys(c.before), c);
  else if (keyword === 'type' && c.kind === 'modified' && narrowed(c.before, c.after)) add({ kind: 'type-narrowed', ...where, from: c.before, to: c.after }, [], c);
}

/** Whether a `type` change leaves out a type the old one allowed (`string` → `integer`; not `string` → `[string, null]`). */
function narrowed(before: unknown, after: unknown): boolean {
  const types = (v: unknown) => (Array.isArray(v) ? v : [v]).map(String);
  const allowed = new Set(types(after));
  return types(before).some((t) => !allowed.has(t) && !(t === 'integer' && allowed.has('number')));
}

/** `pathText` less its last `drop` segments. */
function trimText(text: string, drop: number): string {
  let out = text;
  for (let i = 0; i < drop; i++) out = out.replace(/(?:(?:^|\.)[^.[\]]+|\[[^\]]*\])$/, '');
  return out;
}

const SUMMARY: Record<Kind, (f: Found) => string> = {
  'enum-narrowed': (f) => (f.to !== undefined ? `${f.atText}: values now limited to ${list(f.to as unknown[])}` : `${f.atText}: ${list(f.items)} no longer allowed`),
  'required-added': (f) => `${f.atText}: ${list(f.items)} now required`,
  'property-removed': (f) => `${f.atText}: ${list(f.items)} removed`,
  'type-narrowed': (f) => `${f.atText}: ${JSON.stringify(f.from)} → ${JSON.stringify(f.to)}`,
};

function list(items: readonly unknown[]): string {
  const shown = items.slice(0, 5).map((v) => (typeof v === 'string' ? v : JSON.stringify(v)));
  return `${shown.join(', ')}${items.length > 5 ? `, … (${items.length})` : ''}`;
}

function signalOf(file: FileDiff, f: Found, ctx: AnalyzeContext): Signal {
  const line = f.changes.every((c) => c.kind === 'removed') ? f.line : f.changes[0]!.line;
  return makeSignal(
    {
      type: 'schema',
      kind: f.kind,
      direction: 'risky',
      file,
      document: f.document,
      path: f.at,
      pathText: f.atText,
      line,
      changes: f.changes,
      summary: SUMMARY[f.kind](f),
      data: {
        keyword: f.at[f.at.length - 1] ?? '',
        schema: trimText(f.atText, 1) || '(root)',
        ...(f.kind === 'enum-narrowed' ? { values: f.items, ...(f.to !== undefined ? { allowed: f.to } : {}) } : {}),
        ...(f.kind === 'required-added' ? { fields: f.items } : {}),
        ...(f.kind === 'property-removed' ? { properties: f.items } : {}),
        ...(f.kind === 'type-narrowed' ? { from: f.from, to: f.to } : {}),
        count: Math.max(f.items.length, 1),
      },
    },
    ctx.inventory,
  );
}
