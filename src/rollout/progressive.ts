// Progressive (GitOps) mode, the pure half: a widening of one setting, read from the base branch's
// history by history.ts, judged against the plan, the evidence and the clock.
import { formatMinutes } from './duration.js';
import type { Evidence, Plan, PlanStage, StageStatus } from './types.js';
import { environmentRank, PRODUCTION_RANK } from './vocabulary.js';
import { scopeParts } from './state.js';

const MINUTE = 60_000;

/** One end of a widening: how far the setting reaches. */
export interface StepPoint {
  /** Percent reached; 0 when the setting is not on the base branch at all. */
  share: number;
  /** Readable: `1%`, `canary (svc/app.canary.yaml)`, `everyone`. */
  label: string;
  /** The environment / ring the copy is scoped to, where its path names one (staging, canary…). */
  environment?: string;
}

/** A setting widened by the change, with the base branch's facts about its current stage. */
export interface SettingStep {
  /** Index of the finding's signal in `signals`. */
  signal: number;
  /** Readable name of the setting: `flag search`, `logLevel`. */
  setting: string;
  from: StepPoint;
  to: StepPoint;
  /** The first-parent commit of the base at which the current (narrower) stage landed. */
  landed?: { sha: string; at: string; file: string };
  /** The change narrows the setting or restores a value the base branch had before: always allowed. */
  rollback: boolean;
}

export type StepOutcome = 'allowed' | 'rollback' | 'no-earlier-stage' | 'skips' | 'baking' | 'health-pending' | 'health-failed';

export interface StepJudgement {
  step: SettingStep;
  outcome: StepOutcome;
  /** Plan index of the base's current stage (-1: none) and of the change's. */
  fromIndex: number;
  toIndex: number;
  /** Minutes until the current stage's bake ends (0 when done). */
  bakeLeftMinutes: number;
  /** For health-failed: the evidence that failed. */
  failed?: Evidence;
}

/** The plan stage a scope belongs to: one listing its environment, else the first wide enough. */
export function stageIndexOf(plan: Plan, point: StepPoint): number {
  if (point.environment) {
    const named = plan.stages.findIndex((s) => s.scope.environments?.some((e) => e.toLowerCase() === point.environment!.toLowerCase()));
    if (named >= 0) return named;
    const rank = environmentRank(point.environment);
    if (rank !== undefined && rank < PRODUCTION_RANK) return 0;
  }
  if (point.share <= 0) return -1;
  const index = plan.stages.findIndex((s) => s.scope.share !== undefined && s.scope.share + 1e-9 >= point.share);
  return index >= 0 ? index : plan.stages.length - 1;
}

/** Whether widening `step` is allowed now, and if not, why. */
export function judgeStep(step: SettingStep, plan: Plan, evidence: readonly Evidence[], now: Date): StepJudgement {
  const fromIndex = step.landed ? stageIndexOf(plan, step.from) : -1;
  const toIndex = stageIndexOf(plan, step.to);
  const base = { step, fromIndex, toIndex, bakeLeftMinutes: 0 };
  if (step.rollback) return { ...base, outcome: 'rollback' };
  if (fromIndex < 0) return { ...base, outcome: toIndex <= 0 ? 'allowed' : 'no-earlier-stage' };
  if (toIndex <= fromIndex) return { ...base, outcome: 'allowed' };
  const stage = plan.stages[fromIndex];
  const leftMs = Date.parse(step.landed!.at) + stage.bakeMinutes * MINUTE - now.getTime();
  const bakeLeftMinutes = leftMs > 0 ? Math.ceil(leftMs / MINUTE) : 0;
  const health = stageHealth(stage, evidence);
  if (health.state === 'failure') return { ...base, bakeLeftMinutes, outcome: 'health-failed', failed: health.entry };
  if (toIndex > fromIndex + 1) return { ...base, bakeLeftMinutes, outcome: 'skips' };
  if (bakeLeftMinutes > 0) return { ...base, bakeLeftMinutes, outcome: 'baking' };
  if (health.state === 'missing') return { ...base, outcome: 'health-pending' };
  return { ...base, outcome: 'allowed' };
}

/** A stage's required health checks: the latest evidence of each decides; none required → ok. */
function stageHealth(stage: PlanStage, evidence: readonly Evidence[]): { state: 'ok' | 'missing' | 'failure'; entry?: Evidence } {
  if (stage.checks.length === 0) return { state: 'ok' };
  let missing = false;
  for (const check of stage.checks) {
    const own = evidence
      .filter((e) => e.stage === stage.name && (e.kind === 'file' || (e.kind === check.kind && e.name === check.name)))
      .sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
    const last = own.at(-1);
    if (last?.state === 'failure') return { state: 'failure', entry: last };
    if (last?.state !== 'success') missing = true;
  }
  return { state: missing ? 'missing' : 'ok' };
}

/** The stages of the plan as this step sees them: narrower ones done, the current one baking or done, wider ones pending. */
export function stepStages(j: StepJudgement, plan: Plan, evidence: readonly Evidence[]): StageStatus[] {
  return plan.stages.map((stage, i): StageStatus => {
    const status: StageStatus = { name: stage.name, scope: stage.scope, state: 'pending', evidence: [] };
    const own = evidence.filter((e) => e.stage === stage.name).map(({ stage: _s, ...rest }) => rest);
    if (i < j.fromIndex) status.state = 'done';
    if (i === j.fromIndex && j.step.landed) {
      const { sha, at, file } = j.step.landed;
      status.since = at;
      status.evidence.push({ kind: 'commit', name: `${sha.slice(0, 7)} ${file}`, state: 'success', at });
      status.state = j.outcome === 'health-failed' ? 'failed' : j.bakeLeftMinutes > 0 ? 'baking' : 'done';
      if (j.bakeLeftMinutes > 0) status.bakeLeftMinutes = j.bakeLeftMinutes;
    }
    status.evidence.push(...own);
    return status;
  });
}

/** One line on a judged step; `specific` is the change-specific clause for the stage to go to. */
export function stepLine(j: StepJudgement, plan: Plan, specific: (stage: PlanStage) => string): string {
  const { step } = j;
  const n = plan.stages.length;
  const head = `${step.setting}: ${step.from.share > 0 && step.landed ? `${step.from.label} → ` : ''}${step.to.label}`;
  const current = plan.stages[j.fromIndex];
  const next = plan.stages[j.fromIndex + 1];
  const landed = step.landed ? `${step.landed.sha.slice(0, 7)} (${step.landed.at})` : '';
  const stageOf = (i: number) => `stage ${i + 1} of ${n} (${[plan.stages[i].name, ...scopeParts(plan.stages[i].scope)].join(', ')})`;
  switch (j.outcome) {
    case 'rollback':
      return `${head}: a narrowing (rollback), always allowed`;
    case 'allowed':
      return j.fromIndex < 0
        ? `${head}: within the first stage (${plan.stages[0].name})`
        : `${head}: widens one stage, to ${plan.stages[j.toIndex].name}; ${current.name} landed at ${landed} and baked ${current.bake}`;
    case 'no-earlier-stage':
      return `${head} in one change, with no earlier stage on the base branch; first ${specific(plan.stages[0])}, bake ${plan.stages[0].bake}`;
    case 'skips': {
      const skipped = plan.stages.slice(j.fromIndex + 1, j.toIndex).map((s) => s.name).join(', ');
      const when = j.bakeLeftMinutes > 0 ? `in ${formatMinutes(j.bakeLeftMinutes)}` : 'now';
      return `${head} skips stage${j.toIndex - j.fromIndex > 2 ? 's' : ''} ${skipped}; next allowed: stage ${j.fromIndex + 2} of ${n} (${next.name}) ${when} — ${specific(next)}`;
    }
    case 'baking':
      return `${stageOf(j.fromIndex)}: baking, ${formatMinutes(j.bakeLeftMinutes)} left (landed at ${landed}); then ${specific(next)}`;
    case 'health-pending':
      return `${stageOf(j.fromIndex)}: baked, but its health check${current.checks.length > 1 ? 's' : ''} ${current.checks.map((c) => `${c.kind} ${c.name}`).join(', ')} ${current.checks.length > 1 ? 'are' : 'is'} not green yet`;
    case 'health-failed':
      return `${stageOf(j.fromIndex)}: health check ${j.failed!.kind} ${j.failed!.name} failed at ${j.failed!.at}${j.failed!.url ? ` (${j.failed!.url})` : ''}`;
  }
}
