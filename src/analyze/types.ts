import type { FileDiff, Placement, Signal, TemplateEdit } from '../model.js';
import { SIGNAL_CATALOGUE, type CatalogueType as SignalType } from './signals.js';
import { optionsValidator } from '../ajv.js';

/**
 * The inventory: facts about the estate kept in the repository (inventory.yml), used to
 * compute blast radius. Every part is optional: zero configuration still works, and a
 * missing fact is named in `Signal.missing` rather than guessed.
 */
export interface Inventory {
  /** Traffic share (percent, 0–100) per scope name, grouped by dimension: { region: { "eu-west-1": 30, … } }. */
  traffic?: Record<string, Record<string, number>>;
  /** Pools / clusters / upstreams: capacity and current load in one unit (rps by default). */
  pools?: Record<string, { capacity: number; load?: number; unit?: string; scope?: string }>;
  /** The caller registry. */
  callers?: Array<{
    id: string;
    internal?: boolean;
    plan?: string;
    endpoints?: string[];
    /** Peak requests this caller makes per window (`second`, `minute`, `hour`, `day`, `month`), to compare rate limits with. */
    usage?: Record<string, number>;
  }>;
  /** Current usage per quota path or name, to compare lowered quotas against. */
  usage?: Record<string, number>;
  /** The host registry: every host by name, with the pool it serves in and its capacity; drain lists and maintenance globs are counted against it. */
  hosts?: Record<string, { pool?: string; region?: string; capacity?: number; unit?: string }>;
  /** Workloads by name: the labels of their pods, so a Service selector can be checked against what it selects. */
  workloads?: Record<string, { labels: Record<string, string>; namespace?: string }>;
  /**
   * Shared health checks (a target group, an upstream, a mesh-wide outlier detection) by name:
   * the share of traffic (percent) the backends behind it serve, and how many there are.
   */
  healthChecks?: Record<string, { share?: number; backends?: number; description?: string }>;
  /** The egress flows each workload needs (by workload name or app label): a policy that drops one breaks it. */
  egress?: Record<string, Array<{ to?: string; port: number; protocol?: string; description?: string }>>;
  /**
   * BGP sessions the files alone cannot count: peers of a speaker may sit in files a change does
   * not touch (a MetalLB or Calico `BGPPeer` per file). `speakers` by name (`metallb`, `calico`, a
   * router's name, router id or local AS): how many peers it has; `peers`: the same for an estate
   * with one speaker.
   */
  bgp?: { peers?: number; speakers?: Record<string, { peers: number; description?: string }> };
  /** Consumer limits on the rows of (generated) data files: a file glob, an optional path pattern, the most rows its consumer takes. */
  limits?: Array<{ file: string; path?: string; maxItems: number; consumer?: string; description?: string }>;
  /** Path of the inventory file, for messages. */
  source?: string;
}

/** Configuration steering the analyzers where key names are unusual. */
export interface AnalyzeOptions {
  /** Path pattern (dotted, `*`, `**`) → analyzer name, forcing recognition. */
  analyzers?: Array<{ files?: string[]; path: string; analyzer: string }>;
  /** Headroom kept free on receiving pools, percent (default 20). */
  headroom?: number;
  /** JSON Schemas bound to files: glob → parsed schema object. */
  schemas?: Array<{ files: string[]; schema: object; source: string }>;
}

/** What every analyzer is given besides the changes: the inventory and the configured options. */
export interface AnalyzeContext {
  inventory?: Inventory;
  options: AnalyzeOptions;
  /**
   * Each analyzer's own options by analyzer name (`analyzerOptions.<name>` in `.configgate.yml`),
   * validated against the analyzer's `options` schema before the analyzers run.
   */
  analyzerOptions?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  /**
   * Facts about the repository from the source: configuration files on the base side (when a file
   * is deleted), and where the change's new files land (what the base held around them, who names them).
   */
  repository?: { baseConfigFiles?: number; placement?: Placement };
  /**
   * The base's configuration files the change leaves as they are, searched by text: whether an
   * unchanged file still uses a name the change deletes. Absent when the source cannot look
   * (then nobody knows, and a finding says which fact would tell). Ask only when it matters: each
   * search runs a process or reads files.
   */
  unchangedBase?: UnchangedBase;
  /**
   * The lines the change removes from and adds to its template files (a chart's `templates/`),
   * which are skipped rather than parsed: where an added values key came from (kit/lifted.ts).
   * Absent when the change edits no template.
   */
  templates?: readonly TemplateEdit[];
}

/** Unchanged configuration of the base, read on demand (load/unchanged-base.ts). */
export interface UnchangedBase {
  /**
   * The parsed documents of each unchanged configuration file whose text holds one of `needles`
   * (fixed strings) and whose path `where` accepts, a bounded number of them; undefined when the
   * search itself failed. A file that does not parse is left out.
   */
  containing(needles: readonly string[], where?: (path: string) => boolean): Array<{ path: string; documents: unknown[] }> | undefined;
}

/** The options given to analyzer `name` (validated by the registry), or `{}`. */
export function optionsFor<T extends object>(ctx: AnalyzeContext, name: string): Partial<T> {
  return (ctx.analyzerOptions?.[name] ?? {}) as Partial<T>;
}

/** An analyzer is a pure function from diffed files to signals. */
export type Analyzer = (files: readonly FileDiff[], ctx: AnalyzeContext) => Signal[];

/**
 * An analyzer as a declared unit (Stylelint's rule folders, ESLint's `meta`): its name, the
 * signal types it may emit (from the catalogue), the options it accepts (a JSON Schema, read
 * from `.configgate.yml` under `analyzerOptions.<name>`), and the pure function itself.
 */
export interface AnalyzerDefinition {
  readonly name: string;
  /** One line: what this analyzer recognises. */
  readonly doc: string;
  /** Signal types this analyzer may emit; a signal of another type is a bug the registry rejects. */
  readonly signals: readonly SignalType[];
  /** JSON Schema (draft-07) of its options; absent when it takes none. */
  readonly options?: Readonly<Record<string, unknown>>;
  readonly analyze: Analyzer;
}

const ANALYZER_NAME = /^[a-z][a-z0-9-]*$/;

/** Declares an analyzer, checking its shape once, when it is defined. */
export function defineAnalyzer(definition: AnalyzerDefinition): AnalyzerDefinition {
  return checkedAnalyzer(definition, true);
}

/**
 * A built-in analyzer: checked as {@link defineAnalyzer} checks, but its options schema is compiled
 * by the tests (test/analyze/registry.test.ts) and when a config gives it options, not every time the
 * engine is imported: thirteen schemas cost a cold start more than the rest of its checks together.
 */
export function defineBuiltinAnalyzer(definition: AnalyzerDefinition): AnalyzerDefinition {
  return checkedAnalyzer(definition, false);
}

function checkedAnalyzer(definition: AnalyzerDefinition, compileOptions: boolean): AnalyzerDefinition {
  if (!ANALYZER_NAME.test(definition.name)) throw new Error(`analyzer "${definition.name}": the name must be lower-case words joined by -`);
  if (!definition.doc.trim()) throw new Error(`analyzer "${definition.name}": doc is empty`);
  if (definition.signals.length === 0) throw new Error(`analyzer "${definition.name}": declares no signal types`);
  for (const type of definition.signals) {
    if (!(type in SIGNAL_CATALOGUE)) throw new Error(`analyzer "${definition.name}": unknown signal type "${type}"`);
  }
  if (typeof definition.analyze !== 'function') throw new Error(`analyzer "${definition.name}": analyze is not a function`);
  if (definition.options !== undefined) checkOptionsSchema(definition.name, definition.options, compileOptions);
  return Object.freeze({ ...definition, signals: Object.freeze([...definition.signals]) });
}

/** An options schema is an object schema that compiles (once: the registry reuses the compiled validator). */
function checkOptionsSchema(name: string, schema: Readonly<Record<string, unknown>>, compile: boolean): void {
  if (schema.type !== 'object') throw new Error(`analyzer "${name}": the options schema must be of type "object"`);
  if (!compile) return;
  try {
    optionsValidator(schema);
  } catch (error) {
    throw new Error(`analyzer "${name}": the options schema does not compile: ${(error as Error).message}`, { cause: error });
  }
}
