// A large YAML file whose bulk is one long block sequence (a generated list of hosts, routes,
// rules: `items:` with 200,000 entries) is parsed in slices of items; one whose bulk is one long
// block mapping (a root map of 262,144 keys, an API description's `paths:`) in slices of entries. js-yaml's event array is
// about 17× the text it comes from; parsed whole, it exists all at once beside the values and
// the scan. Sliced, each slice's events are built, scanned, turned into values and dropped, so the
// peak holds one slice's events. The result is the whole-file parse's, value for value and event
// for event (scan.ts counts events across slices): anything that could make the two differ
// (several documents, a merge key, an alias to another slice, a slice that does not parse alone)
// gives undefined, and the caller parses the file whole, with its own errors.
import type { Event, Schema, ScalarEvent } from 'js-yaml';
import { getScalarValue } from 'js-yaml';
import { compactLists } from './compact.js';
import { EventScanner, DOC, MAP, POP, SCALAR, SEQ, type Scan, type ScanLimits } from './scan.js';

/** Files smaller than this are parsed whole: their events fit. */
export const SLICE_MIN_CHARS = 1 << 20;
/** About this much text in one slice: small enough that a slice's events die young (a scavenge, not a full GC, collects them). */
export const SLICE_CHARS = 16 << 10;

export interface SliceParser {
  parseEvents(text: string, options: { filename: string; maxDepth: number }): Event[];
  constructFromEvents(events: Event[], options: { source: string; filename: string; schema: Schema; maxAliases: number; maxTotalMergeKeys: number }): unknown[];
}

export interface SliceOptions {
  path: string;
  schema: Schema;
  lim: ScanLimits;
  /** For tests: slice smaller files, in smaller slices. */
  minChars?: number;
  sliceChars?: number;
}

/** The long list or map: its text range, where each slice starts, and the top-level key that holds it (none at the root). */
export interface ListRegion {
  /** A block sequence (items) or a block mapping (entries). */
  kind: 'seq' | 'map';
  /** Offset of the key's line (a root collection has none). */
  keyStart?: number;
  /** Offsets: the region's start (the first item's line), each further slice's start, the region's end. */
  bounds: number[];
}

/** Values and scan of the file, or undefined when it is to be parsed whole. */
export function parseSliced(parser: SliceParser, text: string, opts: SliceOptions): { documents: unknown[]; scan: Scan } | undefined {
  if (text.length < (opts.minChars ?? SLICE_MIN_CHARS)) return undefined;
  const sliceChars = opts.sliceChars ?? SLICE_CHARS;
  const region = findLongList(text, sliceChars) ?? findLongMap(text, sliceChars);
  if (!region) return undefined;
  try {
    return assemble(parser, text, region, opts);
  } catch {
    // A slice that does not parse alone, a prototype key, an alias limit: the whole-file parse
    // decides, and reports the error as it always does.
    return undefined;
  }
}

const MAX_DEPTH_MARGIN = 2;

function assemble(parser: SliceParser, text: string, region: ListRegion, opts: SliceOptions): { documents: unknown[]; scan: Scan } | undefined {
  const { bounds } = region;
  const start = bounds[0]!;
  const end = bounds[bounds.length - 1]!;
  const headText = text.slice(0, start) + text.slice(end);
  // The list sits one level (root) or two (under a key) down: slices are held to a limit that much
  // stricter, plus one, so that a slice never accepts what the whole file would refuse.
  const maxDepth = opts.lim.maxDepth + 1 - MAX_DEPTH_MARGIN;
  const construct = { filename: opts.path, schema: opts.schema, maxAliases: -1, maxTotalMergeKeys: opts.lim.maxAliasExpansion };
  const head = parser.parseEvents(headText, { filename: opts.path, maxDepth });
  const at = placeholderOf(head, headText, region.keyStart);
  if (at === undefined) return undefined;
  const headDocs = parser.constructFromEvents(head, { source: headText, ...construct });

  const sliceOf = (s: number) => text.slice(bounds[s], bounds[s + 1]);
  let sliceText = sliceOf(0);
  let events = parser.parseEvents(sliceText, { filename: opts.path, maxDepth });
  const scanner = new EventScanner(opts.path, text, opts.lim, head.length + expectedEvents(events.length, bounds));
  // Before the list: the document, the mapping and its keys up to the list's (all ahead of it in the text).
  if (head.length === 0) scanner.feed([{ type: DOC, explicitStart: false, explicitEnd: false, directives: [] }]);
  else scanner.feed(head, 0, at);
  const whole = new Collected(region.kind);
  for (let s = 0; s + 1 < bounds.length; s++) {
    if (s > 0) {
      sliceText = sliceOf(s);
      events = parser.parseEvents(sliceText, { filename: opts.path, maxDepth });
    }
    if (!isOneBlock(events, region.kind)) return undefined;
    const [part] = parser.constructFromEvents(events, { source: sliceText, ...construct });
    for (const e of events) shift(e, bounds[s]!, 0);
    // The first slice's sequence event opens the list; each slice's own document and list events are its frame.
    scanner.feed(events, s === 0 ? 1 : 2, events.length - 2);
    if (scanner.sawMergeKey) return undefined;
    if (!scanner.sawAlias) compactLists(part);
    if (!whole.add(part)) return undefined;
  }
  scanner.feed([{ type: POP }]);
  if (head.length === 0) scanner.feed([{ type: POP }]);
  else {
    for (const e of head) shift(e, end - start, start);
    scanner.feed(head, at + 1);
  }
  if (scanner.sawMergeKey) return undefined;
  return { documents: withValue(headDocs, whole.value, region.keyStart === undefined ? undefined : keyOf(head, headText, at)), scan: scanner.finish() };
}

/**
 * Events the whole list makes, from its first slice's: the items of a long list are alike. The
 * scanner grows past an estimate too small; a fixed guess per character was 2× too large for a
 * list of short scalars, and the scan's arrays are the largest thing a parse keeps.
 */
function expectedEvents(firstSliceEvents: number, bounds: readonly number[]): number {
  const listChars = bounds[bounds.length - 1]! - bounds[0]!;
  const firstChars = Math.max(bounds[1]! - bounds[0]!, 1);
  return Math.ceil(((firstSliceEvents * listChars) / firstChars) * 1.02);
}

/**
 * Index of the event that stands where the list was: the empty value of its key (the list cut
 * out leaves `items:` with nothing), or of a root list's empty document. Undefined when the rest
 * of the file is not one document of that shape.
 */
function placeholderOf(head: readonly Event[], headText: string, keyStart: number | undefined): number | undefined {
  if (head.filter((e) => e.type === DOC).length > 1) return undefined;
  if (keyStart === undefined) {
    if (head.length === 0) return 0;
    return head.length === 3 && isEmptyValue(head[1]!) ? 1 : undefined;
  }
  if (head[0]?.type !== DOC || head[1]?.type !== MAP) return undefined;
  // The top mapping's entries: key, value, key, value… (either may be a whole collection).
  for (let key = 2; key < head.length && head[key]!.type !== POP; ) {
    const value = nodeEnd(head, key);
    if (value >= head.length) return undefined;
    if (isKeyAt(head[key]!, headText, keyStart)) return isEmptyValue(head[value]!) ? value : undefined;
    key = nodeEnd(head, value);
  }
  return undefined;
}

/** The index past the node that starts at `i` (a collection ends at its POP). */
function nodeEnd(events: readonly Event[], i: number): number {
  const t = events[i]!.type;
  if (t !== SEQ && t !== MAP) return i + 1;
  let depth = 0;
  for (let j = i; j < events.length; j++) {
    const u = events[j]!.type;
    if (u === SEQ || u === MAP) depth++;
    else if (u === POP && --depth === 0) return j + 1;
  }
  return events.length;
}

function isKeyAt(e: Event, text: string, lineStart: number): boolean {
  if (e.type !== SCALAR) return false;
  const s = e as ScalarEvent;
  return s.anchorStart < 0 && s.tagStart < 0 && s.valueStart >= lineStart && !text.slice(lineStart, s.valueStart).includes('\n');
}

function isEmptyValue(e: Event): boolean {
  return e.type === SCALAR && (e as ScalarEvent).valueStart < 0 && (e as ScalarEvent).anchorStart < 0 && (e as ScalarEvent).tagStart < 0;
}

function keyOf(head: readonly Event[], headText: string, at: number): string {
  // The key stands before the list, so its offsets were not shifted: they are the head text's.
  return getScalarValue(headText, head[at - 1] as ScalarEvent);
}

/** DOCUMENT, a block SEQUENCE (or MAPPING) without anchor or tag, its content, POP, POP: one collection, nothing else. */
function isOneBlock(events: readonly Event[], kind: ListRegion['kind']): boolean {
  const n = events.length;
  const type = kind === 'seq' ? SEQ : MAP;
  if (n < 4 || events[0]!.type !== DOC || events[1]!.type !== type || events[n - 1]!.type !== POP || events[n - 2]!.type !== POP) return false;
  const open = events[1] as Collection;
  return open.style === 1 && open.anchorStart < 0 && open.tagStart < 0;
}

type Collection = Extract<Event, { type: typeof SEQ | typeof MAP }>;

/** The slices' values put together: a list's items in order, a map's entries (a key in two slices is a duplicate: parsed whole). */
class Collected {
  readonly value: unknown[] | Record<string, unknown>;

  constructor(private readonly kind: ListRegion['kind']) {
    this.value = kind === 'seq' ? [] : {};
  }

  add(part: unknown): boolean {
    if (this.kind === 'seq') {
      if (!Array.isArray(part)) return false;
      for (const item of part) (this.value as unknown[]).push(item);
      return true;
    }
    if (part === null || typeof part !== 'object' || Array.isArray(part)) return false;
    const map = this.value as Record<string, unknown>;
    for (const key in part) {
      if (!Object.hasOwn(part, key)) continue;
      if (Object.hasOwn(map, key)) return false;
      map[key] = (part as Record<string, unknown>)[key];
    }
    return true;
  }
}

const OFFSET_FIELDS = ['start', 'valueStart', 'valueEnd', 'anchorStart', 'anchorEnd', 'tagStart', 'tagEnd'] as const;

/** Moves an event's source offsets at or past `from` by `by` (absent offsets, -1, stay). */
function shift(e: Event, by: number, from: number): void {
  const o = e as unknown as Record<string, number>;
  for (const f of OFFSET_FIELDS) {
    const v = o[f];
    if (typeof v === 'number' && v >= from && v >= 0) o[f] = v + by;
  }
}

function withValue(headDocs: unknown[], value: unknown, key: string | undefined): unknown[] {
  if (key === undefined) return [value];
  const top = headDocs[0] as Record<string, unknown>;
  top[key] = value;
  return headDocs;
}

// ── finding the list ─────────────────────────────────────────────────────────

const KEY_LINE = /^[A-Za-z0-9_$][^:#'"{}[\]&*!|>%@`]*:[ \t]*(#.*)?\r?$/;

/**
 * The longest block sequence that is the whole document or the value of a top-level key
 * (`items:` then `  - …` lines), cut at item starts into slices of about `sliceChars`; undefined
 * when there is none worth slicing (under half the text) or the text has more than one document.
 */
export function findLongList(text: string, sliceChars: number): ListRegion | undefined {
  let best: ListRegion | undefined;
  let run: { keyStart?: number; indent: number; bounds: number[]; last: number } | undefined;
  let pendingKey: number | undefined;
  let content = 0;
  const close = (at: number) => {
    if (!run) return;
    run.bounds.push(at);
    if (!best || at - run.bounds[0]! > span(best)) best = { kind: 'seq', ...(run.keyStart !== undefined ? { keyStart: run.keyStart } : {}), bounds: run.bounds };
    run = undefined;
  };
  for (let lineStart = 0; lineStart < text.length; ) {
    const nl = text.indexOf('\n', lineStart);
    const lineEnd = nl === -1 ? text.length : nl + 1;
    let indent = 0;
    while (text.charCodeAt(lineStart + indent) === 32) indent++;
    const c = text.charCodeAt(lineStart + indent);
    // Blank, or a comment (`#`): neither ends nor starts a list.
    const blank = Number.isNaN(c) || c === 10 || c === 13 || c === 35;
    if (!blank) {
      if (indent === 0 && /^(---|\.\.\.)(\s|$)/.test(text.slice(lineStart, lineStart + 4))) {
        if (content > 0) return undefined;
      } else if (indent === 0 && c === 37 /* % */) {
        return undefined;
      } else {
        content++;
        const item = c === 45 /* - */ && isItemMark(text.charCodeAt(lineStart + indent + 1));
        if (run && (indent > run.indent || (indent === run.indent && item))) {
          if (indent === run.indent && lineStart - run.last >= sliceChars) {
            run.bounds.push(lineStart);
            run.last = lineStart;
          }
        } else {
          close(lineStart);
          if (item && (pendingKey !== undefined || content === 1)) {
            run = { ...(pendingKey !== undefined ? { keyStart: pendingKey } : {}), indent, bounds: [lineStart], last: lineStart };
          }
          pendingKey = indent === 0 && KEY_LINE.test(text.slice(lineStart, lineEnd).replace(/\n$/, '')) ? lineStart : undefined;
          if (run) pendingKey = undefined;
        }
      }
    }
    lineStart = lineEnd;
  }
  close(text.length);
  return best && span(best) * 2 >= text.length && best.bounds.length > 2 ? best : undefined;
}

/**
 * A line that starts a simple block-mapping entry at its indentation (`key:`, `/users/{id}: …`).
 * A cut at a line that only looks like one (inside a quoted or flow value) leaves a slice that
 * does not parse alone: the whole-file parse takes over.
 */
const ENTRY_LINE = /^ *[^\s\-?:,[\]{}#&*!|>'"%@`][^#]*?:(?:[ \t]|\r?$)/;

/**
 * The longest block mapping that is the whole document (its top-level keys) or the value of a
 * top-level key (`paths:` then `  /a: …` lines), cut at entry starts into slices of about
 * `sliceChars`; undefined when there is none worth slicing or the text is not one document of
 * such lines. Only lines of simple keys start a slice; anything else (a complex key, a flow
 * mapping, a list at the top) leaves the file to the whole-file parse.
 */
export function findLongMap(text: string, sliceChars: number): ListRegion | undefined {
  const lines = contentLines(text);
  if (!lines || lines.length === 0) return undefined;
  // The most slices wins: a root map whose one big entry is an API's `paths:` is better cut
  // inside `paths:`, where the slices are small.
  let best: ListRegion | undefined;
  const consider = (region: ListRegion) => {
    if (region.bounds.length > 2 && span(region) * 2 >= text.length && (!best || region.bounds.length > best.bounds.length)) best = region;
  };
  const root = entriesAt(text, lines, 0, 0, sliceChars);
  if (root && root.end === lines.length) consider({ kind: 'map', bounds: [...root.bounds, text.length] });
  for (let k = 0; k + 1 < lines.length; k++) {
    const { start, indent } = lines[k]!;
    const next = lines[k + 1]!;
    if (indent !== 0 || next.indent === 0 || !KEY_LINE.test(lineText(text, start))) continue;
    const run = entriesAt(text, lines, k + 1, next.indent, sliceChars);
    if (run) consider({ kind: 'map', keyStart: start, bounds: [...run.bounds, run.end < lines.length ? lines[run.end]!.start : text.length] });
  }
  return best;
}

interface Line {
  start: number;
  indent: number;
}

/** The content lines (not blank, not comments) with their indentation; undefined for a text of several documents or with directives. */
function contentLines(text: string): Line[] | undefined {
  const out: Line[] = [];
  for (let start = 0; start < text.length; ) {
    const nl = text.indexOf('\n', start);
    const end = nl === -1 ? text.length : nl + 1;
    let indent = 0;
    while (text.charCodeAt(start + indent) === 32) indent++;
    const c = text.charCodeAt(start + indent);
    if (!(Number.isNaN(c) || c === 10 || c === 13 || c === 35)) {
      if (indent === 0 && (c === 37 /* % */ || /^(---|\.\.\.)(\s|$)/.test(text.slice(start, start + 4)))) return undefined;
      out.push({ start, indent });
    }
    start = end;
  }
  return out;
}

/**
 * The entries of a block mapping whose keys stand at `indent`, from content line `from`: slice
 * starts (each an entry line at least `sliceChars` past the previous) and the index of the first
 * line past it. Undefined when a line at that indentation is not a simple entry.
 */
function entriesAt(text: string, lines: readonly Line[], from: number, indent: number, sliceChars: number): { bounds: number[]; end: number } | undefined {
  const bounds = [lines[from]!.start];
  let k = from;
  for (; k < lines.length && lines[k]!.indent >= indent; k++) {
    const { start, indent: at } = lines[k]!;
    if (at > indent) continue;
    if (!ENTRY_LINE.test(lineText(text, start))) return undefined;
    if (start - bounds[bounds.length - 1]! >= sliceChars) bounds.push(start);
  }
  return { bounds, end: k };
}

function lineText(text: string, start: number): string {
  const nl = text.indexOf('\n', start);
  return text.slice(start, nl === -1 ? text.length : nl).replace(/\r$/, '');
}

function span(r: ListRegion): number {
  return r.bounds[r.bounds.length - 1]! - r.bounds[0]!;
}

/** The character after a sequence's `-`: a space, a line end, or the end of the text. */
function isItemMark(c: number): boolean {
  return Number.isNaN(c) || c === 32 || c === 10 || c === 13;
}
