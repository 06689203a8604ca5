// field-emptied: a field that was set becomes empty (`""`, `[]`, `{}`, null), schema or not.
// An emptied allow-list or host list is rarely meant; an emptied description is prose.
import type { Change, FileDiff, JsonPath, Signal } from '../../model.js';
import type { AnalyzeContext } from '../types.js';
import { getAt, lastKey } from '../kit/paths.js';
import { matchKey, type Vocabulary } from '../kit/keys.js';
import { makeSignal } from '../kit/signal.js';
import { startsWith } from './invalid.js';

function isEmpty(v: unknown): boolean {
  if (v === null || v === '') return true;
  if (Array.isArray(v)) return v.length === 0;
  if (v !== null && typeof v === 'object' && !(v instanceof Date)) return Object.keys(v).length === 0;
  return false;
}

function emptyText(v: unknown): string {
  if (v === null) return 'null';
  if (v === '') return '""';
  return Array.isArray(v) ? '[]' : '{}';
}

function entriesOf(v: unknown): number | null {
  if (Array.isArray(v)) return v.length;
  return v !== null && typeof v === 'object' ? Object.keys(v).length : null;
}

function beforeText(before: unknown): string {
  if (Array.isArray(before)) return `${before.length} entr${before.length === 1 ? 'y' : 'ies'}`;
  return before !== null && typeof before === 'object' ? `${Object.keys(before).length} keys` : JSON.stringify(before);
}

interface Emptied {
  at: Change;
  line: number;
  path: JsonPath;
  pathText: string;
  before: unknown;
  after: unknown;
  changes: Change[];
}

/** Reads the emptied fields of a file; `prose` decides which are neutral, `forced` paths never are. */
export function emptied(file: FileDiff, ctx: AnalyzeContext, prose: Vocabulary, forced?: (p: JsonPath) => boolean): Signal[] {
  const out: Signal[] = [];
  const seen = new Set<string>();
  const push = (e: Emptied) => {
    const key = JSON.stringify([e.at.document, e.path]);
    if (seen.has(key)) return;
    seen.add(key);
    const neutral = matchKey(lastKey(e.path), prose) && !forced?.(e.path);
    out.push(
      makeSignal(
        {
          type: 'schema', kind: 'field-emptied', direction: neutral ? 'neutral' : 'risky', file, document: e.at.document,
          path: e.path, pathText: e.pathText, line: e.line, changes: e.changes,
          summary: `${e.pathText}: ${beforeText(e.before)} → ${emptyText(e.after)}`,
          data: { key: lastKey(e.path), before: e.before ?? null, after: e.after ?? null, empty: emptyText(e.after), entriesBefore: entriesOf(e.before) },
        },
        ctx.inventory,
      ),
    );
  };
  for (const c of file.changes) {
    if (c.kind === 'modified' && isEmpty(c.after) && !isEmpty(c.before) && c.before !== undefined) {
      push({ at: c, line: c.line, path: c.path, pathText: c.pathText, before: c.before, after: c.after, changes: [c] });
    }
  }
  for (const e of emptiedParents(file)) push(e);
  return out;
}

function lineIn(file: FileDiff, doc: number, path: JsonPath): number | undefined {
  try {
    return file.after?.locate(doc, path).line;
  } catch {
    return undefined;
  }
}

/** A list or map whose entries were all removed: the diff reports the entries, not the parent. */
function emptiedParents(file: FileDiff): Emptied[] {
  const groups = new Map<string, Change[]>();
  for (const c of file.changes) {
    if (c.kind !== 'removed' || c.path.length === 0) continue;
    const k = JSON.stringify([c.document, c.path.slice(0, -1)]);
    const group = groups.get(k);
    if (group) group.push(c);
    else groups.set(k, [c]);
  }
  const out: Emptied[] = [];
  for (const removed of groups.values()) {
    const c = removed[0]!;
    const parent = c.path.slice(0, -1);
    if (parent.length === 0) continue;
    const afterValue = getAt(file.after?.documents[c.document], parent);
    if (afterValue === undefined || !isEmpty(afterValue)) continue;
    const added = file.changes.some((x) => x.kind === 'added' && x.document === c.document && x.path.length === parent.length + 1 && startsWith(x.path, parent));
    if (added) continue;
    const before = Array.isArray(afterValue) ? removed.map((r) => r.before) : Object.fromEntries(removed.map((r) => [String(r.path[r.path.length - 1]), r.before]));
    const pathText = c.pathText.replace(/(?:\.[^.[\]]+|\[[^\]]*\])$/, '');
    // The removed entries carry their old lines; the emptied field is at its line in the new file.
    out.push({ at: c, line: lineIn(file, c.document, parent) ?? c.line, path: parent, pathText, before, after: afterValue, changes: removed });
  }
  return out;
}
