// Rollout plans, evidence and stage states: the shared types of src/rollout. The shapes reports
// show are the `rollout` contract in model.ts; these name them for the rollout code.
import type {
  RolloutCheck,
  RolloutCheckKind,
  RolloutEvidence,
  RolloutEvidenceState,
  RolloutPlanData,
  RolloutPlanStage,
  RolloutScope,
  RolloutStageReport,
  RolloutStageState,
} from '../model.js';

export type StageScope = RolloutScope;
export type CheckKind = RolloutCheckKind;
export type StageCheck = RolloutCheck;
export type PlanStage = RolloutPlanStage;
/** A parsed rollout plan: ordered stages with scopes, bakes and health checks, and where it was read from. */
export type Plan = RolloutPlanData;
export type EvidenceState = RolloutEvidenceState;
export type StageState = RolloutStageState;
export type StageStatus = RolloutStageReport;

/** One piece of evidence about one stage. */
export interface Evidence extends RolloutEvidence {
  /** The plan stage it is about, by name. */
  stage: string;
}

/** Where each stage of a plan stands, from its evidence and the clock. */
export interface RolloutState {
  stages: StageStatus[];
  /** Every stage done and none failed. */
  satisfied: boolean;
  /** One line: what holds the rollout, or that it is complete. */
  next: string;
  /** Stage names the evidence mentions that the plan does not have. */
  unknownStages: string[];
}
