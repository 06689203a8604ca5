// src/rollout: staged-rollout plans, evidence, stage states, and the two modes (deploy before merge,
// progressive). decide.ts calls decideRollout; run.ts gathers its input (rolloutInput).
export * from './types.js';
export { parseDuration, formatMinutes, DURATION_UNITS } from './duration.js';
export { parsePlan, parsePlanText, planFromStages, checkPlanLimits, DEFAULT_PLAN_LIMITS, type PlanLimits, type PlanLimitFact, type PlanLimitId } from './plan.js';
export { parseEvidence, parseEvidenceText, readEvidenceFile } from './evidence.js';
export { stageStates, scopeParts } from './state.js';
export { decideRollout, type RolloutInput, type RolloutDecision } from './decision.js';
export { judgeStep, stageIndexOf, type SettingStep, type StepPoint, type StepJudgement, type StepOutcome } from './progressive.js';
export { settingSteps, type BaseHistory, type HistoryCommit } from './history.js';
export { specificStep, type NextStepOptions } from './next-step.js';
