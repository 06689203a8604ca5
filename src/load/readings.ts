// Values that YAML readers disagree on (issue 10, item 16). configgate reads YAML 1.2 (core
// schema), as js-yaml, Go's yaml.v3 and most current tools do; PyYAML, Go's yaml.v2, SnakeYAML
// and Ruby's Psych read YAML 1.1, where `yes`/`on` are booleans, `010` is octal 8, `1_000` is
// 1000 and `1:30` is 90. A plain scalar written so is a notice naming both readings, and a
// number that is not finite (`.nan`, `-.inf`) a finding of its own: the consumer reads an error,
// zero or nothing. Only the lines a change writes are reported.
import * as jsYaml from 'js-yaml';
import type { ConfigFile } from '../model.js';

/** One plain scalar that readers disagree on. */
export interface Reading {
  line: number;
  /** As written. */
  text: string;
  kind: 'yaml-1.1' | 'not-finite';
  /** What configgate (YAML 1.2 core) reads. */
  yaml12: unknown;
  /** What the other readers read, and who they are. */
  yaml11: unknown;
  readers: string;
}

// Words YAML 1.1 reads as booleans; numbers in forms YAML 1.1 and 1.2 read differently; hex
// and octal, which YAML 1.2's JSON schema reads as text; non-finite floats.
const YAML11_BOOL = /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF)$/;
const YAML11_NUMBER = /^[-+]?(?:0[0-7_]+|0b[01_]+|[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?|[0-9]+_[0-9_]*(?:\.[0-9_]*)?|0o[0-7]+)$/;
const RADIX = /^[-+]?0[xX][0-9a-fA-F]+$/;
const NOT_FINITE = /^[-+]?\.(?:inf|Inf|INF|nan|NaN|NAN)$/;
const FIRST = new Set('yYnNoO0123456789+-.'.split('').map((c) => c.charCodeAt(0)));

/** Whether a plain scalar may be one readers disagree on: cheap, for the scan of every scalar. */
export function mayDisagree(text: string, start: number, end: number): boolean {
  return end - start <= 24 && FIRST.has(text.charCodeAt(start)) && readingOf(text.slice(start, end)) !== undefined;
}

const yaml11Tags = [jsYaml.nullYaml11Tag, jsYaml.boolYaml11Tag, jsYaml.intYaml11Tag, jsYaml.floatYaml11Tag];
const coreTags = [jsYaml.nullCoreTag, jsYaml.boolCoreTag, jsYaml.intCoreTag, jsYaml.floatCoreTag];

function resolveWith(tags: readonly jsYaml.ScalarTagDefinition[], text: string): unknown {
  for (const tag of tags) {
    const value = tag.resolve(text, false, tag.tagName);
    if (value !== jsYaml.NOT_RESOLVED) return value;
  }
  return text;
}

function readingOf(text: string): Omit<Reading, 'line'> | undefined {
  if (NOT_FINITE.test(text)) return { text, kind: 'not-finite', yaml12: resolveWith(coreTags, text), yaml11: resolveWith(yaml11Tags, text), readers: YAML11_READERS };
  if (!YAML11_BOOL.test(text) && !YAML11_NUMBER.test(text) && !RADIX.test(text)) return undefined;
  const yaml12 = resolveWith(coreTags, text);
  const yaml11 = resolveWith(yaml11Tags, text);
  // Hex reads the same in 1.1 and 1.2 core; a JSON-schema reader (and JSON) reads the text.
  if (RADIX.test(text)) return { text, kind: 'yaml-1.1', yaml12, yaml11: text, readers: 'YAML 1.2 JSON-schema readers' };
  return { text, kind: 'yaml-1.1', yaml12, yaml11, readers: YAML11_READERS };
}

const YAML11_READERS = 'YAML 1.1 readers (PyYAML, Go yaml.v2, SnakeYAML)';

const registry = new WeakMap<ConfigFile, () => Reading[]>();

/** Registers a file's disagreeing scalars: their offsets, turned into readings when asked. */
export function registerReadings(file: ConfigFile, text: string, offsets: readonly number[], ends: readonly number[]): void {
  if (offsets.length === 0) return;
  registry.set(file, () => {
    const out: Reading[] = [];
    let line = 1;
    let at = 0;
    offsets.forEach((offset, k) => {
      for (at = text.indexOf('\n', at); at !== -1 && at < offset; at = text.indexOf('\n', at + 1)) line++;
      if (at === -1) at = text.length;
      const reading = readingOf(text.slice(offset, ends[k]));
      if (reading) out.push({ ...reading, line });
    });
    return out;
  });
}

/** The disagreeing scalars on the lines of `after` that are not in `before` (a new file: all). */
export function changedReadings(after: ConfigFile, afterText: string, beforeText: string | undefined): Reading[] {
  const all = registry.get(after)?.() ?? [];
  if (all.length === 0 || beforeText === undefined) return all;
  const old = new Map<string, number>();
  for (const line of beforeText.split('\n')) old.set(line, (old.get(line) ?? 0) + 1);
  const lines = afterText.split('\n');
  const fresh = new Set<number>();
  lines.forEach((line, i) => {
    const left = old.get(line) ?? 0;
    if (left > 0) old.set(line, left - 1);
    else fresh.add(i + 1);
  });
  return all.filter((r) => fresh.has(r.line));
}

/** How a reading is shown: `true`, `8`, `"yes"`, `NaN`. */
export function shown(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  return JSON.stringify(value) ?? String(value);
}
