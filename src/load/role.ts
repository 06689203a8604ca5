// What a file is, beyond its format: a template (rendered before use, so not YAML yet), a file
// written by a program, or a document that describes an API, a schema or a dashboard.
import type { ConfigFile, FileRole } from '../model.js';
import {
  DESCRIBING_DOCUMENTS,
  GENERATED_FOLDERS,
  GENERATED_HEAD_LINES,
  GENERATED_MARKERS,
  GENERATED_NAMES,
  GENERATOR_SOURCES,
  BLOCK_SCALAR_START,
  TEMPLATE_CONTROL_LINE,
  UNQUOTED_TAG,
  TEMPLATE_ERROR_WINDOW,
  TEMPLATE_FOLDERS,
  TEMPLATE_TAGS,
  type KeyTest,
} from './vocabulary.js';

/** The first template tag in `text` (open … close on one line): its language, line and text. */
export function findTemplateTag(text: string): { language: string; line: number; tag: string } | undefined {
  let best: { at: number; end: number; language: string } | undefined;
  for (const { open, close, language } of TEMPLATE_TAGS) {
    let at = text.indexOf(open);
    while (at >= 0) {
      const end = text.indexOf(close, at + open.length);
      const eol = text.indexOf('\n', at);
      if (end >= 0 && (eol < 0 || end < eol)) {
        if (!best || at < best.at) best = { at, end: end + close.length, language };
        break;
      }
      at = text.indexOf(open, at + open.length);
    }
  }
  if (!best) return undefined;
  const tag = text.slice(best.at, Math.min(best.end, best.at + 60));
  return { language: best.language, line: lineAt(text, best.at), tag };
}

/**
 * Why a file is a template before any parse: it sits in a chart's `templates/` folder and holds
 * a template tag, or a tag stands unquoted where YAML expects a value or an entry. A tag inside a
 * quoted value or a block scalar is only text (an alert's `{{ $labels.instance }}`).
 */
export function templateBeforeParse(path: string, text: string): string | undefined {
  const folders = path.split('/').slice(0, -1);
  if (folders.some((f) => TEMPLATE_FOLDERS.includes(f))) {
    const tag = findTemplateTag(text);
    if (tag) return `${tag.language} in a templates/ folder (${tag.tag} on line ${tag.line}): rendered before use, not judged as YAML`;
  }
  const at = unquotedTagLine(text);
  if (at === undefined) return undefined;
  const tag = findTemplateTag(lineOfText(text, at))!;
  return `${tag.language} (${tag.tag} on line ${at + 1}): not YAML until rendered`;
}

/**
 * Index of the first line where a template tag stands unquoted outside a block scalar. Read line
 * by line in place: a file of a million lines is not split into a million strings kept at once,
 * and a file with no tag at all is not read line by line.
 */
function unquotedTagLine(text: string): number | undefined {
  if (!TEMPLATE_TAGS.some(({ open }) => text.includes(open))) return undefined;
  let blockIndent = -1;
  for (let i = 0, start = 0; start <= text.length; i++) {
    const eol = text.indexOf('\n', start);
    const end = eol < 0 ? text.length : eol;
    const line = text.slice(start, end);
    start = end + 1;
    const indent = leadingSpace(line);
    if (blockIndent >= 0) {
      if (indent === line.length || indent > blockIndent) continue;
      blockIndent = -1;
    }
    if (BLOCK_SCALAR_START.test(line)) blockIndent = indent;
    if (UNQUOTED_TAG.test(line) && findTemplateTag(line)) return i;
  }
  return undefined;
}

/** Characters of white space at the start of a line (a line of only white space: its length). */
function leadingSpace(line: string): number {
  let n = 0;
  while (n < line.length && /\s/.test(line[n])) n++;
  return n;
}

/**
 * Why a file that does not parse is a template rather than broken: a template tag on the line the
 * parser stopped at (or just before it), or a line that is a template's control structure.
 */
export function templateParseFailure(text: string, problem: string, errorLine: number | undefined): string | undefined {
  const lines = text.split('\n');
  const control = lines.findIndex((l) => TEMPLATE_CONTROL_LINE.test(l));
  const from = errorLine === undefined ? 0 : Math.max(0, errorLine - 1 - TEMPLATE_ERROR_WINDOW);
  const to = errorLine === undefined ? lines.length : Math.min(lines.length, errorLine);
  const near = findTemplateTag(lines.slice(from, to).join('\n'));
  const tag = near ? { ...near, line: near.line + from } : control >= 0 ? findTemplateTag(lines.slice(control).join('\n')) : undefined;
  if (!tag) return undefined;
  const line = near ? tag.line : tag.line + control;
  return `${tag.language} (${tag.tag} on line ${line}), not YAML until rendered (${problem})`;
}

/** Why a file is written by a program: a marker comment in its first lines, or its folder or name. */
export function generatedReason(path: string, text: string): string | undefined {
  const head = text.split('\n', GENERATED_HEAD_LINES);
  for (const [i, line] of head.entries()) {
    const comment = /^\s*(#|\/\/|\/\*|\*)(.*)$/.exec(line);
    if (comment && GENERATED_MARKERS.some((m) => m.test(comment[2]))) return `generated: "${comment[2].trim().slice(0, 80)}" (line ${i + 1})`;
  }
  const parts = path.split('/');
  const folder = parts.slice(0, -1).find((f) => GENERATED_FOLDERS.includes(f));
  if (folder) return `generated: in a ${folder}/ folder`;
  const name = parts[parts.length - 1];
  if (GENERATED_NAMES.some((n) => n.test(name))) return `generated: named ${name}`;
  return undefined;
}

/** A source of a manifest-rendering language that a change edits, e.g. `jsonnet/kube-thanos/store.libsonnet`. */
export interface GeneratorSource {
  language: string;
  path: string;
}

/** The first generator source among the paths a change touches (its configuration and its other files). */
export function generatorSourceIn(paths: Iterable<string>): GeneratorSource | undefined {
  for (const path of paths) {
    const name = path.slice(path.lastIndexOf('/') + 1);
    const source = GENERATOR_SOURCES.find((g) => g.names.some((n) => n.test(name)));
    if (source) return { language: source.language, path };
  }
  return undefined;
}

/**
 * Why a file is the rendered output of generator sources edited in the same change: every
 * document of it is a Kubernetes object (what those languages render to be applied), and the
 * change edits their sources. A hand-written values file or settings file stays judged.
 */
function renderedReason(source: GeneratorSource | undefined, files: { before?: ConfigFile; after?: ConfigFile }): string | undefined {
  if (!source) return undefined;
  const sides = [files.before, files.after].filter((f): f is ConfigFile => f !== undefined);
  const objects = sides.every((f) => {
    const docs = f.documents.filter((d) => d !== null && d !== undefined);
    return docs.length > 0 && docs.every(isKubernetesObject);
  });
  if (sides.length === 0 || !objects) return undefined;
  return `generated: Kubernetes manifests rendered from ${source.language} sources this change edits (${source.path})`;
}

function isKubernetesObject(doc: unknown): boolean {
  return isObject(doc) && typeof doc.apiVersion === 'string' && typeof doc.kind === 'string';
}

/** What the documents describe when every one of them is an API, a schema or a dashboard. */
export function describesWhat(file: ConfigFile | undefined): string | undefined {
  if (!file) return undefined;
  const docs = file.documents.filter((d) => d !== null && d !== undefined);
  if (docs.length === 0) return undefined;
  const whats = docs.map((d) => describingKind(d)?.what);
  if (whats.some((w) => w === undefined)) return undefined;
  return [...new Set(whats)].join(', ');
}

/** Where a describing document's JSON Schemas are (`root`: it is one), or undefined when it holds none. */
export function schemasOf(doc: unknown): 'root' | 'within' | undefined {
  return describingKind(doc)?.schemas;
}

function describingKind(doc: unknown): (typeof DESCRIBING_DOCUMENTS)[number] | undefined {
  for (const entry of DESCRIBING_DOCUMENTS) {
    const target = entry.within === undefined ? doc : isObject(doc) ? doc[entry.within] : undefined;
    if (isObject(target) && Object.entries(entry.shape).every(([key, test]) => passes(target[key], test))) return entry;
  }
  return undefined;
}

/** Indices of the documents of a file that describe, with what the first of them is. */
function describingDocuments(file: ConfigFile | undefined): { indices: number[]; what?: string } {
  const indices: number[] = [];
  let what: string | undefined;
  file?.documents.forEach((doc, i) => {
    const kind = describingKind(doc);
    if (!kind) return;
    indices.push(i);
    what ??= kind.what;
  });
  return { indices, what };
}

function passes(value: unknown, test: KeyTest): boolean {
  if (test instanceof RegExp) return typeof value === 'string' && test.test(value);
  if (test === 'array') return Array.isArray(value);
  if (test === 'object') return isObject(value);
  return typeof value === test;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let at = text.indexOf('\n'); at !== -1 && at < offset; at = text.indexOf('\n', at + 1)) line++;
  return line;
}

/** The text of line `index` (from 0). */
function lineOfText(text: string, index: number): string {
  let start = 0;
  for (let i = 0; i < index; i++) start = text.indexOf('\n', start) + 1;
  const eol = text.indexOf('\n', start);
  return text.slice(start, eol < 0 ? text.length : eol);
}

/**
 * The role of a file from both sides: generated if either side says so (or it is manifests
 * rendered from generator sources the change edits, `renderedFrom`); describing if every
 * document of both sides (or the one) does. A file of ordinary manifests holding a describing
 * document (a CRD beside its Deployment) has a describing role for those documents only.
 */
export function roleOf(
  path: string,
  texts: { before?: string; after?: string },
  files: { before?: ConfigFile; after?: ConfigFile },
  renderedFrom?: GeneratorSource,
): FileRole | undefined {
  const generated =
    (texts.after !== undefined && generatedReason(path, texts.after)) || (texts.before !== undefined && generatedReason(path, texts.before)) || renderedReason(renderedFrom, files);
  if (generated) return { kind: 'generated', reason: generated };
  const sides = [files.before, files.after].filter((f): f is ConfigFile => f !== undefined);
  const whats = sides.map(describesWhat);
  if (whats.length > 0 && whats.every((w) => w !== undefined)) return { kind: 'describes', reason: `describes, not configures: ${whats[whats.length - 1]}` };
  const before = describingDocuments(files.before);
  const after = describingDocuments(files.after);
  const what = after.what ?? before.what;
  if (what === undefined) return undefined;
  const count = Math.max(before.indices.length, after.indices.length);
  const which = after.indices.length > 0 ? after.indices : before.indices;
  return {
    kind: 'describes',
    reason: `describes, not configures: ${count === 1 ? `document ${which[0]! + 1}` : `documents ${which.map((i) => i + 1).join(', ')}`} (${what}); the other documents are judged`,
    documents: { before: before.indices, after: after.indices },
  };
}
