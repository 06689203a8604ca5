// Verbosity: log levels, debug switches, access / traffic logging, trace sampling and
// telemetry intervals. A change that makes a service say more is risky (it costs CPU,
// I/O and disk, and at fleet scale it has taken services down); saying less is safe.
//
// Signal kinds (type 'verbosity'), all with data { from, to, volumeFactor, key, vocabulary }:
//   level-raised / level-lowered        log level words, syslog numbers, klog -v=N, debug switches
//   logging-enabled / logging-disabled  access logs, traffic / body logging switched on or off
//   sampling-raised / sampling-lowered  trace / telemetry sampling rates and probabilities
//   interval-shortened / interval-lengthened  scrape / report / flush intervals
//
// Volume factors are rough, by design: an order of magnitude is what a reviewer needs.
//
//   log level (relative volume, info = 1)   | factor examples
//   off 0 · fatal 0.01 · error 0.05 ·       | info → debug ×10, debug → trace ×5,
//   warn 0.2 · notice 0.5 · info 1 ·        | info → trace ×50, warn → info ×5,
//   debug 10 · trace 50                     | error → debug ×200
//   klog / numeric verbosity (-v=N)          | ×2 per step: v=2 → v=6 is ×16
//   traffic logging: none 0 · errors 0.1 ·   | basic → full ×30, headers → full ×10
//   basic 1 · headers 3 · full 30           |
//   a log stream switched on from off        | ×ENABLE_FACTOR (10)
//   sampling rate                            | to / from (0.01 → 1.0 is ×100)
//   interval                                 | from / to (60s → 5s is ×12)
import type { SignalKind } from '../signals.js';
import type { Change, FileDiff, JsonPath, Signal } from '../../model.js';
import type { AnalyzeContext, Analyzer } from '../types.js';
import { defineAnalyzer } from '../types.js';
import { forcedAnalyzer, getAt, isObject, lastKey, words } from '../kit/paths.js';
import { describeScope, scopeWithHints } from '../kit/scope.js';

/** Canonical levels, most verbose last, with their relative log volume (info = 1). */
export const LEVEL_VOLUME: Readonly<Record<string, number>> = {
  off: 0,
  fatal: 0.01,
  error: 0.05,
  warn: 0.2,
  notice: 0.5,
  info: 1,
  debug: 10,
  trace: 50,
};

/** Level words and aliases → canonical level. */
export const LEVEL_ALIASES: Readonly<Record<string, string>> = {
  off: 'off', none: 'off', silent: 'off', quiet: 'off', disabled: 'off', disable: 'off',
  fatal: 'fatal', critical: 'fatal', crit: 'fatal', panic: 'fatal', emerg: 'fatal', emergency: 'fatal', alert: 'fatal',
  error: 'error', err: 'error', severe: 'error', errors: 'error',
  warn: 'warn', warning: 'warn', warnings: 'warn',
  notice: 'notice',
  info: 'info', information: 'info', informational: 'info', normal: 'info', default: 'info',
  debug: 'debug', dbg: 'debug', fine: 'debug', debugging: 'debug',
  trace: 'trace', finer: 'trace', finest: 'trace', all: 'trace', verbose: 'trace', silly: 'trace', insane: 'trace',
};

/** Words that are also ordinary English: accepted only on keys that are clearly level keys. */
const AMBIGUOUS_WORDS = new Set(['off', 'none', 'all', 'default', 'normal', 'disabled', 'disable', 'alert', 'errors', 'warnings', 'quiet']);

/** Syslog severities 0–7 → canonical level. */
export const SYSLOG_LEVELS: readonly string[] = ['fatal', 'fatal', 'fatal', 'error', 'warn', 'notice', 'info', 'debug'];

/** Network-traffic / body logging vocabulary, relative volume (basic = 1). */
export const TRAFFIC_VOLUME: Readonly<Record<string, number>> = {
  none: 0, off: 0, disabled: 0, false: 0,
  errors: 0.1, error: 0.1, errorsonly: 0.1,
  basic: 1, summary: 1, metadata: 1, minimal: 1, true: 1, on: 1, enabled: 1, connection: 1, flow: 1,
  headers: 3, header: 3, detailed: 3, standard: 3,
  full: 30, body: 30, bodies: 30, payload: 30, payloads: 30, all: 30, verbose: 30, debug: 30, packets: 30, pcap: 30,
};

/** Volume factor of a log stream switched on from off. */
export const ENABLE_FACTOR = 10;
/** klog-style numeric verbosity: volume factor per step. */
export const KLOG_STEP_FACTOR = 2;

/** Command-line flags carrying a verbosity or level. */
const VERBOSITY_FLAGS = /^--?(v|verbosity|log[-_]?level|logging[-_]?level|log[-_]?verbosity|loglevel|vmodule-level|stderrthreshold)$/i;
/** List keys holding command-line flags or KEY=value strings. */
const ARG_LISTS = new Set(['args', 'command', 'cmd', 'flags', 'extraArgs', 'extra_args', 'entrypoint', 'commandLine', 'environment', 'env', 'arguments']);

/** Words in the path or file name that make a level-like value a log level. */
const LOG_WORDS = new Set(['log', 'logs', 'logging', 'logger', 'loggers', 'loglevel', 'verbosity', 'verbose', 'debug', 'trace', 'tracing', 'severity', 'syslog', 'rsyslog', 'journald', 'fluentd', 'fluentbit', 'log4j', 'log4j2', 'logback', 'slf4j', 'zap', 'logrus', 'winston', 'pino', 'serilog', 'nlog']);
/** Words that make an interval a telemetry interval. */
const TELEMETRY_WORDS = new Set(['scrape', 'metric', 'metrics', 'telemetry', 'report', 'reporting', 'reporter', 'flush', 'log', 'logs', 'logging', 'trace', 'traces', 'tracing', 'stats', 'statsd', 'prometheus', 'monitor', 'monitoring', 'export', 'exporter', 'exporters', 'push', 'collect', 'collector', 'collection', 'sampling', 'otel', 'opentelemetry', 'span', 'spans', 'datadog', 'newrelic', 'heartbeat', 'evaluation']);
const hasWord = (context: readonly string[], set: ReadonlySet<string>): boolean => [...words(context)].some((w) => set.has(w));

const norm = (k: string): string => k.toLowerCase().replace(/[-_\s.]/g, '');

interface Reading {
  kind: SignalKind;
  direction: 'risky' | 'safe';
  from: unknown;
  to: unknown;
  volumeFactor: number;
  vocabulary: string;
  what: string;
  fromAssumed?: boolean;
  toAssumed?: boolean;
}

// ── vocabularies ───────────────────────────────────────────────────────────

function levelWord(v: unknown, strong: boolean): string | undefined {
  if (typeof v !== 'string') return undefined;
  const w = v.trim().toLowerCase();
  const direct = LEVEL_ALIASES[w];
  if (direct) return !strong && AMBIGUOUS_WORDS.has(w) ? undefined : direct;
  if (!strong) return undefined;
  // directive lists: RUST_LOG=info,my_crate=debug · "root=warn app=debug" — the most verbose level
  const parts = w.split(/[,\s;]+/).map((p) => p.split('=').pop()!).filter(Boolean);
  if (parts.length < 2) return undefined;
  let best: string | undefined;
  for (const p of parts) {
    const lv = LEVEL_ALIASES[p];
    if (!lv) return undefined;
    if (!best || LEVEL_VOLUME[lv]! > LEVEL_VOLUME[best]!) best = lv;
  }
  return best;
}

function num(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && /^\s*[+-]?\d+(\.\d+)?\s*$/.test(v)) return Number(v);
  return undefined;
}

function factorText(f: number): string {
  if (f >= 10) return `×${Math.round(f).toLocaleString('en-US')}`;
  if (f >= 1) return `×${Math.round(f * 10) / 10}`;
  return `×${Number(f.toPrecision(2))}`;
}

function roundFactor(f: number): number {
  return f >= 10 ? Math.round(f) : Number(f.toPrecision(2));
}

function dir(f: number): 'risky' | 'safe' | undefined {
  return f > 1 ? 'risky' : f < 1 ? 'safe' : undefined;
}

/** Durations in seconds: `60s`, `1m`, `500ms`, `1h30m`, bare numbers (same unit on both sides). */
export function seconds(v: unknown): number | undefined {
  const n = num(v);
  if (n !== undefined) return n > 0 ? n : undefined;
  if (typeof v !== 'string') return undefined;
  const t = v.trim();
  const parts = [...t.matchAll(/(\d+(?:\.\d+)?)(ms|us|µs|ns|s|m|h|d)/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join('') !== t) return undefined;
  const unit: Record<string, number> = { ns: 1e-9, us: 1e-6, µs: 1e-6, ms: 1e-3, s: 1, m: 60, h: 3600, d: 86400 };
  const s = parts.reduce((sum, p) => sum + Number(p[1]) * unit[p[2]!]!, 0);
  return s > 0 ? s : undefined;
}

// ── classification of one key's before/after values ───────────────────────

/**
 * What a change of `key` from `from` to `to` means, or undefined when it is not a
 * verbosity setting. `undefined` on one side means the key was added / removed; the
 * default of the vocabulary is assumed there (info, v=0, off).
 */
export function classify(key: string, context: readonly string[], from: unknown, to: unknown, forced = false): Reading | undefined {
  const k = norm(key);
  const ctx = context.join('.');
  if (isObject(from) || isObject(to) || Array.isArray(from) || Array.isArray(to)) return undefined;

  // sampling rates / probabilities
  const parent = norm(context[context.length - 2] ?? '');
  if (/sampl|probability|traceidratio|traceratio/.test(k) || (/^(value|rate|ratio|numerator)$/.test(k) && /sampl/.test(parent))) {
    const a = num(from);
    const b = num(to);
    if (a === undefined || b === undefined || a === b) return undefined;
    const f = a === 0 ? ENABLE_FACTOR * Math.max(1, b) : b / a;
    const d = dir(f);
    if (!d) return undefined;
    return { kind: b > a ? 'sampling-raised' : 'sampling-lowered', direction: d, from: a, to: b, volumeFactor: roundFactor(f), vocabulary: 'sampling', what: 'sampling rate' };
  }

  // scrape / report / flush intervals
  if (/interval|period|frequency|flushevery|flush$/.test(k) && hasWord(context, TELEMETRY_WORDS)) {
    if (/frequency/.test(k)) return undefined; // a frequency grows the other way; rare, not guessed
    const a = seconds(from);
    const b = seconds(to);
    if (a === undefined || b === undefined || a === b) return undefined;
    const f = a / b;
    return { kind: b < a ? 'interval-shortened' : 'interval-lengthened', direction: f > 1 ? 'risky' : 'safe', from, to, volumeFactor: roundFactor(f), vocabulary: 'interval', what: /scrape/.test(k + ctx) ? 'scrape interval' : 'interval' };
  }

  // network-traffic / body / payload logging
  const TRAFFIC_KEY = /trafficlog|networklog|packetlog|packetcapture|tcpdump|capturemode|bodylog|logbod|logpayload|logrequestbod|logresponsebod|logrequests?$|logresponses?$|logheaders|dumptraffic|wirelog|httplog|requestlog/;
  if (TRAFFIC_KEY.test(k) || (/^(level|mode|verbosity|detail)$/.test(k) && TRAFFIC_KEY.test(parent))) {
    const vol = (v: unknown): number | undefined => {
      if (v === undefined) return 0;
      if (typeof v === 'boolean') return v ? 1 : 0;
      return TRAFFIC_VOLUME[norm(String(v))];
    };
    const a = vol(from);
    const b = vol(to);
    if (a === undefined || b === undefined || a === b) return undefined;
    const f = a === 0 ? ENABLE_FACTOR * Math.max(1, b) : b / a;
    const kind = a === 0 ? 'logging-enabled' : b === 0 ? 'logging-disabled' : b > a ? 'level-raised' : 'level-lowered';
    return { kind, direction: b > a ? 'risky' : 'safe', from: from ?? 'none', to: to ?? 'none', volumeFactor: roundFactor(f), vocabulary: 'traffic-logging', what: 'traffic logging', fromAssumed: from === undefined || undefined };
  }

  // access logs: off / on / a file path
  if (/accesslog/.test(k)) {
    const on = (v: unknown): boolean | undefined => {
      if (v === undefined || v === null || v === false) return false;
      if (v === true) return true;
      if (typeof v === 'string') return !/^(off|false|no|none|disabled|0|\/dev\/null|)$/i.test(v.trim());
      return undefined;
    };
    const a = on(from);
    const b = on(to);
    if (a === undefined || b === undefined || a === b) return undefined;
    return { kind: b ? 'logging-enabled' : 'logging-disabled', direction: b ? 'risky' : 'safe', from: a ? 'on' : 'off', to: b ? 'on' : 'off', volumeFactor: b ? ENABLE_FACTOR : 0, vocabulary: 'access-log', what: 'access log' };
  }

  // debug / verbose switches
  if (/^(debug|verbose|debugmode|enabledebug|debugenabled|debuglogging|verboselogging|verbosemode|logdebug)$/.test(k)) {
    const bool = (v: unknown): boolean | undefined =>
      v === undefined ? false : typeof v === 'boolean' ? v : typeof v === 'string' && /^(true|false|1|0|yes|no|on|off)$/i.test(v) ? /^(true|1|yes|on)$/i.test(v) : typeof v === 'number' && (v === 0 || v === 1) ? v === 1 : undefined;
    const a = bool(from);
    const b = bool(to);
    if (a === undefined || b === undefined || a === b) return undefined;
    const f = b ? LEVEL_VOLUME.debug! / LEVEL_VOLUME.info! : LEVEL_VOLUME.info! / LEVEL_VOLUME.debug!;
    return { kind: b ? 'level-raised' : 'level-lowered', direction: b ? 'risky' : 'safe', from: a ? 'debug' : 'info', to: b ? 'debug' : 'info', volumeFactor: f, vocabulary: 'debug-switch', what: `${key}`, fromAssumed: from === undefined || undefined };
  }

  // log levels
  const strong = forced || /level|verbos|severity|threshold|^v$|^rustlog$|^loglevel$|^log$/.test(k);
  const weak = hasWord(context, LOG_WORDS);
  if (!strong && !weak) return undefined;
  const isKlog = /verbos|^v$/.test(k);
  const wa = levelWord(from, strong);
  const wb = levelWord(to, strong);
  if ((wa || from === undefined) && (wb || to === undefined) && (wa || wb)) {
    const a = wa ?? 'info';
    const b = wb ?? 'info';
    if (a === b) return undefined;
    const f = LEVEL_VOLUME[b]! / Math.max(LEVEL_VOLUME[a]!, 0.001);
    return {
      kind: f > 1 ? 'level-raised' : 'level-lowered', direction: f > 1 ? 'risky' : 'safe',
      from: wa ?? 'info', to: wb ?? 'info', volumeFactor: roundFactor(f), vocabulary: 'level', what: 'log level',
      fromAssumed: from === undefined || undefined, toAssumed: to === undefined || undefined,
    };
  }
  if (!strong) return undefined;
  const na = num(from);
  const nb = num(to);
  if ((na === undefined && from !== undefined) || (nb === undefined && to !== undefined) || (na === undefined && nb === undefined)) return undefined;
  const a = na ?? 0;
  const b = nb ?? 0;
  if (a === b) return undefined;
  // Python logging: 10 debug … 50 critical (higher is quieter)
  if (!isKlog && a % 10 === 0 && b % 10 === 0 && Math.max(a, b) >= 10 && Math.max(a, b) <= 50) {
    const py = (n: number) => (['trace', 'debug', 'info', 'warn', 'error', 'fatal'][n / 10] ?? 'info');
    const f = LEVEL_VOLUME[py(b)]! / Math.max(LEVEL_VOLUME[py(a)]!, 0.001);
    const d = dir(f);
    if (!d) return undefined;
    return { kind: f > 1 ? 'level-raised' : 'level-lowered', direction: d, from: py(a), to: py(b), volumeFactor: roundFactor(f), vocabulary: 'python', what: 'log level' };
  }
  // syslog severities 0–7 (higher is louder)
  if (!isKlog && (/syslog/.test(k + ctx) || /level|severity/.test(k)) && a >= 0 && b >= 0 && a <= 7 && b <= 7 && Number.isInteger(a) && Number.isInteger(b)) {
    const la = SYSLOG_LEVELS[a]!;
    const lb = SYSLOG_LEVELS[b]!;
    const f = LEVEL_VOLUME[lb]! / Math.max(LEVEL_VOLUME[la]!, 0.001);
    const d = dir(f);
    if (!d) return undefined;
    return { kind: f > 1 ? 'level-raised' : 'level-lowered', direction: d, from: `${a} (${la})`, to: `${b} (${lb})`, volumeFactor: roundFactor(f), vocabulary: 'syslog', what: 'syslog level' };
  }
  // klog-style verbosity: 0 … 10, louder upward
  if (a < 0 || b < 0 || a > 20 || b > 20) return undefined;
  const f = KLOG_STEP_FACTOR ** (b - a);
  return { kind: b > a ? 'level-raised' : 'level-lowered', direction: b > a ? 'risky' : 'safe', from: a, to: b, volumeFactor: roundFactor(f), vocabulary: 'numeric', what: 'verbosity', fromAssumed: from === undefined || undefined };
}

// ── reading changes ────────────────────────────────────────────────────────

/** Flags and KEY=value strings of an argument list: `--v=6`, `--v 6`, `LOG_LEVEL=debug`. */
export function parseArgList(list: unknown): Map<string, string> {
  const out = new Map<string, string>();
  if (!Array.isArray(list)) {
    if (typeof list === 'string') return parseArgList(list.split(/\s+/));
    return out;
  }
  const items = list.flatMap((x) => (typeof x === 'string' ? x.split(/\s+(?=-)/) : typeof x === 'number' ? [String(x)] : []));
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!.trim();
    let m = /^(--?[A-Za-z][\w-]*)=(.*)$/.exec(item);
    if (m) {
      out.set(m[1]!, m[2]!);
      continue;
    }
    m = /^(--?[A-Za-z][\w-]*)$/.exec(item);
    if (m && VERBOSITY_FLAGS.test(m[1]!) && i + 1 < items.length && !items[i + 1]!.startsWith('-')) {
      out.set(m[1]!, items[++i]!);
      continue;
    }
    m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(item);
    if (m) out.set(m[1]!, m[2]!);
  }
  return out;
}

function expiresNear(doc: unknown, path: JsonPath): string | undefined {
  for (let i = path.length; i >= 0; i--) {
    const v = getAt(doc, path.slice(0, i));
    if (!isObject(v)) continue;
    for (const f of ['expires', 'expiry', 'expiresAt', 'expires_at', 'expireAt', 'until', 'ttl', 'validUntil', 'valid_until']) {
      const e = v[f];
      if (typeof e === 'string' || typeof e === 'number') return String(e);
      if (e instanceof Date) return e.toISOString().slice(0, 10);
    }
  }
  return undefined;
}

interface Leaf {
  key: string;
  path: JsonPath;
  from: unknown;
  to: unknown;
}

/** Scalar leaves of an added or removed subtree, with the other side undefined. */
function leaves(path: JsonPath, value: unknown, side: 'from' | 'to', out: Leaf[], depth = 0): void {
  if (depth > 12) return;
  if (isObject(value)) {
    for (const [k, v] of Object.entries(value)) leaves([...path, k], v, side, out, depth + 1);
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => leaves([...path, i], v, side, out, depth + 1));
  } else {
    out.push({ key: lastKey(path), path, from: side === 'from' ? value : undefined, to: side === 'to' ? value : undefined });
  }
}

function docs(f: FileDiff, c: Change): { before: unknown; after: unknown } {
  return { before: f.before?.documents[c.beforeLine !== undefined || c.kind === 'removed' ? c.document : c.document], after: f.after?.documents[c.document] };
}

/** Verbosity signals of a change set. */
export const analyzeVerbosity: Analyzer = (files, ctx: AnalyzeContext) => {
  const out: Signal[] = [];
  for (const f of files) {
    if (!f.before || !f.after) continue; // a new or deleted file has nothing to compare with
    const seen = new Set<string>();
    for (const c of f.changes) {
      const { before, after } = docs(f, c);
      const emit = (r: Reading, path: JsonPath, key: string, group: Change[]): void => {
        const scopeDoc = c.kind === 'removed' ? before : after;
        const { scope, missing } = scopeWithHints(f.path, path, scopeDoc, ctx.inventory);
        const expires = expiresNear(scopeDoc, path);
        const data: Record<string, unknown> = { from: r.from, to: r.to, volumeFactor: r.volumeFactor, key, vocabulary: r.vocabulary };
        if (r.fromAssumed) data.fromAssumed = true;
        if (r.toAssumed) data.toAssumed = true;
        if (expires !== undefined) data.expires = expires;
        const fmt = (v: unknown) => (r.vocabulary === 'numeric' ? `-v=${String(v)}` : String(v));
        const noun = r.vocabulary === 'sampling' ? 'trace volume' : r.vocabulary === 'interval' ? 'sample volume' : 'log volume';
        const summary = `${r.what} ${fmt(r.from)} → ${fmt(r.to)} ${describeScope(scope)}, ${noun} about ${factorText(r.volumeFactor)}${expires ? `, expires ${expires}` : ''}`;
        const signal: Signal = {
          type: 'verbosity', kind: r.kind, direction: r.direction, file: f.path, document: c.document, path,
          pathText: c.pathText, line: c.line, changes: group, scope, summary, data,
        };
        if (r.direction === 'risky' && missing.length > 0) signal.missing = missing;
        out.push(signal);
      };

      // 1. argument lists and env string lists: compare the whole list once
      const argAt = c.path.findIndex((s, i) => typeof s === 'string' && ARG_LISTS.has(s) && (typeof c.path[i + 1] === 'number' || i === c.path.length - 1));
      if (argAt >= 0) {
        const listPath = c.path.slice(0, argAt + 1);
        const b = getAt(before, listPath);
        const a = getAt(after, listPath);
        const envEntries = (Array.isArray(a) && a.some(isObject)) || (Array.isArray(b) && b.some(isObject));
        if (!envEntries && (Array.isArray(a) || Array.isArray(b) || typeof a === 'string' || typeof b === 'string')) {
          const id = `${c.document}:${JSON.stringify(listPath)}`;
          if (seen.has(id)) continue;
          seen.add(id);
          const fb = parseArgList(b);
          const fa = parseArgList(a);
          const group = f.changes.filter((x) => x.document === c.document && JSON.stringify(x.path.slice(0, argAt + 1)) === JSON.stringify(listPath));
          for (const name of new Set([...fb.keys(), ...fa.keys()])) {
            const bare = name.replace(/^--?/, '');
            const isFlag = name.startsWith('-');
            if (isFlag && !VERBOSITY_FLAGS.test(name)) continue;
            const r = classify(isFlag ? bare : name, [...listPath.map(String), bare], fb.get(name), fa.get(name), forcedAnalyzer(ctx.options, f.path, listPath, 'verbosity'));
            if (r) emit(r, listPath, name, group);
          }
          continue;
        }
      }

      // 2. env entries { name: LOG_LEVEL, value: debug }
      const envAt = c.path.findIndex((s, i) => typeof s === 'string' && /^(env|environment|envVars|env_vars|variables)$/i.test(s) && typeof c.path[i + 1] === 'number');
      if (envAt >= 0) {
        const entryPath = c.path.slice(0, envAt + 2);
        const eb = getAt(before, entryPath);
        const ea = getAt(after, entryPath);
        const name = (isObject(ea) && typeof ea.name === 'string' ? ea.name : undefined) ?? (isObject(eb) && typeof eb.name === 'string' ? eb.name : undefined);
        if (name !== undefined) {
          const id = `${c.document}:${JSON.stringify(entryPath)}`;
          if (seen.has(id)) continue;
          seen.add(id);
          const vb = c.kind === 'added' && c.path.length === entryPath.length ? undefined : isObject(eb) && eb.name === name ? eb.value : undefined;
          const va = c.kind === 'removed' && c.path.length === entryPath.length ? undefined : isObject(ea) && ea.name === name ? ea.value : undefined;
          const r = classify(name, [...c.path.slice(0, envAt + 1).map(String), name], vb, va, forcedAnalyzer(ctx.options, f.path, entryPath, 'verbosity'));
          if (r) emit(r, entryPath, name, [c]);
          continue;
        }
      }

      // 3. plain keys: a modified scalar, or the leaves of an added / removed subtree
      const found: Leaf[] = [];
      if (c.kind === 'modified' || c.kind === 'moved') {
        if (!isObject(c.before) && !isObject(c.after) && !Array.isArray(c.before) && !Array.isArray(c.after)) {
          found.push({ key: lastKey(c.path), path: c.path, from: c.before, to: c.after });
        } else if (c.kind === 'modified') {
          // a value changed type (scalar ↔ object): read both sides as leaves
          leaves(c.path, c.before, 'from', found);
          leaves(c.path, c.after, 'to', found);
        }
      } else if (c.kind === 'added') {
        if (c.path.length === 0) continue; // a whole new document
        leaves(c.path, c.after, 'to', found);
      } else if (c.kind === 'removed') {
        if (c.path.length === 0) continue;
        leaves(c.path, c.before, 'from', found);
      }
      for (const leaf of found) {
        if (leaf.key === '') continue;
        const id = `${c.document}:${JSON.stringify(leaf.path)}`;
        if (seen.has(id)) continue;
        seen.add(id);
        const r = classify(leaf.key, [f.path, ...leaf.path.filter((s): s is string => typeof s === 'string')], leaf.from, leaf.to, forcedAnalyzer(ctx.options, f.path, leaf.path, 'verbosity'));
        if (r) emit(r, leaf.path, leaf.key, [c]);
      }
    }
  }
  return out;
};

export default defineAnalyzer({
  name: 'verbosity',
  doc: 'Log levels, debug switches, access and traffic logging, trace sampling, telemetry intervals.',
  signals: ['verbosity'],
  analyze: analyzeVerbosity,
});
