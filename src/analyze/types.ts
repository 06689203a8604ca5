import type { FileDiff, Signal } from '../model.js';

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
  callers?: Array<{ id: string; internal?: boolean; plan?: string; endpoints?: string[] }>;
  /** Current usage per quota path or name, to compare lowered quotas against. */
  usage?: Record<string, number>;
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

export interface AnalyzeContext {
  inventory?: Inventory;
  options: AnalyzeOptions;
}

/** An analyzer is a pure function from diffed files to signals. */
export type Analyzer = (files: readonly FileDiff[], ctx: AnalyzeContext) => Signal[];
