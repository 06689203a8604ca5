// The shared types of the data path: sources → load → diff → analyze → evaluate → decide → report.
// Every stage takes and returns these; no stage knows the ones after it.

import type { CatalogueType, SignalKind } from './analyze/signals.js';

export type { SignalKind };

/** One step of a path into a document: a map key or a list index. */
export type PathSegment = string | number;
/** A path into one document: object keys and array indices (after-side indices, before-side for removals). */
export type JsonPath = readonly PathSegment[];

/** The formats a configuration file is read as. */
export type Format = 'yaml' | 'json' | 'json5' | 'properties' | 'xml' | 'toml' | 'ini' | 'env';

/** A place in a file: 1-based line and column. */
export interface Position {
  /** 1-based */
  line: number;
  /** 1-based */
  column: number;
}

/** One parsed configuration file, with the position of every value. */
export interface ConfigFile {
  /** Repository-relative, forward slashes. */
  path: string;
  format: Format;
  /** One entry per YAML document; JSON has exactly one. */
  documents: unknown[];
  /** Position of the value at `path` in document `doc`; falls back to the nearest located ancestor. */
  locate(doc: number, path: JsonPath): Position;
  /** Size of the source in bytes. */
  bytes: number;
}

/** The raw text of one side of a file, as a source produced it. */
export interface FileBlob {
  path: string;
  /** undefined when the source could not read it as text (binary). */
  text?: string;
  bytes: number;
  binary?: boolean;
  /**
   * Why this side could not be read as configuration text (binary, not valid UTF-8, a symbolic
   * link outside the repository): on the after side a `gate.unparseable` finding, on the before
   * side the file is compared as new.
   */
  unreadable?: { reason: string; line?: number };
}

/** How a file changed between the two sides. */
export type FileStatus = 'added' | 'deleted' | 'modified' | 'renamed';

/** One changed file as the source reports it, before parsing. */
export interface FileDelta {
  status: FileStatus;
  /** The after-side path; for deletions, the before-side path. */
  path: string;
  /** Set on renames. */
  oldPath?: string;
  /** A configuration file renamed out of the `files` globs (a.yaml → a.yaml.txt): its new name; the file is judged as deleted. */
  movedTo?: string;
  before?: FileBlob;
  after?: FileBlob;
}

/** A change set from any source: two folders, two git refs, the index, a pull request. */
export interface ChangeSet {
  /** Human label of each side, e.g. "origin/main", "index", "old/". */
  baseLabel: string;
  headLabel: string;
  files: FileDelta[];
  /** Changed files that are not configuration (not matched by `files:` globs, binary…). */
  skipped: SkippedFile[];
  /** Configuration files on the base side, counted when the change deletes one (its share of the repository). */
  baseConfigFiles?: number;
  /**
   * What the base held around the change's new configuration files, and who names them: set by a
   * source that could list the base (absent: nothing is known, and a new file is judged as reaching
   * what runs).
   */
  placement?: Placement;
  /**
   * The base's configuration files the change does not touch, searched by text when an analyzer
   * asks (a pool or BGP peer deleted: does an unchanged file still use it?). Absent when the
   * source cannot look (the GitHub API without a checkout): then nobody knows.
   */
  unchangedBase?: UnchangedBaseSearch;
}

/** A source's search of the unchanged configuration files of the base (sources/unchanged-base.ts). */
export interface UnchangedBaseSearch {
  /** Paths of the base's configuration files outside the change whose text holds one of `needles` (fixed strings, any case); undefined when the search failed. */
  find(needles: readonly string[]): string[] | undefined;
  /** The text of one of those files, or undefined when it cannot be read as text. */
  read(path: string): string | undefined;
}

/**
 * Facts for telling a new component's first files (nothing running reads them yet) from a file
 * dropped among live configuration (every process reading that folder reads it).
 */
export interface Placement {
  /** Every folder holding a file on the base side, its ancestors included ('' is the top folder). */
  baseFolders: readonly string[];
  /** The configuration files of the base side. */
  baseConfigFiles: readonly string[];
  /**
   * By added configuration file: the files on the head side that name it (documentation left out).
   * A file not listed here was not searched (the source could not, or there were too many candidates).
   */
  readers?: Readonly<Record<string, Readers>>;
}

/** Files naming an added file, split by whether they existed on the base side. */
export interface Readers {
  /** Files the base already had: something that runs today may read the new file through them. */
  existing: readonly string[];
  /** Files the change adds. */
  added: readonly string[];
}

/**
 * The lines a change removes from and adds to a template file (skipped as a template: read as
 * lines, never parsed or executed). Lines are compared whole; each keeps its 1-based line number
 * on its side.
 */
export interface TemplateEdit {
  path: string;
  removed: readonly EditedLine[];
  added: readonly EditedLine[];
}

/** One changed line of a side of a file. */
export interface EditedLine {
  line: number;
  text: string;
  /** The nearest unchanged line above it on its side (undefined at the top): a removed and an added line with the same anchor sit at the same place. */
  anchor?: string;
}

/** A changed file the gate did not judge, and why (not configuration, ignored, binary, too large). */
export interface SkippedFile {
  path: string;
  reason: 'binary' | 'not-config' | 'ignored' | 'too-large' | 'template' | 'submodule';
  /** Why, in words, when the reason alone does not say it (which template language, on which line). */
  detail?: string;
}

/**
 * What a file is beyond its format. `generated`: written by a program, judged by the size and
 * duplicate policies only. `describes`: an API, schema or dashboard, not a running system's settings.
 */
export interface FileRole {
  kind: 'generated' | 'describes';
  /** One line: the marker, folder or document kind that gave the role. */
  reason: string;
  /**
   * Set when the role is some documents' only (a CRD among ordinary manifests): their indices on
   * each side. A change or signal belongs to the before-side list when it removes a whole document.
   */
  documents?: { before: number[]; after: number[] };
}

/** How a value changed: added, removed, modified, or moved within a list. */
export type ChangeKind = 'added' | 'removed' | 'modified' | 'moved';

/** One structural change inside one file. */
export interface Change {
  file: string;
  /** Document index in the after file (before file for a whole removed document). */
  document: number;
  /** Path inside the document; array indices are after-side, except the last one of a `removed` change. */
  path: JsonPath;
  /** Readable path with identities: `spec.routes[name=api].weight`. */
  pathText: string;
  kind: ChangeKind;
  before?: unknown;
  after?: unknown;
  /** Line on the after side; on the before side for removals. */
  line: number;
  /** Line on the before side, when there is one. */
  beforeLine?: number;
  /** For `moved`: before-side and after-side index in the parent array. */
  from?: number;
  to?: number;
  /**
   * For `removed`: where the same entry is found again among what the change adds elsewhere in the
   * file (under another parent), unchanged or edited under the same name.
   */
  movedTo?: { document: number; path: JsonPath; line: number };
}

/** A parsed, diffed file: what the analyzers and policies see. */
export interface FileDiff {
  path: string;
  oldPath?: string;
  status: FileStatus;
  before?: ConfigFile;
  after?: ConfigFile;
  changes: Change[];
  /** Set when the file is generated or describes rather than configures: it is judged accordingly. */
  role?: FileRole;
}

// ── analyze ────────────────────────────────────────────────────────────────


/** Which way a signal points: risky (verbosity up, capacity down…), safe (the reverse) or neutral. */
export type Direction = 'risky' | 'safe' | 'neutral';

/** A signal type: a key of SIGNAL_CATALOGUE (src/analyze/signals.ts). */
export type SignalType = CatalogueType;

/** How far a signal reaches. */
export interface Scope {
  /** What kind of thing the share is of: traffic, hosts, callers, regions… */
  dimension: string;
  /** Names of the scopes reached, e.g. ["eu-west-1"], or ["*"] for everything. */
  targets: string[];
  /** Share reached, 0–100 (percent). */
  share: number;
  /** How the share was obtained: from the inventory, or assumed (unscoped key → 100%). */
  basis: 'inventory' | 'assumed' | 'config';
}

/** A typed fact about what a change means, with numbers. */
export interface Signal {
  type: SignalType;
  /** Short machine-readable kind within the type, e.g. "level-raised", "pool-overloaded" (see SIGNAL_CATALOGUE). */
  kind: SignalKind;
  direction: Direction;
  file: string;
  document: number;
  path: JsonPath;
  pathText: string;
  line: number;
  /** The changes this signal was read from. */
  changes: Change[];
  scope: Scope;
  /** A one-line statement of the meaning, for reports: "log level info → debug on all regions". */
  summary: string;
  /** Type-specific numbers: from/to levels, volume factor, projected load, callers… */
  data: Record<string, unknown>;
  /** Facts that would sharpen the verdict if they were in the inventory. */
  missing?: string[];
}

// ── evaluate / decide ──────────────────────────────────────────────────────

/** How hard a policy is enforced, set where it is used (config), not by the policy. */
export type Level = 'off' | 'warn' | 'rollout' | 'block';
/** The one outcome of a run: pass, warn, needs-rollout or block. */
export type Verdict = 'pass' | 'warn' | 'needs-rollout' | 'block';

/** What a policy (or the gate itself) reports: policy id, level, message id, file, path, line and a message a person can act on. */
export interface Finding {
  policy: string;
  /** Effective level after config and overrides. */
  level: Exclude<Level, 'off'> | 'notice';
  messageId: string;
  file: string;
  /** Readable path (`Change.pathText`), '' for file-level findings. */
  path: string;
  line: number;
  /**
   * 1-based column on `line`: where the value at `path` is written (its key, or the list item),
   * else the first character of the line. Absent when not known (a hand-built finding, no line).
   */
  column?: number;
  message: string;
  before?: unknown;
  after?: unknown;
  /** Index into `GateResult.signals` when the finding was raised on a signal. */
  signal?: number;
  /** Set when a waiver covers this finding; a waived finding does not count toward the verdict. */
  waivedBy?: string;
}

/** An exception from `waivers:` in the config: a policy (and optionally files and a path) waived, with an owner, a reason and an expiry date. */
export interface Waiver {
  id: string;
  policy: string;
  /** File globs; absent means every file. */
  files?: string[];
  /** Path pattern inside files (dotted, `*`, `**`). */
  path?: string;
  reason: string;
  owner: string;
  /** ISO date (YYYY-MM-DD) after which the waiver no longer applies. */
  expires: string;
  /** File globs it does not reach: the folders of nested configs that say `root: true`. */
  exclude?: string[];
}

/** What became of one waiver in a run: applied, unused, expired or expiring, and how many findings it covered. */
export interface WaiverStatus {
  waiver: Waiver;
  state: 'applied' | 'unused' | 'expired' | 'expiring';
  /** Findings it covered. */
  matched: number;
  daysLeft: number;
}

/** Findings at each level (unwaived), and how many were waived. */
export interface Counts {
  block: number;
  rollout: number;
  warn: number;
  notice: number;
  waived: number;
}

/** Everything the gate decided, from which every report is rendered. */
export interface GateResult {
  verdict: Verdict;
  counts: Counts;
  findings: Finding[];
  signals: Signal[];
  files: FileSummary[];
  skipped: SkippedFile[];
  waivers: WaiverStatus[];
  baseLabel: string;
  headLabel: string;
  /** Whether the verdict crosses the fail threshold: the exit code is computed from this alone. */
  failed: boolean;
  failOn: FailOn;
  /** Present when a finding needs a staged rollout: where the rollout stands (computed by decide). */
  rollout?: RolloutReport;
  /** Set when the policies, config or inventory themselves changed in this change set. */
  policyFilesChanged?: string[];
}

/** A stage of the default plan in `.configgate.yml` (`rollout.stages`): a share and a bake. */
export interface RolloutStage {
  name: string;
  /** Share of traffic / fleet reached at this stage, percent. */
  share: number;
  /** Minimum time on this stage before widening, minutes. */
  bakeMinutes: number;
}

// ── rollout (the `rollout` JSON contract) ──────────────────────────────────

/** Who a stage reaches. At least one part is set. */
export interface RolloutScope {
  /** Percent of traffic / fleet, 0 < share ≤ 100. */
  share?: number;
  regions?: string[];
  hosts?: string[];
  environments?: string[];
  cohort?: string;
}

/** The kinds of health evidence a stage may require: a check run, a commit status or a deployment. */
export type RolloutCheckKind = 'check-run' | 'status' | 'deployment';

/** Health evidence a stage requires before the next one: a check run, a commit-status context, a deployment environment. */
export interface RolloutCheck {
  kind: RolloutCheckKind;
  name: string;
}

/** One stage of a rollout plan as reports show it. */
export interface RolloutPlanStage {
  name: string;
  scope: RolloutScope;
  /** The bake as written (`30m`, `2h`, `1d`). */
  bake: string;
  /** The bake in minutes, parsed from `bake`. */
  bakeMinutes: number;
  checks: RolloutCheck[];
  rollback?: string;
  /** Line of the stage in the plan file, where known. */
  line?: number;
}

/** A rollout plan as reports show it: where it came from and its stages. */
export interface RolloutPlanData {
  /** Where the plan was read from (a path as shown to users, or `(config)` / `(default)`). */
  source: string;
  stages: RolloutPlanStage[];
}

/** The state of one piece of rollout evidence. */
export type RolloutEvidenceState = 'success' | 'failure' | 'pending';

/** One piece of evidence as reports show it. */
export interface RolloutEvidence {
  /** What produced it: `file`, `deployment`, `status`, `check-run`, or `commit` (a stage landing on the base branch). */
  kind: string;
  /** Its name at the producer (an environment, a context, a check, a commit). */
  name: string;
  state: RolloutEvidenceState;
  /** ISO 8601 time. */
  at: string;
  url?: string;
}

/** Where a stage stands: done, baking, pending or failed. */
export type RolloutStageState = 'done' | 'baking' | 'pending' | 'failed';

/** One stage of a rollout with its state, bake left and evidence. */
export interface RolloutStageReport {
  name: string;
  scope: RolloutScope;
  state: RolloutStageState;
  /** Since when the stage has been in its current state (ISO), where known. */
  since?: string;
  /** For a baking stage: whole minutes until its bake ends (rounded up). */
  bakeLeftMinutes?: number;
  evidence: RolloutEvidence[];
}

/**
 * Where a staged rollout stands, computed by decide only. `progressive`: the config carries the
 * stage and the base branch's history shows how long each stage has been on it; `deploy`: the
 * pull request's head went through each stage of its plan, as evidence shows.
 */
export interface RolloutReport {
  mode: 'progressive' | 'deploy';
  plan: RolloutPlanData;
  stages: RolloutStageReport[];
  /** Every stage the change needs is done: a needs-rollout verdict becomes pass. */
  satisfied: boolean;
  /** One line: what holds the rollout and the next step specific to this change, or that it is complete. */
  next: string;
  /** The findings at level rollout this rollout answers, as indices into `findings`. */
  findings: number[];
}

/** One judged file in a result: its path (and old path on a rename), status and structural changes. */
export interface FileSummary {
  path: string;
  oldPath?: string;
  status: FileStatus;
  changes: Change[];
}

/** The lowest verdict that fails the run. `never` reports but never fails. */
export type FailOn = 'warn' | 'rollout' | 'block' | 'never';
