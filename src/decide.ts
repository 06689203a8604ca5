import { compareLevel, VERDICT_RANK } from './severity.js';
import type { Counts, FailOn, Finding, RolloutReport, RolloutStage, Verdict, Waiver, WaiverStatus } from './model.js';
import { compilePathPattern, globMatcher } from './match.js';
import { GATE_CHECKS, gateFinding, type GateCheckId } from './evaluate/gate-checks.js';
import { decideRollout, type RolloutInput } from './rollout/decision.js';
import { DEFAULT_PLAN_LIMITS, planFromStages } from './rollout/plan.js';

const WAIVER_CHECKS = { 'waiver.expired': true, 'waiver.expiring': true, 'waiver.unused': true };

export const EXPIRING_DAYS = 14;

/** The staged rollout demanded when a config names none: canary, then wider, then all. */
export const DEFAULT_STAGES: RolloutStage[] = [
  { name: 'canary', share: 1, bakeMinutes: 60 },
  { name: 'early', share: 10, bakeMinutes: 120 },
  { name: 'half', share: 50, bakeMinutes: 240 },
  { name: 'all', share: 100, bakeMinutes: 0 },
];
const DAY = 86_400_000;

export interface Decision {
  verdict: Verdict;
  counts: Counts;
  findings: Finding[];
  waivers: WaiverStatus[];
  failed: boolean;
  rollout?: RolloutReport;
}

export interface DecideOptions {
  waivers: readonly Waiver[];
  failOn: FailOn;
  now: Date;
  /** The default plan's stages, used when no `rollout` input is given. */
  stages: readonly RolloutStage[];
  /** The level the config binds each waiver check at (`waiver.expired`…); their defaults when absent. */
  levelOf?: (check: GateCheckId) => Finding['level'] | 'off';
  /** The plan, evidence and base-branch facts a needs-rollout is judged against. */
  rollout?: RolloutInput;
  /** Where the waivers are written, for the findings about them. */
  configFile?: string;
}

/**
 * Folds findings into one verdict. Waivers are applied here, and only here; an expired waiver
 * no longer applies and is itself a finding; one expiring soon or left unused is a notice.
 */
export function decide(findings: readonly Finding[], opts: DecideOptions): Decision {
  const statuses = opts.waivers.map((waiver) => waiverStatus(waiver, opts.now));
  const matchers = opts.waivers.map(waiverMatcher);
  const out: Finding[] = findings.map((finding) => {
    const index = matchers.findIndex((m, i) => statuses[i].state !== 'expired' && m(finding));
    if (index === -1) return finding;
    statuses[index].matched++;
    return { ...finding, waivedBy: opts.waivers[index].id };
  });
  for (const status of statuses) {
    const check = waiverCheck(status);
    if (status.state !== 'expired' && status.matched === 0) status.state = 'unused';
    const level = check && (opts.levelOf ?? defaultLevel)(check);
    if (check && level !== 'off') out.push(waiverFinding(opts.configFile ?? '.configgate.yml', status, check, level!));
  }

  let rollout: RolloutReport | undefined;
  if (opts.rollout?.always || out.some((f) => f.level === 'rollout' && !f.waivedBy)) {
    const decided = decideRollout(opts.rollout ?? defaultRolloutInput(opts.stages), out, opts.now);
    out.push(...decided.findings);
    rollout = decided.report;
  }

  out.sort(bySeverity);
  const counts: Counts = { block: 0, rollout: 0, warn: 0, notice: 0, waived: 0 };
  for (const f of out) {
    if (f.waivedBy) counts.waived++;
    else counts[f.level]++;
  }
  let verdict: Verdict = counts.block > 0 ? 'block' : counts.rollout > 0 ? 'needs-rollout' : counts.warn > 0 ? 'warn' : 'pass';
  // A needs-rollout whose staged rollout is complete goes out: the report says so and shows the evidence.
  if (verdict === 'needs-rollout' && rollout?.satisfied) verdict = counts.warn > 0 ? 'warn' : 'pass';
  const decision: Decision = { verdict, counts, findings: out, waivers: statuses, failed: crosses(verdict, opts.failOn) };
  if (rollout) decision.rollout = { ...rollout, findings: out.flatMap((f, i) => (f.level === 'rollout' && !f.waivedBy ? [i] : [])) };
  return decision;
}

const THRESHOLD: Record<FailOn, number> = { warn: 1, rollout: 2, block: 3, never: Infinity };

/** Whether a verdict fails the run at this threshold: the exit code is computed from this alone. */
export function crosses(verdict: Verdict, failOn: FailOn): boolean {
  return VERDICT_RANK[verdict] >= THRESHOLD[failOn];
}

/** No rollout input (a library call): the config's stages, no evidence, no history. */
function defaultRolloutInput(stages: readonly RolloutStage[]): RolloutInput {
  return {
    plan: planFromStages(stages, '(default plan)'),
    planOrigin: 'default',
    signals: [],
    limits: DEFAULT_PLAN_LIMITS,
    limitsLevel: 'off',
    nextStep: { capacityStepPercent: 25 },
  };
}

function waiverStatus(waiver: Waiver, now: Date): WaiverStatus {
  const end = Date.parse(`${waiver.expires}T23:59:59Z`);
  const daysLeft = Math.floor((end - now.getTime()) / DAY);
  const state = end < now.getTime() ? 'expired' : daysLeft < EXPIRING_DAYS ? 'expiring' : 'applied';
  return { waiver, state, matched: 0, daysLeft };
}

function waiverMatcher(waiver: Waiver): (finding: Finding) => boolean {
  const policy = waiver.policy.includes('*') ? globMatcher(waiver.policy) : (id: string) => id === waiver.policy;
  const files = waiver.files?.length ? globMatcher(waiver.files) : () => true;
  const path = waiver.path ? pathTextMatcher(waiver.path) : () => true;
  const excluded = waiver.exclude?.length ? globMatcher(waiver.exclude) : () => false;
  // A waiver cannot waive the findings about waivers.
  return (f) => !Object.hasOwn(WAIVER_CHECKS, f.policy) && policy(f.policy) && files(f.file) && !excluded(f.file) && path(f.path);
}

/** Waivers name paths as patterns over the readable path (`routes[name=api].weight`). */
function pathTextMatcher(pattern: string): (pathText: string) => boolean {
  const test = compilePathPattern(pattern);
  return (text) => text === pattern || test(splitPathText(text));
}

/** `a["b]c"].d` → `a`, `b]c`, `d`: a quoted key (as pathToText writes one) is read whole, escapes and all. */
function splitPathText(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/([^.[\]]+)|\[("(?:[^"\\]|\\.)*"|[^\]]*)\]/g)) {
    if (m[1] !== undefined) out.push(m[1]);
    else out.push(m[2].startsWith('"') && m[2].length > 1 ? unquote(m[2]) : m[2]);
  }
  return out;
}

function unquote(quoted: string): string {
  try {
    return JSON.parse(quoted) as string;
  } catch {
    return quoted.slice(1, -1);
  }
}

/** Which waiver check a waiver's state raises, if any: expired, else unused, else expiring. */
function waiverCheck(status: WaiverStatus): GateCheckId | undefined {
  if (status.state === 'expired') return 'waiver.expired';
  if (status.matched === 0) return 'waiver.unused';
  return status.state === 'expiring' ? 'waiver.expiring' : undefined;
}

function defaultLevel(check: GateCheckId): Finding['level'] | 'off' {
  return GATE_CHECKS[check].meta.defaultLevel;
}

function waiverFinding(file: string, status: WaiverStatus, check: GateCheckId, level: Finding['level']): Finding {
  const { waiver } = status;
  const data = { id: waiver.id, policy: waiver.policy, owner: waiver.owner, expires: waiver.expires, days: status.daysLeft };
  return gateFinding(check, level, { file, path: `waivers[${waiver.id}]`, line: 0 }, data);
}

/** Most severe first, waived last; then by file and line. */
function bySeverity(a: Finding, b: Finding): number {
  return (
    Number(Boolean(a.waivedBy)) - Number(Boolean(b.waivedBy)) ||
    compareLevel(a.level, b.level) ||
    a.file.localeCompare(b.file) ||
    a.line - b.line ||
    a.policy.localeCompare(b.policy)
  );
}
