// src/rollout: staged-rollout plans, evidence and stage states (foundation; not yet wired into decide).
export * from './types.js';
export { parseDuration, formatMinutes, DURATION_UNITS } from './duration.js';
export { parsePlan, parsePlanText, checkPlanLimits, DEFAULT_PLAN_LIMITS, type PlanLimits, type PlanLimitFact, type PlanLimitId } from './plan.js';
export { parseEvidence, parseEvidenceText, readEvidenceFile } from './evidence.js';
export { stageStates, scopeParts } from './state.js';
