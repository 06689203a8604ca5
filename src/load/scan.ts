// The one eager pass over js-yaml's events: where every collection ends, where each document
// starts, no prototype keys, and the total that aliases expand to (each alias counts its anchor's
// expanded subtree). It keeps what `locate` needs in typed arrays, one slot per event, so that the
// event objects can be collected once the values are built. Incremental: a file parsed in slices
// (sliced.ts) feeds its events slice by slice and gets the scan the whole file would have given.
import * as jsYaml from 'js-yaml';
import { EVENT_ID, getScalarValue } from 'js-yaml';
import type { Event, ScalarEvent } from 'js-yaml';
import { inputError } from '../errors.js';
import { mayDisagree } from './readings.js';

// Event type ids, as plain numbers for the hot loop.
export const DOC = EVENT_ID.DOCUMENT;
export const SEQ = EVENT_ID.SEQUENCE;
export const MAP = EVENT_ID.MAPPING;
export const SCALAR = EVENT_ID.SCALAR;
export const ALIAS = EVENT_ID.ALIAS;
export const POP = EVENT_ID.POP;
const PLAIN = jsYaml.SCALAR_STYLE_PLAIN;

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor']);

type Collection = Extract<Event, { type: typeof SEQ | typeof MAP }>;

/** What our one eager pass keeps of the events, one typed-array slot per event. */
export interface Scan {
  /** Event index of each DOCUMENT event. */
  docs: number[];
  /** Event type id. */
  type: Uint8Array;
  /** For a collection event, the index of its POP; for a scalar, the end of its value; 0 elsewhere. */
  end: Int32Array;
  /** Source offset a node is shown at: where it starts, with its anchor or tag. */
  start: Int32Array;
  /**
   * For a mapping key, how far past `start` its text begins (a quote; 0 elsewhere): a key's source
   * slice is `start + keyOffset .. end`. One byte, not an offset: only keys need it.
   */
  keyOffset: Uint8Array;
  /** Mapping keys that are not their source slice (escaped, empty, far from where they are shown), decoded. */
  keys: Map<number, string>;
  /** Whether any alias was seen (a value shared with its anchor's). */
  aliased: boolean;
  /** Plain scalar values that YAML 1.1 and 1.2 readers read differently: their source start and end. */
  disagree: { starts: number[]; ends: number[] };
}

export interface ScanLimits {
  maxDepth: number;
  maxAliasExpansion: number;
}

/** The scan of one whole event stream. Throws InputError. */
export function scanEvents(path: string, text: string, events: readonly Event[], lim: ScanLimits): Scan {
  const scanner = new EventScanner(path, text, lim, events.length);
  scanner.feed(events);
  return scanner.finish();
}

/**
 * Scans events fed in order, in one or more calls; offsets are into `text`. Event indices count
 * across calls, so a stream fed in pieces scans as the stream whole.
 */
export class EventScanner {
  /** Whether a merge key (`<<`) was seen: merges are bounded per parse, so a sliced one is not equal. */
  sawMergeKey = false;
  /** Whether an alias was seen: its value is shared with its anchor's. */
  sawAlias = false;
  private n = 0;
  private type: Uint8Array;
  private end: Int32Array;
  private start: Int32Array;
  private keyOffset: Uint8Array;
  private readonly keys = new Map<number, string>();
  private readonly disagree = { starts: [] as number[], ends: [] as number[] };
  private readonly docs: number[] = [];
  // Open containers: event index, whether it is a mapping, the child counter, and the node count when it opened.
  private stackAt: Int32Array;
  private stackMap: Uint8Array;
  private stackChild: Int32Array;
  private stackCount: Float64Array;
  private sp = -1;
  // Expanded node count so far, and the alias share of it.
  private count = 0;
  private aliasTotal = 0;
  private anchors: Map<string, number> | undefined;
  private forbiddenAnchors: Set<string> | undefined;

  constructor(
    private readonly path: string,
    private readonly text: string,
    private readonly lim: ScanLimits,
    capacity: number,
  ) {
    this.type = new Uint8Array(capacity);
    this.end = new Int32Array(capacity);
    this.start = new Int32Array(capacity);
    this.keyOffset = new Uint8Array(capacity);
    const cap = lim.maxDepth + 4;
    this.stackAt = new Int32Array(cap);
    this.stackMap = new Uint8Array(cap);
    this.stackChild = new Int32Array(cap);
    this.stackCount = new Float64Array(cap);
  }

  /** Scans `events[from..to)`. */
  feed(events: readonly Event[], from = 0, to = events.length): void {
    this.reserve(to - from);
    for (let k = from; k < to; k++) this.one(events[k]);
  }

  /** The scan so far, its arrays cut to the events fed. */
  finish(): Scan {
    const n = this.n;
    // A view, not a copy: a copy would hold both at the peak.
    const cut = <T extends Uint8Array | Int32Array>(a: T): T => (a.length === n ? a : (a.subarray(0, n) as T));
    return { docs: this.docs, type: cut(this.type), end: cut(this.end), start: cut(this.start), keyOffset: cut(this.keyOffset), keys: this.keys, aliased: this.sawAlias, disagree: this.disagree };
  }

  private reserve(more: number): void {
    const need = this.n + more;
    if (need <= this.type.length) return;
    const size = Math.max(need, Math.ceil(this.type.length * 1.5));
    this.type = grow(this.type, new Uint8Array(size));
    this.end = grow(this.end, new Int32Array(size));
    this.start = grow(this.start, new Int32Array(size));
    this.keyOffset = grow(this.keyOffset, new Uint8Array(size));
  }

  private one(e: Event): void {
    const i = this.n++;
    const t = e.type;
    this.type[i] = t;
    if (t === POP) {
      const sp = this.sp--;
      this.end[this.stackAt[sp]] = i;
      const anchored = this.openAnchored[sp];
      if (anchored) {
        (this.anchors ??= new Map()).set(this.text.slice(anchored.anchorStart, anchored.anchorEnd), this.count - this.stackCount[sp]);
        this.openAnchored[sp] = undefined;
      }
      return;
    }
    // A node (or a document) in the current container.
    let isKey = false;
    if (this.sp >= 0) {
      const child = this.stackChild[this.sp]++;
      isKey = this.stackMap[this.sp] === 1 && (child & 1) === 0;
    }
    if (t === SCALAR) this.scalar(i, e, isKey);
    else if (t === ALIAS) {
      this.sawAlias = true;
      this.alias(i, e, isKey);
    }
    else this.open(i, e);
  }

  private scalar(i: number, e: ScalarEvent, isKey: boolean): void {
    const { text } = this;
    this.count++;
    const start = scalarStart(text, e);
    this.start[i] = start;
    this.end[i] = e.valueEnd;
    if (isKey) {
      if (e.style === PLAIN && e.valueEnd - e.valueStart === 2 && text.startsWith('<<', e.valueStart)) this.sawMergeKey = true;
      const key = checkKey(this.path, text, e);
      const offset = e.valueStart - start;
      if (key !== undefined) this.keys.set(i, key);
      else if (offset >= 0 && offset <= 255) this.keyOffset[i] = offset;
      else this.keys.set(i, text.slice(e.valueStart, e.valueEnd));
    } else if (e.style === PLAIN && e.fast && mayDisagree(text, e.valueStart, e.valueEnd)) {
      this.disagree.starts.push(e.valueStart);
      this.disagree.ends.push(e.valueEnd);
    }
    if (e.anchorStart >= 0) {
      const name = text.slice(e.anchorStart, e.anchorEnd);
      (this.anchors ??= new Map()).set(name, 1);
      // An anchored scalar may be used as a key through an alias (`*k : value`).
      if (FORBIDDEN_KEYS.has(getScalarValue(text, e))) (this.forbiddenAnchors ??= new Set()).add(name);
      else this.forbiddenAnchors?.delete(name);
    }
  }

  private alias(i: number, e: Extract<Event, { type: typeof ALIAS }>, isKey: boolean): void {
    const { text, path } = this;
    this.start[i] = e.anchorStart - 1;
    const name = text.slice(e.anchorStart, e.anchorEnd);
    if (isKey && this.forbiddenAnchors?.has(name)) {
      throw inputError(path, `key *${name} is not allowed (prototype pollution)`, lineOf(text, e.anchorStart));
    }
    const size = this.anchors?.get(name);
    if (size === -1) throw inputError(path, `YAML alias *${name} refers to a node that contains it`, lineOf(text, e.anchorStart));
    const add = size ?? 1;
    this.count += add;
    this.aliasTotal += add;
    if (this.aliasTotal > this.lim.maxAliasExpansion) {
      throw inputError(path, `YAML aliases expand to more than ${this.lim.maxAliasExpansion} nodes`, lineOf(text, e.anchorStart));
    }
  }

  /** DOCUMENT, SEQUENCE or MAPPING opens a container. */
  private open(i: number, e: Event): void {
    const t = e.type;
    if (t === DOC) this.docs.push(i);
    else {
      const c = e as Collection;
      this.start[i] = withProps(c, c.start);
      this.count++;
      if (c.anchorStart >= 0) (this.anchors ??= new Map()).set(this.text.slice(c.anchorStart, c.anchorEnd), -1);
    }
    const sp = ++this.sp;
    if (sp >= this.stackAt.length) {
      // Only reachable if the parser's own depth limit differs from ours; grow.
      this.stackAt = grow(this.stackAt, new Int32Array(this.stackAt.length * 2));
      this.stackMap = grow(this.stackMap, new Uint8Array(this.stackMap.length * 2));
      this.stackChild = grow(this.stackChild, new Int32Array(this.stackChild.length * 2));
      this.stackCount = grow(this.stackCount, new Float64Array(this.stackCount.length * 2));
    }
    this.stackAt[sp] = i;
    this.stackMap[sp] = t === MAP ? 1 : 0;
    this.stackChild[sp] = 0;
    this.stackCount[sp] = this.count - (t === DOC ? 0 : 1);
    this.openAnchored[sp] = t !== DOC && (e as Collection).anchorStart >= 0 ? (e as Collection) : undefined;
  }

  /** The open collection at each stack depth that has an anchor: its size is known when it closes. */
  private readonly openAnchored: Array<Collection | undefined> = [];
}

function grow<T extends Int32Array | Uint8Array | Float64Array>(from: T, to: T): T {
  to.set(from);
  return to;
}

/** Rejects prototype keys; returns the decoded key when it is not its source slice. */
function checkKey(path: string, text: string, e: ScalarEvent): string | undefined {
  const slice = e.fast && e.valueStart >= 0;
  const len = e.valueEnd - e.valueStart;
  // Fast scalars are their source slice; only those of the right length can match.
  if (slice && len !== 9 && len !== 11) return undefined;
  const key = slice ? text.slice(e.valueStart, e.valueEnd) : getScalarValue(text, e);
  if (FORBIDDEN_KEYS.has(key)) {
    throw inputError(path, `key ${JSON.stringify(key)} is not allowed (prototype pollution)`, lineOf(text, e.valueStart));
  }
  return slice ? undefined : key;
}

/** Where a scalar is shown: its opening quote, a block scalar's `|` / `>` indicator, or its properties. */
function scalarStart(text: string, e: ScalarEvent): number {
  let at = e.style === 2 || e.style === 3 ? e.valueStart - 1 : e.valueStart;
  if (e.style === 4 || e.style === 5) {
    // Block scalar: the content starts on the next line; point at the indicator.
    const indicator = Math.max(text.lastIndexOf('|', at), text.lastIndexOf('>', at));
    if (indicator >= 0) at = indicator;
  }
  return withProps(e, at);
}

/** The start of a node with an anchor or tag is where its properties start. */
function withProps(e: { anchorStart: number; tagStart: number }, at: number): number {
  if (e.anchorStart > 0 && e.anchorStart - 1 < at) at = e.anchorStart - 1;
  if (e.tagStart >= 0 && e.tagStart < at) at = e.tagStart;
  return at;
}

/** 1-based line of an offset, by counting (used on error paths only). */
function lineOf(text: string, offset: number): number {
  let line = 1;
  let at = text.indexOf('\n');
  while (at !== -1 && at < offset) {
    line++;
    at = text.indexOf('\n', at + 1);
  }
  return line;
}
