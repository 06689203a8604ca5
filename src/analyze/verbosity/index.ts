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
import type { Change, FileDiff, JsonPath, Signal } from '../../model.js';
import type { AnalyzeContext, Analyzer } from '../types.js';
import { defineBuiltinAnalyzer } from '../types.js';
import { forcedAnalyzer, getAt, isObject, lastKey } from '../kit/paths.js';
import { describeScope, scopeWithHints } from '../kit/scope.js';
import { describeNewComponent, liveNewFileHint, newComponent, newComponentScope } from '../kit/placement.js';
import { classify, isLevelFlag, norm, type Reading } from './classify.js';
import { liftedReading } from './lifted.js';
import type { LiftedSetting } from '../kit/lifted.js';
import { ALERT_RULE_FIELDS, ALERT_SEVERITY_KEYS, ARG_LISTS, ENV_LISTS, EXPIRY_FIELDS, NAMED_LOGGER_PARENTS, OPTION_STRING_KEYS, ROOT_LOGGER_NAMES, VERBOSITY_FLAGS } from './vocabulary.js';
import { entriesOf } from '../kit/entries.js';

export { classify, isLevelFlag, seconds, type Reading } from './classify.js';
export { ENABLE_FACTOR, KLOG_STEP_FACTOR, LEVEL_ALIASES, LEVEL_VOLUME, SYSLOG_LEVELS, TRAFFIC_VOLUME } from './vocabulary.js';

function factorText(f: number): string {
  if (f >= 10) return `×${Math.round(f).toLocaleString('en-US')}`;
  if (f >= 1) return `×${Math.round(f * 10) / 10}`;
  return `×${Number(f.toPrecision(2))}`;
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
    let m = /^(--?[A-Za-z][\w.-]*)=(.*)$/.exec(item);
    if (m) {
      out.set(m[1]!, m[2]!);
      continue;
    }
    m = /^(--?[A-Za-z][\w.-]*)$/.exec(item);
    if (m && VERBOSITY_FLAGS.has(norm(m[1]!)) && i + 1 < items.length && !items[i + 1]!.startsWith('-')) {
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
    for (const f of EXPIRY_FIELDS) {
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
  /**
   * The object holding the leaf, when it came from an added or removed subtree: the path of a
   * removed change mixes after-side and before-side indices, so it cannot be looked up again.
   */
  holder?: Record<string, unknown>;
}

/** Scalar leaves of an added or removed subtree, with the other side undefined. */
function leaves(path: JsonPath, value: unknown, side: 'from' | 'to', out: Leaf[], depth = 0, holder?: Record<string, unknown>): void {
  if (depth > 12) return;
  if (isObject(value)) {
    for (const [k, v] of entriesOf(value)) leaves([...path, k], v, side, out, depth + 1, value);
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => leaves([...path, i], v, side, out, depth + 1));
  } else {
    out.push({ key: lastKey(path), path, from: side === 'from' ? value : undefined, to: side === 'to' ? value : undefined, holder });
  }
}

function docs(f: FileDiff, c: Change): { before: unknown; after: unknown } {
  return { before: f.before?.documents[c.beforeLine !== undefined || c.kind === 'removed' ? c.document : c.document], after: f.after?.documents[c.document] };
}

function holderOf(doc: unknown, path: JsonPath): Record<string, unknown> | undefined {
  const h = getAt(doc, path.slice(0, -1));
  return isObject(h) ? h : undefined;
}

/**
 * The level flags inside a string of options (`JAVA_OPTS: "-Xmx1g -Dlogging.level.root=DEBUG"`),
 * each compared before → after; nothing for other keys.
 */
function optionReadings(key: string, context: readonly string[], from: unknown, to: unknown): Array<{ name: string; reading: Reading }> {
  if (!OPTION_STRING_KEYS.has(norm(key)) || (typeof from !== 'string' && typeof to !== 'string')) return [];
  const fb = parseArgList(typeof from === 'string' ? from : '');
  const fa = parseArgList(typeof to === 'string' ? to : '');
  const out: Array<{ name: string; reading: Reading }> = [];
  for (const name of new Set([...fb.keys(), ...fa.keys()])) {
    if (!name.startsWith('-') || !isLevelFlag(name)) continue;
    const bare = name.replace(/^--?/, '');
    const r = classify(bare, [...context, bare], fb.get(name), fa.get(name), { flag: true });
    if (r) out.push({ name, reading: r });
  }
  return out;
}

/** A `severity` (or `level`) that belongs to an alerting or recording rule: the alert's, not a log level. */
function onAlertRule(leaf: Leaf, before: unknown, after: unknown): boolean {
  if (!ALERT_SEVERITY_KEYS.has(norm(leaf.key))) return false;
  const parent = leaf.path.slice(0, -1);
  const holders = leaf.holder ? [leaf.holder] : [getAt(after, parent), getAt(before, parent)];
  return holders.some((o) => isObject(o) && Object.keys(o).some((k) => ALERT_RULE_FIELDS.has(norm(k))));
}

/** The named logger (not the root) a level at `path` is set for, if it is one. */
function namedLogger(path: JsonPath): string | undefined {
  const keys = path.map((s) => (typeof s === 'string' ? norm(s) : ''));
  for (const parents of NAMED_LOGGER_PARENTS) {
    for (let i = 0; i + parents.length < keys.length; i++) {
      if (!parents.every((p, k) => keys[i + k] === p)) continue;
      const name = keys[i + parents.length]!;
      if (!ROOT_LOGGER_NAMES.has(name)) return String(path[i + parents.length]);
    }
  }
  return undefined;
}

/**
 * A new file or document is judged for raises at global scope (issue 10): a level for one named
 * logger of it raises nothing that ran before (a new service's `logging.level.<its package>`).
 */
function newNamedLogger(f: FileDiff, c: Change, path: JsonPath): boolean {
  return c.kind === 'added' && (f.before === undefined || c.path.length === 0) && namedLogger(path) !== undefined;
}

/** Verbosity signals of a change set. */
export const analyzeVerbosity: Analyzer = (files, ctx: AnalyzeContext) => {
  const out: Signal[] = [];
  for (const f of files) {
    // A deleted file says nothing more; a new file (or a new document) is new configuration,
    // read as its leaves added to nothing, so `logLevel: debug` in a new file is judged too.
    if (!f.after) continue;
    const seen = new Set<string>();
    // A new component's file raises nothing that runs today: its reach is no traffic (kit/placement.ts).
    const fresh = newComponent(f, ctx);
    const liveHint = fresh ? undefined : liveNewFileHint(f, ctx);
    for (const c of f.changes) {
      const { before, after } = docs(f, c);
      const emit = (r: Reading, path: JsonPath, key: string, group: Change[], lifted?: LiftedSetting): void => {
        const scopeDoc = c.kind === 'removed' ? before : after;
        const { scope, missing } = fresh ? { scope: newComponentScope(fresh), missing: [] } : scopeWithHints(f.path, path, scopeDoc, ctx.inventory);
        const expires = expiresNear(scopeDoc, path);
        const data: Record<string, unknown> = { from: r.from, to: r.to, volumeFactor: r.volumeFactor, key, vocabulary: r.vocabulary };
        if (r.fromAssumed) data.fromAssumed = true;
        if (r.toAssumed) data.toAssumed = true;
        if (expires !== undefined) data.expires = expires;
        if (fresh) data.newComponent = { ...fresh };
        if (lifted) data.lifted = { template: lifted.template, line: lifted.line, literal: lifted.literal };
        const fmt = (v: unknown) => (r.vocabulary === 'numeric' ? `-v=${String(v)}` : String(v));
        const noun = r.vocabulary === 'sampling' ? 'trace volume' : r.vocabulary === 'interval' ? 'sample volume' : 'log volume';
        const where = `${fresh ? describeNewComponent(fresh) : describeScope(scope)}${lifted ? `, hard-coded until now in ${lifted.template}` : ''}`;
        const summary = `${r.what} ${fmt(r.from)} → ${fmt(r.to)} ${where}, ${noun} about ${factorText(r.volumeFactor)}${expires ? `, expires ${expires}` : ''}`;
        const signal: Signal = {
          type: 'verbosity', kind: r.kind, direction: r.direction, file: f.path, document: c.document, path,
          pathText: c.pathText, line: c.line, changes: group, scope, summary, data,
        };
        const facts = liveHint ? [liveHint, ...missing] : missing;
        if (r.direction === 'risky' && facts.length > 0) signal.missing = facts;
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
            if (isFlag && !isLevelFlag(bare)) continue;
            const forced = forcedAnalyzer(ctx.options, f.path, listPath, 'verbosity');
            const r = classify(isFlag ? bare : name, [...listPath.map(String), bare], fb.get(name), fa.get(name), { forced, flag: isFlag });
            if (r) emit(r, listPath, name, group);
          }
          continue;
        }
      }

      // 2. env entries { name: LOG_LEVEL, value: debug }
      const envAt = c.path.findIndex((s, i) => typeof s === 'string' && ENV_LISTS.has(norm(s)) && typeof c.path[i + 1] === 'number');
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
          const context = [...c.path.slice(0, envAt + 1).map(String), name];
          for (const o of optionReadings(name, context, vb, va)) emit(o.reading, entryPath, o.name, [c]);
          const r = classify(name, context, vb, va, { forced: forcedAnalyzer(ctx.options, f.path, entryPath, 'verbosity') });
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
        leaves(c.path, c.after, 'to', found);
      } else if (c.kind === 'removed') {
        if (c.path.length === 0) continue;
        leaves(c.path, c.before, 'from', found);
      }
      for (const leaf of found) {
        // A list item is a value among others (`exporters: [otlp, debug]`), not a setting.
        if (leaf.key === '' || typeof leaf.path[leaf.path.length - 1] === 'number') continue;
        const id = `${c.document}:${JSON.stringify(leaf.path)}`;
        if (seen.has(id)) continue;
        seen.add(id);
        if (onAlertRule(leaf, before, after) || newNamedLogger(f, c, leaf.path)) continue;
        const context = [f.path, ...leaf.path.filter((s): s is string => typeof s === 'string')];
        for (const o of optionReadings(leaf.key, context, leaf.from, leaf.to)) emit(o.reading, leaf.path, o.name, [c]);
        const holder = leaf.holder ?? holderOf(c.kind === 'removed' ? before : after, leaf.path);
        const opts = { forced: forcedAnalyzer(ctx.options, f.path, leaf.path, 'verbosity'), holder };
        // A key the change lifts out of a template of the chart is judged from the literal it replaces.
        const lifted = c.kind === 'added' ? liftedReading(f.path, leaf, context, opts, ctx.templates) : undefined;
        const r = lifted ? lifted.reading : classify(leaf.key, context, leaf.from, leaf.to, opts);
        if (r) emit(r, leaf.path, leaf.key, [c], lifted?.lifted);
      }
    }
  }
  return out;
};

export default defineBuiltinAnalyzer({
  name: 'verbosity',
  doc: 'Log levels, debug switches, access and traffic logging, trace sampling, telemetry intervals.',
  signals: ['verbosity'],
  analyze: analyzeVerbosity,
});
