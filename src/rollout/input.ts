// Everything a needs-rollout is judged against, gathered from the trusted setup and the sources:
// the plan (the change's own, else the config's, else the default), the plan limits (options of
// `rollout.plan-limits`), the evidence and the base branch's history. decide does the judging.
import type { Finding, Signal } from '../model.js';
import { builtinCheckLevel, builtinCheckOptions, type ConfigFileData, type GateSetup } from '../config/index.js';
import { InputError } from '../errors.js';
import { parseDuration } from './duration.js';
import { DEFAULT_PLAN_LIMITS, parsePlan, parsePlanText, planFromStages, type PlanLimits } from './plan.js';
import { settingSteps, type BaseHistory } from './history.js';
import type { RolloutInput } from './decision.js';
import type { Evidence, Plan } from './types.js';
import { DEFAULT_STAGES } from '../decide.js';

/** Where a change carries its own plan, unless the config's `rollout.plan` says otherwise. */
export const DEFAULT_PLAN_PATH = '.configgate/rollout.yaml';

export interface RolloutSources {
  /** Reads a file of the change's head side by repository path; undefined when absent. */
  readHead?: (path: string) => Promise<string | undefined>;
  /** The evidence, or how to read it for the plan (GitHub: the plan's checks); undefined: no evidence source. */
  evidence?: Evidence[] | ((plan: Plan) => Promise<Evidence[]>);
  /** The base branch, for progressive mode (git sources only). */
  history?: BaseHistory;
  /** Report the rollout even when no finding needs one (`configgate rollout status`). */
  always?: boolean;
}

/** Gathers what decide needs to judge a rollout: the plan (from the change or the config), limits, evidence and history. */
export async function rolloutInput(setup: GateSetup, sources: RolloutSources, signals: readonly Signal[], findings: readonly Finding[]): Promise<RolloutInput> {
  const planPath = setup.data.rollout?.plan ?? DEFAULT_PLAN_PATH;
  const text = await sources.readHead?.(planPath);
  const configured = configPlan(setup.data);
  const input: RolloutInput = {
    plan: text === undefined ? configured.plan : parsePlanText(planPath, text),
    planOrigin: text === undefined ? configured.origin : 'change',
    signals,
    limits: planLimits(setup.data),
    limitsLevel: builtinCheckLevel(setup.data, 'rollout.plan-limits', 'block') as Finding['level'] | 'off',
    nextStep: { capacityStepPercent: capacityStep(setup) },
  };
  if (sources.evidence !== undefined) input.evidence = typeof sources.evidence === 'function' ? await sources.evidence(input.plan) : sources.evidence;
  if (sources.always) input.always = true;
  if (sources.history) input.steps = await settingSteps(signals, findings, sources.history, setup.inventory);
  return input;
}

/** The config's default plan (`rollout.stages`, in either stage form), else the built-in one. */
export function configPlan(data: ConfigFileData): { plan: Plan; origin: 'config' | 'default' } {
  const stages = data.rollout?.stages;
  if (!stages) return { plan: planFromStages(DEFAULT_STAGES, '(default plan)'), origin: 'default' };
  const doc = {
    stages: stages.map((s) => ({
      name: s.name,
      scope: s.scope ?? { share: s.share ?? 100 },
      bake: s.bake ?? `${s.bakeMinutes ?? 60}m`,
      ...(s.checks ? { checks: s.checks } : {}),
      ...(s.rollback ? { rollback: s.rollback } : {}),
    })),
  };
  return { plan: parsePlan(doc, '.configgate.yml (rollout.stages)'), origin: 'config' };
}

const LIMIT_KEYS: ReadonlyArray<keyof PlanLimits> = ['maxFirstShare', 'maxStepFactor', 'minBakeMinutes'];

/** `rules: { rollout.plan-limits: [block, { maxFirstShare: 1, maxStepFactor: 10, minBake: 30m }] }`. */
export function planLimits(data: ConfigFileData): PlanLimits {
  const options = builtinCheckOptions(data, 'rollout.plan-limits');
  const limits: PlanLimits = { ...DEFAULT_PLAN_LIMITS };
  for (const [key, value] of Object.entries(options)) {
    if (key === 'minBake' && typeof value === 'string' && parseDuration(value) !== undefined) limits.minBakeMinutes = parseDuration(value)!;
    else if (LIMIT_KEYS.includes(key as keyof PlanLimits) && typeof value === 'number' && value > 0) limits[key as keyof PlanLimits] = value;
    else throw new InputError(`.configgate.yml: options of "rollout.plan-limits": "${key}" must be one of ${[...LIMIT_KEYS, 'minBake'].join(', ')} with a positive number (minBake: a duration)`);
  }
  return limits;
}

/** The largest drop capacity.drop-limit allows in one change: the step a capacity cut is split into. */
function capacityStep(setup: GateSetup): number {
  const policy = setup.policies.find((p) => p.id === 'capacity.drop-limit');
  const value = policy ? setup.resolve(policy, '').options.maxDropPercent : undefined;
  return typeof value === 'number' && value > 0 ? value : 25;
}
