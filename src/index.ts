// The public API of configgate, and nothing else.
export type * from './model.js';
export type { Inventory, Analyzer, AnalyzeContext, AnalyzeOptions, AnalyzerDefinition } from './analyze/types.js';
export type { SignalKind } from './analyze/signals.js';
export type { Policy, PolicyContext, PolicyMeta, PolicyMatch, PolicyReport, PolicyExample } from './evaluate/types.js';
export type { RunOptions } from './run.js';
export type { GateSetup, ConfigFileData, TrustedReader } from './config/index.js';
export type { LoadLimits } from './load/index.js';
export type { CheckInput, CheckOptions, MemoryChange, GitChange } from './check.js';
export type { ReportFormat, RenderOptions } from './report/index.js';

export { check, format } from './check.js';
export { InputError } from './errors.js';
export { runGate, setupFor } from './run.js';
export { runPipeline } from './gate.js';
export { parseConfigFile } from './load/index.js';
export { compareSources, gitChangeSet } from './sources/index.js';
export { diffDocuments, diffFile, applyChanges, applyDocumentChanges } from './diff/index.js';
export { analyze, defineAnalyzer, optionsFor, BUILTIN_ANALYZERS } from './analyze/index.js';
export { matchKey, matchValue, type Vocabulary } from './analyze/kit/keys.js';
export { makeSignal, locatedAt, type SignalInit } from './analyze/kit/signal.js';
export { parseQuantity, parseDuration, parseNumber, parsePercent, parseRatio, parseKeyedQuantity } from './analyze/kit/quantities.js';
export { definePolicy, loadDataPolicy, evaluatePolicies, PolicyRegistry } from './evaluate/index.js';
export { runPolicyExamples, evaluateExample } from './evaluate/tester.js';
export { decide, crosses } from './decide.js';
export { loadSetup, parseConfig, fsReader, gitReader } from './config/index.js';
export { render, renderText, renderJson, renderMarkdown, renderSarif, selectAnnotations } from './report/index.js';
export type { RolloutInput } from './rollout/decision.js';
export type { BaseHistory, HistoryCommit } from './rollout/history.js';
export type { Evidence, Plan, RolloutState } from './rollout/types.js';
export type { GitHubEvidenceOptions } from './rollout/github.js';
export {
  parsePlan,
  parsePlanText,
  checkPlanLimits,
  parseEvidence,
  parseEvidenceText,
  readEvidenceFile,
  stageStates,
  DEFAULT_PLAN_LIMITS,
} from './rollout/index.js';
export { decideRollout } from './rollout/decision.js';
export { githubEvidence } from './rollout/github.js';
export { gitBaseHistory } from './rollout/git-history.js';
export { settingSteps } from './rollout/history.js';
export { rolloutInput, DEFAULT_PLAN_PATH } from './rollout/input.js';
