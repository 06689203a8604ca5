// Rollout plans, evidence and stage states: the shared types of src/rollout.

/** Who a stage reaches. At least one part is set. */
export interface StageScope {
  /** Percent of traffic / fleet, 0 < share ≤ 100. */
  share?: number;
  regions?: string[];
  hosts?: string[];
  environments?: string[];
  cohort?: string;
}

export type CheckKind = 'check-run' | 'status' | 'deployment';

export interface StageCheck {
  kind: CheckKind;
  name: string;
}

export interface PlanStage {
  name: string;
  scope: StageScope;
  /** The bake as written (`30m`, `2h`, `1d`). */
  bake: string;
  /** The bake in minutes, parsed from `bake`. */
  bakeMinutes: number;
  checks: StageCheck[];
  rollback?: string;
  /** Line of the stage in the plan file, where known. */
  line?: number;
}

export interface Plan {
  /** Where the plan was read from (a path as shown to users). */
  source: string;
  stages: PlanStage[];
}

export type EvidenceState = 'success' | 'failure' | 'pending';

/** One piece of evidence about one stage. */
export interface Evidence {
  stage: string;
  state: EvidenceState;
  /** ISO 8601 time, as given. */
  at: string;
  url?: string;
  /** What produced it: `file` for an evidence file, else deployment, status, check-run. */
  kind: string;
  /** Its name at the producer; the stage name when the producer gave none. */
  name: string;
}

export type StageState = 'done' | 'baking' | 'pending' | 'failed';

export interface StageStatus {
  name: string;
  scope: StageScope;
  state: StageState;
  /** Since when the stage has been in its current state (ISO), where known. */
  since?: string;
  /** For a baking stage: whole minutes until its bake ends (rounded up). */
  bakeLeftMinutes?: number;
  /** The evidence for this stage, oldest first. */
  evidence: Array<Omit<Evidence, 'stage'>>;
}

export interface RolloutState {
  stages: StageStatus[];
  /** Every stage done and none failed. */
  satisfied: boolean;
  /** One line: what holds the rollout, or that it is complete. */
  next: string;
  /** Stage names the evidence mentions that the plan does not have. */
  unknownStages: string[];
}
