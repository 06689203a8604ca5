// The rollout part of the decide step: from the plan, the evidence, the base branch's facts and the
// clock to the `rollout` report and the findings it raises. Pure: every input is data.
import type { Finding, RolloutReport, Signal } from '../model.js';
import { checkPlanLimits, type PlanLimits } from './plan.js';
import { stageStates } from './state.js';
import { judgeStep, stepLine, stepStages, type SettingStep, type StepJudgement } from './progressive.js';
import { specificStep, type NextStepOptions } from './next-step.js';
import type { Evidence, Plan } from './types.js';

/** What a needs-rollout is judged against: the plan, its limits, the evidence and the base branch's history. */
export interface RolloutInput {
  plan: Plan;
  /** Where the plan came from: the change under review, the config's `rollout:`, or the built-in default. */
  planOrigin: 'change' | 'config' | 'default';
  /** The evidence read; undefined when no evidence source was given. */
  evidence?: Evidence[];
  /** Progressive facts: the settings the change widens, read from the base branch's history. */
  steps?: SettingStep[];
  signals: readonly Signal[];
  limits: PlanLimits;
  /** Level of the finding raised for each plan limit broken; `off` checks none. */
  limitsLevel: Finding['level'] | 'off';
  nextStep: NextStepOptions;
  /** Report the rollout even when no finding needs one (`configgate rollout status`). */
  always?: boolean;
}

export interface RolloutDecision {
  report: RolloutReport;
  /** Findings the rollout raises: plan limits broken, a failed health check, evidence for unknown stages. */
  findings: Finding[];
}

const OK = new Set(['allowed', 'rollback']);

/** The rollout report for the unwaived rollout-level findings among `findings` (indices `needing`). */
export function decideRollout(input: RolloutInput, findings: readonly Finding[], now: Date): RolloutDecision {
  const needing = findings.flatMap((f, i) => (f.level === 'rollout' && !f.waivedBy ? [i] : []));
  const extra = input.planOrigin === 'change' ? limitFindings(input) : [];
  const progressive = progressiveSteps(input, findings, needing, now);
  const mode = progressive.recognised || (input.evidence === undefined && input.planOrigin !== 'change') ? 'progressive' : 'deploy';
  const plan = { source: input.plan.source, stages: input.plan.stages.map((s) => ({ ...s, checks: [...s.checks] })) };
  if (mode === 'deploy') {
    const state = stageStates(input.plan, input.evidence ?? [], now);
    extra.push(...deployFindings(input, state.stages), ...unknownStageFindings(input, state.unknownStages));
    return { report: { mode, plan, stages: state.stages, satisfied: state.satisfied, next: state.next, findings: needing }, findings: extra };
  }
  const judged = progressive.judged;
  const held = judged.filter((j) => !OK.has(j.outcome));
  const shown = held[0] ?? judged[0];
  const specific = (signal?: number) => (stage: Plan['stages'][number]) =>
    specificStep(signal === undefined ? undefined : input.signals[signal], stage, input.nextStep, input.plan.stages.indexOf(stage) === 0);
  const lines = judged.map((j) => stepLine(j, input.plan, specific(j.step.signal)));
  const unmatched = progressive.unmatched.map((i) => {
    const f = findings[i];
    return `${f.file}:${f.line} ${f.policy}: first ${specific(f.signal)(input.plan.stages[0])}, bake ${input.plan.stages[0].bake}`;
  });
  const satisfied = needing.length > 0 && held.length === 0 && unmatched.length === 0;
  const holding = [...held.map((j) => lines[judged.indexOf(j)]), ...unmatched];
  const next = satisfied ? lines.join('; ') : holding.slice(0, 3).join('; ') + (holding.length > 3 ? ` (+${holding.length - 3} more)` : '');
  for (const j of judged) if (j.outcome === 'health-failed') extra.push(healthFinding(input, j.fromIndex, j.failed!, lines[judged.indexOf(j)]));
  const stages = shown ? stepStages(shown, input.plan, input.evidence ?? []) : stageStates(input.plan, [], now).stages;
  return { report: { mode, plan, stages, satisfied, next: next || stageStates(input.plan, [], now).next, findings: needing }, findings: extra };
}

function progressiveSteps(input: RolloutInput, findings: readonly Finding[], needing: number[], now: Date) {
  const bySignal = new Map((input.steps ?? []).map((s) => [s.signal, s]));
  const judged: StepJudgement[] = [];
  const unmatched: number[] = [];
  const seen = new Set<number>();
  for (const i of needing) {
    const signal = findings[i].signal;
    const step = signal === undefined ? undefined : bySignal.get(signal);
    if (!step) unmatched.push(i);
    else if (!seen.has(step.signal)) {
      seen.add(step.signal);
      judged.push(judgeStep(step, input.plan, input.evidence ?? [], now));
    }
  }
  return { judged, unmatched, recognised: judged.some((j) => j.step.landed !== undefined || j.step.rollback) };
}

function limitFindings(input: RolloutInput): Finding[] {
  if (input.limitsLevel === 'off') return [];
  return checkPlanLimits(input.plan, input.limits).map((fact) => ({
    policy: 'rollout.plan-limits',
    level: input.limitsLevel as Finding['level'],
    messageId: fact.id,
    file: input.plan.source,
    path: `stages[name=${fact.stage}]`,
    line: fact.line ?? 0,
    message: fact.message,
    before: fact.limit,
    after: fact.actual,
  }));
}

function deployFindings(input: RolloutInput, stages: RolloutReport['stages']): Finding[] {
  return stages.flatMap((s, i) => {
    if (s.state !== 'failed') return [];
    const bad = s.evidence.at(-1)!;
    const line = `stage ${i + 1} of ${stages.length} (${s.name}): ${bad.kind} ${bad.name} failed at ${bad.at}${bad.url ? ` (${bad.url})` : ''}`;
    return [healthFinding(input, i, { ...bad, stage: s.name }, line)];
  });
}

function healthFinding(input: RolloutInput, index: number, failed: Evidence, message: string): Finding {
  const stage = input.plan.stages[index];
  return {
    policy: 'rollout.health-failed',
    level: 'block',
    messageId: 'health-failed',
    file: input.plan.source,
    path: `stages[name=${stage.name}]`,
    line: stage.line ?? 0,
    message: `${message}; roll the stage back (${stage.rollback ?? 'undo the change'}) before widening`,
    after: failed.state,
  };
}

function unknownStageFindings(input: RolloutInput, names: readonly string[]): Finding[] {
  return names.map((name) => ({
    policy: 'rollout.unknown-stage',
    level: 'notice',
    messageId: 'unknown-stage',
    file: input.plan.source,
    path: '',
    line: 0,
    message: `evidence names stage "${name}", which the plan does not have (stages: ${input.plan.stages.map((s) => s.name).join(', ')})`,
  }));
}

export type { SettingStep };
