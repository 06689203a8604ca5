// A new list entry whose fields are blank where every sibling fills them: a quota policy added
// with `metric: ""`, `unit: ""`, `limit: null` beside entries that all name a metric. With no
// schema bound to the file, the siblings are the schema: a field every existing entry sets is
// one its consumer expects, and a consumer that dereferences it fails on the new entry, on every
// server that loads the file at once (a cloud provider's global API outage, 2025). Files with a
// bound schema are left to `schema.valid`. Facts only: `schema.blank-like-siblings` decides.
import type { Change, FileDiff, JsonPath, Signal } from '../../model.js';
import type { AnalyzeContext, Analyzer } from '../types.js';
import { defineBuiltinAnalyzer } from '../types.js';
import { getAt, isObject } from '../kit/paths.js';
import { matchKey } from '../kit/keys.js';
import { locatedAt, makeSignal } from '../kit/signal.js';
import { globMatcher } from '../../match.js';
import { MAY_BE_BLANK, MIN_SIBLINGS } from './vocabulary.js';

const isBlank = (v: unknown) => v === null || (typeof v === 'string' && v.trim() === '');
const isFilled = (v: unknown) =>
  v !== undefined && !isBlank(v) && !(Array.isArray(v) && v.length === 0) && !(isObject(v) && Object.keys(v).length === 0);

/** The entries that were there before: items of a list, values of a map of records. */
function siblingsOf(file: FileDiff, c: Change): Record<string, unknown>[] | undefined {
  const parent = getAt(file.before?.documents[c.document], c.path.slice(0, -1));
  const entries = Array.isArray(parent) ? parent : isObject(parent) ? Object.values(parent) : undefined;
  if (!entries || entries.length < MIN_SIBLINGS || !entries.every(isObject)) return undefined;
  if (!Array.isArray(parent) && typeof c.path[c.path.length - 1] !== 'string') return undefined;
  return entries as Record<string, unknown>[];
}

/** Fields of `entry` blank where every sibling fills them. */
function blankFields(entry: Record<string, unknown>, siblings: Record<string, unknown>[]): string[] {
  return Object.keys(entry).filter((k) => isBlank(entry[k]) && !matchKey(k, MAY_BE_BLANK) && siblings.every((s) => isFilled(s[k])));
}

function nameOf(entry: Record<string, unknown>, path: JsonPath): string {
  for (const k of ['name', 'id', 'key']) if (typeof entry[k] === 'string' && entry[k] !== '') return entry[k] as string;
  return String(path[path.length - 1]);
}

function signalFor(file: FileDiff, c: Change, ctx: AnalyzeContext): Signal | undefined {
  if (c.kind !== 'added' || !isObject(c.after) || c.path.length === 0) return undefined;
  const siblings = siblingsOf(file, c);
  if (!siblings) return undefined;
  const blank = blankFields(c.after, siblings);
  if (blank.length === 0) return undefined;
  const entry = nameOf(c.after, c.path);
  const at = file.after?.locate(c.document, [...c.path, blank[0]!]).line ?? c.line;
  const list = c.pathText.replace(/(\.[^.[\]]+|\[[^\]]*\])$/, '') || '(document)';
  return makeSignal(
    {
      type: 'schema',
      kind: 'entry-blank-fields',
      direction: 'risky',
      file,
      ...locatedAt(c),
      line: at,
      summary: `${list}: new entry ${entry} leaves ${blank.map((b) => `${b}: ${JSON.stringify(c.after && (c.after as Record<string, unknown>)[b])}`).join(', ')} blank; all ${siblings.length} existing entries set ${blank.length === 1 ? 'it' : 'them'}`,
      data: { entry, blank, siblings: siblings.length, list },
    },
    ctx.inventory,
  );
}

export const analyzeBlankFields: Analyzer = (files, ctx: AnalyzeContext) => {
  const bound = (ctx.options.schemas ?? []).map((s) => globMatcher(s.files));
  const out: Signal[] = [];
  for (const file of files) {
    if (!file.before || !file.after || bound.some((m) => m(file.path))) continue;
    for (const c of file.changes) {
      const s = signalFor(file, c, ctx);
      if (s) out.push(s);
    }
  }
  return out;
};

export default defineBuiltinAnalyzer({
  name: 'blank-fields',
  doc: 'A new list entry leaving blank (empty or null) fields that every existing sibling fills, in files with no schema bound.',
  signals: ['schema'],
  analyze: analyzeBlankFields,
});
