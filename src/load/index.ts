// load: one side of one file → ConfigFile { documents, locate }.
// js-yaml 5's event stream is parsed once; the values are built from it by js-yaml's own
// constructor, and one cheap pass of ours over the same events checks the input (prototype
// keys, alias expansion) and copies what `locate` needs into typed arrays, so that the event
// objects (millions for a big file) can be collected as soon as the values are built. The
// path → position index is built lazily, one collection at a time, the first time `locate`
// walks through it.
import * as jsYaml from 'js-yaml';
import * as jsYamlBulk from 'js-yaml/browser';
import { getScalarValue } from 'js-yaml';
import type { Event } from 'js-yaml';
import type { ConfigFile, JsonPath, Position } from '../model.js';
import { inputError } from '../errors.js';
import { registerListLines, type ListLines } from './list-lines.js';
import { configTags, exactIntTag } from './tags.js';
import { registerReadings } from './readings.js';
import { POP, SCALAR, SEQ, MAP, scanEvents, type Scan } from './scan.js';
import { compactLists } from './compact.js';
import { parseSliced, type SliceOptions } from './sliced.js';
import { formatOf, loaderOf } from './formats/index.js';
import { jsonText } from './formats/json.js';

/** Limits on what a config file may cost to load (`limits:` in .configgate.yml): bytes, nesting depth, YAML alias expansion. */
export interface LoadLimits {
  /** Largest file accepted, in bytes. Default 64 MiB. */
  maxBytes: number;
  /** Deepest collection nesting accepted. Default 64. */
  maxDepth: number;
  /** Most nodes that aliases may expand to (each alias counts its anchor's whole subtree). Default 100,000. */
  maxAliasExpansion: number;
}

export const DEFAULT_LIMITS: Readonly<LoadLimits> = Object.freeze({
  maxBytes: 64 * 1024 * 1024,
  maxDepth: 64,
  maxAliasExpansion: 100_000,
});

/** One copy of js-yaml: its parser, constructor, error class and our two schemas from it. */
export interface Parser {
  parseEvents: typeof jsYaml.parseEvents;
  constructFromEvents: typeof jsYaml.constructFromEvents;
  YAMLException: typeof jsYaml.YAMLException;
  yamlSchema: jsYaml.Schema;
  jsonSchema: jsYaml.Schema;
}

function parserOf(lib: typeof jsYaml): Parser {
  const { parseEvents, constructFromEvents, YAMLException, CORE_SCHEMA, JSON_SCHEMA, mergeTag } = lib;
  const yamlSchema = CORE_SCHEMA.withTags(mergeTag, ...configTags(lib));
  return { parseEvents, constructFromEvents, YAMLException, yamlSchema, jsonSchema: JSON_SCHEMA.withTags(exactIntTag(lib, lib.intJsonTag)) };
}

// V8 shapes js-yaml's parser by the inputs it has seen: after the gate's own small config and
// policy files, a file of megabytes parses about 2.5× slower than in a fresh process. Large
// files therefore go through a second copy of the same js-yaml release (its browser build),
// whose optimised code only large files shape. Same code, same results; only the JIT state differs.
const BULK_CHARS = 1 << 20;
const SMALL_PARSER = parserOf(jsYaml);
const BULK_PARSER = parserOf(jsYamlBulk);

/** `.json` → json; everything else is read as YAML (JSON is a subset of YAML anyway). */
export { formatOf, FORMATS } from './formats/index.js';

const SNIFF_BYTES = 8 * 1024;
const fatalDecoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/**
 * Bytes → text. Binary (a NUL byte in the first 8 KiB, as git decides) gives `{ binary: true }`;
 * invalid UTF-8 is an InputError naming the line of the first bad byte. A UTF-8 BOM is dropped.
 */
export function decodeText(path: string, bytes: Uint8Array): { text?: string; binary: boolean } {
  const wide = decodeWide(path, bytes);
  if (wide !== undefined) return { text: wide, binary: false };
  const sniff = Math.min(bytes.length, SNIFF_BYTES);
  for (let i = 0; i < sniff; i++) if (bytes[i] === 0) return { binary: true };
  try {
    // ignoreBOM: false → the decoder strips a leading BOM itself.
    return { text: fatalDecoder.decode(bytes), binary: false };
  } catch {
    const at = firstInvalidUtf8(bytes);
    let line = 1;
    for (let i = 0; i < at; i++) if (bytes[i] === 0x0a) line++;
    throw inputError(path, `not valid UTF-8 (invalid byte 0x${hex(bytes[at] ?? 0)} at offset ${at})`, line);
  }
}

/**
 * UTF-32 and UTF-16 text announced by its byte-order mark (editors on Windows save YAML and
 * JSON so): decoded, never taken for binary because of its zero bytes. UTF-32 is checked first:
 * its little-endian mark begins with UTF-16's.
 */
function decodeWide(path: string, b: Uint8Array): string | undefined {
  if (b.length >= 4 && b[0] === 0xff && b[1] === 0xfe && b[2] === 0 && b[3] === 0) return decodeUtf32(path, b, true);
  if (b.length >= 4 && b[0] === 0 && b[1] === 0 && b[2] === 0xfe && b[3] === 0xff) return decodeUtf32(path, b, false);
  const encoding = b[0] === 0xff && b[1] === 0xfe ? 'utf-16le' : b[0] === 0xfe && b[1] === 0xff ? 'utf-16be' : undefined;
  if (!encoding || b.length < 2) return undefined;
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(b);
  } catch {
    throw inputError(path, `not valid ${encoding.toUpperCase()} (an unpaired surrogate or an odd number of bytes)`);
  }
}

function decodeUtf32(path: string, b: Uint8Array, littleEndian: boolean): string {
  if (b.length % 4 !== 0) throw inputError(path, 'not valid UTF-32 (its length is not a multiple of 4 bytes)');
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const points: number[] = [];
  for (let i = 4; i < b.length; i += 4) {
    const cp = view.getUint32(i, littleEndian);
    if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) throw inputError(path, `not valid UTF-32 (code point 0x${cp.toString(16)} at offset ${i})`);
    points.push(cp);
  }
  let text = '';
  for (let i = 0; i < points.length; i += 8192) text += String.fromCodePoint(...points.slice(i, i + 8192));
  return text;
}

function hex(byte: number): string {
  return byte.toString(16).padStart(2, '0');
}

/** Offset of the first byte that does not start or continue a well-formed UTF-8 sequence. */
function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i];
    if (c < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (c >= 0xc2 && c <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (c >= 0xe0 && c <= 0xef) {
      need = 2;
      min = 0x800;
    } else if (c >= 0xf0 && c <= 0xf4) {
      need = 3;
      min = 0x10000;
    } else return i;
    let cp = c & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const cc = b[i + k];
      if (cc === undefined || (cc & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (cc & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return b.length;
}

export function formatSize(bytes: number): string {
  const MiB = 1024 * 1024;
  if (bytes >= MiB) return `${+(bytes / MiB).toFixed(1)} MiB`;
  if (bytes >= 1024) return `${+(bytes / 1024).toFixed(1)} KiB`;
  return `${bytes} bytes`;
}

/** The js-yaml copy a text of this size is parsed with (see BULK_CHARS). */
export function parserFor(text: string): Parser {
  return text.length >= BULK_CHARS ? BULK_PARSER : SMALL_PARSER;
}

/**
 * Parse one file (all its YAML documents) into values and a position index. Throws InputError.
 * `slicing` moves the size from which a long list is parsed in slices (tests).
 */
export function parseConfigFile(blob: { path: string; text: string; bytes: number }, limits?: Partial<LoadLimits>, slicing?: Pick<SliceOptions, 'minChars' | 'sliceChars'>): ConfigFile {
  const lim: LoadLimits = { ...DEFAULT_LIMITS, ...definedOnly(limits) };
  const { path } = blob;
  const format = formatOf(path);
  if (blob.bytes > lim.maxBytes) {
    throw inputError(path, `file is ${formatSize(blob.bytes)}, over the ${formatSize(lim.maxBytes)} limit`);
  }
  const written = blob.text.charCodeAt(0) === 0xfeff ? blob.text.slice(1) : blob.text;
  const loader = loaderOf(path);
  if (loader) return loader({ path, text: written, bytes: blob.bytes }, lim.maxDepth);
  let text = format === 'json' ? jsonText(path, written) : written;

  const parser = parserFor(text);
  const schema = format === 'json' ? parser.jsonSchema : parser.yamlSchema;
  // Line index → spaces put in front of it so that js-yaml reads it as libyaml does.
  const padded = new Map<number, number>();
  const sliced = format === 'yaml' ? parseSliced(parser, text, { path, schema, lim, ...slicing }) : undefined;
  const parsed = sliced ? { ...sliced, text } : parseWhole(parser, path, text, schema, lim, padded);
  const { documents, scan } = parsed;
  text = parsed.text;
  if (format === 'json' && documents.length > 1) {
    throw inputError(path, 'more than one JSON value in the file', 1);
  }
  const { locate, listLines } = locator(text, scan, padded);
  const file: ConfigFile = { path, format, documents, bytes: blob.bytes, locate };
  registerListLines(file, listLines);
  if (format === 'yaml') registerReadings(file, text, scan.disagree.starts, scan.disagree.ends);
  return file;
}

/** The whole file at once: its events, then the scan and the values from them; `text` as parsed (continuation lines moved in, `padded`). */
function parseWhole(parser: Parser, path: string, written: string, schema: jsYaml.Schema, lim: LoadLimits, padded: Map<number, number>): { documents: unknown[]; scan: Scan; text: string } {
  let text = written;
  let events: Event[] | undefined;
  const maxFixes = Math.min(MAX_CONTINUATION_FIXES, Math.max(64, Math.floor(REINDENT_BUDGET_CHARS / Math.max(text.length, 1))));
  for (let retry = 0; !events; retry++) {
    try {
      events = parser.parseEvents(text, { filename: path, maxDepth: lim.maxDepth + 1 });
    } catch (error) {
      const fix = retry < maxFixes ? indentContinuation(parser, error, text, padded) : undefined;
      if (fix === undefined) throw yamlError(parser, path, error, text, undefined, lim);
      text = fix;
    }
  }
  const scan = scanEvents(path, text, events, lim);
  try {
    // Our own pass bounds aliases by what they expand to, which also bounds merges.
    const documents = parser.constructFromEvents(events, { source: text, filename: path, schema, maxAliases: -1, maxTotalMergeKeys: lim.maxAliasExpansion });
    if (!scan.aliased) for (const doc of documents) compactLists(doc);
    return { documents, scan, text };
  } catch (error) {
    throw yamlError(parser, path, error, text, events, lim);
  }
}

/** Most continuation lines re-indented in one file before its parse error stands. */
const MAX_CONTINUATION_FIXES = 1000;
/** Each re-indented line costs one more parse: at most this many characters parsed again in all. */
const REINDENT_BUDGET_CHARS = 32 << 20;

/**
 * js-yaml 5 wants every continuation line of a quoted scalar or a flow collection indented past
 * the block collection that holds it ("deficient indentation"). libyaml (PyYAML, Ruby) and
 * go-yaml (kubectl, kustomize, Flux, Helm) do not look at that indentation at all: a Kubernetes
 * CRD's quoted `description` continued at its list item's indentation, or a compose
 * `command: [` … `]` closed under its key, is applied as written. The only continuation line they
 * refuse is a document marker (`---`, `...`) at column 0. Such a line's indentation carries no
 * meaning (a quoted scalar folds it away; a flow collection ignores it), so the text with the
 * deficient line moved in as far as the line before it reaches, which is always far enough, reads
 * to the same values on the same lines; `padded` keeps how far, for the columns. Undefined when the
 * error is another one, or the line is one libyaml refuses too.
 */
function indentContinuation(parser: Parser, error: unknown, text: string, padded: Map<number, number>): string | undefined {
  if (!(error instanceof parser.YAMLException) || error.reason !== 'deficient indentation' || !error.mark) return undefined;
  const at = error.mark.position;
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  // The error stands at the first character of a continuation line, never in the middle of one
  // (a tab inside a flow collection's line) nor at the end of the file (an unclosed collection).
  if (at >= text.length || !/^[ \t]*$/.test(text.slice(lineStart, at)) || /[\r\n]/.test(text[at]!)) return undefined;
  if (/^(?:---|\.\.\.)(?:[ \t\r\n]|$)/.test(text.slice(lineStart, lineStart + 4))) return undefined;
  const line = lineNumberAt(text, lineStart);
  const reach = reachOfLineBefore(text, lineStart);
  const spaces = /^ */.exec(text.slice(lineStart, at))![0].length;
  const pad = Math.max(reach - spaces, 1);
  if (padded.has(line)) return undefined; // moved in once already: it is not its indentation js-yaml refuses
  padded.set(line, pad);
  return `${text.slice(0, lineStart)}${' '.repeat(pad)}${text.slice(lineStart)}`;
}

/**
 * How far the nearest line above that holds content reaches (its length without trailing
 * blanks). That line is the one the construct opened on (its opening quote or bracket lies within
 * it, further in than the construct must be) or one of its continuation lines (already indented
 * far enough). Blank and comment-only lines are passed over: js-yaml does not weigh them.
 */
function reachOfLineBefore(text: string, lineStart: number): number {
  let end = lineStart - 1;
  while (end > 0) {
    const start = text.lastIndexOf('\n', end - 1) + 1;
    const content = text.slice(start, end).replace(/[ \t\r]+$/, '');
    if (content.trim() !== '' && !content.trimStart().startsWith('#')) return content.length;
    end = start - 1;
  }
  return 0;
}

/** 0-based index of the line starting at `lineStart`. */
function lineNumberAt(text: string, lineStart: number): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < lineStart; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

function definedOnly(limits: Partial<LoadLimits> | undefined): Partial<LoadLimits> {
  const out: Partial<LoadLimits> = {};
  if (!limits) return out;
  for (const key of ['maxBytes', 'maxDepth', 'maxAliasExpansion'] as const) {
    const value = limits[key];
    if (typeof value === 'number' && Number.isFinite(value)) out[key] = value;
  }
  return out;
}

/** js-yaml error → `path:line: reason`, one line, no snippet. */
function yamlError(parser: Parser, path: string, error: unknown, text: string, events: Event[] | undefined, lim: LoadLimits): Error {
  if (!(error instanceof parser.YAMLException)) {
    if (error instanceof RangeError) return inputError(path, `too deeply nested (${error.message})`);
    return error instanceof Error ? error : new Error(String(error));
  }
  const mark = error.mark;
  const line = mark ? mark.line + 1 : undefined;
  let reason = error.reason || error.message.split('\n')[0];
  if (reason === 'duplicated mapping key') {
    const key = mark && events ? keyAt(text, events, mark.position) : undefined;
    reason = key === undefined ? 'duplicate key' : `duplicate key ${JSON.stringify(key)}`;
  } else if (/^nesting exceeded maxDepth/.test(reason)) {
    reason = `nesting deeper than ${lim.maxDepth} levels`;
  } else if (/^merge keys exceeded maxTotalMergeKeys/.test(reason)) {
    reason = `YAML merge keys expand to more than ${lim.maxAliasExpansion} nodes`;
  }
  return inputError(path, reason, line);
}

function keyAt(text: string, events: Event[], position: number): string | undefined {
  for (const event of events) {
    if (event.type === SCALAR && (event.valueStart === position || event.valueStart === position + 1)) {
      return getScalarValue(text, event);
    }
  }
  return undefined;
}

// ── locate ──────────────────────────────────────────────────────────────────

type Children = Int32Array | Map<string, number>;

function locator(text: string, scan: Scan, padded: ReadonlyMap<number, number>): { locate: ConfigFile['locate']; listLines: ListLines } {
  let lineStarts: Int32Array | undefined;
  const children = new Map<number, Children>();
  const { docs, type, end, start, keyOffset, keys } = scan;

  const next = (j: number): number => {
    const t = type[j];
    return t === SEQ || t === MAP ? end[j] + 1 : j + 1;
  };

  const keyText = (j: number): string => keys.get(j) ?? text.slice(start[j] + keyOffset[j], end[j]);

  const childrenOf = (at: number): Children => {
    let kids = children.get(at);
    if (kids) return kids;
    const stop = end[at];
    if (type[at] === SEQ) {
      const list: number[] = [];
      for (let j = at + 1; j < stop; j = next(j)) list.push(j);
      kids = Int32Array.from(list);
    } else {
      const map = new Map<string, number>();
      for (let j = at + 1; j < stop; ) {
        if (type[j] === SCALAR) {
          const name = keyText(j);
          if (!map.has(name)) map.set(name, j);
        }
        j = next(j); // past the key
        if (j < stop) j = next(j); // past the value
      }
      kids = map;
    }
    children.set(at, kids);
    return kids;
  };

  /** Index of the line holding `offset` (0-based). */
  const lineIndex = (offset: number): number => {
    if (!lineStarts) lineStarts = computeLineStarts(text);
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };

  /** `lineIndex(offset)` for an offset at or after the start of line `from`. */
  const lineAfter = (offset: number, from: number): number => {
    const starts = lineStarts!;
    if (offset < starts[from]) return lineIndex(offset);
    let line = from;
    while (line + 1 < starts.length && starts[line + 1] <= offset) line++;
    return line;
  };

  /** Follows `path` as far as the source has it: the node reached, where to show it, and whether every step was taken. */
  const resolve = (d: number, path: JsonPath): { cur: number; best: number; whole: boolean } => {
    let cur = d + 1;
    let best = start[cur];
    for (const seg of path) {
      const t = type[cur];
      if (t === MAP) {
        const kids = childrenOf(cur) as Map<string, number>;
        const key = kids.get(String(seg));
        if (key === undefined) {
          // A key brought in by a merge (`<<: *defaults`) is best shown at the merge.
          const merge = kids.get('<<');
          if (merge !== undefined) best = start[merge];
          return { cur, best, whole: false };
        }
        best = start[key];
        cur = next(key);
      } else if (t === SEQ) {
        const index = typeof seg === 'number' ? seg : /^\d+$/.test(seg) ? Number(seg) : -1;
        const kids = childrenOf(cur) as Int32Array;
        if (index < 0 || index >= kids.length) return { cur, best, whole: false };
        cur = kids[index];
        best = start[cur];
      } else {
        return { cur, best, whole: false };
      }
    }
    return { cur, best, whole: true };
  };

  const isEmpty = (d: number | undefined): d is undefined => d === undefined || type[d + 1] === POP;

  const locate = (doc: number, path: JsonPath): Position => {
    const d = docs[doc];
    if (isEmpty(d)) return { line: 1, column: 1 };
    const { best } = resolve(d, path);
    const line = lineIndex(best);
    return { line: line + 1, column: Math.max(best - lineStarts![line] - (padded.get(line) ?? 0), 0) + 1 };
  };

  const listLines = (doc: number, path: JsonPath): Int32Array | undefined => {
    const d = docs[doc];
    if (isEmpty(d)) return undefined;
    const { cur, whole } = resolve(d, path);
    if (!whole || type[cur] !== SEQ) return undefined;
    const kids = childrenOf(cur) as Int32Array;
    const lines = new Int32Array(kids.length);
    if (kids.length > 0) lines[0] = lineIndex(start[kids[0]]) + 1;
    // Items follow each other in the source: step forward from the previous item's line.
    for (let k = 1; k < kids.length; k++) lines[k] = lineAfter(start[kids[k]], lines[k - 1] - 1) + 1;
    return lines;
  };

  return { locate, listLines };
}

function computeLineStarts(text: string): Int32Array {
  let count = 1;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) count++;
  const starts = new Int32Array(count);
  let k = 1;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) starts[k++] = at + 1;
  return starts;
}
