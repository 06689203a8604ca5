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
/** A rollout plan as read: its source and ordered stages. */
export type Plan = RolloutPlanData;
export type EvidenceState = RolloutEvidenceState;
export type StageState = RolloutStageState;
export type StageStatus = RolloutStageReport;

/** One piece of evidence about one stage. */
export interface Evidence extends RolloutEvidence {
  /** The plan stage it is about, by name. */
  stage: string;
}

/** Where a plan's stages stand given the evidence and the clock: each stage's state, whether all are done, the next step. */
export interface RolloutState {
  stages: StageStatus[];
  /** Every stage done and none failed. */
  satisfied: boolean;
  /** One line: what holds the rollout, or that it is complete. */
  next: string;
  /** Stage names the evidence mentions that the plan does not have. */
  unknownStages: string[];
}
