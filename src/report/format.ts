// Shared helpers of the reporters: compact values, counts, ordering. Pure; no decisions.
import { compareLevel } from '../severity.js';
import type { Finding, GateResult, RolloutEvidence, RolloutReport, RolloutScope, RolloutStageReport, Scope, Verdict, WaiverStatus } from '../model.js';

export const VALUE_WIDTH = 60;
/** Shown in place of a value that is not there (the `before` of an addition, the `after` of a removal). */
export const ABSENT = '∅';

const SIMPLE_STRING = /^[A-Za-z_/][\w.\-/:@+]*$/;
const LOOKS_TYPED = /^(?:true|false|null|yes|no|on|off|~)$/i;

/**
 * A value in one short line: JSON, cut to `width` characters with an ellipsis; a simple string
 * (an identifier, a path, a URL-ish token) unquoted. Control characters never get through.
 */
export function compactValue(value: unknown, width = VALUE_WIDTH): string {
  if (value === undefined) return ABSENT;
  if (typeof value === 'string' && SIMPLE_STRING.test(value) && !LOOKS_TYPED.test(value)) return truncate(value, width);
  return truncate(safeStringify(value), width);
}

/** `before → after`, or '' when the finding carries neither. */
export function beforeAfter(item: { before?: unknown; after?: unknown }, width = VALUE_WIDTH): string {
  if (item.before === undefined && item.after === undefined) return '';
  return `${compactValue(item.before, width)} → ${compactValue(item.after, width)}`;
}

/** Cuts to at most `width` characters (code points), ending in `…` when cut. */
export function truncate(text: string, width: number): string {
  if (text.length <= width) return text;
  const points = Array.from(text);
  if (points.length <= width) return text;
  return `${points.slice(0, Math.max(0, width - 1)).join('')}…`;
}

/** Control characters (including ESC) made visible, so that no value can drive a terminal. */
export function clean(text: string): string {
  // Bidi controls too: text quoted from a file must not reorder what the reader sees (Trojan Source).
  return text
    .replace(/\r?\n|[\t\r]/g, ' ')
    .replace(/[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * JSON-safe copy of any value: BigInt (CEL integers) as a number when exact, else a string;
 * Maps as objects, Sets as arrays, Dates as ISO strings, cycles as "[Circular]", functions and
 * symbols dropped, non-finite numbers as null.
 */
export function toJsonValue(value: unknown, seen = new Set<object>()): unknown {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      return Number.isFinite(value) ? value : null;
    case 'bigint':
      return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value.toString();
    case 'undefined':
    case 'function':
    case 'symbol':
      return undefined;
  }
  if (value === null) return null;
  const object = value as object;
  if (seen.has(object)) return '[Circular]';
  if (object instanceof Date) return Number.isNaN(object.getTime()) ? null : object.toISOString();
  seen.add(object);
  try {
    if (Array.isArray(object)) return object.map((item) => toJsonValue(item, seen) ?? null);
    if (object instanceof Set) return [...object].map((item) => toJsonValue(item, seen) ?? null);
    const entries = object instanceof Map ? [...object.entries()] : Object.entries(object);
    const out: Record<string, unknown> = {};
    for (const [key, item] of entries) {
      const json = toJsonValue(item, seen);
      if (json !== undefined) out[String(key)] = json;
    }
    return out;
  } finally {
    seen.delete(object);
  }
}

/** `JSON.stringify` that never throws (BigInt, cycles). */
export function safeStringify(value: unknown, indent?: number): string {
  return JSON.stringify(toJsonValue(value), null, indent) ?? 'null';
}

export const VERDICT_SYMBOL: Record<Verdict, string> = { pass: '✔', warn: '⚠', 'needs-rollout': '◐', block: '✖' };

/** `2 blocking, 1 needs rollout, 0 warnings[, 3 notices][, 1 waived] (3 files, 14 changes)`. */
export function countsText(result: GateResult): string {
  const { counts } = result;
  const parts = [`${counts.block} blocking`, `${counts.rollout} needs rollout`, plural(counts.warn, 'warning')];
  if (counts.notice > 0) parts.push(plural(counts.notice, 'notice'));
  if (counts.waived > 0) parts.push(`${counts.waived} waived`);
  return `${parts.join(', ')} (${plural(result.files.length, 'file')}, ${plural(changeCount(result), 'change')})`;
}

export function changeCount(result: GateResult): number {
  return result.files.reduce((sum, file) => sum + file.changes.length, 0);
}

/** `1 file`, `3 files`. */
export function plural(n: number, noun: string, many = `${noun}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? noun : many}`;
}

/** Whether and why the run fails, from `failed` and `failOn` as decided. */
export function failText(result: GateResult): string {
  if (result.failOn === 'never') return 'never fails (fail-on: never)';
  return result.failed ? `fails (fail-on: ${result.failOn})` : `does not fail (fail-on: ${result.failOn})`;
}

/** `file:line:column` (`file:line` when the column is not known), or `file` for a file-level finding (line 0). */
export function location(file: string, line: number, column?: number): string {
  if (!(line > 0)) return file;
  return column !== undefined && column > 0 ? `${file}:${line}:${column}` : `${file}:${line}`;
}

/** `42%`, `2.5%`, `<0.1%`. */
export function percent(share: number): string {
  if (share > 0 && share < 0.1) return '<0.1%';
  const rounded = Math.round(share * 10) / 10;
  return `${Number.isInteger(rounded) ? rounded.toFixed(0) : rounded.toFixed(1)}%`;
}

/** `100% of traffic, assumed`, `12% of hosts: eu-west-1, us-east-1`. */
export function scopeText(scope: Scope): string {
  const targets = scope.targets.filter((t) => t !== '*');
  const shown = targets.slice(0, 5).join(', ') + (targets.length > 5 ? ` +${targets.length - 5} more` : '');
  const basis = scope.basis === 'assumed' ? ', assumed' : '';
  return `${percent(scope.share)} of ${scope.dimension}${basis}${shown ? `: ${shown}` : ''}`;
}

/** `45m`, `2h`, `1h 30m`, `1d 12h`; `no bake` for zero. */
export function duration(minutes: number): string {
  if (!(minutes > 0)) return 'no bake';
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = Math.round(minutes % 60);
  const parts = [days ? `${days}d` : '', hours ? `${hours}h` : '', mins ? `${mins}m` : ''].filter(Boolean);
  return parts.slice(0, 2).join(' ') || '0m';
}

/** Most severe first, waived last; then by file and line (the order `decide` produces, restated). */
export function bySeverity(a: Finding, b: Finding): number {
  return (
    Number(Boolean(a.waivedBy)) - Number(Boolean(b.waivedBy)) ||
    compareLevel(a.level, b.level) ||
    compareText(a.file, b.file) ||
    a.line - b.line ||
    compareText(a.policy, b.policy)
  );
}

/** Locale-independent string order, so reports do not depend on where they are rendered. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Findings grouped by file: files in the order of `result.files`, then any other files (the
 * config file's waiver findings) by name; within a file by line, then severity.
 */
export function findingsByFile(result: GateResult): Array<{ file: string; findings: Finding[] }> {
  const order = new Map(result.files.map((f, i) => [f.path, i]));
  const groups = new Map<string, Finding[]>();
  for (const finding of result.findings) {
    const group = groups.get(finding.file);
    if (group) group.push(finding);
    else groups.set(finding.file, [finding]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (order.get(a) ?? Infinity) - (order.get(b) ?? Infinity) || compareText(a, b))
    .map(([file, findings]) => ({ file, findings: findings.sort((a, b) => a.line - b.line || bySeverity(a, b)) }));
}

const WAIVER_ORDER: Record<WaiverStatus['state'], number> = { applied: 0, expiring: 1, expired: 2, unused: 3 };

/** Waivers in report order: applied, expiring, expired, unused; then by id. */
export function sortedWaivers(result: GateResult): WaiverStatus[] {
  return [...result.waivers].sort((a, b) => WAIVER_ORDER[a.state] - WAIVER_ORDER[b.state] || compareText(a.waiver.id, b.waiver.id));
}

/** One line on a waiver's state, without its id. */
export function waiverStateText(status: WaiverStatus): string {
  const { waiver } = status;
  switch (status.state) {
    case 'applied':
      return `covers ${plural(status.matched, 'finding')}; expires ${waiver.expires}`;
    case 'expiring':
      return `covers ${plural(status.matched, 'finding')}; expires in ${plural(Math.max(0, status.daysLeft), 'day')}, on ${waiver.expires}`;
    case 'expired':
      return `expired on ${waiver.expires}; no longer applies`;
    case 'unused':
      return `matched no finding; remove it`;
  }
}

/** Skipped files: `2 files skipped (1 binary, 1 not-config)`, or '' when none. */
export function skippedText(result: GateResult): string {
  if (result.skipped.length === 0) return '';
  const reasons = new Map<string, number>();
  for (const s of result.skipped) reasons.set(s.reason, (reasons.get(s.reason) ?? 0) + 1);
  const detail = [...reasons.entries()].sort(([a], [b]) => compareText(a, b)).map(([r, n]) => `${n} ${r}`).join(', ');
  return `${plural(result.skipped.length, 'file')} skipped (${detail})`;
}

/** A stage's scope in short labels: `10%`, `eu-west-1`, `hosts: web-1`, `env: staging`, `cohort: beta`. */
export function rolloutScopeText(scope: RolloutScope): string {
  const parts: string[] = [];
  if (scope.share !== undefined) parts.push(percent(scope.share));
  if (scope.regions) parts.push(scope.regions.join(' + '));
  if (scope.hosts) parts.push(`hosts: ${scope.hosts.join(' + ')}`);
  if (scope.environments) parts.push(`env: ${scope.environments.join(' + ')}`);
  if (scope.cohort !== undefined) parts.push(`cohort: ${scope.cohort}`);
  return parts.join(', ');
}

/** `baking, 47m left` / `done since 2026-12-02T10:00:00Z` / `pending`. */
export function stageStateText(stage: RolloutStageReport): string {
  if (stage.state === 'baking') return `baking, ${duration(stage.bakeLeftMinutes ?? 0)} left`;
  return stage.since ? `${stage.state} since ${stage.since}` : stage.state;
}

/** `deployment canary: success at 2026-… (url)`. */
export function evidenceText(e: RolloutEvidence): string {
  return `${e.kind} ${e.name}: ${e.state} at ${e.at}${e.url ? ` (${e.url})` : ''}`;
}

/** The headline of a rollout: complete (and so the needs-rollout passes), or where it stands. */
export function rolloutHeadline(rollout: RolloutReport): string {
  const mode = rollout.mode === 'progressive' ? 'progressive, from the base branch history' : `deploy before merge, plan ${rollout.plan.source}`;
  return rollout.satisfied ? `staged rollout complete (${mode}): the needs-rollout is satisfied` : `staged rollout required (${mode})`;
}

/** The index of the stage to highlight: the first failed, else the first not done; -1 when all are done. */
export function currentStage(rollout: RolloutReport): number {
  const failed = rollout.stages.findIndex((s) => s.state === 'failed');
  return failed >= 0 ? failed : rollout.stages.findIndex((s) => s.state !== 'done');
}

/**
 * The facts the inventory lacks that would sharpen the verdict, from the risky signals
 * (a safe change passes whatever its reach), each once.
 */
export function missingFacts(result: GateResult, max = 5): { facts: string[]; more: number } {
  const all = [...new Set(result.signals.filter((s) => s.direction === 'risky').flatMap((s) => s.missing ?? []))];
  return { facts: all.slice(0, max), more: Math.max(0, all.length - max) };
}

/** Findings under one removed subtree, or one finding on its own (`root` undefined). */
export interface FindingCluster {
  root?: { path: string; line: number };
  findings: Finding[];
}

/**
 * A file's findings with those under one removed subtree (`pools.eu`, `routes[name=api]`) gathered
 * at the place of the first: a removal reads as one event, not as a scatter of lines. A removed
 * subtree with a single finding stays a plain finding.
 */
export function clusterByRemoval(findings: readonly Finding[], changes: readonly { kind: string; pathText: string; line: number }[]): FindingCluster[] {
  const roots = changes.filter((c) => c.kind === 'removed' && c.pathText !== '').sort((a, b) => a.pathText.length - b.pathText.length);
  const rootOf = (f: Finding) => roots.find((r) => f.path === r.pathText || f.path.startsWith(`${r.pathText}.`) || f.path.startsWith(`${r.pathText}[`));
  const counts = new Map<string, number>();
  for (const f of findings) {
    const root = rootOf(f);
    if (root) counts.set(root.pathText, (counts.get(root.pathText) ?? 0) + 1);
  }
  const out: FindingCluster[] = [];
  const open = new Map<string, FindingCluster>();
  for (const f of findings) {
    const root = rootOf(f);
    if (!root || (counts.get(root.pathText) ?? 0) < 2) {
      out.push({ findings: [f] });
      continue;
    }
    let cluster = open.get(root.pathText);
    if (!cluster) {
      cluster = { root: { path: root.pathText, line: root.line }, findings: [] };
      open.set(root.pathText, cluster);
      out.push(cluster);
    }
    cluster.findings.push(f);
  }
  return out;
}
