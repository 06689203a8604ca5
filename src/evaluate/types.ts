import type { Change, ChangeKind, FileDiff, JsonPath, Level, Signal, SignalType } from '../model.js';
import type { Inventory } from '../analyze/types.js';

/**
 * A policy's level: the config binds off, warn, rollout or block; a policy may also default to
 * `notice` (reported, never counted toward the verdict), as the gate's waiver notices do.
 */
export type PolicyLevel = Level | 'notice';

/** One example embedded in a policy: a before and after document (valid: no finding; invalid: the message ids expected), run by `configgate test` and the test suite. */
export interface PolicyExample {
  /** What the example shows, for test names. */
  name?: string;
  /** Optional file name the example pretends to be (default `config.yaml`). */
  file?: string;
  before: unknown;
  after: unknown;
  /** For invalid examples: the message ids expected (in order), or just a count. */
  expect?: string[];
  inventory?: Inventory;
  options?: Record<string, unknown>;
  /** A JSON Schema bound to the example's file (as `schemas:` in .configgate.yml binds one). */
  schema?: object;
}

/** What a policy says about itself: description, rationale, default level, message templates by id, examples. */
export interface PolicyMeta {
  description: string;
  /** Which incident class the policy prevents. */
  rationale?: string;
  /** Level used when the config does not name the policy. */
  defaultLevel: PolicyLevel;
  /** messageId → template; `{{ name }}` placeholders are filled from the report's data. */
  messages: Record<string, string>;
  docs?: string;
  /**
   * A generic policy (such as `blast-radius.limit`) that speaks only where no specific
   * policy has: it is evaluated last and skips what another policy already reported.
   */
  fallback?: boolean;
  /**
   * What "large" means for the signal kinds this policy judges (see PolicyThreshold): the
   * policy is run only on signals of these kinds that reach it, and a fallback policy counts a
   * signal of a claimed kind only where some enabled claimant's threshold is reached.
   */
  threshold?: PolicyThreshold;
  examples?: { valid: PolicyExample[]; invalid: PolicyExample[] };
}

/**
 * A policy's magnitude threshold. Analyzers report facts (a share removed, a growth factor, a
 * volume factor); the policy that judges a kind says, at its own options, from what size on
 * the fact matters.
 */
export interface PolicyThreshold {
  /** Signal kinds this policy claims: for them, size is this policy's call. */
  kinds: readonly string[];
  /** Whether the signal's magnitude reaches the threshold at the options in `ctx`. */
  reached(signal: Signal, ctx: PolicyContext<Record<string, unknown>>): boolean;
}

/** Where a policy looks: empty means everywhere. */
export interface PolicyMatch {
  /** File globs (picomatch). */
  files?: string[];
  /** Dotted path patterns: `spec.replicas`, `**.logLevel`, `routes[*].weight` (`*` one segment, `**` any). */
  paths?: string[];
  kinds?: ChangeKind[];
  /** When set, the policy is evaluated once per signal of these types instead of per change. */
  signals?: SignalType[];
}

/** What a policy passes to `ctx.report()`: a message id and its data; the location defaults to the change or signal under evaluation. */
export interface PolicyReport {
  messageId: string;
  /** A message already rendered (data policies render their own CEL templates). */
  message?: string;
  data?: Record<string, unknown>;
  /** Location: taken from the change or signal under evaluation unless given. */
  file?: string;
  path?: string;
  line?: number;
  /** 1-based column on `line`; found from the subject's path when not given. */
  column?: number;
  before?: unknown;
  after?: unknown;
}

/** What a policy sees while it runs: its options as bound by the config, the inventory, the file and documents, and `report()`. */
export interface PolicyContext<Options> {
  options: Options;
  inventory?: Inventory;
  /** The file the current change or signal belongs to. */
  file: FileDiff;
  /** The whole before / after document of the current change or signal. */
  oldDocument: unknown;
  newDocument: unknown;
  report(report: PolicyReport): void;
}

/** One shape for every policy: built-in or user's, YAML or TypeScript. */
export interface Policy<Options = Record<string, unknown>> {
  id: string;
  meta: PolicyMeta;
  /** JSON Schema of the options (validated with ajv when the config is loaded). */
  optionsSchema?: object;
  defaultOptions?: Options;
  match?: PolicyMatch;
  /** Where it came from: a file path, `builtin:<file>`, or `api`. */
  source: string;
  checkChange?(change: Change, ctx: PolicyContext<Options>): void;
  checkSignal?(signal: Signal, ctx: PolicyContext<Options>): void;
}

export type { JsonPath };
