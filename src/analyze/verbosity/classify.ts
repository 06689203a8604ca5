// What one key's before → after values mean for log volume, or nothing when the key is not a
// verbosity setting. The words and keys come from vocabulary.ts; this file holds the reading.
import type { SignalKind } from '../signals.js';
import { words } from '../kit/paths.js';
import { parseDuration, parsePercent, parseRatio } from '../kit/quantities.js';
import {
  ACCESS_LOG_OFF, AMBIGUOUS_WORDS, CONTEXT_LEVEL_KEYS, DATA_CONTEXTS, DEBUG_SWITCHES, ENABLE_FACTOR, EXPORTER_VERBOSITY,
  HEALTH_CONTEXTS, INTERVAL_KEY_FRAGMENTS, KLOG_KEYS, KLOG_SEVERITIES, KLOG_SEVERITY_KEYS, KLOG_STEP_FACTOR, LEVEL_ALIASES,
  LEVEL_KEYS, LEVEL_VOLUME, LOG_WORDS, NOT_LOG_QUALIFIERS, PYTHON_LEVELS, SAMPLING_KEY_FRAGMENTS, SAMPLING_VALUE_KEYS,
  SYSLOG_LEVELS, TELEMETRY_WORDS, TRAFFIC_KEY_ENDINGS, TRAFFIC_KEY_FRAGMENTS, TRAFFIC_VOLUME,
  FLOW_LOG_KEYS, FLOW_LOG_VOLUME, LEVEL_FLAG_PREFIXES, SAMPLER_PARAM_KEYS, SAMPLER_TYPES, SAMPLER_WORDS, TRAFFIC_MODE_HOLDERS,
  TRAFFIC_MODE_WORDS, VERBOSITY_FLAGS,
} from './vocabulary.js';

export interface Reading {
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

export interface ClassifyOptions {
  /** The path is bound to this analyzer by `.configgate.yml` (`analyzers:`). */
  forced?: boolean;
  /** The key is a command-line flag (`--v=4`), not a data key. */
  flag?: boolean;
  /** The object holding the key (its siblings: a Jaeger strategy's `type` beside `param`). */
  holder?: Record<string, unknown>;
}

/** A flag or system property that carries a level: `--v`, `--log.level`, `-Dlogging.level.org.x`. */
export function isLevelFlag(name: string): boolean {
  const k = norm(name.replace(/^--?/, ''));
  return VERBOSITY_FLAGS.has(k) || LEVEL_FLAG_PREFIXES.some((p) => k.startsWith(p));
}

/** Lower case, without `-`, `_`, `.` and spaces. */
export const norm = (k: string): string => k.toLowerCase().replace(/[-_\s.]/g, '');

const hasWord = (context: readonly string[], set: ReadonlySet<string>): boolean => [...words(context)].some((w) => set.has(w));
const hasFragment = (k: string, fragments: readonly string[]): boolean => fragments.some((f) => k.includes(f));

function num(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && /^\s*[+-]?\d+(\.\d+)?\s*$/.test(v)) return Number(v);
  return undefined;
}

export function roundFactor(f: number): number {
  return f >= 10 ? Math.round(f) : Number(f.toPrecision(2));
}

/** The direction is the sign of the change in volume, whatever its size. */
function dir(f: number): 'risky' | 'safe' | undefined {
  return f > 1 ? 'risky' : f < 1 ? 'safe' : undefined;
}

/** Durations in seconds; a bare number on both sides is the same unit. */
export function seconds(v: unknown): number | undefined {
  const s = parseDuration(v);
  return s !== undefined && s > 0 ? s : undefined;
}

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

const levelRatio = (a: string, b: string): number => LEVEL_VOLUME[b]! / Math.max(LEVEL_VOLUME[a]!, 0.001);

/** A reading between two canonical levels, or undefined when they are the same. */
function levelReading(a: string, b: string, vocabulary: string, what: string, shown?: [unknown, unknown]): Reading | undefined {
  const f = levelRatio(a, b);
  const d = dir(f);
  if (!d) return undefined;
  return { kind: f > 1 ? 'level-raised' : 'level-lowered', direction: d, from: shown?.[0] ?? a, to: shown?.[1] ?? b, volumeFactor: roundFactor(f), vocabulary, what };
}

/**
 * What a change of `key` from `from` to `to` means, or undefined when it is not a verbosity
 * setting. `context` is the file name and the keys above (the key itself last). `undefined`
 * on one side means the key was added / removed; the vocabulary's default is assumed there.
 */
export function classify(key: string, context: readonly string[], from: unknown, to: unknown, opts: ClassifyOptions = {}): Reading | undefined {
  if (isComposite(from) || isComposite(to)) return undefined;
  const k = norm(key);
  const above = context.slice(0, -1);
  if (!opts.forced && above.some((seg) => DATA_CONTEXTS.has(norm(seg)))) return undefined;
  const parent = norm(above[above.length - 1] ?? '');
  return (
    readSampling(k, parent, from, to, opts.holder) ??
    readFlowLog(k, from, to) ??
    readInterval(k, context, from, to) ??
    readTraffic(k, parent, from, to) ??
    readAccessLog(k, from, to) ??
    readDebugSwitch(key, k, from, to) ??
    readExporterVerbosity(k, from, to) ??
    readLevel(k, above, from, to, opts)
  );
}

function isComposite(v: unknown): boolean {
  return v !== null && typeof v === 'object';
}

/** A sampling rate: a number, a percentage (`"10%"` → 0.1), a ratio (`"1:9"`), or a fixed sampler (`always_on` → 1). */
function samplingValue(v: unknown): number | undefined {
  const n = num(v);
  if (n !== undefined || typeof v !== 'string') return n;
  const fixed = SAMPLER_WORDS[norm(v)];
  if (fixed !== undefined) return fixed;
  if (/%\s*$/.test(v)) {
    const p = parsePercent(v);
    return p === undefined ? undefined : p / 100;
  }
  return /[:/]/.test(v) ? parseRatio(v) : undefined;
}

const samplerParam = (k: string, holder?: Record<string, unknown>): boolean =>
  SAMPLER_PARAM_KEYS.has(k) && holder !== undefined && typeof holder.type === 'string' && SAMPLER_TYPES.has(norm(holder.type));

function readSampling(k: string, parent: string, from: unknown, to: unknown, holder?: Record<string, unknown>): Reading | undefined {
  if (!hasFragment(k, SAMPLING_KEY_FRAGMENTS) && !(SAMPLING_VALUE_KEYS.has(k) && parent.includes('sampl')) && !samplerParam(k, holder)) return undefined;
  const a = samplingValue(from);
  const b = samplingValue(to);
  if (a === undefined || b === undefined || a === b) return undefined;
  const f = a === 0 ? ENABLE_FACTOR * Math.max(1, b) : b / a;
  const d = dir(f);
  if (!d) return undefined;
  return { kind: b > a ? 'sampling-raised' : 'sampling-lowered', direction: d, from: a, to: b, volumeFactor: roundFactor(f), vocabulary: 'sampling', what: 'sampling rate' };
}

function readInterval(k: string, context: readonly string[], from: unknown, to: unknown): Reading | undefined {
  if (!hasFragment(k, INTERVAL_KEY_FRAGMENTS) && !k.endsWith('flush')) return undefined;
  if (!hasWord(context, TELEMETRY_WORDS) || context.some((seg) => HEALTH_CONTEXTS.has(norm(seg)))) return undefined;
  const a = seconds(from);
  const b = seconds(to);
  if (a === undefined || b === undefined || a === b) return undefined;
  const f = a / b;
  const what = k.includes('scrape') || context.some((seg) => norm(seg).includes('scrape')) ? 'scrape interval' : 'interval';
  return { kind: b < a ? 'interval-shortened' : 'interval-lengthened', direction: f > 1 ? 'risky' : 'safe', from, to, volumeFactor: roundFactor(f), vocabulary: 'interval', what };
}

const isTrafficKey = (k: string): boolean => TRAFFIC_KEY_ENDINGS.some((e) => k.endsWith(e)) || hasFragment(k, TRAFFIC_KEY_FRAGMENTS);
/** `accessLog.mode`, `networkTrace.level`, `access_log_mode`: a traffic logging depth. */
const isTrafficMode = (k: string, parent: string): boolean =>
  (TRAFFIC_MODE_WORDS.includes(k) && (isTrafficKey(parent) || hasFragment(parent, TRAFFIC_MODE_HOLDERS))) ||
  (hasFragment(k, TRAFFIC_MODE_HOLDERS) && TRAFFIC_MODE_WORDS.some((w) => k.endsWith(w)));

function readTraffic(k: string, parent: string, from: unknown, to: unknown): Reading | undefined {
  if (!isTrafficKey(k) && !isTrafficMode(k, parent)) return undefined;
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

/** VPC / network flow logs: `TrafficType: REJECT → ALL` records every flow, not only the rejected ones. */
function readFlowLog(k: string, from: unknown, to: unknown): Reading | undefined {
  if (!FLOW_LOG_KEYS.has(k)) return undefined;
  const vol = (v: unknown): number | undefined => (v === undefined ? 0 : typeof v === 'string' ? FLOW_LOG_VOLUME[norm(v)] : undefined);
  const a = vol(from);
  const b = vol(to);
  if (a === undefined || b === undefined || a === b) return undefined;
  const f = a === 0 ? ENABLE_FACTOR : b / a;
  const kind = a === 0 ? 'logging-enabled' : b === 0 ? 'logging-disabled' : b > a ? 'level-raised' : 'level-lowered';
  return { kind, direction: b > a ? 'risky' : 'safe', from: from ?? 'none', to: to ?? 'none', volumeFactor: roundFactor(f), vocabulary: 'flow-log', what: 'flow log traffic', fromAssumed: from === undefined || undefined };
}

function readAccessLog(k: string, from: unknown, to: unknown): Reading | undefined {
  if (!k.includes('accesslog')) return undefined;
  const on = (v: unknown): boolean | undefined => {
    if (v === undefined || v === null || v === false) return false;
    if (v === true) return true;
    if (typeof v === 'string') return !ACCESS_LOG_OFF.has(v.trim().toLowerCase());
    return undefined;
  };
  const a = on(from);
  const b = on(to);
  if (a === undefined || b === undefined || a === b) return undefined;
  return { kind: b ? 'logging-enabled' : 'logging-disabled', direction: b ? 'risky' : 'safe', from: a ? 'on' : 'off', to: b ? 'on' : 'off', volumeFactor: b ? ENABLE_FACTOR : 0, vocabulary: 'access-log', what: 'access log' };
}

function readDebugSwitch(key: string, k: string, from: unknown, to: unknown): Reading | undefined {
  if (!DEBUG_SWITCHES.has(k)) return undefined;
  const bool = (v: unknown): boolean | undefined => {
    if (v === undefined) return false;
    if (typeof v === 'boolean') return v;
    if (typeof v === 'string' && /^(true|false|1|0|yes|no|on|off)$/i.test(v)) return /^(true|1|yes|on)$/i.test(v);
    if (v === 0 || v === 1) return v === 1;
    return undefined;
  };
  const a = bool(from);
  const b = bool(to);
  if (a === undefined || b === undefined || a === b) return undefined;
  const f = b ? levelRatio('info', 'debug') : levelRatio('debug', 'info');
  return { kind: b ? 'level-raised' : 'level-lowered', direction: b ? 'risky' : 'safe', from: a ? 'debug' : 'info', to: b ? 'debug' : 'info', volumeFactor: f, vocabulary: 'debug-switch', what: key, fromAssumed: from === undefined || undefined };
}

/** OpenTelemetry's debug exporter: `verbosity: basic | normal | detailed` (basic when unset). */
function readExporterVerbosity(k: string, from: unknown, to: unknown): Reading | undefined {
  if (k !== 'verbosity') return undefined;
  const vol = (v: unknown): number | undefined => (v === undefined ? EXPORTER_VERBOSITY.basic : typeof v === 'string' ? EXPORTER_VERBOSITY[v.trim().toLowerCase()] : undefined);
  const a = vol(from);
  const b = vol(to);
  if (a === undefined || b === undefined || (from === undefined && to === undefined)) return undefined;
  const f = b / a;
  const d = dir(f);
  if (!d) return undefined;
  return { kind: f > 1 ? 'level-raised' : 'level-lowered', direction: d, from: from ?? 'basic', to: to ?? 'basic', volumeFactor: roundFactor(f), vocabulary: 'exporter', what: 'exporter verbosity', fromAssumed: from === undefined || undefined };
}

/** Whether a key holds a level: strongly (its name says so) or only in a logging context. */
function levelKey(k: string, above: readonly string[], opts: ClassifyOptions): { strong: boolean; logContext: boolean } {
  const logContext = hasWord(above, LOG_WORDS);
  if (opts.forced || opts.flag) return { strong: true, logContext: true };
  const parent = norm(above[above.length - 1] ?? '');
  if (k === 'v') return { strong: logContext, logContext };
  if (CONTEXT_LEVEL_KEYS.has(k)) return { strong: !NOT_LOG_QUALIFIERS.has(parent), logContext };
  if (LEVEL_KEYS.has(k) || k.includes('verbosity')) return { strong: true, logContext };
  if (k.endsWith('level')) {
    const prefix = k.slice(0, -'level'.length);
    const qualified = [...NOT_LOG_QUALIFIERS].some((q) => prefix.endsWith(q));
    return { strong: !qualified, logContext: logContext || prefix.endsWith('log') || prefix.endsWith('logging') };
  }
  return { strong: false, logContext };
}

function readLevel(k: string, above: readonly string[], from: unknown, to: unknown, opts: ClassifyOptions): Reading | undefined {
  const { strong, logContext } = levelKey(k, above, opts);
  const weak = hasWord([...above, k], LOG_WORDS);
  if (!strong && !weak) return undefined;
  const wa = levelWord(from, strong);
  const wb = levelWord(to, strong);
  if ((wa || from === undefined) && (wb || to === undefined) && (wa || wb)) {
    const r = levelReading(wa ?? 'info', wb ?? 'info', 'level', 'log level');
    if (r && from === undefined) r.fromAssumed = true;
    if (r && to === undefined) r.toAssumed = true;
    return r;
  }
  if (!strong) return undefined;
  return readNumericLevel(k, from, to, logContext || k.includes('syslog'));
}

/** Numbers are levels only on level keys in a logging context: `compression.level: 6` is not. */
function readNumericLevel(k: string, from: unknown, to: unknown, logContext: boolean): Reading | undefined {
  const na = num(from);
  const nb = num(to);
  if ((na === undefined && from !== undefined) || (nb === undefined && to !== undefined) || (na === undefined && nb === undefined)) return undefined;
  const a = na ?? 0;
  const b = nb ?? 0;
  if (a === b) return undefined;
  const integers = Number.isInteger(a) && Number.isInteger(b);
  if (KLOG_SEVERITY_KEYS.has(k)) {
    if (!integers || Math.min(a, b) < 0 || Math.max(a, b) > 3) return undefined;
    return levelReading(KLOG_SEVERITIES[a]!, KLOG_SEVERITIES[b]!, 'klog-severity', 'stderr threshold', [a, b]);
  }
  const isKlog = KLOG_KEYS.has(k) || k.includes('verbosity');
  if (!isKlog && !logContext) return undefined;
  if (!isKlog && a % 10 === 0 && b % 10 === 0 && Math.max(a, b) >= 10 && Math.max(a, b) <= 50) {
    // A side without the key has the default level, not 0 (Python's NOTSET, which logs everything).
    const word = (n: number | undefined) => (n === undefined ? 'info' : (PYTHON_LEVELS[n / 10] ?? 'info'));
    const r = levelReading(word(na), word(nb), 'python', 'log level');
    if (r && na === undefined) r.fromAssumed = true;
    if (r && nb === undefined) r.toAssumed = true;
    return r;
  }
  if (!isKlog && integers && Math.min(a, b) >= 0 && Math.max(a, b) <= 7) {
    const la = SYSLOG_LEVELS[a]!;
    const lb = SYSLOG_LEVELS[b]!;
    return levelReading(la, lb, 'syslog', 'syslog level', [`${a} (${la})`, `${b} (${lb})`]);
  }
  if (!isKlog || Math.min(a, b) < 0 || Math.max(a, b) > 20) return undefined;
  const f = KLOG_STEP_FACTOR ** (b - a);
  return { kind: b > a ? 'level-raised' : 'level-lowered', direction: b > a ? 'risky' : 'safe', from: a, to: b, volumeFactor: roundFactor(f), vocabulary: 'numeric', what: 'verbosity', fromAssumed: from === undefined || undefined };
}
