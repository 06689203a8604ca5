// Regular expressions that can backtrack catastrophically: a new or changed regex in a WAF rule,
// a route match, a log filter or a validation pattern, checked by recheck (checker.ts). Only keys
// the vocabulary says hold a regex are read (`regex`, `RegexString`, a validation `pattern`),
// and only what the change adds or rewrites. Where the engine that runs the regex matches in
// linear time (RE2: Envoy `safe_regex`, Istio, Prometheus relabelling, Go and Rust programs)
// nothing is checked: the pattern that would hang a backtracking engine cannot hang that one. Facts only: `regex.catastrophic-backtracking` decides which degree matters.
import type { Change, FileDiff, JsonPath, Signal } from '../../model.js';
import type { AnalyzeContext, Analyzer } from '../types.js';
import { defineBuiltinAnalyzer, optionsFor } from '../types.js';
import { getAt, isObject } from '../kit/paths.js';
import { matchKey, matchWords, mentions } from '../kit/keys.js';
import { locatedAt, makeSignal } from '../kit/signal.js';
import { pathToText } from '../../diff/index.js';
import { checkRegex } from './checker.js';
import {
  INLINE_FLAGS, LINEAR_API_GROUPS, LINEAR_FILES, LINEAR_PATHS, NOT_REGEX_KEYS, PATTERN_KEYS, REGEX_KEYS, VALIDATION_CONTEXT,
  VALIDATION_SIBLINGS,
} from './vocabulary.js';
import { entriesOf } from '../kit/entries.js';

export interface RegexOptions {
  /** Time the checker may spend on one pattern, milliseconds (default 10000); a pattern not decided in it is a neutral `regex-unchecked` fact. */
  timeoutMs?: number;
}

interface Found {
  path: JsonPath;
  pattern: string;
  change: Change;
}

const strings = (path: JsonPath) => path.filter((s): s is string => typeof s === 'string');

/** Whether a string at `path` (its parent object `parent`) is a regex by the vocabulary. */
function isRegexAt(path: JsonPath, parent: unknown): boolean {
  const keys = strings(path);
  const key = keys[keys.length - 1];
  if (key === undefined) return false;
  if (matchKey(key, REGEX_KEYS)) return !matchKey(key, NOT_REGEX_KEYS);
  if (!matchKey(key, PATTERN_KEYS)) return false;
  return (isObject(parent) && Object.keys(parent).some((k) => matchKey(k, VALIDATION_SIBLINGS))) || mentions(keys, VALIDATION_CONTEXT);
}

/** Every regex string in an added or rewritten value, with its path. */
function regexesIn(value: unknown, path: JsonPath, parent: unknown, change: Change, out: Found[]): void {
  if (typeof value === 'string') {
    if (value.trim() !== '' && isRegexAt(path, parent)) out.push({ path, pattern: value, change });
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => regexesIn(v, [...path, i], parent, change, out));
  } else if (isObject(value)) {
    for (const [k, v] of entriesOf(value)) regexesIn(v, [...path, k], value, change, out);
  }
}

function candidates(file: FileDiff): Found[] {
  const out: Found[] = [];
  for (const c of file.changes) {
    if (c.kind !== 'added' && c.kind !== 'modified') continue;
    if (c.kind === 'modified' && c.before === c.after) continue;
    const doc = file.after?.documents[c.document];
    const parentPath = c.path.slice(0, typeof c.path[c.path.length - 1] === 'number' ? -2 : -1);
    regexesIn(c.after, c.path, getAt(doc, parentPath), c, out);
  }
  return out;
}

/** Whether the engine that runs a regex at this place matches in linear time. */
function linearEngine(file: FileDiff, doc: unknown, path: JsonPath): boolean {
  if (mentions(strings(path), LINEAR_PATHS)) return true;
  if (matchWords(file.path.split('/'), LINEAR_FILES)) return true;
  const api = isObject(doc) && typeof doc.apiVersion === 'string' ? doc.apiVersion.split('/')[0]! : '';
  return LINEAR_API_GROUPS.some((g) => api === g || api.endsWith(`.${g}`));
}

/** A pattern in JavaScript syntax with its flags: leading inline flags (`(?i)`), Python/PCRE named groups, `\A` `\z`. */
export function toJavaScript(pattern: string): { source: string; flags: string } {
  let source = pattern;
  let flags = '';
  const inline = /^\(\?([a-zA-Z]+)\)/.exec(source);
  if (inline && [...inline[1]!].every((f) => f in INLINE_FLAGS)) {
    flags = [...new Set([...inline[1]!].map((f) => INLINE_FLAGS[f]!))].join('');
    source = source.slice(inline[0].length);
  }
  source = source.replace(/\(\?P</g, '(?<').replace(/^\\A/, '^').replace(/\\[zZ]$/, '$');
  return { source, flags };
}

function describe(v: { complexity: string; degree?: number }): string {
  return v.complexity === 'exponential' ? 'exponential time' : `polynomial time of degree ${v.degree ?? 2} (an input n characters long takes about n^${v.degree ?? 2} steps)`;
}

function signalFor(file: FileDiff, f: Found, ctx: AnalyzeContext, timeoutMs: number): Signal | undefined {
  // RE2 and its kin cannot backtrack: the pattern is not checked at all there.
  if (linearEngine(file, file.after?.documents[f.change.document], f.path)) return undefined;
  const { source, flags } = toJavaScript(f.pattern);
  const verdict = checkRegex(source, flags, timeoutMs);
  if (verdict.status === 'safe' || (verdict.status === 'unknown' && verdict.reason !== 'timeout')) return undefined;
  const line = file.after?.locate(f.change.document, f.path).line ?? f.change.line;
  const shown = f.pattern.length > 80 ? `${f.pattern.slice(0, 77)}…` : f.pattern;
  const base = { type: 'regex' as const, file, ...locatedAt(f.change), path: f.path, pathText: pathToText(f.path), line };
  if (verdict.status === 'unknown') {
    return makeSignal({ ...base, kind: 'regex-unchecked', direction: 'neutral', summary: `regex ${shown}: not decided in ${timeoutMs} ms`, data: { pattern: f.pattern } }, ctx.inventory);
  }
  const summary = `regex ${shown} can backtrack catastrophically: ${describe(verdict)}`;
  return makeSignal(
    {
      ...base,
      kind: 'backtracking',
      direction: 'risky',
      summary,
      data: { pattern: f.pattern, complexity: verdict.complexity, degree: verdict.complexity === 'exponential' ? null : (verdict.degree ?? 2), attack: verdict.attack.slice(0, 120) },
    },
    ctx.inventory,
  );
}

export const analyzeRegexes: Analyzer = (files, ctx: AnalyzeContext) => {
  const timeoutMs = optionsFor<RegexOptions>(ctx, 'regex').timeoutMs ?? 10_000;
  const out: Signal[] = [];
  for (const file of files) {
    if (!file.after) continue;
    for (const f of candidates(file)) {
      const s = signalFor(file, f, ctx, timeoutMs);
      if (s) out.push(s);
    }
  }
  return out;
};

export default defineBuiltinAnalyzer({
  name: 'regex',
  doc: 'New or changed regular expressions (WAF rules, route matches, log filters, validation patterns) that can backtrack catastrophically, checked by recheck.',
  signals: ['regex'],
  options: {
    type: 'object',
    additionalProperties: false,
    properties: { timeoutMs: { type: 'integer', minimum: 100, description: 'Time the checker may spend on one pattern, milliseconds (default 10000); a pattern not decided in it is reported as regex-unchecked, never as safe.' } },
  },
  analyze: analyzeRegexes,
});
