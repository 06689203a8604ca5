// Rollout plans: parsed with the project's loader, validated against schemas/rollout.schema.json,
// durations parsed; and the limits a plan must keep, reported as facts naming the stage.
import type { ConfigFile, RolloutStage } from '../model.js';
import { inputError } from '../errors.js';
import { parseConfigFile, type LoadLimits } from '../load/index.js';
import { firstError, schemaValidator } from '../ajv.js';
import { pointerToPath } from '../json-pointer.js';
import { parseDuration } from './duration.js';
import type { Plan, PlanStage, StageScope } from './types.js';

interface StageData {
  name: string;
  scope: StageScope;
  bake: string;
  checks?: PlanStage['checks'];
  rollback?: string;
}

/** A plan from a file's text (YAML or JSON, by its name). Bad input → InputError `file[:line]: problem`. */
export function parsePlanText(path: string, text: string, limits?: Partial<LoadLimits>): Plan {
  const file = parseConfigFile({ path, text, bytes: Buffer.byteLength(text) }, limits);
  if (file.documents.length !== 1) throw inputError(path, `a rollout plan is one document, found ${file.documents.length}`);
  return parsePlan(file.documents[0], path, file);
}

/** A plan from its parsed document; `file` (when given) supplies the lines of stages. */
export function parsePlan(doc: unknown, source: string, file?: ConfigFile): Plan {
  const validate = schemaValidator('rollout.schema.json');
  if (!validate(doc)) {
    const pointer = validate.errors?.[0]?.instancePath ?? '';
    throw inputError(source, `invalid rollout plan: ${firstError(validate)}`, lineOf(file, pointer));
  }
  const data = doc as { stages: StageData[] };
  const seen = new Set<string>();
  const stages = data.stages.map((s, i): PlanStage => {
    const line = lineOf(file, `/stages/${i}`);
    if (seen.has(s.name)) throw inputError(source, `stage "${s.name}" is named twice`, line);
    seen.add(s.name);
    const bakeMinutes = parseDuration(s.bake);
    if (bakeMinutes === undefined) throw inputError(source, `stage "${s.name}": bake "${s.bake}" is not a duration (30m, 2h, 1d)`, line);
    const stage: PlanStage = { name: s.name, scope: s.scope, bake: s.bake, bakeMinutes, checks: s.checks ?? [] };
    if (s.rollback !== undefined) stage.rollback = s.rollback;
    if (line !== undefined) stage.line = line;
    return stage;
  });
  return { source, stages };
}

/** A plan from the config's `rollout.stages` (`{ name, share, bakeMinutes }`): share-only scopes, no checks. */
export function planFromStages(stages: readonly RolloutStage[], source: string): Plan {
  return {
    source,
    stages: stages.map((s) => ({ name: s.name, scope: { share: s.share }, bake: `${s.bakeMinutes}m`, bakeMinutes: s.bakeMinutes, checks: [] })),
  };
}

function lineOf(file: ConfigFile | undefined, pointer: string): number | undefined {
  return file?.locate(0, pointerToPath(pointer)).line;
}

// ── limits ──────────────────────────────────────────────────────────────────

export interface PlanLimits {
  /** Largest share of the first stage, percent. */
  maxFirstShare: number;
  /** Largest ratio of a stage's share to the share of the stage before it. */
  maxStepFactor: number;
  /** Shortest bake of any stage but the last, minutes. */
  minBakeMinutes: number;
}

/** The plan limits when the config sets none: first stage ≤ 1%, each stage ≤ ×10 the one before, bake ≥ 30 minutes. */
export const DEFAULT_PLAN_LIMITS: Readonly<PlanLimits> = Object.freeze({ maxFirstShare: 1, maxStepFactor: 10, minBakeMinutes: 30 });

export type PlanLimitId = 'first-stage-too-wide' | 'step-too-large' | 'bake-too-short' | 'last-stage-not-last';

/** One limit a plan breaks: which, at which stage, the value found and the limit. */
export interface PlanLimitFact {
  id: PlanLimitId;
  stage: string;
  /** 0-based index of the stage in the plan. */
  index: number;
  line?: number;
  actual: number;
  limit: number;
  message: string;
}

/**
 * The limits `plan` breaks, in stage order. Shares are compared only where both stages have one;
 * the last stage's bake is not bounded (nothing follows it); everyone (100%) comes only last.
 */
export function checkPlanLimits(plan: Plan, limits: PlanLimits = DEFAULT_PLAN_LIMITS): PlanLimitFact[] {
  const facts: PlanLimitFact[] = [];
  const add = (id: PlanLimitId, index: number, actual: number, limit: number, message: string): void => {
    const stage = plan.stages[index];
    const fact: PlanLimitFact = { id, stage: stage.name, index, actual, limit, message: `stage ${index + 1} "${stage.name}": ${message}` };
    if (stage.line !== undefined) fact.line = stage.line;
    facts.push(fact);
  };
  plan.stages.forEach((stage, i) => {
    const share = stage.scope.share;
    if (i === 0 && share !== undefined && share > limits.maxFirstShare) {
      add('first-stage-too-wide', i, share, limits.maxFirstShare, `reaches ${share}%, the first stage may reach at most ${limits.maxFirstShare}%`);
    }
    const before = i > 0 ? plan.stages[i - 1].scope.share : undefined;
    if (share !== undefined && before !== undefined && share > before * limits.maxStepFactor) {
      const factor = +(share / before).toFixed(2);
      add('step-too-large', i, factor, limits.maxStepFactor, `widens ${before}% → ${share}% (×${factor}), at most ×${limits.maxStepFactor} a stage`);
    }
    const last = plan.stages.length - 1;
    if (i < last && share !== undefined && share >= 100) {
      add('last-stage-not-last', i, i + 1, last + 1, `reaches ${share}% before the last stage ("${plan.stages[last].name}")`);
    }
    if (i < plan.stages.length - 1 && stage.bakeMinutes < limits.minBakeMinutes) {
      add('bake-too-short', i, stage.bakeMinutes, limits.minBakeMinutes, `bakes ${stage.bake}, at least ${limits.minBakeMinutes} min before the next stage`);
    }
  });
  return facts;
}
