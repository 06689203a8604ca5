// Stage states: a plan + evidence + a clock → where the rollout stands. Pure: no I/O, `now` injected.
import { formatMinutes } from './duration.js';
import type { Evidence, Plan, PlanStage, RolloutState, StageScope, StageStatus } from './types.js';

const MINUTE = 60_000;

/**
 * Each stage's state from its own evidence, taken in time order: the latest entry decides
 * (a failure → failed, pending → pending, success → baking until the bake has passed since the
 * first success of the latest unbroken run of successes, then done). No evidence → pending.
 * A stage that names checks, with evidence from them, needs every check green: any failed → failed,
 * any missing or pending → pending, and the bake runs from the last of them to turn green.
 */
export function stageStates(plan: Plan, evidence: readonly Evidence[], now: Date): RolloutState {
  const names = new Set(plan.stages.map((s) => s.name));
  const unknownStages = [...new Set(evidence.filter((e) => !names.has(e.stage)).map((e) => e.stage))];
  const stages = plan.stages.map((stage) => stageStatus(stage, evidence, now));
  const satisfied = stages.every((s) => s.state === 'done');
  return { stages, satisfied, next: nextLine(plan, stages), unknownStages };
}

interface Timed {
  e: Evidence;
  t: number;
  order: number;
}

interface RunState {
  state: 'success' | 'failure' | 'pending';
  since?: Timed;
}

function stageStatus(stage: PlanStage, evidence: readonly Evidence[], now: Date): StageStatus {
  const own = evidence
    .filter((e) => e.stage === stage.name)
    .map((e, order) => ({ e, t: Date.parse(e.at), order }))
    .sort((a, b) => a.t - b.t || a.order - b.order);
  const status: StageStatus = { name: stage.name, scope: stage.scope, state: 'pending', evidence: own.map(({ e }) => withoutStage(e)) };
  if (own.length === 0) return status;
  const checked = stage.checks.map((c) => own.filter(({ e }) => e.kind === c.kind && e.name === c.name));
  const run = checked.some((list) => list.length > 0) ? combine(checked.map(runState)) : runState(own);
  if (run.since) status.since = run.since.e.at;
  if (run.state !== 'success') {
    status.state = run.state === 'failure' ? 'failed' : 'pending';
    return status;
  }
  const leftMs = run.since!.t + stage.bakeMinutes * MINUTE - now.getTime();
  if (leftMs > 0) {
    status.state = 'baking';
    status.bakeLeftMinutes = Math.ceil(leftMs / MINUTE);
  } else {
    status.state = 'done';
  }
  return status;
}

/** One source's entries (time order): the latest decides; a success since the first of its latest run of successes. */
function runState(entries: readonly Timed[]): RunState {
  const last = entries.at(-1);
  if (!last) return { state: 'pending' };
  if (last.e.state !== 'success') return { state: last.e.state, since: last };
  let first = entries.length - 1;
  while (first > 0 && entries[first - 1].e.state === 'success') first--;
  return { state: 'success', since: entries[first] };
}

/** Every check: a failure first, then anything not yet green, else green since the last to turn green. */
function combine(runs: readonly RunState[]): RunState {
  return (
    runs.find((r) => r.state === 'failure') ??
    runs.find((r) => r.state === 'pending') ?? { state: 'success', since: runs.reduce((a, b) => (b.since!.t > a.since!.t ? b : a)).since }
  );
}

function withoutStage(e: Evidence): StageStatus['evidence'][number] {
  const { stage: _stage, ...rest } = e;
  return rest;
}

/** `stage 2 of 4 (early, 10%): baking, 47 min left`; a failed stage first; `all 4 stages done`. */
function nextLine(plan: Plan, stages: readonly StageStatus[]): string {
  const failed = stages.findIndex((s) => s.state === 'failed');
  const index = failed >= 0 ? failed : stages.findIndex((s) => s.state !== 'done');
  if (index < 0) return `all ${stages.length} stage${stages.length === 1 ? '' : 's'} done`;
  const s = stages[index];
  const head = `stage ${index + 1} of ${stages.length} (${[s.name, ...scopeParts(s.scope)].join(', ')})`;
  return `${head}: ${stateText(s, plan.stages[index])}`;
}

function stateText(s: StageStatus, stage: PlanStage): string {
  switch (s.state) {
    case 'failed': {
      const bad = s.evidence.at(-1);
      return `failed at ${s.since}${bad?.url ? ` (${bad.url})` : ''}`;
    }
    case 'baking':
      return `baking, ${formatMinutes(s.bakeLeftMinutes ?? 0)} left`;
    case 'pending':
      return s.since ? `pending since ${s.since}` : `pending, no evidence yet (bake ${stage.bake} once it succeeds)`;
    default:
      return 'done';
  }
}

/** A scope as short labels: `10%`, `eu-west-1`, `hosts: web-1, web-2`, `env: staging`, `cohort: beta`. */
export function scopeParts(scope: StageScope): string[] {
  const parts: string[] = [];
  if (scope.share !== undefined) parts.push(`${scope.share}%`);
  if (scope.regions) parts.push(scope.regions.join(' + '));
  if (scope.hosts) parts.push(`hosts: ${scope.hosts.join(' + ')}`);
  if (scope.environments) parts.push(`env: ${scope.environments.join(' + ')}`);
  if (scope.cohort !== undefined) parts.push(`cohort: ${scope.cohort}`);
  return parts;
}
