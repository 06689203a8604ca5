// The JSON report: the machine contract. Keys and their order are stable; add, never rename.
import type { Counts, Direction, FailOn, FileStatus, Finding, GateResult, RolloutReport, Scope, SignalType, SkippedFile, Verdict, WaiverStatus } from '../model.js';
import { toJsonValue } from './format.js';
import { toolVersion } from './version.js';

export interface JsonFinding {
  policy: string;
  level: Finding['level'];
  messageId: string;
  file: string;
  path: string;
  line: number;
  message: string;
  /** `null` when the value is absent (the `before` of an addition). */
  before: unknown;
  after: unknown;
  /** 1-based column on `line`; 0 when not known (added in 0.1: additive, after every key always present before it). */
  column: number;
  waivedBy?: string;
}

export interface JsonSignal {
  type: SignalType;
  kind: string;
  direction: Direction;
  file: string;
  /** The readable path (`Signal.pathText`). */
  path: string;
  line: number;
  scope: Scope;
  summary: string;
  data: Record<string, unknown>;
  missing?: string[];
}

export interface JsonReport {
  verdict: Verdict;
  failed: boolean;
  failOn: FailOn;
  counts: Counts;
  findings: JsonFinding[];
  signals: JsonSignal[];
  files: Array<{ path: string; oldPath?: string; status: FileStatus; changes: number }>;
  skipped: SkippedFile[];
  waivers: Array<{ id: string; policy: string; state: WaiverStatus['state']; matched: number; daysLeft: number; owner: string; reason: string; expires: string }>;
  rollout?: RolloutReport;
  policyFilesChanged?: string[];
  base: string;
  head: string;
  /** The tool that wrote the report (added in 0.1: additive, after every earlier key). */
  tool: { name: 'configgate'; version: string };
}

/** The report as a plain object, in contract shape (what `renderJson` prints). */
export function toJsonReport(result: GateResult, opts: { toolVersion?: string } = {}): JsonReport {
  const report: JsonReport = {
    verdict: result.verdict,
    failed: result.failed,
    failOn: result.failOn,
    counts: { block: result.counts.block, rollout: result.counts.rollout, warn: result.counts.warn, notice: result.counts.notice, waived: result.counts.waived },
    findings: result.findings.map((f) => {
      const out: JsonFinding = {
        policy: f.policy,
        level: f.level,
        messageId: f.messageId,
        file: f.file,
        path: f.path,
        line: f.line,
        message: f.message,
        before: toJsonValue(f.before) ?? null,
        after: toJsonValue(f.after) ?? null,
        column: f.line > 0 ? (f.column ?? 0) : 0,
      };
      if (f.waivedBy !== undefined) out.waivedBy = f.waivedBy;
      return out;
    }),
    signals: result.signals.map((s) => {
      const out: JsonSignal = {
        type: s.type,
        kind: s.kind,
        direction: s.direction,
        file: s.file,
        path: s.pathText,
        line: s.line,
        scope: { dimension: s.scope.dimension, targets: [...s.scope.targets], share: s.scope.share, basis: s.scope.basis },
        summary: s.summary,
        data: (toJsonValue(s.data) ?? {}) as Record<string, unknown>,
      };
      if (s.missing !== undefined) out.missing = [...s.missing];
      return out;
    }),
    files: result.files.map((f) => ({
      path: f.path,
      ...(f.oldPath !== undefined ? { oldPath: f.oldPath } : {}),
      status: f.status,
      changes: f.changes.length,
    })),
    skipped: result.skipped.map((s) => ({ path: s.path, reason: s.reason, ...(s.detail ? { detail: s.detail } : {}) })),
    waivers: result.waivers.map((s) => ({
      id: s.waiver.id,
      policy: s.waiver.policy,
      state: s.state,
      matched: s.matched,
      daysLeft: s.daysLeft,
      owner: s.waiver.owner,
      reason: s.waiver.reason,
      expires: s.waiver.expires,
    })),
    ...(result.rollout ? { rollout: jsonRollout(result.rollout) } : {}),
    ...(result.policyFilesChanged ? { policyFilesChanged: [...result.policyFilesChanged] } : {}),
    base: result.baseLabel,
    head: result.headLabel,
    tool: { name: 'configgate', version: opts.toolVersion ?? toolVersion() },
  };
  return report;
}

/** `rollout`: `{ mode, plan, stages, satisfied, next, findings }`, copied in contract order. */
function jsonRollout(r: RolloutReport): RolloutReport {
  return {
    mode: r.mode,
    plan: { source: r.plan.source, stages: r.plan.stages.map((s) => ({ ...s, scope: { ...s.scope }, checks: s.checks.map((c) => ({ ...c })) })) },
    stages: r.stages.map((s) => ({
      name: s.name,
      scope: { ...s.scope },
      state: s.state,
      ...(s.since !== undefined ? { since: s.since } : {}),
      ...(s.bakeLeftMinutes !== undefined ? { bakeLeftMinutes: s.bakeLeftMinutes } : {}),
      evidence: s.evidence.map((e) => ({ kind: e.kind, name: e.name, state: e.state, at: e.at, ...(e.url !== undefined ? { url: e.url } : {}) })),
    })),
    satisfied: r.satisfied,
    next: r.next,
    findings: [...r.findings],
  };
}

/** The JSON contract, pretty-printed with 2 spaces and a final newline. */
export function renderJson(result: GateResult, opts: { toolVersion?: string } = {}): string {
  return `${JSON.stringify(toJsonReport(result, opts), null, 2)}\n`;
}
